// `scrutiny recompute PACKAGE`: anyone re-computes every figure of a published data package from
// the package's own files (a folder, a .zip, or the URL of either's zip) and compares them with
// the published ones as text. Exit 0 only when every file matches its hash and every figure is
// equal digit for digit; otherwise each difference is named.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { recomputePackage } from "@scrutiny/server";
import type { Command } from "commander";
import { unzipSync } from "fflate";
import { CliError } from "../cli-error.ts";

export function registerRecompute(program: Command): void {
  program
    .command("recompute")
    .argument("<package>", "a data package: its folder, its .zip, or the URL of its datapackage.zip")
    .description(
      "Recompute every figure of a published data package from its own files and compare them with the published ones, digit for digit",
    )
    .action(async (source: string) => {
      const files = await readPackageFiles(source);
      const report = recomputePackage(files);
      if (!report.ok) throw new CliError(`${source}: ${report.error}`);
      const { compared, mismatches, hashProblems } = report.value;
      for (const problem of hashProblems) process.stdout.write(`hash mismatch: ${problem}\n`);
      for (const m of mismatches.slice(0, 100)) {
        const what =
          m.published === null
            ? "not published but recomputed"
            : m.recomputed === null
              ? "published but not recomputed"
              : `published ${m.published || "(empty)"}, recomputed ${m.recomputed || "(empty)"}`;
        process.stdout.write(`figure differs: ${m.file} ${m.figure}: ${what}\n`);
      }
      if (mismatches.length > 100) process.stdout.write(`... and ${mismatches.length - 100} more\n`);
      if (mismatches.length > 0 || hashProblems.length > 0) {
        throw new CliError(
          `${mismatches.length} of ${compared} figures differ, ${hashProblems.length} files do not match their hashes`,
        );
      }
      process.stdout.write(`ok: ${compared} figures recomputed from the package's files, every one equal\n`);
    });
}

async function readPackageFiles(source: string): Promise<Map<string, Uint8Array>> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source).catch((error: Error) => {
      throw new CliError(`${source}: ${error.message}`);
    });
    if (!response.ok) throw new CliError(`${source}: HTTP ${response.status}`);
    return unzipped(new Uint8Array(await response.arrayBuffer()), source);
  }
  let isFolder: boolean;
  try {
    isFolder = statSync(source).isDirectory();
  } catch {
    throw new CliError(`${source}: no such file or folder`);
  }
  if (isFolder) {
    return new Map(
      readdirSync(source)
        .filter((name) => statSync(join(source, name)).isFile())
        .map((name) => [name, new Uint8Array(readFileSync(join(source, name)))]),
    );
  }
  return unzipped(new Uint8Array(readFileSync(source)), source);
}

/** The files of a zip, by name without the folder they were zipped in. */
function unzipped(bytes: Uint8Array, source: string): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new CliError(`${source}: not a zip (${(error as Error).message})`);
  }
  return new Map(
    Object.entries(entries)
      .filter(([path]) => !path.endsWith("/"))
      .map(([path, data]) => [basename(path), data]),
  );
}
