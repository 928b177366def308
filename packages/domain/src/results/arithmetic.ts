// Protocol arithmetic: the control relations a commission's protocol must satisfy (e.g. ballots
// received = issued + cancelled + lost; ballots in boxes = valid + invalid). Each failing station
// is flagged with both sides so an observer can check the paper protocol; nothing is dropped.
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";
import type { ControlRelation } from "./mapping.ts";
import type { StationResults } from "./types.ts";

export interface ArithmeticFlag {
  /** Station index in the columnar results. */
  readonly station: number;
  readonly stationCode: string;
  /** Line in the source file. */
  readonly line: number;
  readonly relation: string;
  readonly left: number;
  readonly right: number;
}

/** Looks up a line key: built-in totals, then the kept protocol lines, then contestant names. */
function column(results: StationResults, key: string): Int32Array | undefined {
  switch (key) {
    case "registered":
      return results.registered;
    case "issued":
      return results.ballotsIssued;
    case "valid":
      return results.valid;
    case "invalid":
      return results.invalid;
  }
  return (
    results.lines.find((l) => l.key === key)?.values ?? results.contestants.find((c) => c.name === key)?.votes
  );
}

function contestantTotal(results: StationResults): Float64Array {
  const total = new Float64Array(results.stationCount);
  for (const c of results.contestants)
    for (let s = 0; s < total.length; s++) total[s] = (total[s] ?? 0) + (c.votes[s] ?? 0);
  return total;
}

type Term = { sign: 1 | -1; values: ArrayLike<number> };

/** Checks every relation at every station; unknown line keys are an input error. */
export function checkControls(
  results: StationResults,
  relations: readonly ControlRelation[],
): Result<ArithmeticFlag[], InputIssue[]> {
  const issues: InputIssue[] = [];
  let contestants: Float64Array | undefined;
  const terms = (keys: readonly string[], relation: string): Term[] =>
    keys.flatMap((raw): Term[] => {
      const sign: 1 | -1 = raw.startsWith("-") ? -1 : 1;
      const key = raw.replace(/^[-+]/, "");
      if (key === "contestants") {
        contestants ??= contestantTotal(results);
        return [{ sign, values: contestants }];
      }
      const values = column(results, key);
      if (!values) {
        issues.push({
          path: ["controls", relation],
          code: "unknown_line",
          message: `relation "${relation}": no line "${key}"`,
          params: { relation, line: key },
        });
        return [];
      }
      return [{ sign, values }];
    });
  const compiled = relations.map((r) => ({ r, left: terms(r.left, r.id), right: terms(r.right, r.id) }));
  if (issues.length > 0) return err(issues);

  const flags: ArithmeticFlag[] = [];
  const sum = (ts: readonly Term[], s: number) => {
    let v = 0;
    for (const t of ts) v += t.sign * (t.values[s] ?? 0);
    return v;
  };
  for (let s = 0; s < results.stationCount; s++) {
    for (const { r, left, right } of compiled) {
      const a = sum(left, s);
      const b = sum(right, s);
      const holds = r.relation === "=" ? a === b : r.relation === ">=" ? a >= b : a <= b;
      if (!holds) {
        flags.push({
          station: s,
          stationCode: results.stationCodes[s] ?? "",
          line: results.sourceLines[s] ?? 0,
          relation: r.id,
          left: a,
          right: b,
        });
      }
    }
  }
  return ok(flags);
}
