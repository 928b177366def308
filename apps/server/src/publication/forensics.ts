// The forensics of official results, as a part of a data package: the results exactly as analysed
// (one row per station, areas by index, every contestant and protocol line), the inputs of the
// analysis (controls, leader, seed, what the parser left out) and the report the forensics service
// computed from those files. `recompute` runs the same job on the same files and compares the
// reports number by number; the bootstrap and Monte Carlo steps are seeded, so they recompute too.
import type { ControlRelation, ResultsExclusions, StationResults } from "@scrutiny/domain";
import type { ForensicsReport } from "@scrutiny/forensics";
import type { AnalysisOptions, ForensicsJob, ForensicsJobResult } from "../forensics/compute.ts";
import { markNonFinite } from "../forensics/json-numbers.ts";
import { readCsv, writeCsv } from "./csv.ts";

/** Where the analysed results came from. */
export interface ForensicsSource {
  readonly kind: "official" | "results-set";
  /** The results set's id (null for the election's own official results). */
  readonly id: string | null;
  readonly name: string;
  /** The contest analysed alone, or null for every contest by party. */
  readonly contest: string | null;
  /** SHA-256 of the uploaded file the results were read from (results sets). */
  readonly fileSha256: string | null;
}

/** Everything besides the station rows that the analysis reads. */
export interface ForensicsInputs {
  readonly source: ForensicsSource;
  readonly options: AnalysisOptions;
  readonly controls: readonly ControlRelation[];
  readonly leaderIndex: number;
  readonly leaderRule: "named" | "national-winner";
  readonly notes: readonly string[];
  /** Rows of the source file the parser left out, by reason (null: none were read from a file). */
  readonly exclusions: ResultsExclusions | null;
  readonly contestants: readonly string[];
  readonly areaLevels: readonly string[];
  readonly lines: readonly { readonly key: string; readonly header: string }[];
}

export interface SnapshotForensics {
  /** File stem in the package: forensics-1, forensics-2, ... */
  readonly name: string;
  readonly inputs: ForensicsInputs;
  readonly results: StationResults;
}

/** A report as published: JSON numbers only (NaN as "<NaN>"), without the machine's timings. */
export type PublishedReport = Record<string, unknown>;

export interface ForensicsFile {
  readonly name: string;
  readonly mediaType: string;
  readonly text: string;
  readonly resource: Record<string, unknown>;
}

export const forensicsFileNames = (name: string) => ({
  stations: `${name}-stations.csv`,
  areas: `${name}-areas.csv`,
  inputs: `${name}-inputs.json`,
  report: `${name}.json`,
});

/** The job the forensics service runs for a published analysis (in the worker, or inline). */
export function forensicsJob(s: SnapshotForensics): ForensicsJob {
  const { inputs } = s;
  return {
    kind: "analyse",
    results: s.results,
    controls: inputs.controls,
    options: inputs.options,
    parsed: {
      notes: inputs.notes,
      leaderRule: inputs.leaderRule,
      ...(inputs.exclusions === null ? {} : { exclusions: inputs.exclusions }),
    },
  };
}

/** The report to publish from a job's result; a refusal names the analysis. */
export function publishedReport(name: string, result: ForensicsJobResult): PublishedReport {
  if (result.kind === "rejected")
    throw new Error(`${name}: ${result.issues.map((i) => i.message).join("; ")}`);
  if (result.kind !== "report") throw new Error(`${name}: unexpected forensics outcome`);
  const { timings: _timings, ...report } = result.report;
  return JSON.parse(JSON.stringify(markNonFinite(report))) as PublishedReport;
}

const integerField = (name: string, title?: string) =>
  title === undefined ? { name, type: "integer" } : { name, type: "integer", title };

/** The files of one published analysis with their resource entries (hashes added by the caller). */
export function forensicsFiles(s: SnapshotForensics, report: PublishedReport | null): ForensicsFile[] {
  const { results, inputs } = s;
  const names = forensicsFileNames(s.name);
  const levels = results.areaLevels;
  const stationFields = [
    { name: "station", type: "string", description: "station code as published" },
    integerField("source_line"),
    ...levels.map((l, k) => ({
      ...integerField(`area_${k}`, l.name),
      description: `index of the station's ${l.name} in ${names.areas} (level ${k})`,
    })),
    integerField("registered"),
    integerField("ballots_issued"),
    integerField("valid"),
    integerField("invalid"),
    ...results.contestants.map((c, i) => ({
      ...integerField(`votes_${i}`, c.name),
      description: `votes for ${c.name}`,
    })),
    ...results.lines.map((line, i) => ({
      ...integerField(`line_${i}`, line.key),
      description: `protocol line ${line.key} (${line.header})`,
    })),
  ];
  const rows: string[][] = [];
  for (let s = 0; s < results.stationCount; s++) {
    const cell = (a: Int32Array) => String(a[s] ?? 0);
    rows.push([
      results.stationCodes[s] ?? "",
      cell(results.sourceLines),
      ...levels.map((l) => cell(l.index)),
      cell(results.registered),
      cell(results.ballotsIssued),
      cell(results.valid),
      cell(results.invalid),
      ...results.contestants.map((c) => cell(c.votes)),
      ...results.lines.map((line) => cell(line.values)),
    ]);
  }
  const areaRows = levels.flatMap((l, k) =>
    l.labels.map((label, index) => [String(k), l.name, String(index), String(l.parent[index] ?? -1), label]),
  );
  const what =
    inputs.source.contest === null
      ? inputs.source.name
      : `${inputs.source.name}, contest ${inputs.source.contest}`;
  const files: ForensicsFile[] = [
    {
      name: names.stations,
      mediaType: "text/csv",
      text: writeCsv(
        stationFields.map((x) => x.name),
        rows,
      ),
      resource: {
        profile: "tabular-data-resource",
        title: `Official results as analysed (${what}): one row per station`,
        format: "csv",
        schema: { fields: stationFields },
      },
    },
    {
      name: names.areas,
      mediaType: "text/csv",
      text: writeCsv(["level", "level_name", "index", "parent", "label"], areaRows),
      resource: {
        profile: "tabular-data-resource",
        title: `Areas of the analysed results (${what}), by level`,
        format: "csv",
        schema: {
          fields: [
            integerField("level"),
            { name: "level_name", type: "string" },
            integerField("index"),
            { ...integerField("parent"), description: "index in the previous level (-1: none)" },
            { name: "label", type: "string" },
          ],
        },
      },
    },
    {
      name: names.inputs,
      mediaType: "application/json",
      text: `${JSON.stringify(inputs, null, 2)}\n`,
      resource: {
        profile: "data-resource",
        title: `Inputs of the forensic analysis (${what}): source, controls, leader, seed, rows left out`,
        format: "json",
      },
    },
  ];
  if (report !== null)
    files.push({
      name: names.report,
      mediaType: "application/json",
      text: `${JSON.stringify(report)}\n`,
      resource: {
        profile: "data-resource",
        title: `Forensics of the official results (${what}): every test with its reading`,
        format: "json",
      },
    });
  return files;
}

