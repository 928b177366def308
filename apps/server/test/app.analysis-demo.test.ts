// The analysis API on the loaded demo election, checked against the generator's hidden truth:
// intervals of the random-sample missions cover the true bad share, the convenience mission is
// labelled, observer effects point at the injected harsh teams, the PVT finds altered protocols.

import { loadDemo } from "@scrutiny/cli";
import type { DemoElection } from "@scrutiny/fixtures";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openScratchStore } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";

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

  it("uses the stratified design with the stored plan's N_h and names the plan version", async () => {
    const estimates = await get(`/api/v1/missions/${missionId("IEOM")}/analysis/estimates`);
    expect(estimates.mission.plan).toMatchObject({ version: 1, status: "current", source: "drawn" });
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

  it("observer effects: the injected harsh and lenient IEOM teams are flagged, few normal teams are", async () => {
    const body = await get(`/api/v1/missions/${missionId("IEOM")}/analysis/observer-effects`);
    const voting = body.effects.find((e: Json) => e.indicatorCode === "voting-bad");
    const intlTruth = demo.groundTruth.teams.filter((t) => t.missionId === missionId("IEOM"));
    const label = new Map(intlTruth.map((t) => [t.teamId, t.label]));
    // The routes form one connected design: every team's severity is estimable.
    expect(voting.teams).toHaveLength(200);
    expect(voting.teams.every((t: Json) => t.estimable)).toBe(true);
    const injected = intlTruth.filter((t) => t.label !== "normal");
    expect(injected).toHaveLength(8);
    const flagOf = new Map(voting.teams.map((t: Json) => [t.teamId, t.flag]));
    const found = injected.filter((t) => flagOf.get(t.teamId) === t.label);
    expect(found.length).toBeGreaterThanOrEqual(6);
    expect(found.filter((t) => t.label === "harsh").length).toBeGreaterThanOrEqual(3);
    expect(found.filter((t) => t.label === "lenient").length).toBeGreaterThanOrEqual(1);
    const flagged = voting.teams.filter((t: Json) => t.flag !== null);
    // No injected team is flagged in the wrong direction; at most two normal teams are flagged.
    expect(
      flagged.filter((t: Json) => label.get(t.teamId) !== "normal" && label.get(t.teamId) !== t.flag),
    ).toEqual([]);
    expect(flagged.filter((t: Json) => label.get(t.teamId) === "normal").length).toBeLessThanOrEqual(2);
    // The counts the page shows are the flagged set.
    expect(voting.flagged).toEqual({
      harsh: flagged.filter((t: Json) => t.flag === "harsh").length,
      lenient: flagged.filter((t: Json) => t.flag === "lenient").length,
    });
    const mean = (wanted: string) => {
      const xs = voting.teams
        .filter((t: Json) => label.get(t.teamId) === wanted && t.latentSeverity !== null)
        .map((t: Json) => t.latentSeverity as number);
      return xs.reduce((a: number, b: number) => a + b, 0) / xs.length;
    };
    expect(mean("harsh")).toBeGreaterThan(mean("normal") + 0.3);
    expect(mean("lenient")).toBeLessThan(mean("normal") - 0.3);
    expect(voting.raw.value).toBeGreaterThan(0);
    expect(voting.adjusted.value).toBeGreaterThan(0);
    expect(voting.agreement.doublyObservedStations).toBeGreaterThan(1000);
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
