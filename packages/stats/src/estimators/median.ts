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
  const level = options.level ?? 0.95;
  const unit = options.unit ?? "visit";
  let missing = 0;
  const byStation = new Map<string, { stratumId: string | null; values: number[] }>();
  for (const o of observations) {
    if (o.value === null || !Number.isFinite(o.value)) {
      missing++;
      continue;
    }
    const s = byStation.get(o.stationId);
    if (s === undefined) byStation.set(o.stationId, { stratumId: o.stratumId ?? null, values: [o.value] });
    else s.values.push(o.value);
  }
  const unitValues = (vals: readonly number[]): number[] =>
    unit === "visit" ? [...vals] : [vals.reduce((a, b) => a + b, 0) / vals.length];

  const base: ClusterTotals[] = [];
  for (const [stationId, s] of byStation) {
    const u = unitValues(s.values);
    base.push({ stationId, stratumId: s.stratumId, y: 0, x: u.length, units: s.values.length });
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
  if (s.n === 0) return err({ code: "no-data", message: "no units with a value remain after exclusions" });

  const items: Item[] = [];
  const perCluster: number[][] = [];
  let total = 0;
  let sum = 0;
  for (let i = 0; i < s.n; i++) {
    const st = byStation.get(s.stationIds[i] ?? "");
    const vals = st === undefined ? [] : unitValues(st.values);
    perCluster.push(vals);
    const w = s.weight[i] ?? 0;
    for (const v of vals) {
      items.push({ value: v, weight: w });
      total += w;
      sum += v;
    }
  }
  items.sort((a, b) => a.value - b.value);
  const median = weightedQuantile(items, total, 0.5);
  // Woodruff: variance of F̂(m̂) as a ratio Σ w·#(y ≤ m̂) / Σ w·#units.
  for (let i = 0; i < s.n; i++) {
    let c = 0;
    for (const v of perCluster[i] ?? []) if (v <= median) c++;
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
  const smallCell = items.length < minCell;
  if (smallCell) warnings.push(`small cell: ${items.length} units (minimum ${minCell})`);
  const convenience = design.kind === "convenience";
  return ok({
    kind: "median",
    value: median,
    numerator: sum,
    denominator: items.length,
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
