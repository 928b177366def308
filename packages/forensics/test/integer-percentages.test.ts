import { createRng } from "@scrutiny/stats";
import { describe, expect, it } from "vitest";
import { binomialLogPmf, binomialPmfWindow } from "../src/binomial.ts";
import type { ElectionColumns } from "../src/columns.ts";
import { electionColumns } from "../src/columns.ts";
import {
  integerPercentages,
  isIncluded,
  isIntegerPercent,
  probabilityInteger,
} from "../src/integer-percentages.ts";
import { poissonBinomial } from "../src/poisson-binomial.ts";
import { loadReal } from "./fixtures.ts";

describe("isIntegerPercent", () => {
  it("accepts whole percentages and the ±0.05 window inclusively", () => {
    expect(isIntegerPercent(100, 200)).toBe(true);
    expect(isIntegerPercent(1, 3)).toBe(false);
    // 100 * 1 / 2000 = 0.05: on the window's edge, included.
    expect(isIntegerPercent(1, 2000)).toBe(true);
    expect(isIntegerPercent(2, 2000)).toBe(false);
    // 100 * 999 / 2000 = 49.95: edge below 50.
    expect(isIntegerPercent(999, 2000)).toBe(true);
    expect(isIntegerPercent(0, 10)).toBe(true);
    expect(isIntegerPercent(5, 0)).toBe(false);
  });
  it("matches the floating-point definition away from the edges", () => {
    const rng = createRng(7);
    for (let i = 0; i < 20000; i++) {
      const n = 1 + Math.floor(rng.uniform53() * 5000);
      const k = Math.floor(rng.uniform53() * (n + 1));
      const x = (100 * k) / n;
      const d = Math.abs(x - Math.round(x));
      if (Math.abs(d - 0.05) < 1e-9) continue;
      expect(isIntegerPercent(k, n)).toBe(d < 0.05);
    }
  });
});

describe("inclusion rule", () => {
  it("needs ballots, 100 registered, turnout and leader share at most 99%", () => {
    expect(isIncluded(100, 99, 99, 98)).toBe(true);
    expect(isIncluded(99, 50, 50, 20)).toBe(false);
    expect(isIncluded(100, 100, 99, 50)).toBe(false);
    expect(isIncluded(200, 100, 100, 99)).toBe(true);
    expect(isIncluded(200, 100, 100, 100)).toBe(false);
    expect(isIncluded(200, 0, 0, 0)).toBe(false);
  });
});

describe("binomial PMF window", () => {
  it("agrees with the log-gamma formula and sums to one", () => {
    const buf = new Float64Array(30001);
    for (const [n, p] of [
      [10, 0.3],
      [1000, 0.5],
      [2609, 0.7577],
      [30000, 0.999],
      [5000, 0.0004],
    ] as const) {
      const { lo, hi } = binomialPmfWindow(n, p, buf);
      let sum = 0;
      for (let k = lo; k <= hi; k++) {
        const v = buf[k] ?? 0;
        sum += v;
        const direct = Math.exp(binomialLogPmf(k, n, p));
        if (direct > 1e-12) expect(Math.abs(v - direct) / direct).toBeLessThan(1e-9);
      }
      expect(sum).toBeCloseTo(1, 14);
    }
  });
  it("handles degenerate probabilities", () => {
    const buf = new Float64Array(11);
    expect(binomialPmfWindow(10, 0, buf)).toEqual({ lo: 0, hi: 0 });
    expect(binomialPmfWindow(10, 1, buf)).toEqual({ lo: 10, hi: 10 });
    expect(probabilityInteger(10, 1, buf)).toBe(1);
  });
  it("sums the integer-percentage probability like a brute force over every k", () => {
    const buf = new Float64Array(3001);
    for (const [n, p] of [
      [150, 0.62],
      [1234, 0.41],
      [3000, 0.93],
    ] as const) {
      let brute = 0;
      for (let k = 0; k <= n; k++) if (isIntegerPercent(k, n)) brute += Math.exp(binomialLogPmf(k, n, p));
      expect(probabilityInteger(n, p, buf)).toBeCloseTo(brute, 12);
    }
  });
});

