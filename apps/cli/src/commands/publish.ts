// `scrutiny publish`: a coordinator's snapshot from the command line, stored with its
// transparency-log entry exactly as the API stores it; `--out` also writes the package's files.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { publicationService } from "@scrutiny/server";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { missionByCode } from "./import.ts";
import { withStorageOptions } from "./storage-options.ts";

interface PublishFlags extends StorageFlags {
  readonly mission: string;
  readonly election?: string;
  readonly title?: string;
  readonly licence?: string;
  readonly planVersion?: string;
  readonly out?: string;
  readonly forensics?: string[];
}

export function registerPublish(program: Command): void {
  withStorageOptions(
    program
      .command("publish")
      .description(
        "Publish a mission's snapshot: every indicator with its interval and denominator, the methods and the data behind them without personal data, as an immutable data package recorded in the transparency log",
      )
      .requiredOption("--mission <code>", "code of the mission")
      .option("--election <code>", "code of the election, when several have a mission of that code")
      .option("--title <text>", "title of the publication")
      .option("--licence <id>", "CC-BY-4.0 (default), CC0-1.0, ODC-BY-1.0 or ODbL-1.0")
      .option("--plan-version <n>", "publish the figures under this plan version (default: the current plan)")
      .option("--out <dir>", "also write the package's files into this folder")
      .option(
        "--forensics <source>",
        "also publish the forensics of official results: 'official' (the election's own, by party), 'official:CONTEST' or a results set's id, optionally ':LEVEL' after it (repeatable)",
        (value: string, previous: string[] = []) => [...previous, value],
      ),
  ).action(async (flags: PublishFlags) => {
    const licences = ["CC-BY-4.0", "CC0-1.0", "ODC-BY-1.0", "ODbL-1.0"];
    if (flags.licence !== undefined && !licences.includes(flags.licence))
      throw new CliError(`--licence: one of ${licences.join(", ")}`);
    const planVersion = flags.planVersion === undefined ? undefined : Number(flags.planVersion);
    if (planVersion !== undefined && !(Number.isInteger(planVersion) && planVersion >= 1))
      throw new CliError("--plan-version: a whole number from 1");
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const mission = await missionByCode(store, flags.mission, flags.election);
      const published = await publicationService(store).publish(mission.id, null, {
        title: flags.title,
        licence: flags.licence,
        planVersion,
        forensics: (flags.forensics ?? []).map(forensicsRequest),
      });
      if (!published.ok) throw new CliError(published.error.message);
      const p = published.value;
      process.stdout.write(
        `published ${p.id}: ${p.files.length} files, datapackage.json sha256 ${p.contentHash}, log entry ${p.logIndex}\n`,
      );
      if (flags.out !== undefined) {
        mkdirSync(flags.out, { recursive: true });
        for (const file of await store.publications.files(p.id))
          writeFileSync(join(flags.out, file.name), file.bytes);
        process.stdout.write(`written to ${flags.out}; check with: scrutiny recompute ${flags.out}\n`);
      }
    } finally {
      await store.close();
    }
  });
}

/** `official`, `official:CONTEST`, `official:CONTEST:LEVEL`, `SET_ID` or `SET_ID:LEVEL`. */
function forensicsRequest(value: string): { source: string; contest?: string; level?: string } {
  const [source = "", ...rest] = value.split(":");
  if (source === "official") {
    const [contest, level] = rest;
    return {
      source,
      ...(contest ? { contest } : {}),
      ...(level ? { level } : {}),
    };
  }
  if (!/^[0-9a-f-]{36}$/i.test(source) || rest.length > 1)
    throw new CliError(`--forensics ${value}: 'official[:CONTEST[:LEVEL]]' or a results set's id[:LEVEL]`);
  return { source, ...(rest[0] ? { level: rest[0] } : {}) };
}
