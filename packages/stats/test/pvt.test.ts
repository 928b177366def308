// PVT and turnout check: hand-computed ratio estimates and a small simulation.
import { describe, expect, it } from "vitest";
import type { ProtocolCount } from "../src/index.ts";
import { createRng, pvtEstimate, sampleWithoutReplacement, turnoutGap } from "../src/index.ts";

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const protocols: ProtocolCount[] = [
  { stationId: "A", registered: 150, ballotsCast: 102, valid: 100, invalid: 2, votes: { x: 60, y: 40 } },
  { stationId: "B", registered: 300, ballotsCast: 205, valid: 200, invalid: 5, votes: { x: 90, y: 110 } },
  { stationId: "C", registered: 200, ballotsCast: 150, valid: 150, invalid: 0, votes: { x: 80, y: 70 } },
  { stationId: "D", registered: 100, ballotsCast: 53, valid: 50, invalid: 3, votes: { x: 20, y: 30 } },
];

describe("PVT ratio estimates (hand computation)", () => {
  it("share = Σ votes / Σ valid with linearised cluster variance", () => {
    const r = must(
      pvtEstimate(
        protocols,
        { kind: "simple-random", populationSize: 100 },
        { official: { shares: { x: 0.58, y: 0.42 } } },
      ),
    );
    const x = r.shares.find((s) => s.contestantId === "x");
    expect(x?.estimate.value).toBeCloseTo(0.5, 12);
    // residuals e = x - 0.5·valid: 10, -10, 5, -5; V = (1-f) s_e² / (n · mean(valid)²)
    const v = ((1 - 4 / 100) * (250 / 3)) / (4 * 125 ** 2);
    expect(x?.estimate.standardError).toBeCloseTo(Math.sqrt(v), 12);
    expect(x?.estimate.marginOfError).toBeCloseTo(1.959964 * Math.sqrt(v), 5);
    expect(x?.official?.inside).toBe(false);
    expect(x?.official?.difference).toBeCloseTo(0.08, 12);
    expect(r.turnout?.value).toBeCloseTo(510 / 750, 12);
    expect(r.invalidShare?.value).toBeCloseTo(10 / 510, 12);
    expect(r.generalises).toBe(true);
  });

  it("lists stations whose published protocol differs, and conflicting observer copies", () => {
    const published: ProtocolCount[] = [
      { ...protocols[0], stationId: "A", ballotsCast: 102, valid: 100, votes: { x: 60, y: 40 } },
      { stationId: "B", registered: 300, ballotsCast: 205, valid: 200, invalid: 5, votes: { x: 140, y: 60 } },
      { stationId: "C", registered: 200, ballotsCast: 150, valid: 150, invalid: 0, votes: { x: 80, y: 70 } },
    ];
    const copy: ProtocolCount = {
      stationId: "C",
      registered: 200,
      ballotsCast: 150,
      valid: 150,
      invalid: 0,
      votes: { x: 81, y: 69 },
    };
    const r = must(pvtEstimate([...protocols, copy], { kind: "convenience" }, { published }));
    expect(r.discrepancies).toEqual([
      {
        stationId: "B",
        fields: [
          { field: "votes.x", observed: 90, published: 140 },
          { field: "votes.y", observed: 110, published: 60 },
        ],
      },
    ]);
    expect(r.unpublished).toEqual(["D"]);
    expect(r.conflictingCopies).toEqual(["C"]);
    expect(r.generalises).toBe(false);
  });
});

describe("PVT over simulated elections", () => {
  it("95% margins of error cover the true national share 93-97% of the time (600 elections)", () => {
    const rng = createRng(7);
    const N = 3000;
    const registered = new Int32Array(N);
    const support = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      registered[i] = 300 + rng.int(2200);
      support[i] = Math.min(0.95, Math.max(0.05, 0.52 + 0.12 * rng.normal()));
    }
    // A fixed finite population of protocols (the truth); only the sample varies.
    const valid = new Int32Array(N);
    const votesA = new Int32Array(N);
    let totalValid = 0;
    let totalA = 0;
    for (let i = 0; i < N; i++) {
      valid[i] = rng.binomial(registered[i] ?? 0, 0.6);
      votesA[i] = rng.binomial(valid[i] ?? 0, support[i] ?? 0);
      totalValid += valid[i] ?? 0;
      totalA += votesA[i] ?? 0;
    }
    const truth = totalA / totalValid;
    let covered = 0;
    const runs = 600;
    for (let r = 0; r < runs; r++) {
      const sample = sampleWithoutReplacement(rng, N, 300);
      const observed: ProtocolCount[] = [...sample].map((i) => ({
        stationId: `s${i}`,
        registered: registered[i] ?? 0,
        ballotsCast: valid[i] ?? 0,
        valid: valid[i] ?? 0,
        votes: { a: votesA[i] ?? 0, b: (valid[i] ?? 0) - (votesA[i] ?? 0) },
      }));
      const est = must(pvtEstimate(observed, { kind: "simple-random", populationSize: N }));
      const a = est.shares.find((s) => s.contestantId === "a");
      if (a && a.estimate.ci.lower <= truth && truth <= a.estimate.ci.upper) covered++;
    }
    expect(covered / runs).toBeGreaterThanOrEqual(0.93);
    expect(covered / runs).toBeLessThanOrEqual(0.97);
  });
});

describe("turnout check", () => {
  it("per-station gaps, flags and the national ratio", () => {
    const counts = [
      { stationId: "A", day: "d1", observed: 100, reported: 100 },
      { stationId: "A", day: "d2", observed: 50, reported: 60 },
      { stationId: "B", day: "d1", observed: 80, reported: 160 },
      { stationId: "C", day: "d1", observed: 120, reported: 118 },
    ];
    const r = must(turnoutGap(counts, { kind: "simple-random", populationSize: 50 }));
    expect(r.ratio.value).toBeCloseTo(438 / 350, 12);
    expect(r.relativeGap.value).toBeCloseTo(438 / 350 - 1, 12);
    expect(r.flaggedStations).toEqual(["B"]);
    const a2 = r.perStationDay.find((g) => g.stationId === "A" && g.day === "d2");
    expect(a2?.gap).toBe(10);
    expect(a2?.relativeGap).toBeCloseTo(0.2, 12);
    expect(a2?.flagged).toBe(false);
    // Cluster residuals e = reported - R·observed per station (A: 160 vs 150, B, C)
    const R = 438 / 350;
    const e = [160 - R * 150, 160 - R * 80, 118 - R * 120];
    const s2 = e.reduce((x, y) => x + y * y, 0) / 2;
    const v = ((1 - 3 / 50) * s2) / (3 * (350 / 3) ** 2);
    expect(r.ratio.standardError).toBeCloseTo(Math.sqrt(v), 12);
  });
});

describe("seeded generator", () => {
  it("is deterministic and its binomial sampler has the right moments", () => {
    const a = createRng(99);
    const b = createRng(99);
    for (let i = 0; i < 10; i++) expect(a.uniform()).toBe(b.uniform());
    const rng = createRng(1);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = rng.binomial(40, 0.3);
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    expect(mean).toBeCloseTo(12, 1);
    expect(s2 / n - mean * mean).toBeCloseTo(8.4, 0);
    let z = 0;
    let z2 = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      z += x;
      z2 += x * x;
    }
    expect(Math.abs(z / n)).toBeLessThan(0.03);
    expect(z2 / n).toBeCloseTo(1, 1);
  });
});