describe("Poisson-binomial", () => {
  it("matches a full convolution on a small case", () => {
    const rng = createRng(3);
    const p = Array.from({ length: 60 }, () => rng.uniform53() * 0.4);
    const full = new Float64Array(61);
    full[0] = 1;
    p.forEach((q, i) => {
      for (let k = i + 1; k > 0; k--) full[k] = (full[k] ?? 0) * (1 - q) + (full[k - 1] ?? 0) * q;
      full[0] = (full[0] ?? 0) * (1 - q);
    });
    const observed = 20;
    let tail = 0;
    for (let k = observed; k <= 60; k++) tail += full[k] ?? 0;
    const pb = poissonBinomial(p, observed);
    expect(pb.upperTail).toBeCloseTo(tail, 12);
    expect(pb.mean).toBeCloseTo(
      p.reduce((a, b) => a + b, 0),
      12,
    );
    let cdf = 0;
    let lower = -1;
    let upper = -1;
    for (let k = 0; k <= 60; k++) {
      cdf += full[k] ?? 0;
      if (lower < 0 && cdf >= 0.0005) lower = k;
      if (upper < 0 && cdf >= 0.9995) upper = k;
    }
    expect(pb.band).toEqual([lower, upper]);
  });
});

/** A synthetic election with no manipulation: counts drawn from binomials. */
function cleanElection(stations: number, seed: number): ElectionColumns {
  const rng = createRng(seed);
  const registered = new Int32Array(stations);
  const issued = new Int32Array(stations);
  const ballots = new Int32Array(stations);
  const leader = new Int32Array(stations);
  const buf = new Float64Array(4001);
  const draw = (n: number, p: number) => {
    const { lo, hi } = binomialPmfWindow(n, p, buf);
    let u = rng.uniform53();
    for (let k = lo; k <= hi; k++) {
      u -= buf[k] ?? 0;
      if (u <= 0) return k;
    }
    return hi;
  };
  for (let s = 0; s < stations; s++) {
    const n = 80 + Math.floor(rng.uniform53() * 3000);
    registered[s] = n;
    issued[s] = draw(n, 0.4 + 0.3 * rng.uniform53());
    ballots[s] = issued[s] ?? 0;
    leader[s] = draw(ballots[s] ?? 0, 0.3 + 0.4 * rng.uniform53());
  }
  return { stationCount: stations, registered, issued, ballots, leader, leaderName: "A" };
}

describe("integerPercentages", () => {
  it("finds no excess in an election drawn from the null model, and the Monte Carlo agrees", () => {
    const data = cleanElection(20000, 11);
    const { result } = integerPercentages(data, { monteCarloDraws: 400, seed: 5 });
    expect(Math.abs(result.z)).toBeLessThan(4);
    expect(result.observed).toBeGreaterThanOrEqual(result.band[0] - 60);
    const mc = result.monteCarlo;
    expect(mc).toBeDefined();
    if (!mc) return;
    // Monte Carlo mean within 5 standard errors of the exact mean; sd within 15%.
    expect(Math.abs(mc.either.mean - result.expected)).toBeLessThan((5 * result.sd) / Math.sqrt(400));
    expect(mc.either.sd / result.sd).toBeGreaterThan(0.85);
    expect(mc.either.sd / result.sd).toBeLessThan(1.15);
    expect(Math.abs(mc.turnoutOnly.mean - result.turnoutOnly.expected)).toBeLessThan(
      (5 * result.turnoutOnly.sd) / Math.sqrt(400),
    );
  });
  it("detects stations pushed to whole percentages", () => {
    const data = cleanElection(20000, 12);
    const registered = data.registered;
    const issued = Int32Array.from(data.issued);
    // Rewrite 2% of turnouts to the nearest whole percentage.
    for (let s = 0; s < 20000; s += 50) {
      const n = registered[s] ?? 0;
      issued[s] = Math.round((Math.round((100 * (issued[s] ?? 0)) / n) * n) / 100);
    }
    const { result } = integerPercentages({ ...data, issued });
    expect(result.turnoutOnly.excess).toBeGreaterThan(200);
    expect(result.turnoutOnly.z).toBeGreaterThan(5);
  });
});

describe("acceptance on the published Russian results", () => {
  it("2011 Duma: excess integer stations = 1,003 (Kobak et al.)", () => {
    const { result } = integerPercentages(electionColumns(loadReal("russia-2011-duma").results));
    expect(result.included).toBe(86718);
    expect(result.observed).toBe(17803);
    expect(Math.abs(result.excess - 1003)).toBeLessThanOrEqual(5);
    expect(result.turnoutOnly.included).toBe(86718);
    expect(result.excessBand[0]).toBeGreaterThan(0);
  });
  it("2018 presidential: excess integer stations = 1,709 (Kobak et al.)", () => {
    const { result } = integerPercentages(electionColumns(loadReal("russia-2018-president").results));
    expect(result.included).toBe(91152);
    expect(result.observed).toBe(19271);
    expect(Math.abs(result.excess - 1709)).toBeLessThanOrEqual(5);
    expect(result.z).toBeGreaterThan(10);
  });
});
