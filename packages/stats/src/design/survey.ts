// The design-based engine behind every estimator: a ratio of weighted totals
// R = Σ w_i y_i / Σ w_i x_i over sampled clusters (stations), with Taylor-linearised variance
//   V(R) = Σ_h (1 - f_h) n_h/(n_h - 1) Σ_{i∈h} (d_i - d̄_h)²,  d_i = w_i (y_i - R x_i) / X̂.
// This is the stratified, with-replacement-at-stage-two ("ultimate cluster") variance of
// Lohr, "Sampling: Design and Analysis" (3rd ed.), §4.1 (ratio), §3.2 (stratified), §5.3
// (unequal-size clusters), §9.1 (linearisation); Wolter, "Introduction to Variance
// Estimation" (2007), ch. 6. With x_i = 1 and one unit per cluster it reduces to the
// textbook SRS variance (1 - f) s²/n, and with w = N_h/n_h to Σ W_h²(1 - f_h) s_h²/n_h.

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import type { SamplingDesign, StatsIssue } from "./types.ts";

/** One sampled station with its totals for the numerator (y) and denominator (x). */
export interface ClusterTotals {
  readonly stationId: string;
  readonly stratumId: string | null;
  readonly y: number;
  readonly x: number;
  /** Number of units (visits) summarised by this cluster. */
  readonly units: number;
}

/** Clusters resolved against a design: weights and strata as typed arrays. */
export interface DesignedSample {
  readonly n: number;
  readonly stationIds: readonly string[];
  readonly stratum: Int32Array;
  readonly weight: Float64Array;
  readonly y: Float64Array;
  readonly x: Float64Array;
  readonly units: Int32Array;
  /** Per stratum: sampled clusters n_h and sampling fraction f_h (0 when unknown or no FPC). */
  readonly strataIds: readonly string[];
  readonly nh: Int32Array;
  readonly fh: Float64Array;
  /** Stations dropped because the design does not know their stratum. */
  readonly outsidePlan: number;
  readonly warnings: readonly string[];
}

/** Resolves clusters against a design: assigns strata, weights and sampling fractions. */
export function applyDesign(
  clusters: readonly ClusterTotals[],
  design: SamplingDesign,
  fpc: boolean,
): Result<DesignedSample, StatsIssue> {
  const warnings: string[] = [];
  let strataIds: string[];
  let populations: number[];
  const stratumIndex = new Map<string, number>();
  if (design.kind === "stratified") {
    if (design.strata.length === 0)
      return err({ code: "invalid-design", reason: "no_strata", message: "stratified design has no strata" });
    strataIds = design.strata.map((s) => s.id);
    populations = design.strata.map((s) => s.populationSize);
    design.strata.forEach((s, i) => {
      stratumIndex.set(s.id, i);
    });
  } else {
    strataIds = ["all"];
    populations = [design.kind === "simple-random" ? design.populationSize : Number.NaN];
  }
  for (const [h, p] of populations.entries()) {
    if (design.kind !== "convenience" && !(p > 0 && Number.isFinite(p))) {
      const stratum = strataIds[h] ?? "";
      return err({
        code: "invalid-design",
        reason: "population_not_positive",
        params: { stratum, population: p },
        message: `stratum ${stratum}: population size must be positive, got ${p}`,
      });
    }
  }

  const kept: { c: ClusterTotals; h: number }[] = [];
  let outsidePlan = 0;
  for (const c of clusters) {
    let h = 0;
    if (design.kind === "stratified") {
      const found = c.stratumId == null ? undefined : stratumIndex.get(c.stratumId);
      if (found === undefined) {
        outsidePlan++;
        continue;
      }
      h = found;
    }
    kept.push({ c, h });
  }
  const H = strataIds.length;
  const nh = new Int32Array(H);
  for (const k of kept) nh[k.h] = (nh[k.h] ?? 0) + 1;
  const fh = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const N = populations[h] ?? Number.NaN;
    const n = nh[h] ?? 0;
    if (design.kind !== "convenience" && n > N) {
      return err({
        code: "invalid-design",
        reason: "sample_exceeds_population",
        params: { stratum: strataIds[h] ?? "", sampled: n, population: N },
        message: `stratum ${strataIds[h]}: ${n} sampled stations exceed population ${N}`,
      });
    }
    fh[h] = fpc && design.kind !== "convenience" && Number.isFinite(N) ? n / N : 0;
    if (n === 1)
      warnings.push(
        `stratum ${strataIds[h]} has a single sampled station: its variance cannot be estimated and counts as 0`,
      );
  }
  if (design.kind === "stratified") {
    for (let h = 0; h < H; h++) {
      if ((nh[h] ?? 0) === 0 && (populations[h] ?? 0) > 0) {
        warnings.push(
          `stratum ${strataIds[h]} has no observed stations: the estimate covers the other strata only`,
        );
      }
    }
  }

  const n = kept.length;
  const stratum = new Int32Array(n);
  const weight = new Float64Array(n);
  const y = new Float64Array(n);
  const x = new Float64Array(n);
  const units = new Int32Array(n);
  const stationIds: string[] = [];
  const pis = design.kind === "stratified" ? design.inclusionProbabilities : undefined;
  for (let i = 0; i < n; i++) {
    const k = kept[i];
    if (k === undefined) continue;
    stratum[i] = k.h;
    y[i] = k.c.y;
    x[i] = k.c.x;
    units[i] = k.c.units;
    stationIds.push(k.c.stationId);
    let w: number;
    if (design.kind === "convenience") w = 1;
    else {
      const pi = pis?.[k.c.stationId];
      if (pi !== undefined) {
        if (!(pi > 0 && pi <= 1)) {
          return err({
            code: "invalid-design",
            reason: "inclusion_probability",
            params: { station: k.c.stationId, probability: pi },
            message: `station ${k.c.stationId}: inclusion probability ${pi}`,
          });
        }
        w = 1 / pi;
      } else w = (populations[k.h] ?? 0) / (nh[k.h] ?? 1);
    }
    weight[i] = w;
  }
  return ok({ n, stationIds, stratum, weight, y, x, units, strataIds, nh, fh, outsidePlan, warnings });
}

