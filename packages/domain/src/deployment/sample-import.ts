// A sample a mission's statistician drew elsewhere, brought in as a plan: either every sampled
// station with its inclusion probability π_i (and its stratum, if the design had strata), or the
// sampled stations with their strata plus the strata's sizes N_h and n_h (π_i = n_h / N_h).
// Checked line by line; the station codes are checked against the election by the server.
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";
import { normalizeHeader } from "../results/mapping.ts";
import type { Table } from "./table.ts";

/** The stratum of a sample whose file names none. */
export const SINGLE_STRATUM = "all";

export interface ImportedStation {
  readonly line: number;
  readonly code: string;
  readonly stratum: string;
  readonly probability: number;
}

export interface ImportedStratum {
  readonly stratum: string;
  /** N_h: stations of the stratum in the population. */
  readonly populationSize: number;
  /** n_h: stations sampled from it. */
  readonly sampleSize: number;
}

export interface ImportedSample {
  readonly stations: readonly ImportedStation[];
  readonly strata: readonly ImportedStratum[];
  /** Whether the file named strata (else one stratum, SINGLE_STRATUM). */
  readonly stratified: boolean;
  /** Where the stratum sizes came from: the strata file, or estimated as Σ 1/π_i. */
  readonly sizes: "given" | "estimated";
}

/** Accepted headers of each column (compared lower-cased). */
const COLUMNS = {
  station: ["station", "station_code", "station code", "code"],
  probability: ["probability", "inclusion_probability", "inclusion probability", "pi", "π"],
  stratum: ["stratum"],
  population: ["population", "population_size", "n_h_population", "big_n", "N_h"],
  sample: ["sample", "sample_size", "n_h"],
} as const;

function columnOf(table: Table, names: readonly string[]): number {
  const wanted = names.map((n) => normalizeHeader(n));
  // N_h and n_h differ only by case: match those exactly first.
  const exact = table.header.findIndex((h) => names.includes(h.trim()));
  if (exact >= 0) return exact;
  return table.header.findIndex(
    (h) => wanted.includes(normalizeHeader(h)) && h.trim() !== "N_h" && h.trim() !== "n_h",
  );
}

/** Which file an issue is in: the request's field (API) or the file flag (CLI). */
const STATIONS = ["stations"] as const;
const STRATA = ["strata"] as const;

/** The columns a sample file must have, as its problems name them (`params.what`). */
type SampleColumn = "station_code" | "probability" | "stratum" | "stratum_size" | "sample_size";

function missing(
  path: readonly string[],
  table: Table,
  what: SampleColumn,
  english: string,
  names: readonly string[],
): InputIssue {
  return {
    path,
    line: table.headerLine,
    code: "missing_column",
    message: `no ${english} column: name one ${names.map((n) => `"${n}"`).join(" or ")}`,
    params: { what, names: [...names] },
  };
}

/** A whole number from a cell, or undefined. */
function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : undefined;
}

function parseStrata(table: Table, issues: InputIssue[]): Map<string, ImportedStratum & { line: number }> {
  const out = new Map<string, ImportedStratum & { line: number }>();
  const at = {
    stratum: columnOf(table, COLUMNS.stratum),
    population: columnOf(table, COLUMNS.population),
    sample: columnOf(table, COLUMNS.sample),
  };
  if (at.stratum < 0) issues.push(missing(STRATA, table, "stratum", "stratum", COLUMNS.stratum));
  if (at.population < 0)
    issues.push(missing(STRATA, table, "stratum_size", "stratum size N_h", ["N_h", "population"]));
  if (at.sample < 0) issues.push(missing(STRATA, table, "sample_size", "sample size n_h", ["n_h", "sample"]));
  if (at.stratum < 0 || at.population < 0 || at.sample < 0) return out;
  for (const row of table.rows) {
    const stratum = (row.fields[at.stratum] ?? "").trim();
    const N = wholeNumber(row.fields[at.population] ?? "");
    const n = wholeNumber(row.fields[at.sample] ?? "");
    const column = (i: number) => table.header[i] ?? "";
    if (stratum === "") {
      issues.push({
        path: STRATA,
        line: row.line,
        column: column(at.stratum),
        code: "missing_stratum",
        message: "the stratum is empty",
        params: { what: "strata_file" },
      });
      continue;
    }
    const first = out.get(stratum);
    if (first !== undefined) {
      issues.push({
        path: STRATA,
        line: row.line,
        column: column(at.stratum),
        code: "duplicate_stratum",
        message: `stratum ${stratum} is already on line ${first.line}`,
        params: { stratum, first: first.line },
      });
      continue;
    }
    if (N === undefined || N < 1)
      issues.push({
        path: STRATA,
        line: row.line,
        column: column(at.population),
        code: "invalid_size",
        message: `N_h must be a whole number of stations, at least 1, not "${row.fields[at.population] ?? ""}"`,
        params: { what: "population", value: row.fields[at.population] ?? "" },
      });
    if (n === undefined || n < 1)
      issues.push({
        path: STRATA,
        line: row.line,
        column: column(at.sample),
        code: "invalid_size",
        message: `n_h must be a whole number of stations, at least 1, not "${row.fields[at.sample] ?? ""}"`,
        params: { what: "sample", value: row.fields[at.sample] ?? "" },
      });
    if (N !== undefined && n !== undefined && n > N)
      issues.push({
        path: STRATA,
        line: row.line,
        column: column(at.sample),
        code: "invalid_size",
        message: `n_h ${n} is more than N_h ${N}`,
        params: { what: "sample_above_population", sample: n, population: N },
      });
    if (N !== undefined && n !== undefined)
      out.set(stratum, { stratum, populationSize: N, sampleSize: n, line: row.line });
  }
  return out;
}

