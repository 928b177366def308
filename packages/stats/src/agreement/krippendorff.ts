// Krippendorff's alpha reliability coefficient for any number of coders, missing values and
// nominal, ordinal, interval or ratio metrics, computed from the coincidence matrix:
//   α = 1 - (n - 1) Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck.
// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (Univ. of Pennsylvania, 2011);
// Krippendorff, "Content Analysis: An Introduction to Its Methodology" (4th ed., 2019), ch. 12;
// Hayes & Krippendorff, "Answering the call for a standard reliability measure for coding
// data", Communication Methods and Measures 1(1), 2007.

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import type { StatsIssue } from "../design/types.ts";

export type AlphaMetric = "nominal" | "ordinal" | "interval" | "ratio";

export interface AlphaResult {
  readonly alpha: number;
  readonly metric: AlphaMetric;
  /** Pairable values n (values in units coded at least twice). */
  readonly pairableValues: number;
  readonly units: number;
  readonly observedDisagreement: number;
  readonly expectedDisagreement: number;
}

/**
 * Krippendorff's alpha. `units` lists, per unit (e.g. station), the values the coders gave;
 * missing codings are simply absent (or null). Values are numbers (category codes).
 */
export function krippendorffAlpha(
  units: readonly (readonly (number | null)[])[],
  metric: AlphaMetric = "nominal",
): Result<AlphaResult, StatsIssue> {
  const values = new Set<number>();
  const clean: number[][] = [];
  for (const u of units) {
    const vs = u.filter((v): v is number => v !== null && Number.isFinite(v));
    if (vs.length >= 2) {
      clean.push(vs);
      for (const v of vs) values.add(v);
    }
  }
  const cats = [...values].sort((a, b) => a - b);
  const k = cats.length;
  if (clean.length === 0)
    return err({
      code: "no-data",
      reason: "no_doubly_coded",
      message: "no unit was coded by two or more coders",
    });
  const idx = new Map<number, number>();
  cats.forEach((c, i) => {
    idx.set(c, i);
  });
  const o = new Float64Array(k * k);
  for (const vs of clean) {
    const m = vs.length;
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) {
        if (a === b) continue;
        const i = idx.get(vs[a] ?? 0) ?? 0;
        const j = idx.get(vs[b] ?? 0) ?? 0;
        o[i * k + j] = (o[i * k + j] ?? 0) + 1 / (m - 1);
      }
  }
  const nc = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += o[i * k + j] ?? 0;
    nc[i] = s;
    n += s;
  }
  const delta2 = (i: number, j: number): number => {
    if (i === j) return 0;
    const ci = cats[i] ?? 0;
    const cj = cats[j] ?? 0;
    switch (metric) {
      case "nominal":
        return 1;
      case "interval":
        return (ci - cj) ** 2;
      case "ratio":
        return ci + cj === 0 ? 0 : ((ci - cj) / (ci + cj)) ** 2;
      case "ordinal": {
        const lo = Math.min(i, j);
        const hi = Math.max(i, j);
        let s = 0;
        for (let g = lo; g <= hi; g++) s += nc[g] ?? 0;
        s -= ((nc[i] ?? 0) + (nc[j] ?? 0)) / 2;
        return s * s;
      }
    }
  };
  let dObs = 0;
  let dExp = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const d = delta2(i, j);
      dObs += (o[i * k + j] ?? 0) * d;
      dExp += (nc[i] ?? 0) * (nc[j] ?? 0) * d;
    }
  if (!(dExp > 0)) {
    return err({
      code: "not-estimable",
      reason: "no_variation",
      message: "no variation in the values: expected disagreement is 0",
    });
  }
  const Do = dObs / n;
  const De = dExp / (n * (n - 1));
  return ok({
    alpha: 1 - Do / De,
    metric,
    pairableValues: n,
    units: clean.length,
    observedDisagreement: Do,
    expectedDisagreement: De,
  });
}
