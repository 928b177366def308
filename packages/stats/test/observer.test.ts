// Observer-effect models on small constructed data with known answers.
import { describe, expect, it } from "vitest";
import type { AssessmentObservation } from "../src/index.ts";
import { fitAdditiveSeverity, fitObserverEffects, holmAdjust } from "../src/index.ts";

const o = (stationId: string, teamId: string, value: number | null): AssessmentObservation => ({
  stationId,
  teamId,
  phase: "voting",
  value,
});

describe("additive station + team model", () => {
  it("recovers exact additive effects with sum-to-zero team severities", () => {
    // y = α_s + β_t with β = (+0.5, 0, -0.5) for teams A, B, C, α arbitrary.
    const beta: Record<string, number> = { A: 0.5, B: 0, C: -0.5 };
    const alpha = [1, 2, 3, 2, 1.5, 2.5];
    const pairs = [
      ["A", "B"],
      ["B", "C"],
      ["A", "C"],
      ["A", "B"],
      ["B", "C"],
      ["C", "A"],
    ];
    const data: AssessmentObservation[] = [];
    pairs.forEach(([t1, t2], s) => {
      for (const t of [t1, t2]) if (t) data.push(o(`s${s}`, t, (alpha[s] ?? 0) + (beta[t] ?? 0)));
    });
    data.push(o("s0", "A", null));
    const r = fitAdditiveSeverity(data);
    if (!r.ok) throw new Error(r.error.message);
    for (const t of r.value.teams) expect(t.severity).toBeCloseTo(beta[t.teamId] ?? Number.NaN, 10);
    expect(r.value.residualSd).toBeCloseTo(0, 10);
    expect(r.value.degreesOfFreedom).toBe(12 - 6 - 2);
  });

  it("reports teams without shared stations as not estimable", () => {
    const data = [
      o("s1", "A", 1),
      o("s1", "B", 2),
      o("s2", "A", 2),
      o("s2", "B", 2),
      o("s3", "A", 3),
      o("s3", "B", 4),
      o("s4", "Z", 4),
    ];
    const r = fitAdditiveSeverity(data);
    if (!r.ok) throw new Error(r.error.message);
    const z = r.value.teams.find((t) => t.teamId === "Z");
    expect(z?.estimable).toBe(false);
    expect(z?.severity).toBeNull();
    const a = r.value.teams.find((t) => t.teamId === "A");
    expect(a?.severity).toBeCloseTo(-1 / 3, 12);
    expect(r.value.components).toBe(2);
  });
});

describe("Holm adjustment", () => {
  it("matches the step-down definition", () => {
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02]);
  });
});

describe("fitObserverEffects", () => {
  it("returns agreement on doubly observed stations", () => {
    const data: AssessmentObservation[] = [];
    const scores = [
      [1, 1],
      [2, 2],
      [3, 4],
      [4, 4],
      [2, 1],
      [1, 1],
      [3, 3],
      [2, 3],
    ];
    scores.forEach(([a, b], s) => {
      data.push(o(`s${s}`, s % 2 ? "A" : "B", a ?? null));
      data.push(o(`s${s}`, s % 2 ? "B" : "C", b ?? null));
    });
    const r = fitObserverEffects(data);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.agreement.doublyObservedStations).toBe(8);
    const k = r.value.agreement.kappa;
    if (!k.ok) throw new Error(k.error.message);
    // po = 5/8; margins (1:2,2:3,3:2,4:1 | 1:3,2:1,3:2,4:2)/8 → pe = (6+3+4+2)/64 = 15/64
    expect(k.value.kappa).toBeCloseTo(25 / 49, 12);
    expect(r.value.teams).toHaveLength(3);
  });
});
