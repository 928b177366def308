// Simulation study (acceptance): with injected harsh (+1.2) and lenient (-1.2) teams — 20%
// each, severities centred so the average team is neutral — the raw bad share is biased by
// more than 3 points while the severity-adjusted share is within 1 point of the truth.
import { describe, expect, it } from "vitest";
import type { SimulationConfig } from "../src/index.ts";
import {
  DEFAULT_SIMULATION,
  estimateAssessment,
  fitObserverEffects,
  simulateElection,
} from "../src/index.ts";

const BIASED: SimulationConfig = {
  ...DEFAULT_SIMULATION,
  biasedTeams: { harshShare: 0.2, harsh: 1.2, lenientShare: 0.2, lenient: -1.2 },
};

describe("team severity adjustment over simulated elections", () => {
  it.each(["simple-random", "stratified"] as const)(
    "%s plan: raw bias > 3 points, adjusted bias < 1 point",
    (plan) => {
      const runs = 60;
      let raw = 0;
      let adjusted = 0;
      let covered = 0;
      for (let i = 0; i < runs; i++) {
        const sim = simulateElection({ ...BIASED, plan }, 90_000 + i);
        const r = estimateAssessment(sim.observations, sim.design);
        if (!r.ok || r.value.adjusted === null) throw new Error("assessment failed");
        const truth = sim.truth.badShare;
        raw += r.value.raw.value - truth;
        adjusted += r.value.adjusted.value - truth;
        if (r.value.adjusted.ci.lower <= truth && truth <= r.value.adjusted.ci.upper) covered++;
      }
      expect(raw / runs).toBeGreaterThan(0.03);
      expect(Math.abs(adjusted / runs)).toBeLessThan(0.01);
      // Reported, loosely checked: the adjusted interval (design + delta-method variance).
      expect(covered / runs).toBeGreaterThan(0.88);
    },
  );

  it("flags injected teams and recovers their severity", () => {
    const sim = simulateElection({ ...BIASED, secondVisitShare: 0.5 }, 4242);
    const fx = fitObserverEffects(sim.observations);
    if (!fx.ok) throw new Error(fx.error.message);
    let agree = 0;
    let n = 0;
    let falseFlags = 0;
    for (const t of fx.value.teams) {
      const truth = sim.teamSeverity.get(t.teamId) ?? 0;
      if (t.latentSeverity !== null) {
        n++;
        if (Math.sign(t.latentSeverity) === Math.sign(truth) || Math.abs(truth) < 0.5) agree++;
      }
      if (t.flag !== null && Math.abs(truth) < 0.5) falseFlags++;
      if (t.flag === "harsh") expect(truth).toBeGreaterThan(0);
      if (t.flag === "lenient") expect(truth).toBeLessThan(0);
    }
    expect(agree / n).toBeGreaterThan(0.9);
    expect(falseFlags).toBe(0);
    expect(fx.value.teams.some((t) => t.flag !== null)).toBe(true);
    // Biased teams lower agreement; both coefficients are defined.
    expect(fx.value.agreement.doublyObservedStations).toBeGreaterThan(100);
    expect(fx.value.agreement.weightedKappa.ok).toBe(true);
    expect(fx.value.agreement.alphaOrdinal.ok).toBe(true);
  });

  it("stays within a point of the truth when every team is neutral", () => {
    const runs = 30;
    let raw = 0;
    let adjusted = 0;
    for (let i = 0; i < runs; i++) {
      const sim = simulateElection(DEFAULT_SIMULATION, 123_000 + i);
      const r = estimateAssessment(sim.observations, sim.design, { parameterUncertainty: false });
      if (!r.ok || r.value.adjusted === null) throw new Error("assessment failed");
      raw += r.value.raw.value - sim.truth.badShare;
      adjusted += r.value.adjusted.value - sim.truth.badShare;
    }
    expect(Math.abs(raw / runs)).toBeLessThan(0.01);
    expect(Math.abs(adjusted / runs)).toBeLessThan(0.01);
  });
});
