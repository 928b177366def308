// Official per-station results: CSV text -> columnar StationResults. Files come as commissions
// publish them, so rows that cannot be analysed are excluded by rule, never abort the analysis:
// rows with no protocol (every ballot and vote cell empty), rows with a missing count (empty or a
// "no value" marker such as NA or -), rows with unreadable counts (text, negative, too large),
// short rows, rows whose votes exceed the registered voters, and (by default) rows failing a
// control relation. Each is counted by reason and by area and listed with its line. `strict`
// restores the refusal: any such row makes the whole file an error. Malformed files (no header,
// missing columns, unknown leader) are always errors.
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
  /** Stop collecting issues after this many (strict mode; the count of all is still reported). */
  readonly maxIssues?: number;
  /** Refuse the file when any row would be excluded (the behaviour before exclusions). */
  readonly strict?: boolean;
  /** The contestant to analyse as leader (exact name or unique fragment); overrides the mapping. */
  readonly leader?: string;
}

export const EXCLUSION_REASONS = [
  "no-protocol",
  "missing-count",
  "unreadable-count",
  "short-row",
  "votes-above-registered",
  "control-failure",
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** What is wrong with an excluded row, as `detail` says it in English (`ExcludedRow.why`). */
export type ExclusionDetail =
  | "short_row"
  | "no_protocol"
  | "no_value"
  | "no_value_marker"
  | "not_a_number"
  | "too_large"
  | "negative"
  | "cast_below_valid"
  | "cast_above_registered"
  | "votes_above_registered"
  | "control_relation";

export interface ExcludedRow {
  readonly line: number;
  readonly station: string;
  /** The row's area at the first area level ("" when the mapping has none). */
  readonly area: string;
  readonly reason: ExclusionReason;
  /** The English sentence (data packages, the command line). */
  readonly detail: string;
  /**
   * What `detail` says, as a code and the values it names: what a reader's page translates
   * (absent from rows kept before it was recorded).
   */
  readonly why?: {
    readonly code: ExclusionDetail;
    readonly params: Readonly<Record<string, string | number>>;
  };
  /** The column at fault, when one is. */
  readonly column?: string;
}

export interface ResultsExclusions {
  /** Data rows read from the file, kept and excluded. */
  readonly rows: number;
  readonly kept: number;
  readonly excluded: number;
  readonly byReason: Readonly<Record<ExclusionReason, number>>;
  /** Per area of the first level (null without area levels), areas with exclusions only. */
  readonly byArea: {
    readonly level: string;
    readonly areas: readonly {
      readonly area: string;
      readonly rows: number;
      readonly excluded: number;
      readonly byReason: Readonly<Partial<Record<ExclusionReason, number>>>;
    }[];
  } | null;
  /** Every excluded row, in file order. */
  readonly list: readonly ExcludedRow[];
}

export interface ParsedResults {
  readonly results: StationResults;
  readonly mapping: ResolvedMapping;
  /** Kept stations failing a control relation (with `controlFailures: "keep"`). */
  readonly arithmeticFlags: readonly ArithmeticFlag[];
  readonly exclusions: ResultsExclusions;
  /** How the leader was chosen: named by the user, or the national winner. */
  readonly leaderRule: "named" | "national-winner";
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

interface NumberColumn {
  readonly col: ResolvedColumn;
  readonly values: Int32Array;
  /** Part of the protocol (ballots and votes): all of them empty means "no protocol". */
  readonly protocol: boolean;
}

/** Parses a results CSV into columns; see the module comment for what is excluded and why. */
export function parseResultsCsv(
  text: string,
  options: ParseResultsOptions,
): Result<ParsedResults, InputIssue[]> {
  const maxIssues = options.maxIssues ?? 50;
  const records: { fields: string[]; line: number }[] = [];
  const fileIssues: InputIssue[] = [];
  forEachCsvRecord(text, (fields, line) => records.push({ fields, line }), {
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    onUnterminatedQuote: (line) =>
      fileIssues.push({ line, code: "unterminated_quote", message: "a quoted field is never closed" }),
  });
  if (fileIssues.length > 0) return err(fileIssues);
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
  if (options.leader !== undefined) mapping = { ...mapping, leader: options.leader };
  const resolved = resolveMapping(header, mapping);
  if (!resolved.ok) return err(resolved.error);
  const map = resolved.value;

  const n = rows.length;
  const numberColumn = (c: ResolvedColumn, protocol: boolean): NumberColumn => ({
    col: c,
    values: new Int32Array(n),
    protocol,
  });
  const registered = numberColumn(map.registered, false);
  const valid = map.valid ? numberColumn(map.valid, true) : null;
  const invalid = map.invalid ? numberColumn(map.invalid, true) : null;
  const ballots = map.ballots.map((c) => numberColumn(c, true));
  const issued = map.issued.map((c) => numberColumn(c, true));
  const contestants = map.contestants.map((c) => numberColumn(c, true));
  const lines = map.lines.map((c) => numberColumn(c, false));
  const numeric = [
    registered,
    ...(valid ? [valid] : []),
    ...(invalid ? [invalid] : []),
    ...ballots,
    ...issued,
    ...contestants,
    ...lines,
  ];
  const missingMarkers = new Set(map.missingValues.map((v) => v.trim().toLowerCase()));
  const validValues = valid?.values ?? new Int32Array(n);
  const invalidValues = invalid?.values ?? new Int32Array(n);
  const excludedRows: ExcludedRow[] = [];
  const keep = new Uint8Array(n);
  const firstArea = map.areas[0];
  const areaName = (fields: readonly string[]) => (firstArea ? (fields[firstArea.index] ?? "").trim() : "");
  const rowsPerArea = new Map<string, number>();

  for (let s = 0; s < n; s++) {
    const row = rows[s];
    if (!row) continue;
    const { fields, line } = row;
    const station = (fields[map.station.index] ?? "").trim();
    const area = areaName(fields);
    rowsPerArea.set(area, (rowsPerArea.get(area) ?? 0) + 1);
    const exclude = (
      reason: ExclusionReason,
      detail: string,
      why: NonNullable<ExcludedRow["why"]>,
      column?: string,
    ) =>
      excludedRows.push({
        line,
        station,
        area,
        reason,
        detail,
        why,
        ...(column !== undefined ? { column } : {}),
      });
    if (fields.length < header.length) {
      exclude("short-row", `${fields.length} fields, the header has ${header.length}`, {
        code: "short_row",
        params: { fields: fields.length, header: header.length },
      });
      continue;
    }
    let protocolCells = 0;
    let protocolMissing = 0;
    let missing: string | null = null;
    let unreadable: string | null = null;
    let missingWhy: NonNullable<ExcludedRow["why"]> | null = null;
    let unreadableWhy: NonNullable<ExcludedRow["why"]> | null = null;
    let missingColumn = "";
    let unreadableColumn = "";
    for (const { col, values, protocol } of numeric) {
      const raw = fields[col.index] ?? "";
      const v = parseCount(raw);
      if (protocol) protocolCells++;
      if (v >= 0) {
        values[s] = v;
        continue;
      }
      if (v === -1 || (v === -2 && missingMarkers.has(raw.trim().toLowerCase()))) {
        if (protocol) protocolMissing++;
        if (missing === null) {
          missing = `"${col.header}" has no value${raw.trim() ? ` ("${raw.trim()}")` : ""}`;
          missingWhy = raw.trim()
            ? { code: "no_value_marker", params: { column: col.header, value: raw.trim() } }
            : { code: "no_value", params: { column: col.header } };
          missingColumn = col.header;
        }
        continue;
      }
      if (unreadable === null) {
        unreadableColumn = col.header;
        unreadableWhy =
          v === -2
            ? { code: "not_a_number", params: { column: col.header, value: raw.trim().slice(0, 30) } }
            : v === -3
              ? { code: "too_large", params: { column: col.header } }
              : { code: "negative", params: { column: col.header, value: raw.trim() } };
      }
      unreadable ??=
        v === -2
          ? `"${col.header}" is not a whole number ("${raw.trim().slice(0, 30)}")`
          : v === -3
            ? `"${col.header}" is too large`
            : `"${col.header}" is negative (${raw.trim()})`;
    }
    if (protocolCells > 0 && protocolMissing === protocolCells) {
      exclude("no-protocol", "every ballot and vote count is empty", { code: "no_protocol", params: {} });
      continue;
    }
    if (unreadable !== null && unreadableWhy !== null) {
      exclude("unreadable-count", unreadable, unreadableWhy, unreadableColumn);
      continue;
    }
    if (missing !== null && missingWhy !== null) {
      exclude("missing-count", missing, missingWhy, missingColumn);
      continue;
    }
    // Derived columns: valid = sum of votes, invalid = ballots cast − valid.
    if (valid === null) {
      let sum = 0;
      for (const c of contestants) sum += c.values[s] ?? 0;
      validValues[s] = Math.min(MAX_COUNT, sum);
    }
    if (invalid === null) {
      let cast = 0;
      for (const b of ballots) cast += b.values[s] ?? 0;
      const inv = cast - (validValues[s] ?? 0);
      if (inv < 0) {
        exclude("control-failure", `ballots cast (${cast}) below valid ballots (${validValues[s] ?? 0})`, {
          code: "cast_below_valid",
          params: { cast, valid: validValues[s] ?? 0 },
        });
        continue;
      }
      invalidValues[s] = inv;
    }
    const reg = registered.values[s] ?? 0;
    const cast = (validValues[s] ?? 0) + (invalidValues[s] ?? 0);
    if (cast > reg) {
      exclude(
        "votes-above-registered",
        `valid + invalid ballots (${cast}) exceed registered voters (${reg})`,
        {
          code: "cast_above_registered",
          params: { cast, registered: reg },
        },
      );
      continue;
    }
    const over = contestants.find((c) => (c.values[s] ?? 0) > reg);
    if (over) {
      exclude(
        "votes-above-registered",
        `"${over.col.header}": ${over.values[s] ?? 0} votes exceed registered voters (${reg})`,
        {
          code: "votes_above_registered",
          params: { column: over.col.header, votes: over.values[s] ?? 0, registered: reg },
        },
        over.col.header,
      );
      continue;
    }
    keep[s] = 1;
  }

  const pickRows = (mask: Uint8Array) => {
    const idx: number[] = [];
    for (let s = 0; s < n; s++) if (mask[s]) idx.push(s);
    return idx;
  };
  let kept = pickRows(keep);
  let results = buildResults(kept, rows, map, {
    registered: registered.values,
    valid: validValues,
    invalid: invalidValues,
    issued,
    contestants,
    lines,
  });
  const leaderIndex = pickLeader(results.contestants, map.leader);
  if (leaderIndex < 0) {
    return err([
      {
        code: "unknown_leader",
        message: `no contestant matches leader "${map.leader ?? ""}"`,
        params: { leader: map.leader ?? "" },
      },
    ]);
  }
  results = { ...results, leaderIndex };
  const checked = checkControls(results, map.controls);
  if (!checked.ok) return err(checked.error);
  let flags = checked.value;
  if (map.controlFailures === "exclude" && flags.length > 0) {
    const failing = new Map<number, ArithmeticFlag>();
    for (const f of flags) if (!failing.has(f.station)) failing.set(f.station, f);
    for (const [local, f] of failing) {
      const s = kept[local] ?? 0;
      keep[s] = 0;
      const row = rows[s];
      excludedRows.push({
        line: f.line,
        station: f.stationCode,
        area: row ? areaName(row.fields) : "",
        reason: "control-failure",
        detail: `${f.relation}: ${f.left} vs ${f.right}`,
        why: { code: "control_relation", params: { relation: f.relation, left: f.left, right: f.right } },
      });
    }
    kept = pickRows(keep);
    results = {
      ...buildResults(kept, rows, map, {
        registered: registered.values,
        valid: validValues,
        invalid: invalidValues,
        issued,
        contestants,
        lines,
      }),
      leaderIndex,
    };
    flags = [];
  }
  excludedRows.sort((a, b) => a.line - b.line);

  if ((options.strict && excludedRows.length > 0) || results.stationCount === 0) {
    const issues: InputIssue[] = excludedRows.slice(0, maxIssues).map((r) => ({
      line: r.line,
      ...(r.column !== undefined ? { column: r.column } : {}),
      code: r.reason.replace(/-/g, "_"),
      message: `line ${r.line}${r.column !== undefined ? `, column "${r.column}"` : ""} (station ${r.station || "?"}): ${r.reason}: ${r.detail}`,
      params: {
        station: r.station,
        reason: r.reason,
        ...(r.why === undefined ? {} : { detail: r.why.code, ...r.why.params }),
      },
    }));
    if (excludedRows.length > issues.length)
      issues.push({
        code: "more_issues",
        message: `${excludedRows.length - issues.length} more rows not listed`,
        params: { count: excludedRows.length - issues.length },
      });
    const summary = describeExclusions(excludedRows, n);
    issues.unshift(
      results.stationCount === 0
        ? {
            code: "no_stations_left",
            message: `no station can be analysed: ${summary}`,
            params: { excluded: excludedRows.length, rows: n },
          }
        : {
            code: "excluded_rows",
            message: `refused (strict): ${summary}`,
            params: { excluded: excludedRows.length, rows: n },
          },
    );
    return err(issues);
  }
  return ok({
    results,
    mapping: map,
    arithmeticFlags: flags,
    exclusions: summariseExclusions(excludedRows, n, firstArea?.key ?? null, rowsPerArea),
    leaderRule: map.leader === undefined ? "national-winner" : "named",
  });
}

/** "2,301 of 97,701 rows excluded: 2,298 no-protocol, 3 control-failure". */
export function describeExclusions(list: readonly ExcludedRow[], rows: number): string {
  const counts = new Map<string, number>();
  for (const r of list) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, c]) => `${c.toLocaleString("en-US")} ${reason}`);
  return `${list.length.toLocaleString("en-US")} of ${rows.toLocaleString("en-US")} rows excluded: ${parts.join(", ")}`;
}