/** Reads one published analysis back from the package's files (a problem names file and line). */
export function readForensics(
  name: string,
  file: (name: string) => string | undefined,
): { forensics: SnapshotForensics; report: PublishedReport | null } {
  const names = forensicsFileNames(name);
  const text = (f: string) => {
    const t = file(f);
    if (t === undefined) throw new Error(`no ${f}`);
    return t;
  };
  const inputs = JSON.parse(text(names.inputs)) as ForensicsInputs;
  const stations = readCsv(text(names.stations));
  const areas = readCsv(text(names.areas));
  const col = (header: string) => {
    const i = stations.header.indexOf(header);
    if (i < 0) throw new Error(`${names.stations}: no column ${header}`);
    return i;
  };
  const n = stations.rows.length;
  const int = (header: string) => {
    const i = col(header);
    const out = new Int32Array(n);
    stations.rows.forEach((row, s) => {
      const v = Number(row.fields[i]);
      if (!Number.isSafeInteger(v))
        throw new Error(`${names.stations} line ${row.line}: ${header} is not an integer`);
      out[s] = v;
    });
    return out;
  };
  const stationColumn = col("station");
  const areaLevels = inputs.areaLevels.map((levelName, k) => {
    const labels: string[] = [];
    const parents: number[] = [];
    for (const row of areas.rows) {
      const [level, , index, parent, label] = row.fields;
      if (Number(level) !== k) continue;
      if (Number(index) !== labels.length)
        throw new Error(`${names.areas} line ${row.line}: index ${index} out of order`);
      labels.push(label ?? "");
      parents.push(Number(parent));
    }
    return { name: levelName, labels, index: int(`area_${k}`), parent: Int32Array.from(parents) };
  });
  const results: StationResults = {
    stationCount: n,
    stationCodes: stations.rows.map((row) => row.fields[stationColumn] ?? ""),
    sourceLines: int("source_line"),
    areaLevels,
    registered: int("registered"),
    ballotsIssued: int("ballots_issued"),
    valid: int("valid"),
    invalid: int("invalid"),
    contestants: inputs.contestants.map((c, i) => ({ name: c, votes: int(`votes_${i}`) })),
    leaderIndex: inputs.leaderIndex,
    lines: inputs.lines.map((line, i) => ({ ...line, values: int(`line_${i}`) })),
  };
  const reportText = file(names.report);
  const report = reportText === undefined ? null : (JSON.parse(reportText) as PublishedReport);
  return { forensics: { name, inputs, results }, report };
}

/** Inputs taken from the results themselves (contestants, levels, lines). */
export function describeResults(
  results: StationResults,
  rest: Omit<ForensicsInputs, "contestants" | "areaLevels" | "lines" | "leaderIndex">,
): ForensicsInputs {
  return {
    ...rest,
    leaderIndex: results.leaderIndex,
    contestants: results.contestants.map((c) => c.name),
    areaLevels: results.areaLevels.map((l) => l.name),
    lines: results.lines.map((l) => ({ key: l.key, header: l.header })),
  };
}

export interface ReportMismatch {
  /** JSON path of the figure, e.g. `fingerprint.fit.fi.interval[0]`. */
  readonly path: string;
  readonly published: string;
  readonly recomputed: string;
}

/** Compares two published reports leaf by leaf; returns the leaves compared and those that differ. */
export function compareReports(
  published: unknown,
  recomputed: unknown,
): { compared: number; mismatches: ReportMismatch[] } {
  const mismatches: ReportMismatch[] = [];
  let compared = 0;
  const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));
  const walk = (a: unknown, b: unknown, path: string) => {
    const container = (v: unknown) => v !== null && typeof v === "object";
    if (container(a) && container(b) && Array.isArray(a) === Array.isArray(b)) {
      const ao = a as Record<string, unknown>;
      const bo = b as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])];
      for (const k of keys)
        walk(ao[k], bo[k], Array.isArray(a) ? `${path}[${k}]` : path === "" ? k : `${path}.${k}`);
      return;
    }
    compared++;
    if (show(a) !== show(b)) mismatches.push({ path, published: show(a), recomputed: show(b) });
  };
  walk(published, recomputed, "");
  return { compared, mismatches };
}

/** The report type, for readers that restored the non-finite markers. */
export type { ForensicsReport };
