// Forensic tests on clean simulated elections (clean-election.ts: heterogeneous areas, honest
// binomial counting, nothing rounded): alarms at the 5% level should be rare. Small CI sizes;
// the full figures come from `npm run calibrate` (docs/METHODS.md).
import { describe, expect, it } from "vitest";
import { runForensicAlarmStudy } from "../src/calibration.ts";
import { DEFAULT_CLEAN_ELECTION, simulateCleanElection } from "../src/clean-election.ts";
import { lastDigitFitted, secondDigitFitted, zeroFiveCountsFitted } from "../src/digits-null.ts";

describe("fitted digit nulls", () => {
  it("equal the exact moments of one binomial station", () => {
    // One station, n = 40, k = 20: K ~ Binomial(40, 0.5); compute E[d2(K) | K >= 10] directly.
    const pmf: number[] = [];
    let c = 1;
    for (let k = 0; k <= 40; k++) {
      pmf.push(c / 2 ** 40);
      c = (c * (40 - k)) / (k + 1);
    }
    let num = 0;
    let den = 0;
    let zf = 0;
    for (let k = 10; k <= 40; k++) {
      num += (pmf[k] ?? 0) * (Math.floor(k / 1) % 10);
      den += pmf[k] ?? 0;
      if (k % 5 === 0) zf += pmf[k] ?? 0;
    }
    const t = secondDigitFitted([20], [40]);
    expect(t.expected).toBeCloseTo(num / den, 12);
    expect(zeroFiveCountsFitted([20], [40]).expected).toBeCloseTo(zf / den, 12);
    // Counts below 100 everywhere: no last-digit counts, a singular covariance is reported as NaN.
    expect(lastDigitFitted([20], [40]).counts).toBe(0);
  });
  it("detect counts rounded to multiples of 5 and 10", () => {
    const el = simulateCleanElection(DEFAULT_CLEAN_ELECTION, 99);
    const rounded = el.leader.map((v, i) => (i % 3 === 0 ? Math.round(v / 10) * 10 : v));
    expect(zeroFiveCountsFitted(rounded, el.valid).pValue).toBeLessThan(1e-6);
    expect(lastDigitFitted(rounded, el.valid).pValue).toBeLessThan(1e-6);
  });
});

describe("false alarms on clean simulated elections", () => {
  it("each fitted test alarms on at most 3 of 20 clean elections (5% level)", () => {
    const study = runForensicAlarmStudy({ ...DEFAULT_CLEAN_ELECTION, stations: 1000 }, 20, 31_000);
    const a = study.alarms;
    for (const alarms of [
      a.integerP05,
      a.secondDigitFitted,
      a.lastDigitFitted,
      a.zeroFiveFitted,
      a.turnoutZeroFiveFitted,
    ])
      expect(alarms).toBeLessThanOrEqual(3);
    expect(a.integerBand).toBeLessThanOrEqual(1);
  });
});
