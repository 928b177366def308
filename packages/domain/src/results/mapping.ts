// Column mapping for official results files: which column holds which protocol line. Columns are
// referred to by exact header, by a header fragment, or by 0-based position, so one mapping file
// survives small wording changes between elections.
import { z } from "zod";
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";

export const ColumnRef = z.union([
  z.string().min(1),
  z.object({ contains: z.string().min(1) }).strict(),
  z.object({ index: z.number().int().nonnegative() }).strict(),
]);
export type ColumnRef = z.infer<typeof ColumnRef>;

/** `a = b + c - d`: each side a list of line keys, a leading `-` subtracts. */
export const ControlRelation = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  left: z.array(z.string().min(1)).min(1),
  relation: z.enum(["=", ">=", "<="]).default("="),
  right: z.array(z.string().min(1)).min(1),
});
export type ControlRelation = z.infer<typeof ControlRelation>;

const KeyedColumn = z.object({ key: z.string().min(1), column: ColumnRef });

/**
 * Several columns: a list, every header matching a regular expression (`pattern`, case-
 * insensitive), or a range of positions `from`..`to` (inclusive; `to` omitted = to the last
 * column), optionally leaving some out (`except`).
 */
export const ColumnSet = z.union([
  z.array(ColumnRef).min(1),
  z.object({ pattern: z.string().min(1), except: z.array(ColumnRef).default([]) }).strict(),
  z.object({ from: ColumnRef, to: ColumnRef.optional(), except: z.array(ColumnRef).default([]) }).strict(),
]);
export type ColumnSet = z.infer<typeof ColumnSet>;

/** Cells read as "no value" besides an empty cell (case-insensitive, trimmed). */
export const DEFAULT_MISSING_VALUES = ["NA", "N/A", "-", "–", "—", "."] as const;

export const ResultsMapping = z.object({
  station: ColumnRef,
  /** Area levels from broadest to narrowest (region, district, ...). */
  areas: z.array(z.object({ name: z.string().min(1), column: ColumnRef })).default([]),
  registered: ColumnRef,
  /** Ballots issued to voters; several columns are summed (early, in station, outside). */
  issued: z.array(z.union([ColumnRef, KeyedColumn])).min(1),
  /** A column, or `{ "sumOfContestants": true }` when the file has no valid-ballots column. */
  valid: z.union([ColumnRef, z.object({ sumOfContestants: z.literal(true) }).strict()]),
  /** A column, or `{ "ballotsMinusValid": columns }`: ballots cast (summed) minus valid. */
  invalid: z.union([
    ColumnRef,
    z.object({ ballotsMinusValid: z.union([ColumnRef, z.array(ColumnRef).min(1)]) }).strict(),
  ]),
  contestants: ColumnSet,
  /** Name (or fragment) of the contestant to analyse as leader; default: most votes nationally. */
  leader: z.string().min(1).optional(),
  /** Other protocol lines to keep, by key (used by control relations). */
  lines: z.array(KeyedColumn).default([]),
  controls: z.array(ControlRelation).default([]),
  /** Cell values that mean "no value" (besides an empty cell); default NA, N/A, -, –, —, ".". */
  missingValues: z.array(z.string()).default([...DEFAULT_MISSING_VALUES]),
  /** Stations failing a control relation: left out of the analysis (default) or kept and flagged. */
  controlFailures: z.enum(["exclude", "keep"]).default("exclude"),
});
export type ResultsMapping = z.infer<typeof ResultsMapping>;
export type ResultsMappingInput = z.input<typeof ResultsMapping>;

/** Normalises header wording for matching: case, ё/е, and runs of whitespace. */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

/** Finds the column a reference points to, or explains why it cannot. */
export function resolveColumn(
  header: readonly string[],
  ref: ColumnRef,
  role: string,
): Result<number, InputIssue> {
  if (typeof ref === "string") {
    const wanted = normalizeHeader(ref);
    const i = header.findIndex((h) => normalizeHeader(h) === wanted);
    if (i >= 0) return ok(i);
    return err({
      line: 1,
      column: ref,
      code: "missing_column",
      message: `no column "${ref}" (${role})`,
      params: { what: "named", role },
    });
  }
  if ("index" in ref) {
    if (ref.index < header.length) return ok(ref.index);
    return err({
      line: 1,
      column: ref.index,
      code: "missing_column",
      message: `column ${ref.index} does not exist; the header has ${header.length} columns (${role})`,
      params: { what: "index", index: ref.index, columns: header.length, role },
    });
  }
  const fragment = normalizeHeader(ref.contains);
  const hits = header.flatMap((h, i) => (normalizeHeader(h).includes(fragment) ? [i] : []));
  const [first] = hits;
  if (first !== undefined && hits.length === 1) return ok(first);
  return err({
    line: 1,
    column: ref.contains,
    code: hits.length === 0 ? "missing_column" : "ambiguous_column",
    message:
      hits.length === 0
        ? `no column whose header contains "${ref.contains}" (${role})`
        : `${hits.length} columns contain "${ref.contains}" (${role}); use the exact header`,
    params: {
      what: "containing",
      role,
      ...(hits.length === 0 ? {} : { headers: hits.map((i) => header[i] ?? "") }),
    },
  });
}

