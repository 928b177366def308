// Estimates from per-station totals: the entry point for callers that aggregate visits per
// station themselves (e.g. in SQL), so that no object per visit is ever built. The totals become
// the same station clusters that the per-visit estimators build with groupByStation, and go
// through the same design engine (design/survey.ts), so both paths give the same estimate.

import type { Result } from "@scrutiny/domain";
import type { ClusterTotals } from "../design/survey.ts";
import type { Estimate, SamplingDesign, StatsIssue } from "../design/types.ts";
import type { StationRule } from "./clusters.ts";
import { meanFromClusters } from "./mean.ts";
import { type ProportionOptions, proportionFromClusters } from "./proportion.ts";

/** One station's visits summarised: y = Σ outcome (true counts 1), x = visits with an answer. */
export interface StationTotal {
  readonly stationId: string;
  readonly stratumId: string | null;
  readonly y: number;
  readonly x: number;
}

export interface StationTotalsOptions extends ProportionOptions {
  /** Units without an answer (visits, whatever the unit), reported as the "missing" exclusion. */
  readonly missing?: number;
}

/** Station clusters as groupByStation builds them from the visits these totals summarise. */
export function clustersFromTotals(
  totals: readonly StationTotal[],
  unit: "visit" | "station",
  rule: StationRule = "mean",
): ClusterTotals[] {
  const clusters: ClusterTotals[] = [];
  for (const t of totals) {
    if (!(t.x > 0)) continue; // only missing answers: no cluster, as in groupByStation
    if (unit === "visit")
      clusters.push({ stationId: t.stationId, stratumId: t.stratumId, y: t.y, x: t.x, units: t.x });
    else {
      const y = rule === "any" ? Number(t.y !== 0) : rule === "all" ? Number(t.y === t.x) : t.y / t.x;
      clusters.push({ stationId: t.stationId, stratumId: t.stratumId, y, x: 1, units: 1 });
    }
  }
  return clusters;
}

/**
 * A proportion (y counts visits where the condition holds) or a mean (y sums the values) from
 * per-station totals; the same Estimate as estimateProportion / estimateMean over the visits.
 */
export function estimateFromStationTotals(
  kind: "proportion" | "mean",
  totals: readonly StationTotal[],
  design: SamplingDesign,
  options: StationTotalsOptions = {},
): Result<Estimate, StatsIssue> {
  const unit = options.unit ?? "visit";
  const missing = options.missing ?? 0;
  if (kind === "proportion") {
    const clusters = clustersFromTotals(totals, unit, options.stationRule ?? "mean");
    return proportionFromClusters(clusters, missing, [], design, options);
  }
  return meanFromClusters(clustersFromTotals(totals, unit, "mean"), missing, [], design, options);
}
