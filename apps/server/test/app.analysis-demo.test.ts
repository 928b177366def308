// The analysis API on the loaded demo election, checked against the generator's hidden truth:
// intervals of the random-sample missions cover the true bad share, the convenience mission is
// labelled, observer effects point at the injected harsh teams, the PVT finds altered protocols.
import type { DemoElection } from "@scrutiny/fixtures";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openScratchStore } from "../../../test-support/backends.ts";
import { buildServer, loadDemo } from "../src/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

describe("API: analysis of the demo election [pglite]", () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let demo: DemoElection;
  let cookies: Record<string, string>;
  const missionId = (code: string) => demo.missions.find((m) => m.code === code)?.id ?? "";

  beforeAll(async () => {
    ({ store, dispose } = await openScratchStore("pglite"));
    ({ demo } = await loadDemo(store));
    app = await buildServer({ store });
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username: "admin", password: "admin-demo" },
    });
    cookies = { scrutiny_session: response.cookies.find((c) => c.name === "scrutiny_session")?.value ?? "" };
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await dispose();
  });
  const get = async (url: string): Promise<Json> => {
    const response = await app.inject({ method: "GET", url, cookies });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it("shows the three missions side by side; random samples cover the true bad share", async () => {
    const comparison = await get(`/api/v1/elections/${demo.election.id}/analysis/comparison`);
    expect(comparison.missions.map((m: Json) => m.code)).toEqual(["CFE", "IEOM", "IPAOM"]);
    expect(comparison.missions.find((m: Json) => m.code === "IPAOM")).toMatchObject({
      design: "convenience",
      generalises: false,
    });
    const row = comparison.rows.find((r: Json) => r.code === "voting-bad");
    const truth = demo.groundTruth.populationBadShare;
    for (const code of ["CFE", "IEOM"]) {
      const e = row.members.find((m: Json) => m.missionCode === code).estimate;
      expect(e.generalises).toBe(true);
      expect(e.ci.lower).toBeLessThan(truth);
      expect(e.ci.upper).toBeGreaterThan(truth);
    }
    // The lenient convenience mission reports far fewer bad assessments; the test says so.
    const ieomVsIpaom = row.differences.find(
      (d: Json) =>
        (d.a === missionId("IEOM") && d.b === missionId("IPAOM")) ||
        (d.a === missionId("IPAOM") && d.b === missionId("IEOM")),
    );
    expect(ieomVsIpaom.pValue).toBeLessThan(0.001);
    expect(ieomVsIpaom.generalises).toBe(false);
  }, 120_000);

  it("uses the stratified design with N_h counted from the stations (equal to the plan's)", async () => {
    const estimates = await get(`/api/v1/missions/${missionId("IEOM")}/analysis/estimates`);
    const strata = demo.strata.filter((s) => s.missionId === missionId("IEOM"));
    expect(estimates.mission.strata).toHaveLength(strata.length);
    for (const s of strata) {
      expect(estimates.mission.strata.find((x: Json) => x.id === s.stratum)?.populationSize).toBe(
        s.populationSize,
      );
    }
    const voting = estimates.indicators.find((i: Json) => i.code === "voting-bad");
    expect(voting.byPhase.map((c: Json) => c.key)).toEqual(["early-4", "early-5", "election-day"]);
    expect(voting.byArea.cells).toHaveLength(7);
  }, 120_000);

  it("observer effects: flagged IEOM teams are mostly truly harsh or lenient; harsh teams rate harsher", async () => {
    const body = await get(`/api/v1/missions/${missionId("IEOM")}/analysis/observer-effects`);
    const voting = body.effects.find((e: Json) => e.indicatorCode === "voting-bad");
    const label = new Map(demo.groundTruth.teams.map((t) => [t.teamId, t.label]));
    const flagged = voting.teams.filter((t: Json) => t.flag !== null);
    const right = flagged.filter((t: Json) => label.get(t.teamId) === t.flag).length;
    expect(right).toBeGreaterThanOrEqual(flagged.length / 2);
    const mean = (wanted: string) => {
      const xs = voting.teams
        .filter((t: Json) => label.get(t.teamId) === wanted && t.latentSeverity !== null)
        .map((t: Json) => t.latentSeverity as number);
      return xs.reduce((a: number, b: number) => a + b, 0) / xs.length;
    };
    expect(mean("harsh")).toBeGreaterThan(mean("normal") + 0.3);
    expect(voting.raw.value).toBeGreaterThan(0);
    expect(voting.adjusted.value).toBeGreaterThan(0);
    expect(voting.agreement.doublyObservedStations).toBeGreaterThan(100);
  }, 180_000);

  it("PVT finds altered protocols; the domestic head-counts show reported turnout above observed", async () => {
    const altered = new Set(demo.groundTruth.alteredProtocols.map((p) => p.stationId));
    for (const code of ["IEOM", "CFE"]) {
      const body = await get(`/api/v1/missions/${missionId(code)}/analysis/pvt`);
      expect(body.pvt.result.stations).toBeGreaterThan(100);
      for (const d of body.pvt.discrepancies) expect(altered.has(d.stationId)).toBe(true);
      const unity = body.pvt.result.shares.find((s: Json) => s.contestantId === "Party of Unity");
      expect(unity.official).not.toBeNull();
    }
    const cfe = await get(`/api/v1/missions/${missionId("CFE")}/analysis/pvt`);
    expect(cfe.turnout.byDay.map((d: Json) => d.day)).toEqual([
      "early-1",
      "early-2",
      "early-3",
      "early-4",
      "early-5",
      "election-day",
    ]);
    expect(cfe.turnout.result.relativeGap.value).toBeGreaterThan(0);
    expect(cfe.turnout.flagged.length).toBeGreaterThan(0);
  }, 120_000);
});