export interface ResolvedColumn {
  readonly key: string;
  readonly index: number;
  readonly header: string;
}

/** A mapping with every reference resolved to a column position. */
export interface ResolvedMapping {
  readonly station: ResolvedColumn;
  readonly areas: readonly ResolvedColumn[];
  readonly registered: ResolvedColumn;
  readonly issued: readonly ResolvedColumn[];
  /** Null when valid is derived as the sum of the contestants' votes. */
  readonly valid: ResolvedColumn | null;
  /** The invalid column, or null when invalid = ballots (summed) − valid. */
  readonly invalid: ResolvedColumn | null;
  readonly ballots: readonly ResolvedColumn[];
  readonly contestants: readonly ResolvedColumn[];
  readonly leader: string | undefined;
  readonly lines: readonly ResolvedColumn[];
  readonly controls: readonly ControlRelation[];
  readonly missingValues: readonly string[];
  readonly controlFailures: "exclude" | "keep";
  /** Plain-language notes on derived columns (shown in the report). */
  readonly notes: readonly string[];
}

/** Column positions of a column set against a header row, or the problems found. */
export function resolveColumnSet(
  header: readonly string[],
  set: ColumnSet,
  role: string,
): Result<number[], InputIssue[]> {
  const issues: InputIssue[] = [];
  const one = (ref: ColumnRef): number => {
    const r = resolveColumn(header, ref, role);
    if (!r.ok) issues.push(r.error);
    return r.ok ? r.value : -1;
  };
  let positions: number[];
  if (Array.isArray(set)) positions = set.map(one);
  else {
    const except = new Set(set.except.map(one));
    if ("pattern" in set) {
      let re: RegExp;
      try {
        re = new RegExp(set.pattern, "i");
      } catch (e) {
        return err([
          { line: 1, code: "bad_pattern", message: `${role}: bad pattern (${(e as Error).message})` },
        ]);
      }
      positions = header.flatMap((h, i) => (re.test(h) ? [i] : []));
    } else {
      const from = one(set.from);
      const to = set.to === undefined ? header.length - 1 : one(set.to);
      positions = [];
      for (let i = from; i >= 0 && i <= to; i++) positions.push(i);
    }
    positions = positions.filter((i) => !except.has(i));
  }
  if (issues.length > 0) return err(issues);
  if (positions.length === 0)
    return err([
      {
        line: 1,
        code: "missing_column",
        message: `no columns match the ${role}`,
        params: { what: "set", role },
      },
    ]);
  return ok(positions);
}

/** Resolves every column of a mapping against a header row; all problems are reported at once. */
export function resolveMapping(
  header: readonly string[],
  mapping: ResultsMapping,
): Result<ResolvedMapping, InputIssue[]> {
  const issues: InputIssue[] = [];
  const one = (key: string, ref: ColumnRef): ResolvedColumn => {
    const r = resolveColumn(header, ref, key);
    if (!r.ok) {
      issues.push(r.error);
      return { key, index: -1, header: "" };
    }
    return { key, index: r.value, header: header[r.value] ?? "" };
  };
  const notes: string[] = [];
  const contestantSet = resolveColumnSet(header, mapping.contestants, "contestants");
  if (!contestantSet.ok) issues.push(...contestantSet.error);
  const valid =
    typeof mapping.valid === "object" && "sumOfContestants" in mapping.valid
      ? null
      : one("valid", mapping.valid);
  if (valid === null)
    notes.push("valid ballots = sum of the contestants' votes (no valid column in the file)");
  let invalid: ResolvedColumn | null = null;
  let ballots: ResolvedColumn[] = [];
  if (typeof mapping.invalid === "object" && "ballotsMinusValid" in mapping.invalid) {
    const refs = mapping.invalid.ballotsMinusValid;
    ballots = (Array.isArray(refs) ? refs : [refs]).map((ref, i) => one(`ballots.${i}`, ref));
    notes.push(`invalid ballots = ${ballots.map((b) => `"${b.header}"`).join(" + ")} − valid`);
  } else invalid = one("invalid", mapping.invalid);
  const resolved: ResolvedMapping = {
    station: one("station", mapping.station),
    areas: mapping.areas.map((a) => one(a.name, a.column)),
    registered: one("registered", mapping.registered),
    issued: mapping.issued.map((ref, i) =>
      typeof ref === "object" && "key" in ref ? one(ref.key, ref.column) : one(`issued.${i}`, ref),
    ),
    valid,
    invalid,
    ballots,
    contestants: (contestantSet.ok ? contestantSet.value : []).map((index) => {
      const name = header[index] || `column ${index + 1}`;
      return { key: name, index, header: name };
    }),
    leader: mapping.leader,
    lines: mapping.lines.map((l) => one(l.key, l.column)),
    controls: mapping.controls,
    missingValues: mapping.missingValues,
    controlFailures: mapping.controlFailures,
    notes,
  };
  return issues.length > 0 ? err(issues) : ok(resolved);
}