function summariseExclusions(
  list: readonly ExcludedRow[],
  rows: number,
  level: string | null,
  rowsPerArea: ReadonlyMap<string, number>,
): ResultsExclusions {
  const byReason = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<
    ExclusionReason,
    number
  >;
  const areas = new Map<string, Partial<Record<ExclusionReason, number>>>();
  for (const r of list) {
    byReason[r.reason]++;
    const a = areas.get(r.area) ?? {};
    a[r.reason] = (a[r.reason] ?? 0) + 1;
    areas.set(r.area, a);
  }
  return {
    rows,
    kept: rows - list.length,
    excluded: list.length,
    byReason,
    byArea:
      level === null
        ? null
        : {
            level,
            areas: [...areas]
              .map(([area, counts]) => ({
                area,
                rows: rowsPerArea.get(area) ?? 0,
                excluded: Object.values(counts).reduce((a, b) => a + (b ?? 0), 0),
                byReason: counts,
              }))
              .sort((a, b) => b.excluded - a.excluded || a.area.localeCompare(b.area)),
          },
    list,
  };
}

/** Columnar results over the kept rows (`kept` = row indices in file order). */
function buildResults(
  kept: readonly number[],
  rows: readonly { fields: string[]; line: number }[],
  map: ResolvedMapping,
  columns: {
    registered: Int32Array;
    valid: Int32Array;
    invalid: Int32Array;
    issued: readonly NumberColumn[];
    contestants: readonly NumberColumn[];
    lines: readonly NumberColumn[];
  },
): StationResults {
  const m = kept.length;
  const pick = (values: Int32Array) => {
    const out = new Int32Array(m);
    for (let i = 0; i < m; i++) out[i] = values[kept[i] ?? 0] ?? 0;
    return out;
  };
  const stationCodes: string[] = new Array(m);
  const sourceLines = new Int32Array(m);
  const areaDicts = map.areas.map(() => new Map<string, number>());
  const areaIndex = map.areas.map(() => new Int32Array(m));
  const areaLabels = map.areas.map((): string[] => []);
  const areaParents = map.areas.map((): number[] => []);
  for (let i = 0; i < m; i++) {
    const row = rows[kept[i] ?? 0];
    if (!row) continue;
    sourceLines[i] = row.line;
    stationCodes[i] = (row.fields[map.station.index] ?? "").trim();
    map.areas.forEach((a, k) => {
      const name = (row.fields[a.index] ?? "").trim();
      const dict = areaDicts[k];
      const index = areaIndex[k];
      const labels = areaLabels[k];
      const parents = areaParents[k];
      if (!dict || !index || !labels || !parents) return;
      // A narrower area is keyed within its parent: two regions may each have a "District 1".
      const parent = k === 0 ? -1 : (areaIndex[k - 1]?.[i] ?? -1);
      const dictKey = k === 0 ? name : `${parent}\u0000${name}`;
      let id = dict.get(dictKey);
      if (id === undefined) {
        id = labels.length;
        dict.set(dictKey, id);
        labels.push(name);
        parents.push(parent);
      }
      index[i] = id;
    });
  }
  const ballotsIssued = new Int32Array(m);
  for (const { values } of columns.issued)
    for (let i = 0; i < m; i++) ballotsIssued[i] = (ballotsIssued[i] ?? 0) + (values[kept[i] ?? 0] ?? 0);
  const areaLevels: AreaLevel[] = map.areas.map((a, k) => ({
    name: a.key,
    labels: areaLabels[k] ?? [],
    index: areaIndex[k] ?? new Int32Array(m),
    parent: Int32Array.from(areaParents[k] ?? []),
  }));
  const protocolLines: ProtocolLine[] = [...columns.issued, ...columns.lines].map(({ col, values }) => ({
    key: col.key,
    header: col.header,
    values: pick(values),
  }));
  return {
    stationCount: m,
    stationCodes,
    sourceLines,
    areaLevels,
    registered: pick(columns.registered),
    ballotsIssued,
    valid: pick(columns.valid),
    invalid: pick(columns.invalid),
    contestants: columns.contestants.map(({ col, values }) => ({ name: col.header, votes: pick(values) })),
    leaderIndex: 0,
    lines: protocolLines,
  };
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
