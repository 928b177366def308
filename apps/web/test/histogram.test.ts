import { describe, expect, it } from "vitest";
import { histogramCeiling } from "../src/forensics/plots.tsx";

describe("0.1-point histogram: an outsized 100% bin is cut, not the scale", () => {
  const bins = (top: number) =>
    Array.from({ length: 1001 }, (_, j) => (j === 1000 ? top : j % 10 === 0 ? 40 : 10));

  it("ends the axis just above the tallest other bin when the 100% bin dwarfs it", () => {
    expect(histogramCeiling(bins(900))).toBe(46);
  });

  it("leaves the scale alone when the 100% bin is of the others' size", () => {
    expect(histogramCeiling(bins(55))).toBeNull();
    expect(histogramCeiling(new Array(1001).fill(0))).toBeNull();
  });
});
