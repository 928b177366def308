// Share of units where a condition holds, following the sampling design.
// - simple random sample of stations: Wilson score interval (Wilson 1927; Newcombe 1998;
//   Brown, Cai & DasGupta 2001), optionally with finite-population correction n* = n(N-1)/(N-n);
// - stratified sample: Σ W_h p_h with variance Σ W_h²(1-f_h)s_h²/n_h (Lohr 2021, §3.2);
// - several visits per station: ratio estimator over station clusters (Lohr 2021, §5.3);
// - stratified or clustered: Wilson interval on the effective sample size p̂(1-p̂)/V̂, scaled by
//   (z/t_d)² for the design degrees of freedom and capped at n (wilson.ts: Dean & Pagano 2015;
//   Korn & Graubard 1998), which keeps coverage near 95% for small p where Wald fails;
// - convenience deployment: plain binomial (Wilson) interval labelled `generalises: false`
//   (Estok, Nevitte & Cowan, "The Quick Count and Election Observation", NDI 2002, ch. 5 on
//   why only random samples support claims about all stations).

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import { applyDesign, designDegreesOfFreedom, ratioEstimate } from "../design/survey.ts";
import type {
  ConfidenceInterval,
  Estimate,
  EstimateOptions,
  Observation,
  SamplingDesign,
  StatsIssue,
} from "../design/types.ts";
import { CONVENIENCE_NOTE } from "../design/types.ts";
import type { StationRule } from "./clusters.ts";
import { groupByStation, mergeExclusions } from "./clusters.ts";
import { wilsonEffective, wilsonFromCounts } from "./wilson.ts";

export interface ProportionOptions extends EstimateOptions {
  /** How a station's visits combine when unit is "station": share of visits (default), any, all. */
  readonly stationRule?: StationRule;
}

/** Estimates the share of units whose outcome is true. */
export function estimateProportion(
  observations: readonly Observation<boolean>[],
  design: SamplingDesign,
  options: ProportionOptions = {},
): Result<Estimate, StatsIssue> {
  const unit = options.unit ?? "visit";
  const grouped = groupByStation(observations, (v) => (v ? 1 : 0), unit, options.stationRule ?? "mean");
  return proportionFromClusters(grouped.clusters, grouped.missing, grouped.warnings, design, options);
}

/** Shared tail of proportion-type estimators (also used for severity-adjusted shares). */
export function proportionFromClusters(
  clusters: Parameters<typeof applyDesign>[0],
  missing: number,
  upstreamWarnings: readonly string[],
  design: SamplingDesign,
  options: ProportionOptions,
  clampToUnit = true,
): Result<Estimate, StatsIssue> {
  const level = options.level ?? 0.95;
  const unit = options.unit ?? "visit";
  const fpc = options.fpc ?? false;
  const designed = applyDesign(clusters, design, fpc);
  if (!designed.ok) return designed;
  const s = designed.value;
  let outsideUnits = 0;
  if (s.outsidePlan > 0) {
    const kept = new Set(s.stationIds);
    for (const c of clusters) if (!kept.has(c.stationId)) outsideUnits += c.units;
  }
  const exclusions = mergeExclusions(options.exclusions, { missing, "outside-plan": outsideUnits });
  if (s.n === 0)
    return err({
      code: "no-data",
      reason: "no_answers",
      message: "no units with an answer remain after exclusions",
    });

  let units = 0;
  let numerator = 0;
  let singleUnitClusters = true;
  for (let i = 0; i < s.n; i++) {
    units += unit === "visit" ? (s.units[i] ?? 0) : 1;
    numerator += s.y[i] ?? 0;
    if ((s.x[i] ?? 0) !== 1) singleUnitClusters = false;
    const y = s.y[i] ?? 0;
    if (y !== 0 && y !== 1) singleUnitClusters = false;
  }
  const r = ratioEstimate(s);
  const pRaw = r.ratio;
  const p = clampToUnit ? Math.min(1, Math.max(0, pRaw)) : pRaw;
  const se = Math.sqrt(Math.max(0, r.variance));
  const warnings = [...upstreamWarnings, ...s.warnings];

  let ci: ConfidenceInterval;
  let effectiveN: number | null = null;
  const pq = p * (1 - p);
  if (design.kind !== "stratified" && singleUnitClusters) {
    const N = design.kind === "simple-random" && fpc ? design.populationSize : undefined;
    const w = wilsonFromCounts(numerator, s.n, level, N);
    effectiveN = N !== undefined && N > s.n ? (s.n * (N - 1)) / (N - s.n) : s.n;
    ci = { ...w, level, method: "wilson" };
  } else {
    const w = wilsonEffective(p, r.variance, units, designDegreesOfFreedom(s), level);
    effectiveN = w.effectiveN;
    ci = { ...w.interval, level, method: "wilson-effective-n", degreesOfFreedom: w.degreesOfFreedom };
  }
  const designEffect = pq > 0 && r.variance > 0 ? r.variance / (pq / units) : null;
  const minCell = options.minCellUnits ?? 30;
  const smallCell = units < minCell;
  if (smallCell) warnings.push(`small cell: ${units} units (minimum ${minCell})`);
  const convenience = design.kind === "convenience";
  return ok({
    kind: "proportion",
    value: p,
    numerator,
    denominator: units,
    stations: s.n,
    unit,
    exclusions,
    standardError: se,
    ci,
    design: design.kind,
    generalises: !convenience,
    note: convenience ? CONVENIENCE_NOTE : null,
    smallCell,
    designEffect,
    effectiveSampleSize: effectiveN,
    warnings,
  });
}
