// Analysis keeps an election's stations and areas in memory; every write they depend on (a
// station re-import, a plan confirmation, a form publication) must show in the very next answer,
// on the same running server, with no restart.
import { randomUUID } from "node:crypto";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { formId, ids, seedSubmissionFixtures, signIn, votingForm } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

const mapping = {
  code: "Num",
  name: "Label",
  registeredVoters: "Electors",
  areas: [
    { level: "region", code: "Prov", name: "ProvName" },
    { level: "constituency", code: "Ward" },
  ],
};

interface Row {
  code: string;
  province: string;
  provinceName: string;
  ward: string;
  electors: number;
}

/** The sample election's three stations (kept by code) and nine of ours in two provinces. */
function initialRows(): Row[] {
  const rows: Row[] = [];
  const codes = ["PS-1", "PS-2", "PS-3", ...Array.from({ length: 9 }, (_, i) => `W${i + 10}`)];
  codes.forEach((code, i) => {
    const east = i % 2 === 0;
    rows.push({
      code,
      province: east ? "PE" : "PW",
      provinceName: east ? "Eastmarch" : "Westfold",
      ward: east ? `PE-${i % 3}` : `PW-${i % 3}`,
      electors: 300 + 7 * i,
    });
  });
  return rows;
}

const csv = (rows: readonly Row[]) =>
  `${["Num;Label;Prov;ProvName;Ward;Electors", ...rows.map((r) => `${r.code};Hall ${r.code};${r.province};${r.provinceName};${r.ward};${r.electors}`)].join("\n")}\n`;

const badConduct = {
  kind: "share",
  name: { en: "Poor conduct" },
  unit: "visit",
  formKind: "voting",
  condition: "${overall_assessment} = 'bad' or ${overall_assessment} = 'very_bad'",
};

