// Estimators against textbook and hand-computed values.
import { describe, expect, it } from "vitest";
import type { Observation, SamplingDesign } from "../src/index.ts";
import {
  compareProportions,
  countIncidents,
  estimateMean,
  estimateMedian,
  estimateProportion,
  wilsonFromCounts,
} from "../src/index.ts";

function obs<V>(stationId: string, value: V | null, stratumId?: string, teamId = "t"): Observation<V> {
  return { stationId, stratumId: stratumId ?? null, teamId, phase: "voting", value };
}

/** n values with exactly the given mean and sample standard deviation. */
function withMoments(n: number, mean: number, sd: number): number[] {
  const raw = Array.from({ length: n }, (_, i) => i - (n - 1) / 2);
  const m = raw.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(raw.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  return raw.map((r) => mean + ((r - m) / s) * sd);
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("stratified mean: Lohr (2021) Example 3.2, agstrat acres92", () => {
  // Per-stratum summaries from the agstrat sample (N_h, n_h, ȳ_h, SE(ȳ_h) with FPC).
  const strata = [
    { id: "NE", N: 220, n: 21, mean: 97629.81, seMean: 18149.49 },
    { id: "NC", N: 1054, n: 103, mean: 300504.16, seMean: 16107.59 },
    { id: "S", N: 1382, n: 135, mean: 211315.04, seMean: 18925.35 },
    { id: "W", N: 422, n: 41, mean: 662295.51, seMean: 93403.65 },
  ];
  const observations: Observation<number>[] = [];
  for (const s of strata) {
    const sd = s.seMean / Math.sqrt((1 - s.n / s.N) / s.n);
    withMoments(s.n, s.mean, sd).forEach((v, i) => {
      observations.push(obs(`${s.id}-${i}`, v, s.id));
    });
  }
  const design: SamplingDesign = {
    kind: "stratified",
    strata: strata.map((s) => ({ id: s.id, populationSize: s.N, plannedSampleSize: s.n })),
  };
  it("ȳ_str = 295,561 and SE = 16,380", () => {
    const e = must(estimateMean(observations, design, { fpc: true }));
    expect(e.value).toBeCloseTo(295560.77, 0);
    expect(e.standardError).toBeCloseTo(16379.87, 0);
    expect(e.denominator).toBe(300);
    expect(e.generalises).toBe(true);
  });
});

describe("proportion under simple random sampling", () => {
  const observations = Array.from({ length: 263 }, (_, i) => obs(`s${i}`, i < 81));
  it("equals the Wilson interval without FPC when N is huge, with counts and exclusions", () => {
    const e = must(
      estimateProportion(
        [...observations, obs<boolean>("x", null)],
        { kind: "simple-random", populationSize: 1e12 },
        {
          exclusions: { quarantined: 2 },
        },
      ),
    );
    expect(e.value).toBeCloseTo(81 / 263, 12);
    expect(e.numerator).toBe(81);
    expect(e.denominator).toBe(263);
    expect(e.ci.method).toBe("wilson");
    expect(e.ci.lower).toBeCloseTo(0.2553, 4);
    expect(e.ci.upper).toBeCloseTo(0.3662, 4);
    expect(e.exclusions).toEqual({ quarantined: 2, missing: 1 });
    // SE = sqrt((1-f) s²/n) with s² = n p q /(n-1)
    const p = 81 / 263;
    expect(e.standardError).toBeCloseTo(Math.sqrt((p * (1 - p)) / 262), 6);
  });
  it("applies the FPC through n* = n(N-1)/(N-n)", () => {
    const e = must(
      estimateProportion(observations, { kind: "simple-random", populationSize: 1000 }, { fpc: true }),
    );
    const w = wilsonFromCounts(81, 263, 0.95, 1000);
    expect(e.ci.lower).toBeCloseTo(w.lower, 12);
    expect(e.ci.upper).toBeCloseTo(w.upper, 12);
    const p = 81 / 263;
    expect(e.standardError).toBeCloseTo(Math.sqrt(((1 - 263 / 1000) * p * (1 - p)) / 262), 10);
  });
  it("marks small cells", () => {
    const e = must(
      estimateProportion(observations.slice(0, 10), { kind: "simple-random", populationSize: 500 }),
    );
    expect(e.smallCell).toBe(true);
    const big = must(
      estimateProportion(observations, { kind: "simple-random", populationSize: 500 }, { minCellUnits: 300 }),
    );
    expect(big.smallCell).toBe(true);
  });
});

describe("clustered visits (several teams at one station)", () => {
  // Hand computation: 4 stations; visits (bad?): A: 1,1  B: 0  C: 0,1,0  D: 0,0
  const o = [
    obs("A", true),
    obs("A", true),
    obs("B", false),
    obs("C", false),
    obs("C", true),
    obs("C", false),
    obs("D", false),
    obs("D", false),
  ];
  const design: SamplingDesign = { kind: "simple-random", populationSize: 40 };
  it("visit unit: ratio estimator Σy/Σm with cluster variance", () => {
    const e = must(estimateProportion(o, design, { fpc: true }));
    const r = 3 / 8;
    // residuals e_i = y_i - r m_i: A 2-0.75=1.25, B -0.375, C 1-1.125=-0.125, D -0.75
    const res = [1.25, -0.375, -0.125, -0.75];
    const mbar = 2;
    const s2 = res.reduce((a, b) => a + b * b, 0) / 3;
    const v = ((1 - 4 / 40) * s2) / (4 * mbar * mbar);
    expect(e.value).toBeCloseTo(r, 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt(v), 12);
    expect(e.stations).toBe(4);
    expect(e.denominator).toBe(8);
    expect(e.ci.method).toBe("wilson-effective-n");
    // Korn & Graubard: n* = p(1-p)/V scaled by (z/t_3)² (4 stations, one stratum), at most 8 visits.
    expect(e.effectiveSampleSize).toBeCloseTo(
      Math.min(8, ((r * (1 - r)) / v) * (1.959963984540054 / 3.182446305284263) ** 2),
      8,
    );
    expect(e.ci.degreesOfFreedom).toBe(3);
  });
  it("station unit: mean of station shares, or any-visit rule", () => {
    const mean = must(estimateProportion(o, design, { unit: "station" }));
    expect(mean.value).toBeCloseTo((1 + 0 + 1 / 3 + 0) / 4, 12);
    const any = must(estimateProportion(o, design, { unit: "station", stationRule: "any" }));
    expect(any.value).toBeCloseTo(0.5, 12);
    expect(any.denominator).toBe(4);
  });
});

describe("stratified proportion", () => {
  // Two strata: N = 600, 400; sampled 10 and 20; bad 2/10 and 10/20.
  const o: Observation<boolean>[] = [];
  for (let i = 0; i < 10; i++) o.push(obs(`a${i}`, i < 2, "A"));
  for (let i = 0; i < 20; i++) o.push(obs(`b${i}`, i < 10, "B"));
  o.push(obs("zz", true, "Z"));
  const design: SamplingDesign = {
    kind: "stratified",
    strata: [
      { id: "A", populationSize: 600 },
      { id: "B", populationSize: 400 },
    ],
  };
  it("Σ W_h p_h with Σ W_h²(1-f_h)s_h²/n_h, stations outside the plan excluded", () => {
    const e = must(estimateProportion(o, design, { fpc: true }));
    const noFpc = must(estimateProportion(o, design));
    expect(noFpc.standardError).toBeGreaterThan(e.standardError);
    expect(e.value).toBeCloseTo(0.6 * 0.2 + 0.4 * 0.5, 12);
    const v =
      (0.36 * (1 - 10 / 600) * ((10 / 9) * 0.16)) / 10 + (0.16 * (1 - 20 / 400) * ((20 / 19) * 0.25)) / 20;
    expect(e.standardError).toBeCloseTo(Math.sqrt(v), 12);
    expect(e.exclusions["outside-plan"]).toBe(1);
    expect(e.ci.method).toBe("wilson-effective-n");
    expect(e.ci.lower).toBeGreaterThan(0);
    expect(e.ci.lower).toBeLessThan(e.value);
  });
  it("inclusion probabilities override N_h/n_h weights", () => {
    const pis: Record<string, number> = {};
    for (let i = 0; i < 10; i++) pis[`a${i}`] = 10 / 600;
    for (let i = 0; i < 20; i++) pis[`b${i}`] = 20 / 400;
    const e = must(estimateProportion(o, { ...design, inclusionProbabilities: pis }));
    expect(e.value).toBeCloseTo(0.32, 12);
  });
  it("rejects more sampled stations than the population", () => {
    const r = estimateProportion(o, {
      kind: "stratified",
      strata: [
        { id: "A", populationSize: 5 },
        { id: "B", populationSize: 400 },
      ],
    });
    expect(r.ok).toBe(false);
  });
});

describe("convenience sample", () => {
  it("plain binomial interval, labelled as not generalising", () => {
    const o = Array.from({ length: 29 }, (_, i) => obs(`s${i}`, i === 0));
    const e = must(estimateProportion(o, { kind: "convenience" }));
    expect(e.generalises).toBe(false);
    expect(e.note).toMatch(/does not generalise/);
    expect(e.ci.lower).toBeCloseTo(0.0061, 4);
    expect(e.ci.upper).toBeCloseTo(0.1718, 4);
  });
});

describe("median (Woodruff)", () => {
  it("SRS of 1..101: median 51 and an interval near the order-statistic one", () => {
    const o = Array.from({ length: 101 }, (_, i) => obs(`s${i}`, i + 1));
    const e = must(estimateMedian(o, { kind: "simple-random", populationSize: 1e9 }));
    expect(e.value).toBe(51);
    // se(F̂) = sqrt(p q/(n-1)) ≈ 0.04975; 0.5 ± 1.96·se → ranks ≈ 40.6 and 60.4
    expect(e.ci.lower).toBe(41);
    expect(e.ci.upper).toBe(61);
  });
});

describe("mean with missing values", () => {
  it("counts missing values as exclusions", () => {
    const o = [obs("a", 1), obs("b", 2), obs("c", 6), obs<number>("d", null)];
    const e = must(estimateMean(o, { kind: "convenience" }));
    expect(e.value).toBe(3);
    expect(e.exclusions).toEqual({ missing: 1 });
    const s = Math.sqrt(((1 - 3) ** 2 + (2 - 3) ** 2 + (6 - 3) ** 2) / 2 / 3);
    expect(e.standardError).toBeCloseTo(s, 12);
  });
});

describe("incidents by category", () => {
  it("counts reports, stations and estimates totals", () => {
    const visits = Array.from({ length: 10 }, (_, i) => ({ stationId: `s${i}`, teamId: "t", phase: "v" }));
    const incidents = [
      { stationId: "s0", teamId: "t", phase: "v", category: "ballot-stuffing" },
      { stationId: "s0", teamId: "t", phase: "v", category: "ballot-stuffing" },
      { stationId: "s1", teamId: "t", phase: "v", category: "ballot-stuffing" },
      { stationId: "s2", teamId: "t", phase: "v", category: "intimidation" },
      { stationId: "zz", teamId: "t", phase: "v", category: "intimidation" },
    ];
    const r = must(countIncidents(incidents, visits, { kind: "simple-random", populationSize: 100 }));
    expect(r.stationsObserved).toBe(10);
    expect(r.reportsAtUnvisitedStations).toBe(1);
    const bs = r.categories.find((c) => c.category === "ballot-stuffing");
    expect(bs?.reports).toBe(3);
    expect(bs?.stationsWithIncident).toBe(2);
    expect(bs?.stationShare.value).toBeCloseTo(0.2, 12);
    expect(bs?.populationTotal?.value).toBeCloseTo(30, 12);
  });
});

describe("comparing two missions", () => {
  it("z test with each design's variance and Newcombe interval", () => {
    const a = must(
      estimateProportion(
        Array.from({ length: 70 }, (_, i) => obs(`a${i}`, i < 56)),
        { kind: "simple-random", populationSize: 1e12 },
      ),
    );
    const b = must(
      estimateProportion(
        Array.from({ length: 80 }, (_, i) => obs(`b${i}`, i < 48)),
        { kind: "simple-random", populationSize: 1e12 },
      ),
    );
    const d = compareProportions(a, b);
    expect(d.difference).toBeCloseTo(0.2, 12);
    expect(d.ci.lower).toBeCloseTo(0.0524, 4);
    expect(d.ci.upper).toBeCloseTo(0.3339, 4);
    const se = Math.sqrt((0.8 * 0.2) / 69 + (0.6 * 0.4) / 79);
    expect(d.z).toBeCloseTo(0.2 / se, 8);
    expect(d.pValue).toBeLessThan(0.01);
  });
});