/**
 * Reads an imported sample: the stations table (station code, probability and/or stratum) and,
 * for the second form, the strata table (stratum, N_h, n_h). All problems at once, each on its line.
 */
export function parseImportedSample(
  stations: Table,
  strataTable?: Table,
): Result<ImportedSample, InputIssue[]> {
  const issues: InputIssue[] = [];
  const strata = strataTable === undefined ? undefined : parseStrata(strataTable, issues);
  const at = {
    station: columnOf(stations, COLUMNS.station),
    probability: columnOf(stations, COLUMNS.probability),
    stratum: columnOf(stations, COLUMNS.stratum),
  };
  if (at.station < 0)
    issues.push(missing(STATIONS, stations, "station_code", "station code", COLUMNS.station));
  if (strata === undefined && at.probability < 0) {
    const probability = missing(
      STATIONS,
      stations,
      "probability",
      "inclusion probability",
      COLUMNS.probability,
    );
    issues.push({ ...probability, message: `${probability.message}, or give the strata with N_h and n_h` });
  }
  if (strata !== undefined && at.stratum < 0)
    issues.push(missing(STATIONS, stations, "stratum", "stratum", COLUMNS.stratum));
  if (issues.some((i) => i.code === "missing_column")) return err(issues);
  const header = (i: number) => stations.header[i] ?? "";
  const seen = new Map<string, number>();
  const rows: { line: number; code: string; stratum: string; probability: number | undefined }[] = [];
  let named = 0;
  for (const row of stations.rows) {
    const code = (row.fields[at.station] ?? "").trim();
    const stratum = at.stratum < 0 ? "" : (row.fields[at.stratum] ?? "").trim();
    if (stratum !== "") named++;
    if (code === "") {
      issues.push({
        path: STATIONS,
        line: row.line,
        column: header(at.station),
        code: "missing_station",
        message: "the station code is empty",
      });
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      issues.push({
        path: STATIONS,
        line: row.line,
        column: header(at.station),
        code: "duplicate_station",
        message: `station ${code} is already on line ${first}`,
        params: { code, first },
      });
      continue;
    }
    seen.set(code, row.line);
    let probability: number | undefined;
    const raw = at.probability < 0 ? "" : (row.fields[at.probability] ?? "").trim();
    if (raw !== "" || strata === undefined) {
      probability = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw.replace(",", "."))
        ? Number(raw.replace(",", "."))
        : Number.NaN;
      if (!(probability > 0 && probability <= 1)) {
        issues.push({
          path: STATIONS,
          line: row.line,
          column: header(at.probability),
          code: "invalid_probability",
          message: `an inclusion probability is a number in (0, 1], not "${raw}"`,
          params: { value: raw },
        });
        continue;
      }
    }
    if (strata !== undefined && stratum !== "" && !strata.has(stratum)) {
      issues.push({
        path: STATIONS,
        line: row.line,
        column: header(at.stratum),
        code: "unknown_stratum",
        message: `stratum ${stratum} is not in the strata file`,
        params: { stratum },
      });
      continue;
    }
    rows.push({ line: row.line, code, stratum, probability });
  }
  if (stations.rows.length === 0)
    issues.push({
      path: STATIONS,
      line: stations.headerLine,
      code: "empty_sample",
      message: "the file lists no stations",
    });
  const stratified = named > 0 || strata !== undefined;
  if (stratified)
    for (const row of rows)
      if (row.stratum === "")
        issues.push({
          path: STATIONS,
          line: row.line,
          column: header(at.stratum),
          code: "missing_stratum",
          message: "name the station's stratum: the other stations have one",
          params: { what: "station" },
        });
  if (issues.length > 0) return err(issues);

  const byStratum = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = stratified ? row.stratum : SINGLE_STRATUM;
    byStratum.set(key, [...(byStratum.get(key) ?? []), row]);
  }
  let sizes: ImportedStratum[];
  if (strata !== undefined) {
    for (const s of strata.values()) {
      const listed = byStratum.get(s.stratum)?.length ?? 0;
      if (listed !== s.sampleSize)
        issues.push({
          path: STRATA,
          line: s.line,
          code: "sample_size_mismatch",
          message: `n_h of stratum ${s.stratum} is ${s.sampleSize}, but the stations file lists ${listed} of its stations`,
          params: { stratum: s.stratum, sample: s.sampleSize, listed },
        });
    }
    if (issues.length > 0) return err(issues);
    sizes = [...strata.values()].map(({ stratum, populationSize, sampleSize }) => ({
      stratum,
      populationSize,
      sampleSize,
    }));
  } else
    sizes = [...byStratum.entries()].map(([stratum, list]) => {
      // Σ 1/π_i estimates N_h without bias (Horvitz-Thompson); never below the stations sampled.
      const estimated = Math.round(list.reduce((sum, r) => sum + 1 / (r.probability ?? 1), 0));
      return { stratum, populationSize: Math.max(estimated, list.length), sampleSize: list.length };
    });
  const sizeOf = new Map(sizes.map((s) => [s.stratum, s]));
  return ok({
    stations: rows.map((row) => {
      const stratum = stratified ? row.stratum : SINGLE_STRATUM;
      const s = sizeOf.get(stratum);
      const probability = row.probability ?? (s === undefined ? 1 : s.sampleSize / s.populationSize);
      return { line: row.line, code: row.code, stratum, probability };
    }),
    strata: sizes.sort((a, b) => a.stratum.localeCompare(b.stratum)),
    stratified,
    sizes: strata === undefined ? "estimated" : "given",
  });
}
