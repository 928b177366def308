// Ratio estimates of population totals' ratios (Σ y / Σ x over stations) with stratified
// station-cluster linearised variance and a normal margin of error — the estimator of a
// parallel vote tabulation (Estok, Nevitte & Cowan, "The Quick Count and Election
// Observation", NDI 2002, ch. 5 and appendix on margins of error; Lohr, "Sampling: Design
// and Analysis", 3rd ed., §4.1 ratio estimation and §5.3 cluster ratio estimators).

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import type { ClusterTotals } from "../design/survey.ts";
import { applyDesign, ratioEstimate } from "../design/survey.ts";
import type { ConfidenceInterval, SamplingDesign, StatsIssue } from "../design/types.ts";
import { zForLevel } from "../math/normal.ts";

export interface RatioEstimate {
  readonly value: number;
  readonly standardError: number;
  /** Half-width of the interval: z·SE. */
  readonly marginOfError: number;
  readonly ci: ConfidenceInterval;
  /** Unweighted sums over the stations used. */
  readonly numerator: number;
  readonly denominator: number;
  readonly stations: number;
}

export function ratioFromClusters(
  clusters: readonly ClusterTotals[],
  design: SamplingDesign,
  fpc: boolean,
  level: number,
): Result<RatioEstimate, StatsIssue> {
  const d = applyDesign(clusters, design, fpc);
  if (!d.ok) return d;
  const s = d.value;
  if (s.n === 0) return err({ code: "no-data", reason: "no_stations", message: "no stations" });
  let num = 0;
  let den = 0;
  for (let i = 0; i < s.n; i++) {
    num += s.y[i] ?? 0;
    den += s.x[i] ?? 0;
  }
  if (!(den > 0)) return err({ code: "no-data", reason: "zero_denominator", message: "denominator is zero" });
  const r = ratioEstimate(s);
  const se = Math.sqrt(Math.max(0, r.variance));
  const z = zForLevel(level);
  return ok({
    value: r.ratio,
    standardError: se,
    marginOfError: z * se,
    ci: { lower: r.ratio - z * se, upper: r.ratio + z * se, level, method: "normal" },
    numerator: num,
    denominator: den,
    stations: s.n,
  });
}
