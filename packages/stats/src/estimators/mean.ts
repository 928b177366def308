// Mean of a number per unit (e.g. queue length, minutes to open) as a ratio of weighted
// totals Σ w y / Σ w x over station clusters, with linearised stratified cluster variance
// (Lohr, "Sampling: Design and Analysis", 3rd ed., §4.1, §5.3, §9.1) and a normal-theory
// interval, which is adequate for means of bounded quantities at the sample sizes of
// observation missions (central limit theorem; Lohr §2.9 on sample size for normality).

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import { applyDesign, type ClusterTotals, ratioEstimate } from "../design/survey.ts";
import type { Estimate, EstimateOptions, Observation, SamplingDesign, StatsIssue } from "../design/types.ts";
import { CONVENIENCE_NOTE } from "../design/types.ts";
import { zForLevel } from "../math/normal.ts";
import { groupByStation, mergeExclusions } from "./clusters.ts";

/** Estimates the mean of a numeric outcome per unit. */
export function estimateMean(
  observations: readonly Observation<number>[],
  design: SamplingDesign,
  options: EstimateOptions = {},
): Result<Estimate, StatsIssue> {
  const unit = options.unit ?? "visit";
  const grouped = groupByStation(observations, (v) => v, unit, "mean");
  return meanFromClusters(grouped.clusters, grouped.missing, grouped.warnings, design, options);
}

/** Shared tail of the mean: station clusters (y = sum of values, x = units) to an estimate. */
export function meanFromClusters(
  clusters: readonly ClusterTotals[],
  missing: number,
  upstreamWarnings: readonly string[],
  design: SamplingDesign,
  options: EstimateOptions,
): Result<Estimate, StatsIssue> {
  const level = options.level ?? 0.95;
  const unit = options.unit ?? "visit";
  const designed = applyDesign(clusters, design, options.fpc ?? false);
  if (!designed.ok) return designed;
  const s = designed.value;
  let outsideUnits = 0;
  if (s.outsidePlan > 0) {
    const kept = new Set(s.stationIds);
    for (const c of clusters) if (!kept.has(c.stationId)) outsideUnits += c.units;
  }
  const exclusions = mergeExclusions(options.exclusions, {
    missing,
    "outside-plan": outsideUnits,
  });
  if (s.n === 0)
    return err({
      code: "no-data",
      reason: "no_values",
      message: "no units with a value remain after exclusions",
    });
  let units = 0;
  let numerator = 0;
  for (let i = 0; i < s.n; i++) {
    units += unit === "visit" ? (s.units[i] ?? 0) : 1;
    numerator += s.y[i] ?? 0;
  }
  const r = ratioEstimate(s);
  const se = Math.sqrt(Math.max(0, r.variance));
  const z = zForLevel(level);
  const warnings = [...upstreamWarnings, ...s.warnings];
  const minCell = options.minCellUnits ?? 30;
  const smallCell = units < minCell;
  if (smallCell) warnings.push(`small cell: ${units} units (minimum ${minCell})`);
  const convenience = design.kind === "convenience";
  return ok({
    kind: "mean",
    value: r.ratio,
    numerator,
    denominator: units,
    stations: s.n,
    unit,
    exclusions,
    standardError: se,
    ci: { lower: r.ratio - z * se, upper: r.ratio + z * se, level, method: "normal" },
    design: design.kind,
    generalises: !convenience,
    note: convenience ? CONVENIENCE_NOTE : null,
    smallCell,
    designEffect: null,
    effectiveSampleSize: null,
    warnings,
  });
}
