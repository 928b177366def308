// Confidence intervals for a proportion.
// Wilson score interval: E. B. Wilson, "Probable inference, the law of succession, and
// statistical inference", JASA 22 (1927); recommended by Newcombe, "Two-sided confidence
// intervals for the single proportion: comparison of seven methods", Stat. Med. 17 (1998)
// and Brown, Cai & DasGupta, "Interval estimation for a binomial proportion", Stat. Sci. 16
// (2001). For complex designs the same formula is used with the effective sample size
// n* = p̂(1-p̂)/V̂ (Kish 1965, design effect), the "Wilson with design effect" interval evaluated
// by Dean & Pagano, "Evaluating confidence interval methods for binomial proportions in clustered
// surveys", J. Survey Statist. Methodol. 3(4), 2015. Two refinements come from Korn & Graubard,
// "Confidence intervals for proportions with small expected number of positive counts estimated
// from survey data", Survey Methodology 24(2), 1998 (whose own interval is a modified
// Clopper-Pearson, not Wilson): n* is capped at the number of units n, and it is scaled by
// (z/t_d)² with d = design degrees of freedom (clusters - strata), which is the same as using
// t_d instead of z in the score equation.

import { zForLevel } from "../math/normal.ts";
import { tQuantile } from "../math/special.ts";

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** Wilson score interval for p̂ observed on n (possibly effective, non-integer) units. */
export function wilsonInterval(p: number, n: number, level = 0.95): Interval {
  if (!(n > 0)) return { lower: 0, upper: 1 };
  const z = zForLevel(level);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt(Math.max(0, (p * (1 - p)) / n + z2 / (4 * n * n)));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** Wilson interval from counts, optionally with the finite-population correction. */
export function wilsonFromCounts(x: number, n: number, level = 0.95, populationSize?: number): Interval {
  const p = n > 0 ? x / n : 0;
  const nStar =
    populationSize !== undefined && populationSize > n
      ? (n * (populationSize - 1)) / (populationSize - n)
      : n;
  return wilsonInterval(p, nStar, level);
}

/** Wald interval p̂ ± z·se, clipped to [0, 1]. */
export function waldInterval(p: number, se: number, level = 0.95): Interval {
  const z = zForLevel(level);
  return { lower: Math.max(0, p - z * se), upper: Math.min(1, p + z * se) };
}

export interface EffectiveWilson {
  readonly interval: Interval;
  /** n* = min(n, p̂(1-p̂)/V̂ · (z/t_d)²), the sample size the Wilson formula used. */
  readonly effectiveN: number;
  readonly degreesOfFreedom: number;
}

/**
 * Wilson interval for a design-based share: effective sample size from the variance, scaled for the
 * design's degrees of freedom and capped at the number of units (see the module comment).
 */
export function wilsonEffective(
  p: number,
  variance: number,
  units: number,
  degreesOfFreedom: number,
  level = 0.95,
): EffectiveWilson {
  const pq = p * (1 - p);
  const raw = variance > 0 && pq > 0 ? pq / variance : units;
  const df = Math.max(1, degreesOfFreedom);
  const tail = (1 + level) / 2;
  const scale = (zForLevel(level) / tQuantile(tail, df)) ** 2;
  const effectiveN = Math.min(units, raw * scale);
  return { interval: wilsonInterval(p, effectiveN, level), effectiveN, degreesOfFreedom: df };
}
