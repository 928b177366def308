import { describe, expect, it } from "vitest";
import { wilsonEffective, wilsonInterval } from "../src/estimators/wilson.ts";
import { fSf, incompleteBeta, tQuantile, tSf, tTwoSidedP } from "../src/math/special.ts";

// Reference values computed with SciPy 1.x (scipy.special.betainc, scipy.stats.t).
describe("incomplete beta and Student's t", () => {
  it("I_x(a, b) matches SciPy", () => {
    expect(incompleteBeta(0.3, 2.5, 4)).toBeCloseTo(0.3521975859067672, 13);
    expect(incompleteBeta(0.01, 0.5, 0.5)).toBeCloseTo(0.06376856085851985, 13);
    expect(incompleteBeta(0.5, 30, 40)).toBeCloseTo(0.8857998873233515, 12);
  });
  it("t tail probabilities and quantiles match SciPy", () => {
    expect(tSf(2, 5)).toBeCloseTo(0.050969739414929174, 13);
    expect(tSf(7.4, 5) / 0.00035455738889048543).toBeCloseTo(1, 10);
    expect(tSf(-1.3, 12.5)).toBeCloseTo(0.8914689946828556, 12);
    expect(tSf(40, 3) / 1.7190340394579253e-5).toBeCloseTo(1, 9);
    expect(tTwoSidedP(2, 5)).toBeCloseTo(2 * 0.050969739414929174, 12);
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 9);
    expect(tQuantile(0.975, 3.5)).toBeCloseTo(2.9400886379827282, 9);
    expect(tQuantile(0.995, 30)).toBeCloseTo(2.7499956535672254, 9);
    expect(tQuantile(0.025, 8)).toBeCloseTo(-2.3060041352041662, 9);
  });
  it("F tail probabilities match SciPy", () => {
    expect(fSf(1.7, 12, 40)).toBeCloseTo(0.10350070359623982, 12);
    expect(fSf(0.8, 3, 7.5)).toBeCloseTo(0.5298530520487768, 12);
  });
});

describe("Wilson interval on the effective sample size", () => {
  it("scales n* by (z/t_d)^2 and caps it at n", () => {
    const p = 0.2;
    const v = 0.0004; // n* = 0.16 / 0.0004 = 400
    const big = wilsonEffective(p, v, 10_000, 1e9);
    expect(big.effectiveN).toBeCloseTo(400, 6);
    expect(big.interval.lower).toBeCloseTo(wilsonInterval(p, 400).lower, 12);
    const small = wilsonEffective(p, v, 10_000, 9);
    expect(small.effectiveN).toBeCloseTo(400 * (1.959963984540054 / 2.2621571627409915) ** 2, 6);
    // A design effect below 1 would claim more than n units: capped.
    const capped = wilsonEffective(p, v, 250, 1e9);
    expect(capped.effectiveN).toBe(250);
    expect(capped.interval.upper).toBeCloseTo(wilsonInterval(p, 250).upper, 12);
  });
});
