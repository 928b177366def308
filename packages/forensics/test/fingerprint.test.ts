import { normCdf as normalCdf, normQuantile as normalQuantile } from "@scrutiny/stats";
import { describe, expect, it } from "vitest";
import { electionColumns } from "../src/columns.ts";
import { fingerprint, fingerprintReplicates, withReplicates } from "../src/fingerprint.ts";
import type { FraudModelParams } from "../src/fingerprint-model.ts";
import { FraudModelGrid } from "../src/fingerprint-model.ts";
import { simulateFraudElection } from "../src/fingerprint-simulate.ts";
import { nelderMead } from "../src/nelder-mead.ts";
import { loadReal } from "./fixtures.ts";

// Every bootstrap replicate is a full refit (1-4 s; far more on a loaded machine).
const FIT_TIMEOUT = 900_000;

const base: FraudModelParams = {
  turnoutMean: 0.55,
  turnoutSd: 0.08,
  shareMean: 0.45,
  shareSd: 0.08,
  fi: 0,
  fe: 0,
  sdX: 0.3,
  alpha: 1,
};

describe("numerics", () => {
  it("normal CDF and quantile match reference values", () => {
    // Reference values from scipy.stats.norm.
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 15);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 12);
    for (const p of [1e-10, 0.001, 0.3, 0.5, 0.9, 0.999999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
  });
  it("Nelder-Mead finds the minimum of the Rosenbrock function", () => {
    const r = nelderMead(
      (x) => 100 * ((x[1] ?? 0) - (x[0] ?? 0) ** 2) ** 2 + (1 - (x[0] ?? 0)) ** 2,
      [-1.2, 1],
      {
        maxEvaluations: 5000,
        xTolerance: 1e-9,
        fTolerance: 1e-14,
      },
    );
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });
  it("the model histogram is a probability distribution for any parameters", () => {
    const grid = new FraudModelGrid(50);
    for (const p of [
      base,
      { ...base, fi: 0.5, fe: 0.2, alpha: 3 },
      { ...base, turnoutMean: 0.999, turnoutSd: 0.005, fi: 0.9, fe: 0.1 },
      { ...base, shareMean: 0.0001, shareSd: 0.4 },
    ]) {
      const h = grid.evaluate(p);
      let sum = 0;
      for (const x of h) {
        expect(x).toBeGreaterThanOrEqual(0);
        sum += x;
      }
      expect(sum).toBeCloseTo(1, 10);
    }
  });
});

describe("fingerprint fit on synthetic elections with known fraud", () => {
  for (const [fi, fe, seed] of [
    [0.25, 0.04, 1],
    [0.1, 0.01, 2],
    [0, 0, 4],
  ] as const) {
    it(
      `recovers f_i = ${fi}, f_e = ${fe} within the reported uncertainty`,
      () => {
        const sim = simulateFraudElection({ ...base, fi, fe }, 20000, seed);
        // Compare with the realised shares (what the data can tell), weighted by electorate like the fit.
        let w = 0;
        let wi = 0;
        let we = 0;
        sim.fraudKind.forEach((kind, s) => {
          const n = sim.registered[s] ?? 0;
          w += n;
          if (kind === 1) wi += n;
          if (kind === 2) we += n;
        });
        const fp = fingerprint(sim, { bootstrap: 10, seed });
        const { fi: estI, fe: estE } = fp.fit;
        expect(Number.isFinite(estI.se)).toBe(true);
        // Within 3 bootstrap standard errors (plus 0.002 for quadrature error when a share is ~0).
        expect(Math.abs(estI.estimate - wi / w)).toBeLessThanOrEqual(3 * estI.se + 0.002);
        expect(Math.abs(estE.estimate - we / w)).toBeLessThanOrEqual(3 * estE.se + 0.002);
      },
      FIT_TIMEOUT,
    );
  }
});

describe("fingerprint on the published Russian results", () => {
  for (const name of ["russia-2011-duma", "russia-2018-president"] as const) {
    it(
      `${name}: a finite, stable fit with finite uncertainty`,
      () => {
        const data = electionColumns(loadReal(name).results);
        const a = fingerprint(data, { bootstrap: 2, seed: 3 });
        const { fi, fe } = a.fit;
        for (const x of [fi.estimate, fi.se, fe.estimate, fe.se]) expect(Number.isFinite(x)).toBe(true);
        expect(fi.estimate).toBeGreaterThan(0.05);
        expect(fi.estimate + fe.estimate).toBeLessThan(1);
        expect(a.fit.deviance).toBeLessThan(a.fit.devianceNoFraud);
        let sum = 0;
        for (const x of a.observed) sum += x;
        expect(sum).toBeCloseTo(1, 9);
        // Deterministic: the same input and seed give the same estimates.
        const b = fingerprint(data, { bootstrap: 0, seed: 3 });
        expect(b.fit.fi.estimate).toBe(fi.estimate);
        expect(b.fit.fe.estimate).toBe(fe.estimate);
      },
      FIT_TIMEOUT,
    );
  }
});

describe("likelihood-ratio test of fraud against no fraud", () => {
  it(
    "computes the statistic on the data and on each null replicate by one procedure",
    () => {
      const planted = simulateFraudElection({ ...base, fi: 0.25, fe: 0.02 }, 5000, 11);
      const fp = fingerprint(planted, { bootstrap: 0, lrReplicates: 3, seed: 11 });
      const test = fp.fit.noFraudTest;
      expect(test.nullStatistics).toHaveLength(3);
      // Planted fraud: far beyond every replicate drawn from the fitted no-fraud model.
      for (const lr of test.nullStatistics) expect(lr).toBeLessThan(test.statistic / 10);
      expect(test.pValue).toBe(0.25);
      expect(test.statement).toContain("rejected");
      expect(fp.fit.devianceNoFraud).toBeGreaterThan(fp.fit.deviance);
    },
    FIT_TIMEOUT,
  );
});

describe("replicates in chunks (the server's background job)", () => {
  it(
    "gives exactly the replicates of one run, and withReplicates the same intervals and test",
    () => {
      const planted = simulateFraudElection({ ...base, fi: 0.2, fe: 0.03 }, 3000, 21);
      const whole = fingerprint(planted, { bootstrap: 2, lrReplicates: 1, seed: 21 });
      const point = fingerprint(planted, { bootstrap: 0, seed: 21 });
      expect(point.fit.params).toEqual(whole.fit.params);
      expect(point.fit.fi.se).toBeNaN();
      const model = { params: point.fit.params, paramsNoFraud: point.fit.paramsNoFraud };
      const second = fingerprintReplicates(planted, model, {
        kind: "bootstrap",
        from: 1,
        count: 1,
        seed: 21,
      });
      expect(second.fi).toEqual([whole.fit.bootstrapDraws.fi[1]]);
      const first = fingerprintReplicates(planted, model, { kind: "bootstrap", from: 0, count: 1, seed: 21 });
      const nulls = fingerprintReplicates(planted, model, { kind: "null", from: 0, count: 1, seed: 21 });
      const assembled = withReplicates(
        point,
        { fi: [...first.fi, ...second.fi], fe: [...first.fe, ...second.fe] },
        nulls.statistics,
      );
      expect(assembled.fit.fi).toEqual(whole.fit.fi);
      expect(assembled.fit.noFraudTest).toEqual(whole.fit.noFraudTest);
      expect(assembled.fit.noFraudTest.statement).toContain("from 1 replicates");
    },
    FIT_TIMEOUT,
  );
});
