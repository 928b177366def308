// Agreement coefficients against published worked examples.
import { describe, expect, it } from "vitest";
import { cohensKappa, kappaFromTable, krippendorffAlpha } from "../src/index.ts";

describe("Cohen's kappa", () => {
  // Cohen (1968, Psychol. Bull. 70:213) example, 200 items, proportions; Cohen reports
  // κ = .492 unweighted and κ_w = .348 with disagreement weights (0,1,3 / 1,0,6 / 3,6,0).
  const table = [
    [0.44, 0.07, 0.09],
    [0.05, 0.2, 0.05],
    [0.01, 0.03, 0.06],
  ];
  it("unweighted: .492", () => {
    const r = kappaFromTable(table, "none", { n: 200 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.kappa).toBeCloseTo(0.492, 3);
    expect(r.value.observedAgreement).toBeCloseTo(0.7, 12);
    expect(r.value.expectedAgreement).toBeCloseTo(0.41, 12);
  });
  it("weighted: .348", () => {
    const r = kappaFromTable(
      table,
      [
        [0, 1, 3],
        [1, 0, 6],
        [3, 6, 0],
      ],
      { n: 200 },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.kappa).toBeCloseTo(0.348, 3);
  });
  it("2×2 textbook case: 20/5/10/15 of 50 gives po = .70, pe = .50, κ = .40", () => {
    const pairs: [string, string][] = [];
    const add = (a: string, b: string, n: number) => {
      for (let i = 0; i < n; i++) pairs.push([a, b]);
    };
    add("yes", "yes", 20);
    add("yes", "no", 5);
    add("no", "yes", 10);
    add("no", "no", 15);
    const r = cohensKappa(pairs);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.kappa).toBeCloseTo(0.4, 12);
  });
  it("quadratic weights equal the product-moment form on a symmetric table", () => {
    // For quadratic weights κ_w = 2 s_xy / (s_x² + s_y² + (x̄ - ȳ)²) (Fleiss & Cohen 1973).
    const pairs: [number, number][] = [
      [1, 1],
      [1, 2],
      [2, 2],
      [2, 3],
      [3, 3],
      [3, 4],
      [4, 4],
      [4, 2],
      [1, 1],
      [2, 1],
    ];
    const r = cohensKappa(pairs, { categories: [1, 2, 3, 4], weights: "quadratic" });
    if (!r.ok) throw new Error(r.error.message);
    const n = pairs.length;
    const mx = pairs.reduce((s, p) => s + p[0], 0) / n;
    const my = pairs.reduce((s, p) => s + p[1], 0) / n;
    const sxy = pairs.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / n;
    const sx = pairs.reduce((s, p) => s + (p[0] - mx) ** 2, 0) / n;
    const sy = pairs.reduce((s, p) => s + (p[1] - my) ** 2, 0) / n;
    expect(r.value.kappa).toBeCloseTo((2 * sxy) / (sx + sy + (mx - my) ** 2), 12);
  });
  it("reports a single-category table as not estimable", () => {
    const r = cohensKappa([
      [1, 1],
      [1, 1],
    ]);
    expect(r.ok).toBe(false);
  });
});

describe("Krippendorff's alpha (Krippendorff 2011, 'Computing Krippendorff's Alpha-Reliability')", () => {
  const _ = null;
  const coders = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];
  const units = (coders[0] ?? []).map((__, j) => coders.map((c) => c[j] ?? null));
  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as const)("4 coders × 12 units, %s: %f", (metric, alpha) => {
    const r = krippendorffAlpha(units, metric);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.alpha).toBeCloseTo(alpha, 3);
    expect(r.value.pairableValues).toBe(40);
  });
  it("binary data, two coders, ten units: 0.095", () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const r = krippendorffAlpha(a.map((x, i) => [x, b[i] ?? null]));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.alpha).toBeCloseTo(0.095, 3);
  });
  it("perfect agreement gives 1", () => {
    const r = krippendorffAlpha([
      [1, 1],
      [2, 2, 2],
      [3, 3],
    ]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.alpha).toBe(1);
  });
});
