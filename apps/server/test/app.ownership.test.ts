/**
 * Who owns what an election's missions share: one mission may not change another's forms,
 * results sets, saved station mappings or indicator matches, nor (unless it administers the
 * election) its stations, areas and shared forms. Each refused write stores nothing; the owner's
 * own write still succeeds.
 */
import { randomUUID } from "node:crypto";
import { type Store, schema } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer, hashPassword } from "../src/index.ts";
import { formId, ids, otherMissionId, seedSubmissionFixtures, signIn, votingForm } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

const otherCoordinatorId = "00000000-0000-4000-8000-0000000000b4";
const otherAnalystId = "00000000-0000-4000-8000-0000000000b5";
const adminId = "00000000-0000-4000-8000-0000000000b6";
const base = `/api/v1/elections/${ids.election}`;

/** A results file of our own: 24 stations in two provinces, two contestants. */
function resultsCsv(): string {
  const lines = ["Post;Province;Reg;Ballots;Good;Spoilt;Ash;Birch"];
  for (let i = 0; i < 24; i++) {
    const issued = 300 + 7 * i;
    const spoilt = i % 5;
    const ash = Math.floor((issued - spoilt) * 0.55);
    lines.push(
      [`P${i}`, i < 12 ? "Upland" : "Lowland", 600 + 9 * i, issued, issued - spoilt, spoilt, ash]
        .concat([issued - spoilt - ash])
        .join(";"),
    );
  }
  return lines.join("\n");
}
const resultsMapping = {
  station: "Post",
  areas: [{ name: "province", column: "Province" }],
  registered: "Reg",
  issued: ["Ballots"],
  valid: "Good",
  invalid: "Spoilt",
  contestants: ["Ash", "Birch"],
};

/** Stations PS-1..PS-3 of the sample election renamed, with new registered voters. */
const stationFile = [
  "code;name;region;voters",
  "PS-1;Renamed one;R-NEW;9999",
  "PS-2;Renamed two;R-NEW;9999",
  "PS-3;Renamed three;R-NEW;9999",
].join("\n");
const stationMapping = {
  code: "code",
  name: "name",
  registeredVoters: "voters",
  areas: [{ level: "region", code: "region" }],
};

/** The error shape every refusal answers with. */
function expectRefused(response: { statusCode: number; json: () => Json }, status: 403 | 404): void {
  expect(response.statusCode).toBe(status);
  const body = response.json();
  expect(typeof body.error?.code).toBe("string");
  expect(typeof body.error?.message).toBe("string");
}

