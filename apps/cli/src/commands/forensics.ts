import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import {
  decodeText,
  describeExclusions,
  type InputIssue,
  isZip,
  parseResultsCsv,
  ResultsMapping,
  unzipSingleTable,
} from "@scrutiny/domain";
import { renderForensicsHtml, runForensics } from "@scrutiny/forensics";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";

interface ForensicsFlags {
  readonly preset?: string;
  readonly mapping?: string;
  readonly json?: boolean;
  readonly html?: string;
  readonly level?: string;
  readonly seed: string;
  readonly monteCarlo?: string;
  readonly bootstrap?: string;
  readonly fingerprint: boolean;
  readonly leader?: string;
  readonly strict?: boolean;
  readonly lrBootstrap?: string;
  readonly excluded?: string;
}

function readFileOrFail(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new CliError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new CliError(`invalid ${flag} "${value}": use a whole number`);
  return n;
}

/** One line summarising the first problems of a bad results file (the first says how many rows). */
function describeIssues(file: string, issues: readonly InputIssue[]): string {
  const shown = issues.slice(0, 4).map((i) => i.message);
  const last = issues[issues.length - 1];
  const more =
    issues.length > 4
      ? ` (+${issues.length - 4} more listed${last?.code === "more_issues" ? `; ${last.message}` : ""})`
      : "";
  return `${file}: ${shown.join("; ")}${more}`;
}

