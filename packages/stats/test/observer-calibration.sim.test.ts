// Observer effects on simulated missions from sim/missions.ts (a mechanism unlike the fitted
// models: rounded, clamped readings), in two connectivity designs. Small CI sizes; the full
// figures come from `npm run calibrate` (docs/METHODS.md).
import { describe, expect, it } from "vitest";
import { DEFAULT_MISSION, runObserverStudy } from "../src/index.ts";

describe.each(["random-pairs", "ring"] as const)("%s design", (design) => {
  it("neutral teams: few false flags, and the adjusted share equals the raw one on average", () => {
    const study = runObserverStudy({ ...DEFAULT_MISSION, design, teams: 80 }, 12, 7_000, {
      adjustedEvery: 3,
    });
    expect(study.neutralTeams).toBeGreaterThan(500);
    expect(study.neutralFlagged / study.neutralTeams).toBeLessThanOrEqual(0.05);
    expect(study.missionsWithFalseFlag).toBeLessThanOrEqual(3);
    expect(Math.abs(study.meanAdjustedMinusRaw)).toBeLessThan(0.003);
  });
  it("planted harsh teams (+1 point): neutral teams rarely flagged; some harsh found with random pairs", () => {
    const study = runObserverStudy(
      { ...DEFAULT_MISSION, design, teams: 80, visitsPerTeam: 14, biasedShare: 0.1, bias: 1 },
      8,
      8_000,
      { adjustedEvery: 1_000 },
    );
    expect(study.harshTeams).toBeGreaterThan(40);
    // A ring connects teams only through chains of neighbours: power is near zero (METHODS).
    if (design === "random-pairs") expect(study.harshFlagged).toBeGreaterThan(0);
    expect(study.neutralFlagged / study.neutralTeams).toBeLessThanOrEqual(0.05);
  });
});
