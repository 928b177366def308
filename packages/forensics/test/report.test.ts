import { describe, expect, it } from "vitest";
import {
  BENFORD_SECOND_DIGIT_MEAN,
  lastDigitTest,
  percentagesEndingZeroFive,
  secondDigitMean,
} from "../src/digits.ts";
import { chiSquarePValue } from "../src/gamma.ts";
import { tenthBin } from "../src/histograms.ts";
import { renderForensicsHtml } from "../src/html.ts";
import { runForensics } from "../src/report.ts";
import { loadReal } from "./fixtures.ts";

describe("digit tests", () => {
  it("uses the Benford second-digit mean 4.187", () => {
    expect(BENFORD_SECOND_DIGIT_MEAN).toBeCloseTo(4.187, 3);
    expect(secondDigitMean([10, 11, 123, 5]).mean).toBeCloseTo(1, 10);
  });
  it("chi-square p-values match reference values", () => {
    // scipy.stats.chi2.sf(16.919, 9) = 0.05, chi2.sf(3, 9) = 0.9643
    expect(chiSquarePValue(16.918977604620448, 9)).toBeCloseTo(0.05, 6);
    expect(chiSquarePValue(3, 9)).toBeCloseTo(0.96429497, 6);
  });
  it("counts last digits of counts >= 100 only", () => {
    const t = lastDigitTest([100, 101, 99, 250]);
    expect(t.counts).toBe(3);
    expect(t.frequencies[0]).toBe(2);
  });
  it("rounds percentages exactly", () => {
    expect(percentagesEndingZeroFive([1, 1, 1], [40, 3, 20]).share).toBeCloseTo(1 / 3, 12); // 3, 33, 5
    expect(tenthBin(1, 3)).toBe(333);
    expect(tenthBin(1, 2000)).toBe(1);
  });
});

describe("report on 2011", () => {
  it("ranks regions, renders self-contained HTML and serialises to JSON", () => {
    const parsed = loadReal("russia-2011-duma");
    const report = runForensics(
      parsed.results,
      { relations: parsed.mapping.controls, flags: parsed.arithmeticFlags },
      { skipFingerprint: true },
    );
    expect(report.histograms.turnout.reduce((a, b) => a + b, 0)).toBe(95225);
    const areas = report.breakdown?.areas ?? [];
    expect(areas.length).toBe(84);
    expect(areas[0]?.integer.z).toBeGreaterThanOrEqual(areas[1]?.integer.z ?? 0);
    // The regional excesses add up to the national one.
    const total = areas.reduce((a, r) => a + r.integer.excess, 0);
    expect(total).toBeCloseTo(report.integerPercentages.excess, 6);
    const html = renderForensicsHtml(report);
    expect(html).toContain("never proof");
    expect(html).not.toContain("<script");
    expect(() => JSON.parse(JSON.stringify(report))).not.toThrow();
  });
});
