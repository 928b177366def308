// Official per-station results: CSV text -> columnar StationResults, validated line by line.
// Malformed input (missing columns, text in number columns, negative counts, votes above the
// number registered) is an expected failure: a Result error listing each problem with its line
// and column. Control-relation failures are not errors: those stations are kept and flagged.
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";
import type { ArithmeticFlag } from "./arithmetic.ts";
import { checkControls } from "./arithmetic.ts";
import { type CsvDelimiter, forEachCsvRecord } from "./csv.ts";
import type { ResolvedColumn, ResolvedMapping, ResultsMapping } from "./mapping.ts";
import { resolveMapping } from "./mapping.ts";
import { ruCecMapping } from "./ru-cec.ts";
import type { AreaLevel, ProtocolLine, StationResults } from "./types.ts";

export type ResultsPreset = "ru-cec";

export interface ParseResultsOptions {
  /** A preset that derives the mapping from the header, or an explicit mapping. */
  readonly preset?: ResultsPreset;
  readonly mapping?: ResultsMapping;
  readonly delimiter?: CsvDelimiter;
  /** Stop collecting after this many issues (the count of all issues is still reported). */
  readonly maxIssues?: number;
}

export interface ParsedResults {
  readonly results: StationResults;
  readonly mapping: ResolvedMapping;
  /** Stations failing a control relation; they stay in `results`. */
  readonly arithmeticFlags: readonly ArithmeticFlag[];
}

const MAX_COUNT = 2_147_483_647;

/** Parses a non-negative whole number; returns -1 for empty, -2 for text, -3 for too large. */
export function parseCount(field: string): number {
  let i = 0;
  let end = field.length;
  while (i < end && field.charCodeAt(i) === 32) i++;
  while (end > i && field.charCodeAt(end - 1) === 32) end--;
  if (i === end) return -1;
  let negative = false;
  if (field.charCodeAt(i) === 45) {
    negative = true;
    i++;
    if (i === end) return -2;
  }
  let v = 0;
  for (; i < end; i++) {
    const d = field.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -2;
    v = v * 10 + d;
  }
  if (v > MAX_COUNT) return -3;
  return negative && v !== 0 ? -4 - v : v;
}

