// The per-station entry points (estimateFromStationTotals, estimateMedianFromStations,
// countIncidentsFromStations) give the same estimates as the per-visit estimators on the visits
// the totals summarise: random seeded missions over each design, unit and share/mean/median.
import { describe, expect, it } from "vitest";
import {
  countIncidents,
  countIncidentsFromStations,
  createRng,
  type Estimate,
  estimateFromStationTotals,
  estimateMean,
  estimateMedian,
  estimateMedianFromStations,
  estimateProportion,
  type IncidentReport,
  type Observation,
  type SamplingDesign,
  type StationTotal,
  type StationValues,
  type UnitKind,
  type VisitedStation,
} from "../src/index.ts";

const STRATA = ["A", "B", "C"];

function visitsOf(seed: number, stations: number) {
  const rng = createRng(seed);
  const obs: Observation<number>[] = [];
  for (let s = 0; s < stations; s++) {
    const stratumId = STRATA[s % STRATA.length] ?? "A";
    const visits = 1 + Math.floor(rng.uniform() * 4);
    for (let v = 0; v < visits; v++) {
      const value =
        rng.uniform() < 0.1 ? null : Math.floor(rng.uniform() * 12) + (rng.uniform() < 0.3 ? 0.25 : 0);
      obs.push({ stationId: `s${s}`, stratumId, teamId: `t${v}`, phase: "p", value });
    }
  }
  return obs;
}

function totalsOf(obs: readonly Observation<number>[], f: (v: number) => number) {
  const by = new Map<
    string,
    { stratumId: string | null; y: number; x: number; values: Map<number, number> }
  >();
  let missing = 0;
  for (const o of obs) {
    const s = by.get(o.stationId) ?? { stratumId: o.stratumId ?? null, y: 0, x: 0, values: new Map() };
    by.set(o.stationId, s);
    if (o.value === null) {
      missing++;
      continue;
    }
    s.y += f(o.value);
    s.x += 1;
    s.values.set(o.value, (s.values.get(o.value) ?? 0) + 1);
  }
  const totals: StationTotal[] = [...by].map(([stationId, s]) => ({
    stationId,
    stratumId: s.stratumId,
    y: s.y,
    x: s.x,
  }));
  const values: StationValues[] = [...by].map(([stationId, s]) => ({
    stationId,
    stratumId: s.stratumId,
    values: [...s.values.keys()],
    counts: [...s.values.values()],
  }));
  return { totals, values, missing };
}

function expectSame(a: Estimate, b: Estimate) {
  const close = (x: number | null, y: number | null) => {
    if (x === null || y === null || !Number.isFinite(x)) expect(y).toBe(x);
    else expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x)));
  };
  const { value, standardError, ci, designEffect, effectiveSampleSize, numerator, ...rest } = a;
  close(b.value, value);
  close(b.standardError, standardError);
  close(b.ci.lower, ci.lower);
  close(b.ci.upper, ci.upper);
  close(b.designEffect, designEffect);
  close(b.effectiveSampleSize, effectiveSampleSize);
  close(b.numerator, numerator);
  expect(b.ci.method).toBe(ci.method);
  expect({
    ...b,
    value: 0,
    standardError: 0,
    ci: 0,
    designEffect: 0,
    effectiveSampleSize: 0,
    numerator: 0,
  }).toEqual({
    ...rest,
    value: 0,
    standardError: 0,
    ci: 0,
    designEffect: 0,
    effectiveSampleSize: 0,
    numerator: 0,
  });
}

const designs: { name: string; design: SamplingDesign }[] = [
  { name: "simple random", design: { kind: "simple-random", populationSize: 5000 } },
  {
    name: "stratified",
    design: {
      kind: "stratified",
      strata: STRATA.map((id, i) => ({ id, populationSize: 1000 * (i + 1) })),
    },
  },
  {
    name: "stratified, one stratum left out",
    design: {
      kind: "stratified",
      strata: [
        { id: "A", populationSize: 800 },
        { id: "B", populationSize: 1200 },
      ],
    },
  },
  { name: "convenience", design: { kind: "convenience" } },
];
const cases = designs.flatMap((d) =>
  (["visit", "station"] as UnitKind[]).flatMap((unit) => [11, 12345].map((seed) => ({ ...d, unit, seed }))),
);

describe("estimates from per-station totals equal the per-visit path", () => {
  it.each(cases)("$name, unit $unit, seed $seed", ({ design, unit, seed }) => {
    const obs = visitsOf(seed, 60);
    const options = { unit, exclusions: { quarantined: 3 } };
    // Share: value > 6 holds.
    const shareObs: Observation<boolean>[] = obs.map((o) => ({
      ...o,
      value: o.value === null ? null : o.value > 6,
    }));
    const share = totalsOf(obs, (v) => (v > 6 ? 1 : 0));
    const p1 = estimateProportion(shareObs, design, options);
    const p2 = estimateFromStationTotals("proportion", share.totals, design, {
      ...options,
      missing: share.missing,
    });
    expect(p2.ok).toBe(p1.ok);
    if (p1.ok && p2.ok) expectSame(p1.value, p2.value);
    for (const rule of ["any", "all"] as const) {
      const a = estimateProportion(shareObs, design, { ...options, stationRule: rule });
      const b = estimateFromStationTotals("proportion", share.totals, design, {
        ...options,
        stationRule: rule,
        missing: share.missing,
      });
      if (a.ok && b.ok) expectSame(a.value, b.value);
      else expect(b.ok).toBe(a.ok);
    }
    // Mean and median of the value.
    const t = totalsOf(obs, (v) => v);
    const m1 = estimateMean(obs, design, options);
    const m2 = estimateFromStationTotals("mean", t.totals, design, { ...options, missing: t.missing });
    expect(m2.ok).toBe(m1.ok);
    if (m1.ok && m2.ok) expectSame(m1.value, m2.value);
    const d1 = estimateMedian(obs, design, options);
    const d2 = estimateMedianFromStations(t.values, design, { ...options, missing: t.missing });
    expect(d2.ok).toBe(d1.ok);
    if (d1.ok && d2.ok) expectSame(d1.value, d2.value);
  });

  it.each(designs)("incidents, $name", ({ design }) => {
    const rng = createRng(7);
    const visits: VisitedStation[] = [];
    const incidents: IncidentReport[] = [];
    const stations = new Map<string, string | null>();
    const byCategory = new Map<string, Map<string, number>>();
    for (let s = 0; s < 50; s++) {
      const stratumId = STRATA[s % 3] ?? "A";
      stations.set(`s${s}`, stratumId);
      visits.push({ stationId: `s${s}`, stratumId, teamId: "", phase: "p" });
      const n = Math.floor(rng.uniform() * 3);
      for (let k = 0; k < n; k++) {
        const category = rng.uniform() < 0.5 ? "a" : "b";
        incidents.push({ stationId: `s${s}`, stratumId, teamId: "", phase: "p", category });
        const m = byCategory.get(category) ?? new Map<string, number>();
        m.set(`s${s}`, (m.get(`s${s}`) ?? 0) + 1);
        byCategory.set(category, m);
      }
    }
    const a = countIncidents(incidents, visits, design, { unit: "station" });
    const b = countIncidentsFromStations(stations, byCategory, 0, design, { unit: "station" });
    expect(b).toEqual(a);
  });
});
