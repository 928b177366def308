// The JavaScript evaluation of indicators: a mission's reports (distinct answer patterns from the
// store) evaluated with the domain's evaluator and totalled per station, phase, form kind and
// status into the same rows the store computes in SQL (store.analysis.stationTotals). It serves
// the indicators, or the answers, that the SQL does not decide; totals.ts estimates from either.
import {
  type AnswerLike,
  answerToValue,
  type EvalContext,
  evaluateBoolean,
  storedToAnswer,
  toNumber,
} from "@scrutiny/domain";
import type { Estimate, IncidentSummary } from "@scrutiny/stats";
import type { CompiledIndicator } from "./definitions.ts";
import type { Why } from "./reasons.ts";
import type { ObservationPattern, StationTotalsRow } from "./store-types.ts";

export interface Exclusions {
  readonly quarantined: number;
  readonly "outside-plan": number;
}

/** `issue` and `reason`: why there is no estimate (no data, ...). */
export interface Cell extends Why {
  /** Phase code, area id, or "all". */
  readonly key: string;
  readonly estimate: Estimate | null;
  readonly incidents: IncidentSummary | null;
  /** Reports excluded before estimation (the estimate's own `exclusions` add missing answers). */
  readonly excluded: Exclusions;
}

export interface IndicatorEstimates {
  readonly code: string;
  readonly version: number;
  readonly definition: CompiledIndicator["definition"];
  readonly overall: Cell;
  readonly byPhase: readonly Cell[];
  readonly byArea: { readonly level: string; readonly cells: readonly Cell[] };
}

export interface EngineOptions {
  readonly areaLevel: string;
  readonly minCellUnits: number;
  /** Phase codes in election order (the breakdown's order). */
  readonly phaseOrder: readonly string[];
}

/** Answers of one pattern as the expression language sees them. */
export function patternContext(
  pattern: ObservationPattern,
  questionIndex: ReadonlyMap<string, number>,
): EvalContext {
  const stored = (name: string) => {
    const i = questionIndex.get(name);
    return i === undefined ? undefined : pattern.answers[i];
  };
  return { answer: (name: string) => toAnswer(stored(name)), stored };
}

function toAnswer(v: unknown): AnswerLike {
  return storedToAnswer(v);
}

/**
 * The number an answer reads as, as the expression language's number(${q}) reads it (the value
 * of a mean or a median; NaN for none). The store reads numbers the same way in SQL.
 */
export function answerNumber(v: unknown): number {
  return toNumber(answerToValue(toAnswer(v)));
}

/**
 * One indicator's station totals (column 0 of StationTotalsRow) from the mission's patterns:
 * per station, phase, form kind, status (and value, for medians and incident categories), the
 * reports (n), the reports with an answer (x) and the total (y: true conditions, or the sum of
 * numbers), everything decided (u = 0).
 */
export function totalsFromPatterns(
  indicator: CompiledIndicator,
  patterns: readonly ObservationPattern[],
  questionIndex: ReadonlyMap<string, number>,
): StationTotalsRow[] {
  const d = indicator.definition;
  const refs = indicator.questions.map((q) => questionIndex.get(q) ?? -1);
  const answeredRefs = indicator.answeredBy.map((q) => questionIndex.get(q) ?? -1);
  const rows = new Map<
    string,
    { p: ObservationPattern; value: number | string | null; n: number; x: number; y: number }
  >();
  const add = (p: ObservationPattern, value: number | string | null, x: number, y: number) => {
    const key = JSON.stringify([p.stationId, p.phaseCode, p.formKind, p.status, value]);
    const r = rows.get(key) ?? { p, value, n: 0, x: 0, y: 0 };
    rows.set(key, r);
    r.n += p.count;
    r.x += x;
    r.y += y;
  };
  for (const p of patterns) {
    const own = p.formKind === d.formKind;
    if (!own) {
      add(p, null, 0, 0);
      continue;
    }
    const first = p.answers[refs[0] ?? -1];
    if (d.kind === "share") {
      const answered =
        answeredRefs.length === 0 ||
        answeredRefs.some((i) => i >= 0 && p.answers[i] !== null && p.answers[i] !== undefined);
      const holds =
        answered &&
        indicator.condition !== null &&
        evaluateBoolean(indicator.condition, patternContext(p, questionIndex));
      add(p, null, answered ? p.count : 0, holds ? p.count : 0);
    } else if (d.kind === "incidents") {
      const category = toAnswer(first);
      add(p, category === undefined ? "unspecified" : String(category), p.count, 0);
    } else {
      const v = answerNumber(first);
      if (!Number.isFinite(v)) add(p, null, 0, 0);
      else if (d.kind === "median") add(p, v, p.count, 0);
      else add(p, null, p.count, p.count * v);
    }
  }
  return [...rows.values()].map(({ p, value, n, x, y }) => ({
    stationId: p.stationId,
    phaseCode: p.phaseCode,
    formKind: p.formKind,
    status: p.status,
    n,
    x: [x],
    y: [y],
    u: [0],
    value: [value],
  }));
}

/** Every question the indicators read, with each one's position in the store's answer arrays. */
export function questionsOf(indicators: readonly CompiledIndicator[]): {
  questions: string[];
  index: Map<string, number>;
} {
  const questions = [...new Set(indicators.flatMap((i) => i.questions))].sort();
  return { questions, index: new Map(questions.map((q, i) => [q, i])) };
}