/** Parses a results CSV into columns; see the module comment for what counts as an error. */
export function parseResultsCsv(
  text: string,
  options: ParseResultsOptions,
): Result<ParsedResults, InputIssue[]> {
  const maxIssues = options.maxIssues ?? 50;
  const records: { fields: string[]; line: number }[] = [];
  const issues: InputIssue[] = [];
  forEachCsvRecord(text, (fields, line) => records.push({ fields, line }), {
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    onUnterminatedQuote: (line) =>
      issues.push({ line, code: "unterminated_quote", message: "a quoted field is never closed" }),
  });
  const [head, ...rows] = records;
  if (!head) return err([{ line: 1, code: "empty_file", message: "the file has no header row" }]);
  if (rows.length === 0)
    return err([{ line: 2, code: "no_rows", message: "the file has a header but no stations" }]);
  const header = head.fields.map((h) => h.trim());

  let mapping: ResultsMapping;
  if (options.mapping) mapping = options.mapping;
  else if (options.preset === "ru-cec") {
    const m = ruCecMapping(header);
    if (!m.ok) return err(m.error);
    mapping = m.value;
  } else return err([{ code: "no_mapping", message: "give a column mapping or a preset" }]);
  const resolved = resolveMapping(header, mapping);
  if (!resolved.ok) return err(resolved.error);
  const map = resolved.value;

  const n = rows.length;
  const numberColumn = (c: ResolvedColumn) => ({ col: c, values: new Int32Array(n) });
  const registered = numberColumn(map.registered);
  const valid = numberColumn(map.valid);
  const invalid = numberColumn(map.invalid);
  const issued = map.issued.map(numberColumn);
  const contestants = map.contestants.map(numberColumn);
  const lines = map.lines.map(numberColumn);
  const numeric = [registered, valid, invalid, ...issued, ...contestants, ...lines];
  const stationCodes: string[] = new Array(n);
  const sourceLines = new Int32Array(n);
  const areaDicts = map.areas.map(() => new Map<string, number>());
  const areaIndex = map.areas.map(() => new Int32Array(n));
  const areaLabels = map.areas.map((): string[] => []);
  const areaParents = map.areas.map((): number[] => []);
  let issueCount = issues.length;
  const report = (issue: InputIssue) => {
    issueCount++;
    if (issues.length < maxIssues) issues.push(issue);
  };

  for (let s = 0; s < n; s++) {
    const row = rows[s];
    if (!row) continue;
    const { fields, line } = row;
    sourceLines[s] = line;
    if (fields.length < header.length) {
      report({
        line,
        code: "short_row",
        message: `line ${line}: ${fields.length} fields, the header has ${header.length}`,
      });
      continue;
    }
    stationCodes[s] = (fields[map.station.index] ?? "").trim();
    map.areas.forEach((a, k) => {
      const name = (fields[a.index] ?? "").trim();
      const dict = areaDicts[k];
      const index = areaIndex[k];
      const labels = areaLabels[k];
      const parents = areaParents[k];
      if (!dict || !index || !labels || !parents) return;
      // A narrower area is keyed within its parent: two regions may each have a "District 1".
      const parent = k === 0 ? -1 : (areaIndex[k - 1]?.[s] ?? -1);
      const dictKey = k === 0 ? name : `${parent}\u0000${name}`;
      let id = dict.get(dictKey);
      if (id === undefined) {
        id = labels.length;
        dict.set(dictKey, id);
        labels.push(name);
        parents.push(parent);
      }
      index[s] = id;
    });
    for (const { col, values } of numeric) {
      const raw = fields[col.index] ?? "";
      const v = parseCount(raw);
      if (v >= 0) {
        values[s] = v;
        continue;
      }
      const what =
        v === -1
          ? "is empty"
          : v === -2
            ? `is not a whole number ("${raw.trim().slice(0, 30)}")`
            : v === -3
              ? "is too large"
              : `is negative (${raw.trim()})`;
      report({
        line,
        column: col.header,
        code:
          v === -1 ? "empty_count" : v === -2 ? "not_a_number" : v === -3 ? "too_large" : "negative_count",
        message: `line ${line}, column "${col.header}": ${what}`,
      });
    }
    const reg = registered.values[s] ?? 0;
    const ballots = (valid.values[s] ?? 0) + (invalid.values[s] ?? 0);
    if (ballots > reg) {
      report({
        line,
        column: map.valid.header,
        code: "votes_above_registered",
        message: `line ${line}: valid + invalid ballots (${ballots}) exceed registered voters (${reg})`,
      });
    }
    for (const { col, values } of contestants) {
      const v = values[s] ?? 0;
      if (v > reg) {
        report({
          line,
          column: col.header,
          code: "votes_above_registered",
          message: `line ${line}, column "${col.header}": ${v} votes exceed registered voters (${reg})`,
        });
      }
    }
  }
  if (issueCount > 0) {
    if (issueCount > issues.length) {
      issues.push({ code: "more_issues", message: `${issueCount - issues.length} more problems not listed` });
    }
    return err(issues);
  }

  const ballotsIssued = new Int32Array(n);
  for (const { values } of issued)
    for (let s = 0; s < n; s++) ballotsIssued[s] = (ballotsIssued[s] ?? 0) + (values[s] ?? 0);
  const contestantList = contestants.map(({ col, values }) => ({ name: col.header, votes: values }));
  const leaderIndex = pickLeader(contestantList, map.leader);
  if (leaderIndex < 0) {
    return err([{ code: "unknown_leader", message: `no contestant matches leader "${map.leader ?? ""}"` }]);
  }
  const areaLevels: AreaLevel[] = map.areas.map((a, k) => ({
    name: a.key,
    labels: areaLabels[k] ?? [],
    index: areaIndex[k] ?? new Int32Array(n),
    parent: Int32Array.from(areaParents[k] ?? []),
  }));
  const protocolLines: ProtocolLine[] = [
    ...issued.map(({ col, values }) => ({ key: col.key, header: col.header, values })),
    ...lines.map(({ col, values }) => ({ key: col.key, header: col.header, values })),
  ];
  const results: StationResults = {
    stationCount: n,
    stationCodes,
    sourceLines,
    areaLevels,
    registered: registered.values,
    ballotsIssued,
    valid: valid.values,
    invalid: invalid.values,
    contestants: contestantList,
    leaderIndex,
    lines: protocolLines,
  };
  const flags = checkControls(results, map.controls);
  if (!flags.ok) return err(flags.error);
  return ok({ results, mapping: map, arithmeticFlags: flags.value });
}

/** The configured leader (exact name, else unique fragment), or the most votes nationally. */
function pickLeader(
  contestants: readonly { name: string; votes: Int32Array }[],
  leader: string | undefined,
): number {
  if (leader !== undefined) {
    const exact = contestants.findIndex((c) => c.name === leader);
    if (exact >= 0) return exact;
    const hits = contestants.flatMap((c, i) =>
      c.name.toLowerCase().includes(leader.toLowerCase()) ? [i] : [],
    );
    return hits.length === 1 ? (hits[0] ?? -1) : -1;
  }
  let best = 0;
  let bestVotes = -1;
  contestants.forEach((c, i) => {
    let total = 0;
    for (const v of c.votes) total += v;
    if (total > bestVotes) {
      bestVotes = total;
      best = i;
    }
  });
  return best;
}