describeOnEachBackend("API: caches follow every write they depend on", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let coordinator: Record<string, string>;
  let analyst: Record<string, string>;
  let observer: Record<string, string>;
  let rows: Row[];
  let planned = new Set<string>();
  const stationIds = new Map<string, string>();

  const importStations = async (file: string) => {
    const uploaded = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/imports/stations/uploads?fileName=halls.csv`,
      cookies: coordinator,
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from(file),
    });
    expect(uploaded.statusCode).toBe(201);
    const started = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/imports/stations`,
      cookies: coordinator,
      payload: { uploadId: uploaded.json().uploadId, mapping },
    });
    expect(started.statusCode).toBe(202);
    for (;;) {
      const { job } = (
        await app.inject({
          method: "GET",
          url: `/api/v1/imports/${started.json().job.id}`,
          cookies: coordinator,
        })
      ).json();
      if (job.status === "failed") throw new Error(JSON.stringify(job.issues));
      if (job.status === "succeeded") return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const estimates = async (level = "region"): Promise<Json> => {
    const response = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/analysis/estimates?areaLevel=${level}`,
      cookies: analyst,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const cellsOf = (body: Json) => {
    const indicator = body.indicators.find((i: Json) => i.code === "poor-conduct");
    const names = new Map(body.areas.map((a: Json) => [a.id, a.name.en]));
    return Object.fromEntries(
      indicator.byArea.cells.map((c: Json) => [names.get(c.key) ?? c.key, c.estimate?.denominator ?? 0]),
    );
  };

  /** Planned stations per top-level area of ours (the sample election's own are left out). */
  const coverage = async () => {
    const response = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/coverage`,
      cookies: coordinator,
    });
    expect(response.statusCode).toBe(200);
    return Object.fromEntries(
      response
        .json()
        .byArea.filter((a: Json) => a.code === "PE" || a.code === "PW")
        .map((a: Json) => [a.code, [a.name.en, a.planned]]),
    );
  };

  const drawAndConfirm = async (size: number, seed: number) => {
    const drawn = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/plan`,
      cookies: coordinator,
      payload: { design: "stratified", strata: ["region"], allocation: "proportional", size, seed },
    });
    expect(drawn.statusCode).toBe(201);
    return drawn.json();
  };
  const confirm = async (version: number) => {
    const confirmed = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/plan/versions/${version}/confirm`,
      cookies: coordinator,
    });
    expect(confirmed.statusCode).toBe(200);
  };

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
    coordinator = await signIn(app, "coordinator");
    analyst = await signIn(app, "analyst");
    observer = await signIn(app, "observer");
    rows = initialRows();
    await importStations(csv(rows));
    const frame = await store.analysis.geography(ids.election);
    for (const s of frame.stations) stationIds.set(s.code, s.id);
    // Every station planned, so that every report enters the estimates.
    await confirm((await drawAndConfirm(rows.length, 7)).plan.version);
    const put = await app.inject({
      method: "PUT",
      url: `/api/v1/missions/${ids.mission}/analysis/indicators/poor-conduct`,
      cookies: analyst,
      payload: badConduct,
    });
    expect(put.statusCode).toBe(201);
    await store.submissions.insertMany(
      ["W10", "W12", "W14", "W11", "W13"].map((code, i) => ({
        id: randomUUID(),
        missionId: ids.mission,
        formId,
        formVersion: 1,
        teamId: ids.team,
        observerId: ids.observer,
        stationId: stationIds.get(code) ?? "",
        phaseCode: "election-day",
        answers: { overall_assessment: i % 2 ? "bad" : "good", ballot_box_sealed: "yes", voters_counted: 9 },
        submittedAt: "2019-11-17T09:00:00.000Z",
        contentHash: randomUUID(),
        status: "accepted",
      })),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it("a station re-import (renamed area, moved station, changed electors) shows at once", async () => {
    // W11 and W13 lie in the east; W10, W12 and W14 in the west.
    expect(cellsOf(await estimates())).toEqual({ Eastmarch: 2, Westfold: 3 });
    expect(await coverage()).toEqual({ PE: ["Eastmarch", 6], PW: ["Westfold", 6] });
    rows = rows.map((r) =>
      r.province === "PE"
        ? { ...r, provinceName: "East Reach" }
        : r.code === "W12"
          ? { ...r, province: "PE", provinceName: "East Reach", ward: "PE-1", electors: 999 }
          : r,
    );
    const job = await importStations(csv(rows));
    expect(job.summary.changedStations).toEqual([{ code: "W12", fields: ["registeredVoters", "area"] }]);

    const after = await estimates();
    const ours = after.areas.filter((a: Json) => a.code === "PE" || a.code === "PW");
    expect(ours.map((a: Json) => a.name.en).sort()).toEqual(["East Reach", "Westfold"]);
    expect(cellsOf(after)).toEqual({ "East Reach": 3, Westfold: 2 });
    const wards = cellsOf(await estimates("constituency"));
    expect(Object.values(wards).reduce((a: number, b) => a + (b as number), 0)).toBe(5);
    expect(await coverage()).toEqual({ PE: ["East Reach", 7], PW: ["Westfold", 5] });
    const stored = await store.analysis.geography(ids.election);
    expect(stored.stations.find((s) => s.code === "W12")?.registeredVoters).toBe(999);
  });

  it("a plan confirmation shows at once; a proposal alone changes nothing", async () => {
    const before = await estimates();
    const version = before.mission.plan.version;
    const proposal = await drawAndConfirm(6, 11);
    expect((await estimates()).mission.plan.version).toBe(version);
    await confirm(proposal.plan.version);
    const after = await estimates();
    expect(after.mission.plan.version).toBe(proposal.plan.version);
    expect(after.mission.strata.reduce((n: number, s: Json) => n + s.plannedSampleSize, 0)).toBe(6);
    // Reports on stations the new plan left out no longer enter the estimates.
    planned = new Set(
      (
        await app.inject({
          method: "GET",
          url: `/api/v1/missions/${ids.mission}/plan/stations?limit=100`,
          cookies: coordinator,
        })
      )
        .json()
        .stations.filter((s: Json) => !s.reserve)
        .map((s: Json) => s.code),
    );
    const inPlan = ["W10", "W12", "W14", "W11", "W13"].filter((c) => planned.has(c)).length;
    const overall = after.indicators.find((i: Json) => i.code === "poor-conduct").overall;
    expect(overall.estimate?.denominator ?? 0).toBe(inPlan);
  });

  it("a form publication is accepted and analysed at once", async () => {
    const published = await app.inject({
      method: "PUT",
      url: `/api/v1/forms/${formId}`,
      cookies: coordinator,
      payload: {
        ...votingForm,
        items: [
          ...votingForm.items,
          { type: "integer", name: "queue_length", label: { en: "Queue" }, min: 0 },
        ],
      },
    });
    expect(published.statusCode).toBe(201);
    expect(published.json().version).toBe(2);
    const put = await app.inject({
      method: "PUT",
      url: `/api/v1/missions/${ids.mission}/analysis/indicators/queue`,
      cookies: analyst,
      payload: {
        kind: "mean",
        name: { en: "Queue" },
        unit: "visit",
        formKind: "voting",
        question: "queue_length",
      },
    });
    expect(put.statusCode).toBe(201);
    const queueOf = async () =>
      (await estimates()).indicators.find((i: Json) => i.code === "queue").overall.estimate?.value ?? null;
    expect(await queueOf()).toBeNull();
    const code = [...planned][0] ?? "";
    const sent = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: {
        id: randomUUID(),
        formId,
        formVersion: 2,
        stationId: stationIds.get(code),
        phaseCode: "election-day",
        submittedAt: "2019-11-17T10:00:00+03:00",
        answers: {
          ballot_box_sealed: "yes",
          voters_counted: 5,
          overall_assessment: "good",
          queue_length: 40,
        },
      },
    });
    expect(sent.statusCode).toBe(201);
    expect(await queueOf()).toBe(40);
  });
});
