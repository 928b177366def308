// Published reference values: Newcombe (1998a) Table I (Wilson score, no continuity
// correction) and Newcombe (1998b) Table II (method 10, hybrid score) for the difference.
import { describe, expect, it } from "vitest";
import { newcombeDifference, normCdf, normQuantile, wilsonFromCounts } from "../src/index.ts";

describe("Wilson score interval (Newcombe 1998, Stat Med 17:857, Table I)", () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i -> [%f, %f]", (x, n, lo, hi) => {
    const w = wilsonFromCounts(x, n);
    expect(w.lower).toBeCloseTo(lo, 4);
    expect(w.upper).toBeCloseTo(hi, 4);
  });

  it("finite-population correction narrows the interval and reaches the point at a census", () => {
    const plain = wilsonFromCounts(30, 100);
    const fpc = wilsonFromCounts(30, 100, 0.95, 200);
    expect(fpc.upper - fpc.lower).toBeLessThan(plain.upper - plain.lower);
    const census = wilsonFromCounts(30, 100, 0.95, 100);
    expect(census.upper - census.lower).toBeCloseTo(plain.upper - plain.lower, 10);
  });
});

describe("Newcombe hybrid score difference (Newcombe 1998, Stat Med 17:873, Table II, method 10)", () => {
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
    [10, 10, 0, 10, 0.6075, 1.0],
  ])("%i/%i - %i/%i -> [%f, %f]", (x1, n1, x2, n2, lo, hi) => {
    const d = newcombeDifference(x1, n1, x2, n2);
    expect(d.lower).toBeCloseTo(lo, 4);
    expect(d.upper).toBeCloseTo(hi, 4);
  });
});

describe("normal distribution", () => {
  it.each([
    [0, 0.5],
    [1.959963984540054, 0.975],
    [-1, 0.15865525393145707],
    [-5, 2.866515718791939e-7],
    [3.5, 0.9997673709209645],
  ])("Φ(%f) = %f", (x, p) => {
    expect(normCdf(x)).toBeCloseTo(p, 12);
  });
  it("quantile inverts the cdf", () => {
    for (const p of [1e-10, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999999]) {
      expect(normCdf(normQuantile(p)) / p).toBeCloseTo(1, 9);
    }
  });
});
