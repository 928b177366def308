// A sample drawn with unequal inclusion probabilities weighs the PVT, the turnout check and the
// observer-effects figures as it weighs the indicator estimates: each observed station by 1/π_i
// (not N_h / n_h). Checked against a Hájek ratio estimator written here, on a frame of our own.
import { describe, expect, it } from "vitest";
import { missionDesign, placesOf, weightedDesign } from "../src/analysis/frame.ts";
import { pvtSection } from "../src/analysis/pvt.ts";
import type { ElectionGeography, MissionFrame, ObservationPattern } from "../src/analysis/store-types.ts";

/** Two strata (coast, hills); the statistician's π_i differ within each. */
const sample = [
  { id: "st-1", stratum: "coast", pi: 0.1, registered: 900, cast: 810 },
  { id: "st-2", stratum: "coast", pi: 0.5, registered: 1000, cast: 400 },
  { id: "st-3", stratum: "coast", pi: 0.25, registered: 800, cast: 560 },
  { id: "st-4", stratum: "hills", pi: 0.2, registered: 600, cast: 540 },
  { id: "st-5", stratum: "hills", pi: 0.8, registered: 700, cast: 210 },
];

const geography: ElectionGeography = {
  areas: [
    { id: "a-coast", parentId: null, level: "province", code: "CST", name: { en: "Coast" } },
    { id: "a-hills", parentId: null, level: "province", code: "HLS", name: { en: "Hills" } },
  ],
  stations: sample.map((s) => ({
    id: s.id,
    code: s.id.toUpperCase(),
    areaId: s.stratum === "coast" ? "a-coast" : "a-hills",
    kind: "regular",
    settlement: null,
    latitude: null,
    longitude: null,
    registeredVoters: s.registered,
  })),
};

const frame: MissionFrame = {
  mission: {
    id: "m",
    electionId: "e",
    code: "vigia",
    name: { en: "Vigía" },
    kind: "domestic",
    design: "stratified",
  },
  phases: [{ code: "count", kind: "count", date: "2031-04-06", name: { en: "Count" } }],
  planned: sample.map((s) => ({
    stationId: s.id,
    stratum: s.stratum,
    inclusionProbability: s.pi,
    reserve: false,
  })),
  teams: [],
  plan: {
    id: "p",
    version: 1,
    status: "current",
    source: "imported",
    design: "stratified",
    confirmedAt: null,
    // Σ 1/π per stratum: coast 10 + 2 + 4 = 16, hills 5 + 1.25 ≈ 6.
    strata: [
      { stratum: "coast", populationSize: 16, sampleSize: 3 },
      { stratum: "hills", populationSize: 6, sampleSize: 2 },
    ],
  },
};

const questions = new Map([
  ["protocol_registered", 0],
  ["protocol_ballots_issued", 1],
  ["protocol_valid", 2],
]);
const patterns: ObservationPattern[] = sample.map((s) => ({
  stationId: s.id,
  teamId: null,
  phaseCode: "count",
  formKind: "counting",
  status: "accepted",
  answers: [s.registered, s.cast, s.cast - 10],
  count: 1,
}));

describe("analysis weights of an unequal-probability sample", () => {
  const places = placesOf(geography);
  const md = missionDesign(frame, places);

  it("gives every observed station its own 1/π in the design PVT and observer effects use", () => {
    expect(md.stationProbabilities).not.toBeNull();
    const design = weightedDesign(
      md,
      sample.map((s) => ({ stationId: s.id, stratumId: s.stratum })),
    );
    expect(design.kind).toBe("stratified");
    const inclusion = design.kind === "stratified" ? design.inclusionProbabilities : undefined;
    for (const s of sample) expect(inclusion?.[s.id]).toBeCloseTo(s.pi, 12);
  });

  it("estimates turnout as the Hájek ratio Σ cast/π over Σ registered/π", () => {
    const section = pvtSection(patterns, questions, md, places, { protocols: [], candidates: [] }, new Set());
    const cast = sample.reduce((sum, s) => sum + s.cast / s.pi, 0);
    const registered = sample.reduce((sum, s) => sum + s.registered / s.pi, 0);
    expect(section.result?.turnout?.value).toBeCloseTo(cast / registered, 10);
    // What the stratum sizes alone (N_h / n_h, equal within a stratum) would give: not that.
    const nOverN = (stratum: string) =>
      (frame.plan?.strata.find((s) => s.stratum === stratum)?.populationSize ?? 0) /
      sample.filter((s) => s.stratum === stratum).length;
    const flatCast = sample.reduce((sum, s) => sum + s.cast * nOverN(s.stratum), 0);
    const flatRegistered = sample.reduce((sum, s) => sum + s.registered * nOverN(s.stratum), 0);
    expect(Math.abs((section.result?.turnout?.value ?? 0) - flatCast / flatRegistered)).toBeGreaterThan(0.02);
  });

  it("keeps the plan's design where the probabilities are equal within strata", () => {
    const equal = missionDesign(
      { ...frame, planned: frame.planned.map((p) => ({ ...p, inclusionProbability: 0.5 })) },
      places,
    );
    expect(weightedDesign(equal, [{ stationId: "st-1", stratumId: "coast" }])).toBe(equal.design);
  });
});
