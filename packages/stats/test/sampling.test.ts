import { describe, expect, it } from "vitest";
import { allocateSample, drawSample, type FrameStation, frameInclusionProbabilities } from "../src/index.ts";

const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

/** 7 regions × urban/rural of unequal sizes: 1,000 stations. */
function frame(): FrameStation[] {
  const out: FrameStation[] = [];
  for (let i = 0; i < 1000; i++) {
    const region = `R${i % 7}`;
    const settlement = i % 10 < 3 ? "urban" : "rural";
    out.push({ id: id(i), stratum: `${region} / ${settlement}` });
  }
  return out;
}

function draw(...args: Parameters<typeof drawSample>) {
  const result = drawSample(...args);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("deployment sampling", () => {
  it("gives the same sample for the same seed, whatever the frame's order", () => {
    const spec = {
      design: "stratified",
      size: 120,
      seed: 42,
      allocation: "proportional",
      reserve: 2,
    } as const;
    const a = draw(frame(), spec);
    const b = draw(frame().reverse(), spec);
    expect(b).toEqual(a);
    const c = draw(frame(), { ...spec, seed: 43 });
    expect(c.stations.map((s) => s.stationId)).not.toEqual(a.stations.map((s) => s.stationId));
    const srs = { design: "simple_random", size: 50, seed: 2 ** 40 + 7 } as const;
    expect(draw(frame(), srs)).toEqual(draw(frame(), srs));
  });

  it("allocates proportionally to stratum size, summing to n", () => {
    const sample = draw(frame(), { design: "stratified", size: 120, seed: 1, allocation: "proportional" });
    expect(sample.strata).toHaveLength(14);
    const n = sample.strata.reduce((sum, s) => sum + s.sampleSize, 0);
    expect(n).toBe(120);
    for (const stratum of sample.strata) {
      expect(Math.abs(stratum.sampleSize - (120 * stratum.populationSize) / 1000)).toBeLessThan(1);
      const drawn = sample.stations.filter((s) => s.stratum === stratum.stratum && !s.reserve);
      expect(drawn).toHaveLength(stratum.sampleSize);
    }
    expect(new Set(sample.stations.map((s) => s.stationId)).size).toBe(sample.stations.length);
  });

  it("allocates fixed sizes equally, capped at the stratum's size", () => {
    const populations = new Map([
      ["a", 100],
      ["b", 100],
      ["c", 3],
    ]);
    const fixed = allocateSample(populations, 30, "fixed");
    expect(fixed.ok && Object.fromEntries(fixed.value)).toEqual({ a: 14, b: 13, c: 3 });
    const even = allocateSample(populations, 9, "fixed");
    expect(even.ok && Object.fromEntries(even.value)).toEqual({ a: 3, b: 3, c: 3 });
    const explicit = allocateSample(populations, 30, "proportional", { sizes: { c: 1 } });
    expect(explicit.ok && Object.fromEntries(explicit.value)).toEqual({ c: 1, a: 15, b: 14 });
    expect(allocateSample(populations, 300, "fixed")).toMatchObject({
      ok: false,
      error: { code: "sample_too_large", params: { size: 300, stations: 203 } },
    });
    // Each refusal names the stratum and the sizes, so that a reader's page can say it.
    expect(allocateSample(populations, 30, "proportional", { sizes: { c: 5 } })).toMatchObject({
      ok: false,
      error: { code: "stratum_too_small", params: { stratum: "c", stations: 3, size: 5 } },
    });
    expect(allocateSample(populations, 30, "proportional", { sizes: { d: 1 } })).toMatchObject({
      ok: false,
      error: { code: "unknown_stratum", params: { stratum: "d" } },
    });
    expect(allocateSample(populations, 10, "proportional", { sizes: { a: 8, b: 8 } })).toMatchObject({
      ok: false,
      error: { code: "sample_too_large", params: { what: "explicit_sizes", size: 10 } },
    });
  });

  it("gives a small stratum at least one station under proportional allocation", () => {
    const populations = new Map([
      ["big", 990],
      ["tiny", 10],
    ]);
    const result = allocateSample(populations, 20, "proportional");
    expect(result.ok && Object.fromEntries(result.value)).toEqual({ big: 19, tiny: 1 });
  });

  it("has inclusion probabilities n_h/N_h that sum to the sample size", () => {
    const stations = frame();
    for (const spec of [
      { design: "simple_random", size: 77, seed: 5 },
      { design: "stratified", size: 120, seed: 5, allocation: "proportional" },
      { design: "stratified", size: 120, seed: 5, allocation: "fixed" },
    ] as const) {
      const sample = draw(stations, spec);
      const probabilities = frameInclusionProbabilities(stations, sample);
      const sum = [...probabilities.values()].reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(spec.size, 9);
      for (const station of sample.stations)
        expect(station.inclusionProbability).toBeCloseTo(probabilities.get(station.stationId) ?? -1, 12);
    }
  });

  it("draws reserves after the sample, within the stratum, never twice", () => {
    const sample = draw(frame(), {
      design: "stratified",
      size: 14,
      seed: 9,
      allocation: "fixed",
      reserve: 3,
    });
    const reserves = sample.stations.filter((s) => s.reserve);
    expect(reserves).toHaveLength(14 * 3);
    for (const stratum of sample.strata) {
      expect(stratum.reserveSize).toBe(3);
      const orders = sample.stations
        .filter((s) => s.stratum === stratum.stratum)
        .map((s) => [s.order, s.reserve]);
      expect(orders).toEqual([
        [0, false],
        [1, true],
        [2, true],
        [3, true],
      ]);
    }
  });

  it("records a convenience plan without probabilities", () => {
    const sample = draw(frame(), { design: "convenience", stationIds: [id(3), id(1), id(3)] });
    expect(sample.stations).toEqual([
      { stationId: id(3), stratum: null, inclusionProbability: null, reserve: false, order: 0 },
      { stationId: id(1), stratum: null, inclusionProbability: null, reserve: false, order: 1 },
    ]);
    expect(drawSample(frame(), { design: "convenience", stationIds: ["nope"] })).toMatchObject({
      ok: false,
      error: { code: "unknown_station" },
    });
  });

  it("selects every station equally often over many simple random samples (chi-square)", () => {
    const N = 60;
    const n = 12;
    const draws = 3000;
    const stations = Array.from({ length: N }, (_, i) => ({ id: id(i), stratum: "" }));
    const counts = new Map<string, number>();
    for (let seed = 1; seed <= draws; seed++) {
      for (const s of draw(stations, { design: "simple_random", size: n, seed }).stations)
        counts.set(s.stationId, (counts.get(s.stationId) ?? 0) + 1);
    }
    const expected = (draws * n) / N;
    // Each count is Binomial(draws, n/N), so its variance is E·(1 − n/N): scaled by that, the
    // statistic follows χ² with N − 1 = 59 degrees of freedom (Pearson's statistic for a
    // without-replacement design).
    let chiSquare = 0;
    for (const station of stations)
      chiSquare += ((counts.get(station.id) ?? 0) - expected) ** 2 / (expected * (1 - n / N));
    // χ²(59) quantiles: 0.001 -> 30.9, 0.999 -> 98.3 (fixed seeds: the result is deterministic).
    expect(chiSquare).toBeGreaterThan(30.9);
    expect(chiSquare).toBeLessThan(98.3);
  });
});
