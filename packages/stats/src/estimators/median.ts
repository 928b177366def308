// Median of a number with the Woodruff interval: estimate the design-based standard error of
// the estimated distribution function at the median, F̂(m̂), then invert F̂ at 0.5 ± z·se.
// Woodruff, "Confidence intervals for medians and other position measures", JASA 47 (1952);
// Lohr, "Sampling: Design and Analysis" (3rd ed.), §9.5 (quantiles). Under simple random
// sampling of single units this is the large-sample order-statistic interval.

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import type { ClusterTotals } from "../design/survey.ts";
import { applyDesign, ratioEstimate } from "../design/survey.ts";
import type { Estimate, EstimateOptions, Observation, SamplingDesign, StatsIssue } from "../design/types.ts";
import { CONVENIENCE_NOTE } from "../design/types.ts";
import { zForLevel } from "../math/normal.ts";
import { mergeExclusions } from "./clusters.ts";

interface Item {
  readonly value: number;
  readonly weight: number;
}

/** Smallest value whose weighted cumulative share reaches p (items sorted ascending). */
function weightedQuantile(items: readonly Item[], total: number, p: number): number {
  const target = Math.min(1, Math.max(0, p)) * total;
  let cum = 0;
  for (const it of items) {
    cum += it.weight;
    if (cum >= target - 1e-12 * total) return it.value;
  }
  return items[items.length - 1]?.value ?? Number.NaN;
}

/** Estimates the median of a numeric outcome with a Woodruff interval. */
export function estimateMedian(
  observations: readonly Observation<number>[],
  design: SamplingDesign,
  options: EstimateOptions = {},
): Result<Estimate, StatsIssue> {
  let missing = 0;
  const byStation = new Map<string, { stratumId: string | null; values: number[]; counts: number[] }>();
  for (const o of observations) {
    if (o.value === null || !Number.isFinite(o.value)) {
      missing++;
      continue;
    }
    const s = byStation.get(o.stationId);
    if (s === undefined)
      byStation.set(o.stationId, { stratumId: o.stratumId ?? null, values: [o.value], counts: [1] });
    else {
      s.values.push(o.value);
      s.counts.push(1);
    }
  }
  return estimateMedianFromStations(
    [...byStation].map(([stationId, s]) => ({ stationId, ...s })),
    design,
    { ...options, missing },
  );
}

/** One station's values (each with how many units gave it). */
export interface StationValues {
  readonly stationId: string;
  readonly stratumId: string | null;
  readonly values: readonly number[];
  readonly counts: readonly number[];
}

/**
 * The median from per-station value counts (finite values only; `missing` counts the units
 * without one): the same Estimate as estimateMedian over the visits those counts summarise.
 */
export function estimateMedianFromStations(
  stations: readonly StationValues[],
  design: SamplingDesign,
  options: EstimateOptions & { readonly missing?: number } = {},
): Result<Estimate, StatsIssue> {
  const level = options.level ?? 0.95;
  const unit = options.unit ?? "visit";
  const missing = options.missing ?? 0;
  const byStation = new Map<string, StationValues>();
  // Unit "station": one value per station, the mean of its visits' values.
  const unitValues = (st: StationValues): { values: readonly number[]; counts: readonly number[] } => {
    if (unit === "visit") return st;
    let sum = 0;
    let n = 0;
    st.values.forEach((v, k) => {
      const c = st.counts[k] ?? 0;
      sum += v * c;
      n += c;
    });
    return { values: [sum / n], counts: [1] };
  };
  const base: ClusterTotals[] = [];
  for (const st of stations) {
    let units = 0;
    for (const c of st.counts) units += c;
    if (units === 0) continue;
    byStation.set(st.stationId, st);
    base.push({
      stationId: st.stationId,
      stratumId: st.stratumId,
      y: 0,
      x: unit === "visit" ? units : 1,
      units,
    });
  }
  const designed = applyDesign(base, design, options.fpc ?? false);
  if (!designed.ok) return designed;
  const s = designed.value;
  let outsideUnits = 0;
  if (s.outsidePlan > 0) {
    const kept = new Set(s.stationIds);
    for (const c of base) if (!kept.has(c.stationId)) outsideUnits += c.units;
  }
  const exclusions = mergeExclusions(options.exclusions, { missing, "outside-plan": outsideUnits });
  if (s.n === 0)
    return err({
      code: "no-data",
      reason: "no_values",
      message: "no units with a value remain after exclusions",
    });

  const items: Item[] = [];
  const perCluster: { values: readonly number[]; counts: readonly number[] }[] = [];
  let total = 0;
  let sum = 0;
  let unitsIn = 0;
  for (let i = 0; i < s.n; i++) {
    const st = byStation.get(s.stationIds[i] ?? "");
    const vals = st === undefined ? { values: [], counts: [] } : unitValues(st);
    perCluster.push(vals);
    const w = s.weight[i] ?? 0;
    vals.values.forEach((v, k) => {
      const c = vals.counts[k] ?? 0;
      items.push({ value: v, weight: w * c });
      total += w * c;
      sum += v * c;
      unitsIn += c;
    });
  }
  items.sort((a, b) => a.value - b.value);
  const median = weightedQuantile(items, total, 0.5);
  // Woodruff: variance of F̂(m̂) as a ratio Σ w·#(y ≤ m̂) / Σ w·#units.
  for (let i = 0; i < s.n; i++) {
    let c = 0;
    const vals = perCluster[i];
    vals?.values.forEach((v, k) => {
      if (v <= median) c += vals.counts[k] ?? 0;
    });
    s.y[i] = c;
  }
  const f = ratioEstimate(s);
  const seF = Math.sqrt(Math.max(0, f.variance));
  const z = zForLevel(level);
  const lower = weightedQuantile(items, total, 0.5 - z * seF);
  const upper = weightedQuantile(items, total, 0.5 + z * seF);
  // Standard error of the median implied by the interval width (Woodruff; Lohr §9.5).
  const se = (upper - lower) / (2 * z);
  const warnings = [...s.warnings];
  const minCell = options.minCellUnits ?? 30;
  const smallCell = unitsIn < minCell;
  if (smallCell) warnings.push(`small cell: ${unitsIn} units (minimum ${minCell})`);
  const convenience = design.kind === "convenience";
  return ok({
    kind: "median",
    value: median,
    numerator: sum,
    denominator: unitsIn,
    stations: s.n,
    unit,
    exclusions,
    standardError: se,
    ci: { lower, upper, level, method: "woodruff" },
    design: design.kind,
    generalises: !convenience,
    note: convenience ? CONVENIENCE_NOTE : null,
    smallCell,
    designEffect: null,
    effectiveSampleSize: null,
    warnings,
  });
}
