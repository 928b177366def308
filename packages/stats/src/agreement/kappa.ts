// Cohen's kappa for two raters on a nominal scale (Cohen, "A coefficient of agreement for
// nominal scales", Educ. Psychol. Meas. 20, 1960) and weighted kappa for ordinal scales
// (Cohen, "Weighted kappa", Psychol. Bull. 70, 1968):
//   κ_w = 1 - Σ v_ij p_ij / Σ v_ij p_i. p_.j  with disagreement weights v (v_ii = 0);
// linear v = |i-j|, quadratic v = (i-j)². Large-sample standard error of Fleiss, Cohen &
// Everitt, "Large sample standard errors of kappa and weighted kappa", Psychol. Bull. 72, 1969.

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import type { StatsIssue } from "../design/types.ts";
import { zForLevel } from "../math/normal.ts";

export type KappaWeights = "none" | "linear" | "quadratic" | readonly (readonly number[])[];

export interface KappaResult {
  readonly kappa: number;
  /** Observed and chance-expected weighted agreement (1 - disagreement, scaled to [0,1]). */
  readonly observedAgreement: number;
  readonly expectedAgreement: number;
  readonly n: number;
  readonly standardError: number;
  readonly ci: { lower: number; upper: number; level: number };
  readonly weights: "none" | "linear" | "quadratic" | "custom";
}

function disagreementMatrix(k: number, weights: KappaWeights): number[][] {
  if (typeof weights !== "string") return weights.map((r) => [...r]);
  const v: number[][] = [];
  for (let i = 0; i < k; i++) {
    const row: number[] = [];
    for (let j = 0; j < k; j++) {
      const d = Math.abs(i - j);
      row.push(weights === "none" ? (d === 0 ? 0 : 1) : weights === "linear" ? d : d * d);
    }
    v.push(row);
  }
  return v;
}

/**
 * Kappa from a k×k contingency table (counts or proportions; rows rater A, columns rater B).
 * `n` is the number of rated items when the table holds proportions.
 */
export function kappaFromTable(
  table: readonly (readonly number[])[],
  weights: KappaWeights = "none",
  options: { level?: number; n?: number } = {},
): Result<KappaResult, StatsIssue> {
  const k = table.length;
  if (k < 2 || table.some((r) => r.length !== k)) {
    return err({
      code: "invalid-input",
      reason: "kappa_table",
      message: "kappa needs a square table with at least two categories",
    });
  }
  let total = 0;
  for (const r of table) for (const c of r) total += c;
  if (!(total > 0))
    return err({ code: "no-data", reason: "empty_agreement", message: "empty agreement table" });
  const n = options.n ?? total;
  const v = disagreementMatrix(k, weights);
  if (v.length !== k || v.some((r) => r.length !== k))
    return err({ code: "invalid-input", reason: "weight_matrix_size", message: "weight matrix size" });
  let vmax = 0;
  for (const r of v) for (const x of r) vmax = Math.max(vmax, x);
  if (!(vmax > 0))
    return err({
      code: "invalid-input",
      reason: "weight_matrix_no_disagreement",
      message: "weight matrix has no disagreement",
    });
  // Agreement weights w = 1 - v/vmax (Fleiss, Cohen & Everitt 1969 use this form).
  const w = v.map((r) => r.map((x) => 1 - x / vmax));
  const p = table.map((r) => r.map((c) => c / total));
  const row = p.map((r) => r.reduce((a, b) => a + b, 0));
  const col = Array.from({ length: k }, (_, j) => p.reduce((a, r) => a + (r[j] ?? 0), 0));
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const wij = w[i]?.[j] ?? 0;
      po += wij * (p[i]?.[j] ?? 0);
      pe += wij * (row[i] ?? 0) * (col[j] ?? 0);
    }
  if (!(pe < 1))
    return err({
      code: "not-estimable",
      reason: "chance_agreement_one",
      message: "chance agreement is 1: both raters used one category",
    });
  const kappa = (po - pe) / (1 - pe);
  // Fleiss, Cohen & Everitt (1969), non-null variance.
  const wiDot = Array.from({ length: k }, (_, i) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += (col[j] ?? 0) * (w[i]?.[j] ?? 0);
    return s;
  });
  const wDotJ = Array.from({ length: k }, (_, j) => {
    let s = 0;
    for (let i = 0; i < k; i++) s += (row[i] ?? 0) * (w[i]?.[j] ?? 0);
    return s;
  });
  let a = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const t = (w[i]?.[j] ?? 0) - ((wiDot[i] ?? 0) + (wDotJ[j] ?? 0)) * (1 - kappa);
      a += (p[i]?.[j] ?? 0) * t * t;
    }
  const b = (kappa - pe * (1 - kappa)) ** 2;
  const variance = Math.max(0, (a - b) / (n * (1 - pe) ** 2));
  const se = Math.sqrt(variance);
  const level = options.level ?? 0.95;
  const z = zForLevel(level);
  return ok({
    kappa,
    observedAgreement: po,
    expectedAgreement: pe,
    n,
    standardError: se,
    ci: { lower: kappa - z * se, upper: kappa + z * se, level },
    weights: typeof weights === "string" ? weights : "custom",
  });
}

/** Kappa from paired ratings (category codes 1..k, or any values listed in `categories`). */
export function cohensKappa<T>(
  pairs: readonly (readonly [T, T])[],
  options: { categories?: readonly T[]; weights?: KappaWeights; level?: number } = {},
): Result<KappaResult, StatsIssue> {
  const cats: T[] = options.categories ? [...options.categories] : [];
  if (!options.categories) {
    const seen = new Set<T>();
    for (const [a, b] of pairs) {
      seen.add(a);
      seen.add(b);
    }
    cats.push(...[...seen].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  }
  const index = new Map<T, number>();
  cats.forEach((c, i) => {
    index.set(c, i);
  });
  const k = cats.length;
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) {
      const category = String(i === undefined ? a : b);
      return err({
        code: "invalid-input",
        reason: "unknown_category",
        params: { category },
        message: `unknown category in pair: ${category}`,
      });
    }
    const r = table[i];
    if (r) r[j] = (r[j] ?? 0) + 1;
  }
  return kappaFromTable(table, options.weights ?? "none", { level: options.level ?? 0.95 });
}
