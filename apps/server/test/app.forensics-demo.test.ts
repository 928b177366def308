import { type DemoLoadResult, loadDemo } from "@scrutiny/cli";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openScratchStore } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

// The demo election has one region whose results were manipulated (ballot stuffing in Klimek et
// al.'s sense and whole-percentage targets); forensics on the stored official results, aggregated
// by party across the 110 constituency contests, must point at that region.
describe("API: forensics finds the demo election's manipulated region", () => {
  let app: FastifyInstance;
  let store: Store;
  let dispose: () => Promise<void>;
  let loaded: DemoLoadResult;

  beforeAll(async () => {
    const scratch = await openScratchStore("pglite");
    store = scratch.store;
    dispose = scratch.dispose;
    loaded = await loadDemo(store);
    // No background fingerprint refits: this test reads the point estimates only.
    app = await buildServer({ store, fingerprintReplicates: { bootstrap: 0, lrReplicates: 0, chunk: 1 } });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it("ranks the manipulated region first by the integer-percentage and the fingerprint signals", async () => {
    const { demo } = loaded;
    const signIn = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username: "analyst", password: "analyst-demo" },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies.find((c) => c.name === "scrutiny_session");
    const cookies = { scrutiny_session: cookie?.value ?? "" };
    const started = performance.now();
    const response = await app.inject({
      method: "GET",
      url: `/api/v1/elections/${demo.election.id}/forensics/official`,
      cookies,
    });
    const ms = performance.now() - started;
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as Json;
    const region = demo.areas.find((a) => a.code === demo.groundTruth.manipulatedRegionCode);
    const name = region?.name["en"];
    expect(name).toBeDefined();

    expect(report.election.leader).toBe("Party of Unity");
    expect(report.election.stations).toBe(demo.stations.length);
    expect(report.breakdown.level).toBe("region");
    const byInteger = report.breakdown.areas.map((a: Json) => a.area);
    const byCorner = [...report.breakdown.areas]
      .sort((a: Json, b: Json) => b.extremeCornerShare - a.extremeCornerShare)
      .map((a: Json) => a.area);
    expect(byInteger[0]).toBe(name);
    expect(byCorner[0]).toBe(name);
    const top = report.breakdown.areas[0];
    console.log(
      `demo: ${report.election.stations} stations; manipulated region ${name} ranks 1 by integer z ` +
        `(${top.integer.z.toFixed(1)}, excess ${top.integer.excess.toFixed(1)}) and 1 by voters in the 95/95 corner ` +
        `(${(100 * top.extremeCornerShare).toFixed(1)}%); national excess ${report.integerPercentages.excess.toFixed(1)}, ` +
        `f_i ${report.fingerprint.fit.fi.estimate.toFixed(3)}, f_e ${report.fingerprint.fit.fe.estimate.toFixed(3)}; ${Math.round(ms)} ms`,
    );

    // Russian area names on request; a second request is served from the cache.
    const ru = await app.inject({
      method: "GET",
      url: `/api/v1/elections/${demo.election.id}/forensics/official?lang=ru`,
      cookies,
    });
    expect((ru.json() as Json).breakdown.areas[0].area).toBe(region?.name["ru"]);
    const again = await app.inject({
      method: "GET",
      url: `/api/v1/elections/${demo.election.id}/forensics/official`,
      cookies,
    });
    expect(again.statusCode).toBe(200);

    // One constituency's contest on its own, by candidate party.
    const contest = demo.contests[0];
    const one = await app.inject({
      method: "GET",
      url: `/api/v1/elections/${demo.election.id}/forensics/official?contest=${contest?.code}&level=constituency`,
      cookies,
    });
    expect(one.statusCode, one.body).toBe(200);
    expect((one.json() as Json).breakdown.areas).toHaveLength(1);
  }, 120_000);
});
