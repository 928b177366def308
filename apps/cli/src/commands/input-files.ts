// Reading the files commands are given, and refusing them with every problem located.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import {
  type DescribedFormat,
  formatOfFileName,
  type InputIssue,
  lineInDescribed,
  parseDescribed,
} from "@scrutiny/domain";
import type { z } from "zod";
import { CliError } from "../cli-error.ts";

export function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export function readJson(file: string): unknown {
  const text = new TextDecoder().decode(readBytes(file));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Prints the located problems of a file and fails with their count. */
export function refuse(file: string, issues: readonly InputIssue[], outcome = "nothing was imported"): never {
  printIssues(file, issues);
  throw new CliError(
    `${issues.length === 1 ? "1 problem" : `${issues.length} problems`} in ${file}; ${outcome}`,
  );
}

/** Prints up to 50 located problems of a file to stderr. */
export function printIssues(file: string, issues: readonly InputIssue[]): void {
  for (const issue of issues.slice(0, 50)) {
    const where = [
      issue.line === undefined ? undefined : `line ${issue.line}`,
      issue.column === undefined || issue.column === ""
        ? undefined
        : typeof issue.column === "number"
          ? `column ${issue.column}`
          : `column "${issue.column}"`,
      issue.path === undefined ? undefined : issue.path.join("."),
    ]
      .filter((part) => part !== undefined)
      .join(", ");
    process.stderr.write(`${basename(file)}${where ? `: ${where}` : ""}: ${issue.message} [${issue.code}]\n`);
  }
  if (issues.length > 50) process.stderr.write(`... and ${issues.length - 50} more\n`);
}

/** A hand-written description (JSON or YAML by its extension), checked by `schema`, or refused. */
export function readDescribed<S extends z.ZodType>(
  file: string,
  schema: S,
): { value: z.output<S>; text: string; format: DescribedFormat } {
  const format = formatOfFileName(file);
  if (format === undefined) throw new CliError(`${file}: name a .json, .yaml or .yml file`);
  const text = new TextDecoder().decode(readBytes(file));
  const parsed = parseDescribed(schema, text, format);
  if (!parsed.ok) refuse(file, parsed.error, "nothing was stored");
  return { value: parsed.value, text, format };
}

/** Refuses a described file with problems found later (by the store), each located in the file. */
export function refuseDescribed(
  file: string,
  text: string,
  format: DescribedFormat,
  issues: readonly InputIssue[],
): never {
  refuse(
    file,
    issues.map((issue) => {
      const line = issue.path === undefined ? undefined : lineInDescribed(text, format, issue.path);
      return line === undefined ? issue : { ...issue, line };
    }),
    "nothing was stored",
  );
}