export interface RatioResult {
  readonly ratio: number;
  readonly variance: number;
  /** Estimated totals Ŷ and X̂. */
  readonly totalY: number;
  readonly totalX: number;
}

/**
 * Stratified between-cluster variance of a weighted total of per-cluster values z_i
 * (already multiplied by their weights): Σ_h (1 - f_h) n_h/(n_h-1) Σ (z_i - z̄_h)².
 */
export function stratifiedTotalVariance(s: DesignedSample, z: Float64Array): number {
  const H = s.strataIds.length;
  const sum = new Float64Array(H);
  for (let i = 0; i < s.n; i++) {
    const h = s.stratum[i] ?? 0;
    sum[h] = (sum[h] ?? 0) + (z[i] ?? 0);
  }
  const ss = new Float64Array(H);
  for (let i = 0; i < s.n; i++) {
    const h = s.stratum[i] ?? 0;
    const d = (z[i] ?? 0) - (sum[h] ?? 0) / (s.nh[h] ?? 1);
    ss[h] = (ss[h] ?? 0) + d * d;
  }
  let v = 0;
  for (let h = 0; h < H; h++) {
    const n = s.nh[h] ?? 0;
    if (n < 2) continue;
    v += (1 - (s.fh[h] ?? 0)) * (n / (n - 1)) * (ss[h] ?? 0);
  }
  return v;
}

/** Ratio estimator R̂ = Ŷ/X̂ with linearised variance. */
export function ratioEstimate(s: DesignedSample): RatioResult {
  let ty = 0;
  let tx = 0;
  for (let i = 0; i < s.n; i++) {
    const w = s.weight[i] ?? 0;
    ty += w * (s.y[i] ?? 0);
    tx += w * (s.x[i] ?? 0);
  }
  const r = tx > 0 ? ty / tx : Number.NaN;
  const d = new Float64Array(s.n);
  for (let i = 0; i < s.n; i++) {
    d[i] = ((s.weight[i] ?? 0) * ((s.y[i] ?? 0) - r * (s.x[i] ?? 0))) / tx;
  }
  return { ratio: r, variance: stratifiedTotalVariance(s, d), totalY: ty, totalX: tx };
}

/** Estimated population total Ŷ = Σ w y with its variance. */
export function totalEstimate(s: DesignedSample): { total: number; variance: number } {
  const z = new Float64Array(s.n);
  let t = 0;
  for (let i = 0; i < s.n; i++) {
    z[i] = (s.weight[i] ?? 0) * (s.y[i] ?? 0);
    t += z[i] ?? 0;
  }
  return { total: t, variance: stratifiedTotalVariance(s, z) };
}

/** Design degrees of freedom: sampled clusters minus strata with at least one (Korn & Graubard 1998). */
export function designDegreesOfFreedom(s: DesignedSample): number {
  let strata = 0;
  for (let h = 0; h < s.nh.length; h++) if ((s.nh[h] ?? 0) > 0) strata++;
  return s.n - strata;
}
