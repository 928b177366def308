// Simulation study (acceptance): nominal 95% intervals must cover the true population share
// 93-97% of the time under simple random and stratified plans, with 30% of sampled stations
// visited twice (station clusters). Truth and design: src/sim/simulate.ts.
import { describe, expect, it } from "vitest";
import type { SimulationConfig, UnitKind } from "../src/index.ts";
import { DEFAULT_SIMULATION, estimateProportion, simulateElection } from "../src/index.ts";

function coverage(config: SimulationConfig, unit: UnitKind, runs: number, seed: number, fpc = false) {
  let covered = 0;
  let bias = 0;
  for (let i = 0; i < runs; i++) {
    const sim = simulateElection(config, seed + i);
    const bad = sim.observations.map((o) => ({ ...o, value: o.value === null ? null : o.value >= 3 }));
    const e = estimateProportion(bad, sim.design, { unit, fpc });
    if (!e.ok) throw new Error(e.error.message);
    const truth = sim.truth.badShare;
    if (e.value.ci.lower <= truth && truth <= e.value.ci.upper) covered++;
    bias += e.value.value - truth;
  }
  return { coverage: covered / runs, bias: bias / runs };
}

describe("coverage of 95% intervals over simulated elections", () => {
  it.each([
    ["simple-random", "visit", 1000],
    ["stratified", "visit", 1000],
    ["simple-random", "station", 500],
    ["stratified", "station", 500],
  ] as const)("%s plan, %s unit, %i elections: coverage within 93-97%%", (plan, unit, runs) => {
    const r = coverage({ ...DEFAULT_SIMULATION, plan }, unit, runs, plan === "stratified" ? 70_000 : 50_000);
    expect(r.coverage).toBeGreaterThanOrEqual(0.93);
    expect(r.coverage).toBeLessThanOrEqual(0.97);
    expect(Math.abs(r.bias)).toBeLessThan(0.005);
  });

  it.each(["simple-random", "stratified"] as const)(
    "%s plan with the finite-population correction: 93-97%%",
    (plan) => {
      const r = coverage({ ...DEFAULT_SIMULATION, plan }, "visit", 600, 30_000, true);
      expect(r.coverage).toBeGreaterThanOrEqual(0.93);
      expect(r.coverage).toBeLessThanOrEqual(0.97);
      expect(Math.abs(r.bias)).toBeLessThan(0.005);
    },
  );
});