function csvCell(v: string | number): string {
  const t = String(v);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function registerForensics(program: Command): void {
  program
    .command("forensics")
    .description(
      "Statistical forensics of official per-station results (integer percentages, fingerprint, digits)",
    )
    .argument("<file>", "results as .csv, or a .zip holding one .csv")
    .option("--preset <name>", "column mapping preset (ru-cec)")
    .option("--mapping <file>", "column mapping as JSON (see docs/METHODS.md)")
    .option("--json", "print the report as one JSON object on stdout")
    .option("--html <out>", "write a self-contained HTML report")
    .option("--level <name>", "area level for the regional breakdown (default: the first, e.g. region)")
    .option("--seed <n>", "seed for Monte Carlo and bootstrap", "1")
    .option(
      "--monte-carlo <draws>",
      "also run the published Monte Carlo null with this many draws (e.g. 1000)",
    )
    .option("--bootstrap <n>", "bootstrap replicates for the fingerprint intervals", "200")
    .option(
      "--lr-bootstrap <n>",
      "parametric-bootstrap replicates for the fingerprint's likelihood-ratio test of fraud against no fraud (e.g. 99; slow)",
    )
    .option("--no-fingerprint", "skip the fingerprint model fit")
    .option(
      "--leader <name>",
      "contestant to analyse as leader (exact name or unique fragment); default: the national winner",
    )
    .option(
      "--strict",
      "refuse the file if any row would be left out (no protocol, missing counts, failing arithmetic)",
    )
    .option("--excluded <out.csv>", "write every row left out of the analysis, with line and reason, as CSV")
    .action((file: string, flags: ForensicsFlags) => {
      if (flags.preset && flags.mapping) throw new CliError("give either --preset or --mapping, not both");
      if (flags.preset && flags.preset !== "ru-cec")
        throw new CliError(`unknown preset "${flags.preset}": use ru-cec`);
      const seed = wholeNumber(flags.seed, "--seed") ?? 1;
      const monteCarloDraws = wholeNumber(flags.monteCarlo, "--monte-carlo");
      const bootstrap = wholeNumber(flags.bootstrap, "--bootstrap");
      const lrReplicates = wholeNumber(flags.lrBootstrap, "--lr-bootstrap");
      let mapping: ResultsMapping | undefined;
      if (flags.mapping) {
        let json: unknown;
        try {
          json = JSON.parse(new TextDecoder().decode(readFileOrFail(flags.mapping)));
        } catch (error) {
          if (error instanceof CliError) throw error;
          throw new CliError(`${flags.mapping}: not valid JSON (${(error as Error).message})`);
        }
        const parsed = ResultsMapping.safeParse(json);
        if (!parsed.success) {
          const first = parsed.error.issues[0];
          throw new CliError(
            `${flags.mapping}: ${first ? `${first.path.join(".")}: ${first.message}` : "invalid mapping"}`,
          );
        }
        mapping = parsed.data;
      }
      const progress = (step: string) => process.stderr.write(`… ${step}\n`);
      if (/\.xlsx?$/i.test(file))
        throw new CliError(`${file}: spreadsheets are not supported yet; save the sheet as CSV`);
      progress(`reading ${basename(file)}`);
      let bytes = readFileOrFail(file);
      if (isZip(bytes)) {
        const inner = unzipSingleTable(bytes);
        if (!inner.ok) throw new CliError(`${file}: ${inner.error.message}`);
        bytes = inner.value.bytes;
      }
      progress("parsing results");
      const parsed = parseResultsCsv(decodeText(bytes), {
        ...(mapping ? { mapping } : { preset: "ru-cec" as const }),
        ...(flags.leader !== undefined ? { leader: flags.leader } : {}),
        ...(flags.strict ? { strict: true } : {}),
      });
      if (!parsed.ok) throw new CliError(describeIssues(file, parsed.error));
      const { results, mapping: resolved, arithmeticFlags, exclusions, leaderRule } = parsed.value;
      if (exclusions.excluded > 0) progress(describeExclusions(exclusions.list, exclusions.rows));
      if (flags.excluded) {
        const rows = exclusions.list.map((r) =>
          [r.line, r.station, r.area, r.reason, r.detail].map(csvCell).join(","),
        );
        try {
          writeFileSync(flags.excluded, `${["line,station,area,reason,detail", ...rows].join("\n")}\n`);
        } catch (error) {
          throw new CliError(
            `cannot write ${flags.excluded}: ${(error as NodeJS.ErrnoException).code ?? ""}`,
          );
        }
        progress(`${exclusions.excluded} excluded rows written to ${flags.excluded}`);
      }
      if (flags.level && !results.areaLevels.some((l) => l.name === flags.level)) {
        throw new CliError(
          `no area level "${flags.level}"; the file has: ${results.areaLevels.map((l) => l.name).join(", ") || "none"}`,
        );
      }
      const report = runForensics(
        results,
        { relations: resolved.controls, flags: arithmeticFlags },
        {
          seed,
          ...(flags.level ? { level: flags.level } : {}),
          ...(monteCarloDraws ? { monteCarloDraws } : {}),
          ...(bootstrap !== undefined ? { bootstrap } : {}),
          ...(lrReplicates !== undefined ? { lrReplicates } : {}),
          skipFingerprint: !flags.fingerprint,
          onProgress: progress,
          exclusions,
          notes: resolved.notes,
          leaderRule,
        },
      );
      if (flags.html) {
        const html = renderForensicsHtml(report, `Election forensics: ${basename(file)}`);
        try {
          writeFileSync(flags.html, html);
        } catch (error) {
          throw new CliError(`cannot write ${flags.html}: ${(error as NodeJS.ErrnoException).code ?? ""}`);
        }
        progress(`HTML report written to ${flags.html}`);
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      const ip = report.integerPercentages;
      const lines = [
        `${basename(file)}: ${results.stationCount.toLocaleString("en-US")} stations analysed, leader ${report.election.leader}${leaderRule === "named" ? " (chosen)" : " (national winner; --leader to choose)"}`,
        ...(exclusions.excluded > 0
          ? [
              `${describeExclusions(exclusions.list, exclusions.rows)}${flags.excluded ? "" : " (list them with --excluded FILE)"}`,
            ]
          : []),
        ...resolved.notes.map((n) => `derived: ${n}`),
        `integer percentages: ${ip.observed} observed vs ${ip.expected.toFixed(1)} expected (sd ${ip.sd.toFixed(1)}) of ${ip.included} included; excess ${ip.excess.toFixed(1)}, z ${ip.z.toFixed(2)}`,
        `  turnout only: excess ${ip.turnoutOnly.excess.toFixed(1)} (z ${ip.turnoutOnly.z.toFixed(2)}); leader only: excess ${ip.leaderOnly.excess.toFixed(1)} (z ${ip.leaderOnly.z.toFixed(2)})`,
      ];
      const fp = report.fingerprint;
      if (fp) {
        lines.push(
          `fingerprint: f_i = ${fp.fit.fi.estimate.toFixed(3)} ± ${fp.fit.fi.se.toFixed(3)}, f_e = ${fp.fit.fe.estimate.toFixed(3)} ± ${fp.fit.fe.se.toFixed(3)}${fp.fit.onBound.length > 0 ? ` (on a bound: ${fp.fit.onBound.join(", ")})` : ""}`,
          `  ${fp.fit.noFraudTest.statement}`,
        );
      }
      lines.push(`arithmetic: ${report.arithmetic.flaggedStations} stations fail a control relation`);
      const top = report.breakdown?.areas.slice(0, 5) ?? [];
      if (top.length > 0) {
        lines.push(
          `strongest integer-percentage signal by ${report.breakdown?.level}: ${top.map((r) => `${r.area} (z ${r.integer.z.toFixed(1)})`).join(", ")}`,
        );
      }
      lines.push(report.caveat);
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
