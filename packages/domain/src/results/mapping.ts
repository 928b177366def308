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

export const ResultsMapping = z.object({
  station: ColumnRef,
  /** Area levels from broadest to narrowest (region, district, ...). */
  areas: z.array(z.object({ name: z.string().min(1), column: ColumnRef })).default([]),
  registered: ColumnRef,
  /** Ballots issued to voters; several columns are summed (early, in station, outside). */
  issued: z.array(z.union([ColumnRef, KeyedColumn])).min(1),
  valid: ColumnRef,
  invalid: ColumnRef,
  contestants: z.array(ColumnRef).min(1),
  /** Name (or fragment) of the contestant to analyse as leader; default: most votes nationally. */
  leader: z.string().min(1).optional(),
  /** Other protocol lines to keep, by key (used by control relations). */
  lines: z.array(KeyedColumn).default([]),
  controls: z.array(ControlRelation).default([]),
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
    return err({ line: 1, column: ref, code: "missing_column", message: `no column "${ref}" (${role})` });
  }
  if ("index" in ref) {
    if (ref.index < header.length) return ok(ref.index);
    return err({
      line: 1,
      column: ref.index,
      code: "missing_column",
      message: `column ${ref.index} does not exist; the header has ${header.length} columns (${role})`,
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
  readonly valid: ResolvedColumn;
  readonly invalid: ResolvedColumn;
  readonly contestants: readonly ResolvedColumn[];
  readonly leader: string | undefined;
  readonly lines: readonly ResolvedColumn[];
  readonly controls: readonly ControlRelation[];
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
  const resolved: ResolvedMapping = {
    station: one("station", mapping.station),
    areas: mapping.areas.map((a) => one(a.name, a.column)),
    registered: one("registered", mapping.registered),
    issued: mapping.issued.map((ref, i) =>
      typeof ref === "object" && "key" in ref ? one(ref.key, ref.column) : one(`issued.${i}`, ref),
    ),
    valid: one("valid", mapping.valid),
    invalid: one("invalid", mapping.invalid),
    contestants: mapping.contestants.map((ref, i) => {
      const c = one(`contestant ${i + 1}`, ref);
      return { ...c, key: c.header };
    }),
    leader: mapping.leader,
    lines: mapping.lines.map((l) => one(l.key, l.column)),
    controls: mapping.controls,
  };
  return issues.length > 0 ? err(issues) : ok(resolved);
}