describeOnEachBackend("API: what one mission owns, another cannot change", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let coordinator: Record<string, string>;
  let analyst: Record<string, string>;
  let otherCoordinator: Record<string, string>;
  let otherAnalyst: Record<string, string>;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    const passwordHash = await hashPassword("pw");
    const account = (id: string, username: string, role: "analyst" | "admin", missionId: string | null) => ({
      id,
      username,
      displayName: username,
      role,
      missionId,
      observerId: null,
      locale: "en" as const,
      passwordHash,
    });
    await store.users.insertMany([
      account(otherAnalystId, "other-analyst", "analyst", otherMissionId),
      account(adminId, "root", "admin", null),
    ]);
    app = await buildServer({ store });
    coordinator = await signIn(app, "coordinator");
    analyst = await signIn(app, "analyst");
    otherCoordinator = await signIn(app, "other-coordinator");
    otherAnalyst = await signIn(app, "other-analyst");
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (
    method: "PUT" | "POST" | "DELETE" | "GET",
    url: string,
    cookies: Record<string, string>,
    payload?: unknown,
  ) => app.inject({ method, url, cookies, ...(payload === undefined ? {} : { payload: payload as Json }) });

  it("a mission's form: another mission can neither publish it nor make shared forms; its own can", async () => {
    const created = await call("POST", `${base}/forms`, coordinator, {
      ...votingForm,
      title: { en: "Ours" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ours = created.json().form;
    expect(ours.missionId).toBe(ids.mission);

    const changed = { ...votingForm, title: { en: "Changed by the other mission" } };
    for (const target of [ours.formId, formId]) {
      const before = await store.forms.current(target);
      expectRefused(await call("PUT", `/api/v1/forms/${target}`, otherCoordinator, changed), 403);
      expect((await store.forms.current(target))?.version).toBe(before?.version);
    }
    // A shared form (the election's) is made only by its administrators.
    const formsBefore = (await store.forms.listForElection(ids.election)).length;
    expectRefused(await call("POST", `${base}/forms?shared=true`, otherCoordinator, changed), 403);
    expect((await store.forms.listForElection(ids.election)).length).toBe(formsBefore);

    // The owner publishes its form; the election's administrator the shared one.
    expect((await call("PUT", `/api/v1/forms/${ours.formId}`, coordinator, changed)).statusCode).toBe(201);
    expect((await call("PUT", `/api/v1/forms/${formId}`, coordinator, changed)).statusCode).toBe(201);
    // The other mission makes forms of its own, which the first mission's observers never get.
    const theirs = await call("POST", `${base}/forms`, otherCoordinator, changed);
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.json().form.missionId).toBe(otherMissionId);
    const observer = await signIn(app, "observer");
    const assignment = (await call("GET", "/api/v1/observer/assignment", observer)).json();
    expect(assignment.forms.map((f: Json) => f.formId)).not.toContain(theirs.json().form.formId);
    // Others read a mission's form; they do not change it.
    expect((await call("GET", `/api/v1/forms/${ours.formId}/versions/1`, otherCoordinator)).statusCode).toBe(
      200,
    );
  });

  it("a results set: only the mission that uploaded it deletes it", async () => {
    const query = `mapping=${encodeURIComponent(JSON.stringify(resultsMapping))}&fileName=ours.csv`;
    const uploaded = await app.inject({
      method: "POST",
      url: `${base}/results-sets?${query}`,
      cookies: analyst,
      headers: { "content-type": "text/csv" },
      payload: Buffer.from(resultsCsv()),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const set = uploaded.json().resultsSet;
    expect(set.missionId).toBe(ids.mission);
    for (const other of [otherCoordinator, otherAnalyst])
      expectRefused(await call("DELETE", `${base}/results-sets/${set.id}`, other), 403);
    expect(await store.resultsSets.get(ids.election, set.id)).toBeDefined();
    // Read-only to the other mission.
    expect((await call("GET", `${base}/forensics/${set.id}`, otherAnalyst)).statusCode).toBe(200);
    expect((await call("DELETE", `${base}/results-sets/${set.id}`, coordinator)).statusCode).toBe(204);
    expect(await store.resultsSets.get(ids.election, set.id)).toBeUndefined();
  });

  it("a saved station mapping: another mission cannot overwrite it, even administering the election", async () => {
    const url = `${base}/imports/mappings/field-office`;
    const saved = await call("PUT", url, coordinator, { kind: "stations", mapping: stationMapping });
    expect(saved.statusCode, saved.body).toBe(200);
    const hostile = { kind: "stations", mapping: { ...stationMapping, name: "voters" } };
    expectRefused(await call("PUT", url, otherCoordinator, hostile), 403);
    // Granted the election too, the other mission still cannot write over the first one's mapping,
    // neither by the mapping route nor by saving an import's mapping under the same name.
    await store.ownership.grantElectionAdministrator(ids.election, otherCoordinatorId, null);
    try {
      expectRefused(await call("PUT", url, otherCoordinator, hostile), 403);
      const upload = await app.inject({
        method: "POST",
        url: `${base}/imports/stations/uploads?fileName=s.csv`,
        cookies: otherCoordinator,
        headers: { "content-type": "text/csv" },
        payload: Buffer.from(stationFile),
      });
      expect(upload.statusCode, upload.body).toBe(201);
      const jobsBefore = (await store.imports.recentJobs(ids.election, null)).length;
      expectRefused(
        await call("POST", `${base}/imports/stations`, otherCoordinator, {
          uploadId: upload.json().uploadId,
          mapping: hostile.mapping,
          saveMappingAs: "field-office",
          dryRun: true,
        }),
        403,
      );
      expect((await store.imports.recentJobs(ids.election, null)).length).toBe(jobsBefore);
    } finally {
      await store.ownership.revokeElectionAdministrator(ids.election, otherCoordinatorId);
    }
    expect((await store.imports.mapping(ids.election, "stations", "field-office"))?.mapping).toMatchObject(
      stationMapping,
    );
    const again = await call("PUT", url, coordinator, { kind: "stations", mapping: hostile.mapping });
    expect(again.statusCode).toBe(200);
  });

  it("an indicator match: the mission that made it changes or deletes it; the election's defaults, its administrators", async () => {
    const members = { [ids.mission]: "turnout", [otherMissionId]: "turnout" };
    const url = `${base}/analysis/matches/shared-turnout`;
    const made = await call("PUT", url, analyst, { name: { en: "Turnout" }, members });
    expect(made.statusCode, made.body).toBe(200);
    const stored = async () =>
      (await store.analysis.matches(ids.election)).find((m) => m.code === "shared-turnout");
    expect((await stored())?.missionId).toBe(ids.mission);

    for (const other of [otherAnalyst, otherCoordinator]) {
      expectRefused(await call("PUT", url, other, { name: { en: "Hijacked" }, members }), 403);
      expectRefused(await call("DELETE", url, other), 403);
    }
    expect((await stored())?.name).toEqual({ en: "Turnout" });

    // The election's own match (no mission): only an administrator of the election changes it.
    await store.analysis.saveMatch({
      electionId: ids.election,
      code: "election-wide",
      name: { en: "Election-wide" },
      members,
      missionId: null,
    });
    const electionWide = `${base}/analysis/matches/election-wide`;
    expectRefused(await call("DELETE", electionWide, otherAnalyst), 403);
    expect((await call("DELETE", electionWide, coordinator)).statusCode).toBe(200);

    // Read-only to the other mission; its own matches are its own.
    expect((await call("GET", `${base}/analysis/matches`, otherAnalyst)).statusCode).toBe(200);
    const theirs = await call("PUT", `${base}/analysis/matches/their-code`, otherAnalyst, {
      name: { en: "Theirs" },
      members,
    });
    expect(theirs.statusCode, theirs.body).toBe(200);
    expectRefused(await call("DELETE", `${base}/analysis/matches/their-code`, analyst), 403);
    expect((await call("DELETE", url, analyst)).statusCode).toBe(200);
    expect(await stored()).toBeUndefined();
  });

  it("stations and areas are the election's: a mission not administering it cannot import or reshape them", async () => {
    const snapshot = async () =>
      JSON.stringify(
        await store.db
          .select({
            code: schema.pollingStations.code,
            name: schema.pollingStations.name,
            registered: schema.pollingStations.registeredVoters,
            area: schema.pollingStations.areaId,
          })
          .from(schema.pollingStations)
          .orderBy(schema.pollingStations.code),
      );
    const before = await snapshot();
    const upload = await app.inject({
      method: "POST",
      url: `${base}/imports/stations/uploads?fileName=s.csv`,
      cookies: otherCoordinator,
      headers: { "content-type": "text/csv" },
      payload: Buffer.from(stationFile),
    });
    expectRefused(upload, 403);
    expectRefused(
      await call("POST", `${base}/imports/stations`, otherCoordinator, {
        uploadId: randomUUID(),
        mapping: stationMapping,
      }),
      403,
    );
    expectRefused(
      await call("PUT", `${base}/areas/shapes`, otherCoordinator, {
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { code: "R-NEW" },
            geometry: {
              type: "Polygon",
              coordinates: [
                [
                  [0, 0],
                  [1, 0],
                  [1, 1],
                  [0, 0],
                ],
              ],
            },
          },
        ],
      }),
      403,
    );
    expect(await snapshot()).toBe(before);

    // The election's administrator imports them.
    const ours = await app.inject({
      method: "POST",
      url: `${base}/imports/stations/uploads?fileName=s.csv`,
      cookies: coordinator,
      headers: { "content-type": "text/csv" },
      payload: Buffer.from(stationFile),
    });
    expect(ours.statusCode, ours.body).toBe(201);
    const job = await call("POST", `${base}/imports/stations`, coordinator, {
      uploadId: ours.json().uploadId,
      mapping: stationMapping,
    });
    expect(job.statusCode, job.body).toBe(202);
    let status = "queued";
    for (let i = 0; i < 600 && (status === "queued" || status === "running"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await call("GET", `/api/v1/imports/${job.json().job.id}`, coordinator)).json().job.status;
    }
    expect(status).toBe("succeeded");
    expect(await snapshot()).not.toBe(before);
  });

  it("grants of an election's administration: made by administrators, only to its missions' coordinators", async () => {
    const grant = (userId: string, cookies: Record<string, string>) =>
      call("PUT", `${base}/administrators/${userId}`, cookies);
    expectRefused(await grant(otherCoordinatorId, coordinator), 403);
    const listed = await call("GET", `${base}/administrators`, coordinator);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().administrators.map((a: Json) => a.username)).toEqual(["coordinator"]);
    expectRefused(await call("GET", `${base}/administrators`, otherCoordinator), 403);

    const admin = await signIn(app, "root");
    const notCoordinator = await grant(otherAnalystId, admin);
    expect(notCoordinator.statusCode).toBe(422);
    expect(notCoordinator.json().error.details.issues[0].path).toEqual(["params", "userId"]);
    const granted = await grant(otherCoordinatorId, admin);
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().administrators.map((a: Json) => a.username)).toEqual([
      "coordinator",
      "other-coordinator",
    ]);
    // Granted, the other mission's coordinator changes the election's areas.
    const shapes = await call("PUT", `${base}/areas/shapes`, otherCoordinator, {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "R-NEW" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 0],
              ],
            ],
          },
        },
      ],
    });
    expect(shapes.statusCode, shapes.body).toBe(200);
    expect((await call("DELETE", `${base}/administrators/${otherCoordinatorId}`, admin)).statusCode).toBe(
      200,
    );
    expectRefused(
      await call("PUT", `${base}/areas/shapes`, otherCoordinator, {
        type: "FeatureCollection",
        features: [],
      }),
      403,
    );
  });
});
