import { randomUUID } from "node:crypto";
import { parseCsv, readXlsx, writeXlsx } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { formId, ids, otherMissionId, seedSubmissionFixtures, signIn } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

/** The sample election's three stations plus 37 more, in two regions with constituencies. */
function stationCsv(extra: (i: number) => string | undefined = () => undefined): string {
  const lines = ["Код;Название;Регион;Округ;Избирателей;Местность"];
  lines.push(
    "PS-1;School 1;N;N-1;1000;urban",
    "PS-2;School 2;N;N-1;1500;rural",
    "PS-3;School 3;S;S-1;2000;rural",
  );
  for (let i = 4; i <= 40; i++)
    lines.push(
      extra(i) ??
        `PS-${i};Station ${i};${i % 2 ? "N" : "S"};${i % 2 ? "N" : "S"}-${(i % 3) + 1};${400 + i};${i % 4 ? "rural" : "urban"}`,
    );
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

const mapping = {
  code: "Код",
  name: "Название",
  registeredVoters: "Избирателей",
  areas: [
    { level: "region", code: "Регион" },
    { level: "constituency", code: "Округ" },
  ],
  attributes: [{ key: "settlement", column: "Местность" }],
};

describeOnEachBackend("API: deployment, imports and coverage", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let coordinator: Record<string, string>;
  let otherCoordinator: Record<string, string>;
  let analyst: Record<string, string>;
  let observer: Record<string, string>;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
    coordinator = await signIn(app, "coordinator");
    otherCoordinator = await signIn(app, "other-coordinator");
    analyst = await signIn(app, "analyst");
    observer = await signIn(app, "observer");
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (body: string | Uint8Array, cookies = coordinator, electionId: string = ids.election) =>
    app.inject({
      method: "POST",
      url: `/api/v1/elections/${electionId}/imports/stations/uploads?fileName=stations.csv`,
      cookies,
      headers: { "content-type": "application/octet-stream" },
      payload: typeof body === "string" ? Buffer.from(body) : Buffer.from(body),
    });

  async function importFile(body: string | Uint8Array, extra: Record<string, unknown> = {}) {
    const uploaded = await upload(body);
    expect(uploaded.statusCode).toBe(201);
    const started = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/imports/stations`,
      cookies: coordinator,
      payload: { uploadId: uploaded.json().uploadId, mapping, ...extra },
    });
    expect(started.statusCode).toBe(202);
    return waitForJob(started.json().job.id);
  }

  async function waitForJob(jobId: string): Promise<Json> {
    for (let i = 0; i < 600; i++) {
      const polled = await app.inject({
        method: "GET",
        url: `/api/v1/imports/${jobId}`,
        cookies: coordinator,
      });
      expect(polled.statusCode).toBe(200);
      const { job } = polled.json();
      if (job.status === "succeeded" || job.status === "failed") return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("job did not finish");
  }

  it("previews an upload with its header, first rows and a mapping suggested from Cyrillic headers", async () => {
    const response = await upload(stationCsv());
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      format: "csv",
      delimiter: ";",
      header: ["Код", "Название", "Регион", "Округ", "Избирателей", "Местность"],
      rows: 40,
      suggestedMapping: mapping,
      savedMappings: [],
    });
    expect(body.preview[0]).toEqual(["PS-1", "School 1", "N", "N-1", "1000", "urban"]);
  });

  it("imports the stations in a background job and reports what changed; saves the mapping", async () => {
    const job = await importFile(stationCsv(), { saveMappingAs: "cec-2019" });
    expect(job).toMatchObject({
      status: "succeeded",
      fileName: "stations.csv",
      summary: {
        stations: { added: 37, changed: 1, removed: 0, unchanged: 2 },
        areas: { added: 5, changed: 0 },
        // PS-3 moves from the region into a constituency; coordinates, which the file lacks, stay.
        changedStations: [{ code: "PS-3", fields: ["area"] }],
      },
    });
    const mappings = await app.inject({
      method: "GET",
      url: `/api/v1/elections/${ids.election}/imports/mappings`,
      cookies: coordinator,
    });
    expect(mappings.json().mappings.map((m: Json) => m.name)).toEqual(["cec-2019"]);
    // The saved mapping imports an XLSX of the same shape: PS-40 changed, PS-39 gone.
    const rows = stationCsv((i) =>
      i === 40 ? "PS-40;Station 40;S;S-2;999;urban" : i === 39 ? "" : undefined,
    )
      .replace("\ufeff", "")
      .split("\r\n")
      .filter((line) => line !== "")
      .map((line) => line.split(";"));
    const uploaded = await upload(writeXlsx([{ name: "Stations", rows }]));
    const started = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/imports/stations`,
      cookies: coordinator,
      payload: {
        uploadId: uploaded.json().uploadId,
        mappingName: "cec-2019",
        removeMissing: true,
        confirmRemovals: 1,
      },
    });
    const second = await waitForJob(started.json().job.id);
    expect(second.summary).toMatchObject({
      stations: { added: 0, changed: 1, removed: 1, unchanged: 38 },
      changedStations: [{ code: "PS-40", fields: ["registeredVoters"] }],
      removedCodes: ["PS-39"],
    });
  });

  it("refuses a malformed file with line-numbered problems and imports nothing", async () => {
    const before = await store.elections.summary(ids.election);
    const job = await importFile(
      stationCsv((i) =>
        i === 10 ? "PS-10;X;N;N-1;lots;urban" : i === 11 ? "PS-4;Twice;N;N-1;5;urban" : undefined,
      ),
    );
    expect(job.status).toBe("failed");
    expect(job.issues.map((issue: Json) => [issue.line, issue.column, issue.code])).toEqual([
      [11, "Избирателей", "not_a_number"],
      [12, "Код", "duplicate_code"],
    ]);
    expect(await store.elections.summary(ids.election)).toEqual(before);
    const empty = await upload("");
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.code).toBe("empty_file");
  });

  it("keeps imports to the administrators of the election and jobs to their mission", async () => {
    expect((await upload(stationCsv(), analyst)).statusCode).toBe(403);
    expect((await upload(stationCsv(), observer)).statusCode).toBe(403);
    // The domestic mission observes the same election but does not administer it: it may not
    // import stations (app.ownership.test.ts), nor see the international mission's jobs.
    const job = (
      await app.inject({
        method: "GET",
        url: `/api/v1/elections/${ids.election}/imports`,
        cookies: coordinator,
      })
    ).json().jobs[0];
    const foreign = await app.inject({
      method: "GET",
      url: `/api/v1/imports/${job.id}`,
      cookies: otherCoordinator,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await upload(stationCsv(), otherCoordinator)).statusCode).toBe(403);
    const elsewhere = await upload(stationCsv(), coordinator, "00000000-0000-4000-8000-0000000000e1");
    expect(elsewhere.statusCode).toBe(403);
  });

  let planStations: string[] = [];

  it("draws a seeded stratified plan with stratum sizes, the same again for the same seed", async () => {
    const request = {
      design: "stratified",
      strata: ["region", "settlement"],
      allocation: "proportional",
      size: 12,
      seed: 2019,
      reserve: 1,
    };
    const drawn = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/plan`,
      cookies: coordinator,
      payload: request,
    });
    expect(drawn.statusCode).toBe(201);
    const { plan, current, confirm } = drawn.json();
    expect(plan).toMatchObject({
      design: "stratified",
      seed: 2019,
      sampleSize: 12,
      frameSize: 39,
      strataBy: ["region", "settlement"],
      version: 1,
      status: "proposed",
      source: "drawn",
    });
    expect(current).toBeNull();
    // Nothing is deployed until the coordinator confirms; an analyst may not confirm.
    const unconfirmed = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/plan/stations?limit=100`,
      cookies: analyst,
    });
    expect(unconfirmed.json().stations.map((s: Json) => s.code)).toEqual(["PS-1"]);
    expect((await app.inject({ method: "POST", url: confirm, cookies: analyst })).statusCode).toBe(403);
    const confirmed = await app.inject({ method: "POST", url: confirm, cookies: coordinator });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().plan).toMatchObject({ version: 1, status: "current" });
    expect((await app.inject({ method: "POST", url: confirm, cookies: coordinator })).statusCode).toBe(404);
    expect(plan.strata.map((s: Json) => s.stratum)).toEqual([
      "N / rural",
      "N / urban",
      "S / rural",
      "S / urban",
    ]);
    expect(plan.strata.reduce((sum: number, s: Json) => sum + s.sampleSize, 0)).toBe(12);
    expect(plan.strata.reduce((sum: number, s: Json) => sum + s.populationSize, 0)).toBe(39);
    const listed = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/plan/stations?limit=100`,
      cookies: analyst,
    });
    const { stations, total } = listed.json();
    const reserves = plan.strata.reduce((sum: number, s: Json) => sum + s.reserveSize, 0);
    expect(reserves).toBeGreaterThan(0);
    expect(total).toBe(12 + reserves);
    const sampled = stations.filter((s: Json) => !s.reserve);
    expect(sampled.reduce((sum: number, s: Json) => sum + s.inclusionProbability, 0)).toBeGreaterThan(0);
    planStations = sampled.map((s: Json) => s.code).sort();
    expect(planStations.length).toBe(12);

    const again = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/plan`,
      cookies: coordinator,
      payload: request,
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().plan).toMatchObject({ version: 2, status: "proposed" });
    expect(again.json().current).toMatchObject({ version: 1, status: "current" });
    expect(
      (await app.inject({ method: "POST", url: again.json().confirm, cookies: coordinator })).statusCode,
    ).toBe(200);
    const versions = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/plan/versions`,
      cookies: analyst,
    });
    expect(versions.json().versions.map((v: Json) => [v.version, v.status])).toEqual([
      [2, "current"],
      [1, "superseded"],
    ]);
    const relisted = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/plan/stations?limit=100`,
      cookies: coordinator,
    });
    expect(
      relisted
        .json()
        .stations.filter((s: Json) => !s.reserve)
        .map((s: Json) => s.code)
        .sort(),
    ).toEqual(planStations);
    const overview = await app.inject({
      method: "GET",
      url: `/api/v1/elections/${ids.election}/overview`,
      cookies: coordinator,
    });
    // Planned means the sample without its reserves, on the overview as on coverage.
    expect(overview.json().missions.find((m: Json) => m.id === ids.mission)).toMatchObject({
      design: "stratified",
      plannedStations: planStations.length,
    });
  });

  it("explains an impossible plan and keeps every mission's plan to itself", async () => {
    const tooBig = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/plan`,
      cookies: coordinator,
      payload: { design: "simple_random", size: 1000, seed: 1 },
    });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().error).toMatchObject({
      code: "sample_too_large",
      params: { size: 1000, stations: expect.any(Number) },
    });
    const unknown = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/plan`,
      cookies: coordinator,
      payload: { design: "stratified", strata: ["district"], size: 5, seed: 1 },
    });
    expect(unknown.json().error).toMatchObject({
      code: "unknown_variable",
      params: { variable: "district", known: expect.arrayContaining(["region"]) },
    });
    const tooSmall = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/plan`,
      cookies: coordinator,
      payload: { design: "stratified", strata: ["region"], size: 2, seed: 1, sizes: { N: 900 } },
    });
    expect(tooSmall.statusCode).toBe(422);
    expect(tooSmall.json().error).toMatchObject({
      code: "stratum_too_small",
      params: { stratum: "N", size: 900, stations: expect.any(Number) },
    });
    for (const [method, url] of [
      ["GET", `/api/v1/missions/${ids.mission}/plan`],
      ["POST", `/api/v1/missions/${ids.mission}/plan`],
      ["GET", `/api/v1/missions/${ids.mission}/plan/stations`],
      ["GET", `/api/v1/missions/${ids.mission}/plan/versions`],
      ["GET", `/api/v1/missions/${ids.mission}/plan/versions/1`],
      ["POST", `/api/v1/missions/${ids.mission}/plan/versions/1/confirm`],
      ["DELETE", `/api/v1/missions/${ids.mission}/plan/versions/1`],
      ["GET", `/api/v1/missions/${ids.mission}/observers`],
      ["GET", `/api/v1/missions/${ids.mission}/teams`],
      ["GET", `/api/v1/missions/${ids.mission}/coverage`],
      ["GET", `/api/v1/missions/${ids.mission}/frame`],
      ["POST", `/api/v1/missions/${ids.mission}/imports/observers`],
      ["GET", `/api/v1/missions/${ids.mission}/imports/mappings`],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        cookies: otherCoordinator,
        ...(method === "POST"
          ? { payload: { design: "simple_random", size: 1, seed: 1, content: "x" } }
          : {}),
      });
      expect([url, response.statusCode]).toEqual([url, 403]);
    }
    const own = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${otherMissionId}/plan`,
      cookies: otherCoordinator,
    });
    expect(own.json()).toEqual({ design: "simple_random", plan: null, proposed: null });
  });

  let teamId = "";

  it("imports a roster with teams and long-term observers' areas, phones normalised", async () => {
    const content = [
      "code;name;phone;languages;accreditation;team;role;areas",
      "111111;Anna Observer;+375 29 123-45-67;en ru;ACC-1;T01;STO;",
      "400001;Boris Partner;8 029 1234567;ru;ACC-2;T01;STO;",
      "400002;Clara Long;029-765-43-21;de,en;ACC-3;;LTO;N,S",
    ].join("\n");
    const bad = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/imports/observers`,
      cookies: coordinator,
      payload: { content: content.replace("T01;STO;\n", "T02;STO;\n") },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.issues.map((i: Json) => [i.line, i.code])).toEqual([
      [3, "invalid_phone"],
      [4, "invalid_phone"],
      [2, "team_too_small"],
      [3, "team_too_small"],
    ]);
    const imported = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/imports/observers`,
      cookies: coordinator,
      payload: { content, defaultCountryCode: "375" },
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json().summary).toEqual({
      observers: { added: 2, changed: 0, unchanged: 1 },
      teams: { added: 0, changed: 1 },
      areaAssignments: 2,
    });
    const list = (
      await app.inject({
        method: "GET",
        url: `/api/v1/missions/${ids.mission}/observers`,
        cookies: coordinator,
      })
    ).json().observers;
    expect(list.map((o: Json) => [o.code, o.phone, o.teamCodes, o.areaCodes, o.role])).toEqual([
      ["111111", "+375291234567", ["T01"], [], "short_term"],
      ["222222", "+375291234567", [], [], "short_term"],
      ["400001", "+37580291234567", ["T01"], [], "short_term"],
      ["400002", "+375297654321", [], ["N", "S"], "long_term"],
    ]);
    // Boris gets a new phone.
    const boris = list.find((o: Json) => o.code === "400001");
    const changed = await app.inject({
      method: "PATCH",
      url: `/api/v1/missions/${ids.mission}/observers/${boris.id}`,
      cookies: coordinator,
      payload: { phone: "029 111 22 33", defaultCountryCode: "375" },
    });
    expect(changed.json().observer.phone).toBe("+375291112233");
    const teams = (
      await app.inject({ method: "GET", url: `/api/v1/missions/${ids.mission}/teams`, cookies: coordinator })
    ).json().teams;
    expect(teams.map((t: Json) => [t.code, t.members.map((m: Json) => m.code)])).toEqual([
      ["T01", ["111111", "400001"]],
    ]);
    teamId = teams[0].id;
    const solo = await app.inject({
      method: "PUT",
      url: `/api/v1/missions/${ids.mission}/teams/T09`,
      cookies: coordinator,
      payload: { observerIds: [boris.id, boris.id] },
    });
    expect(solo.statusCode).toBe(422);
  });

  it("issues, reissues and revokes an observer's access code", async () => {
    const list = (
      await app.inject({
        method: "GET",
        url: `/api/v1/missions/${ids.mission}/observers`,
        cookies: coordinator,
      })
    ).json().observers;
    const clara = list.find((o: Json) => o.code === "400002");
    const issue = () =>
      app.inject({
        method: "POST",
        url: `/api/v1/missions/${ids.mission}/observers/${clara.id}/access`,
        cookies: coordinator,
      });
    const first = await issue();
    expect(first.statusCode).toBe(201);
    const { username, accessCode } = first.json();
    expect(username).toBe("intl-400002");
    expect(accessCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const signInWith = (password: string) =>
      app.inject({ method: "POST", url: "/api/v1/auth/sign-in", payload: { username, password } });
    const session = await signInWith(accessCode);
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({
      role: "observer",
      observerId: clara.id,
      missionId: ids.mission,
    });
    const cookie = {
      scrutiny_session: session.cookies.find((c) => c.name === "scrutiny_session")?.value ?? "",
    };
    expect((await app.inject({ method: "GET", url: "/api/v1/me", cookies: cookie })).statusCode).toBe(200);

    const second = await issue();
    expect(second.json().username).toBe(username);
    expect((await signInWith(accessCode)).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/api/v1/me", cookies: cookie })).statusCode).toBe(401);
    expect((await signInWith(second.json().accessCode)).statusCode).toBe(200);

    const stored = await store.users.findByUsername(username);
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain(second.json().accessCode);

    const revoked = await app.inject({
      method: "DELETE",
      url: `/api/v1/missions/${ids.mission}/observers/${clara.id}/access`,
      cookies: coordinator,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await signInWith(second.json().accessCode)).statusCode).toBe(401);
    const after = (
      await app.inject({
        method: "GET",
        url: `/api/v1/missions/${ids.mission}/observers`,
        cookies: coordinator,
      })
    ).json().observers;
    expect(after.find((o: Json) => o.code === "400002").access).toBe("revoked");
    const foreign = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/observers/${clara.id}/access`,
      cookies: otherCoordinator,
    });
    expect(foreign.statusCode).toBe(403);
  });

  it("routes a team, records arrival and departure, and a change of station partway", async () => {
    // PS-1 already has a visit of this team (arrived): it stays first on the route.
    const [first, second, third] = planStations.filter((code) => code !== "PS-1");
    const routed = await app.inject({
      method: "PUT",
      url: `/api/v1/missions/${ids.mission}/teams/${teamId}/route/election-day`,
      cookies: coordinator,
      payload: { stationCodes: ["PS-1", first, second] },
    });
    expect(routed.statusCode).toBe(200);
    const stops = routed.json().stops;
    expect(stops.map((s: Json) => [s.routeOrder, s.stationCode])).toEqual([
      [0, "PS-1"],
      [1, first],
      [2, second],
    ]);
    // An observer of the team arrives at the second stop, then the team is sent elsewhere.
    const arrival = await app.inject({
      method: "POST",
      url: `/api/v1/visits/${stops[1].visitId}/arrival`,
      cookies: observer,
      payload: { at: "2019-11-17T09:00:00Z" },
    });
    expect(arrival.statusCode).toBe(200);
    const moved = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/teams/${teamId}/relocations`,
      cookies: observer,
      payload: { phaseCode: "election-day", stationCode: third, at: "2019-11-17T10:00:00Z" },
    });
    expect(moved.statusCode).toBe(201);
    expect(moved.json()).toMatchObject({ closedVisitId: stops[1].visitId, visit: { routeOrder: 2 } });
    const route = (
      await app.inject({
        method: "GET",
        url: `/api/v1/missions/${ids.mission}/teams/${teamId}/route`,
        cookies: coordinator,
      })
    ).json().stops;
    expect(
      route.map((s: Json) => [s.routeOrder, s.stationCode, s.arrivedAt !== null, s.departedAt !== null]),
    ).toEqual([
      [0, "PS-1", true, false],
      [1, first, true, true],
      [2, third, true, false],
      [3, second, false, false],
    ]);
    const foreign = await app.inject({
      method: "POST",
      url: `/api/v1/visits/${stops[1].visitId}/departure`,
      cookies: otherCoordinator,
      payload: {},
    });
    expect(foreign.statusCode).toBe(404);
    const badPhase = await app.inject({
      method: "PUT",
      url: `/api/v1/missions/${ids.mission}/teams/${teamId}/route/no-such-phase`,
      cookies: coordinator,
      payload: { stationCodes: [first] },
    });
    expect(badPhase.statusCode).toBe(404);
  });

  it("shows coverage per phase and area, and the missing reports with the team's contacts", async () => {
    const [first] = planStations;
    const stationIds = await store.deployment.stationIdsByCode(ids.election, [first ?? ""]);
    const submitted = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: {
        id: randomUUID(),
        formId,
        formVersion: 1,
        stationId: stationIds.get(first ?? ""),
        phaseCode: "election-day",
        submittedAt: "2019-11-17T09:15:00+03:00",
        answers: {
          ballot_box_sealed: "yes",
          voters_counted: 12,
          registered: 100,
          overall_assessment: "good",
        },
      },
    });
    expect(submitted.statusCode).toBe(201);
    const response = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/coverage?phaseCode=election-day`,
      cookies: coordinator,
    });
    expect(response.statusCode).toBe(200);
    const coverage = response.json();
    expect(coverage.phases).toEqual([
      { code: "early-1", planned: 12, reported: 0 },
      { code: "election-day", planned: 12, reported: 1 },
    ]);
    expect(coverage.byArea.map((a: Json) => a.code)).toEqual(["N", "S"]);
    expect(coverage.byArea.reduce((sum: number, a: Json) => sum + a.planned, 0)).toBe(12);
    expect(coverage.byArea.reduce((sum: number, a: Json) => sum + a.reported, 0)).toBe(1);
    expect(coverage.missingTotal).toBe(11);
    const routed = coverage.missing.find((m: Json) => m.code === planStations[1]);
    expect(routed.teams).toEqual([
      {
        code: "T01",
        observers: [
          { name: "Anna Observer", phone: "+375291234567" },
          { name: "Boris Partner", phone: "+375291112233" },
        ],
      },
    ]);
    const analystView = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/coverage`,
      cookies: analyst,
    });
    expect(analystView.statusCode).toBe(403);
  });

  it("pages through the missing reports and exports them all as a call list", async () => {
    const page = async (offset: number) =>
      (
        await app.inject({
          method: "GET",
          url: `/api/v1/missions/${ids.mission}/coverage?phaseCode=election-day&missingLimit=4&missingOffset=${offset}`,
          cookies: coordinator,
        })
      ).json();
    const pages = [await page(0), await page(4), await page(8), await page(12)];
    expect(pages.map((p) => [p.missingOffset, p.missing.length, p.missingTotal])).toEqual([
      [0, 4, 11],
      [4, 4, 11],
      [8, 3, 11],
      [12, 0, 11],
    ]);
    const paged: string[] = pages.flatMap((p) => p.missing.map((m: Json) => m.code));
    expect(new Set(paged).size).toBe(11);

    const exportUrl = (format: string) =>
      `/api/v1/missions/${ids.mission}/coverage/missing/export?phaseCode=election-day&format=${format}&language=ru`;
    const csv = await app.inject({ method: "GET", url: exportUrl("csv"), cookies: coordinator });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toContain("call-list-election-day.csv");
    const records = parseCsv(csv.body.replace(/^\uFEFF/, "")).map((r) => r.fields);
    expect(records[0]).toEqual([
      "Участок",
      "Название участка",
      "Территория",
      "Группа",
      "Наблюдатель",
      "Телефон",
    ]);
    // Every missing station, one row per observer to call (a station no team visits: one row).
    expect(new Set(records.slice(1).map((r) => r[0]))).toEqual(new Set(paged));
    const called = records.filter((r) => r[0] === planStations[1]);
    // A phone in international form begins with "+": text, so OWASP's rule neutralises it too.
    expect(called.map((r) => [r[3], r[4], r[5]])).toEqual([
      ["T01", "Anna Observer", "'+375291234567"],
      ["T01", "Boris Partner", "'+375291112233"],
    ]);
    const xlsx = await app.inject({ method: "GET", url: exportUrl("xlsx"), cookies: coordinator });
    expect(xlsx.statusCode).toBe(200);
    const sheets = readXlsx(new Uint8Array(xlsx.rawPayload));
    expect(sheets.ok && sheets.value[0]?.rows.length).toBe(records.length);

    const analystExport = await app.inject({ method: "GET", url: exportUrl("csv"), cookies: analyst });
    expect(analystExport.statusCode).toBe(403);
    const otherExport = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${otherMissionId}/coverage/missing/export`,
      cookies: coordinator,
    });
    expect([403, 404]).toContain(otherExport.statusCode);
  });

  it("finds missing stations by part of a code or name, whatever its case, in the list and the call list", async () => {
    const coverage = async (query: string) => {
      const response = await app.inject({
        method: "GET",
        url: `/api/v1/missions/${ids.mission}/coverage?phaseCode=election-day&missingLimit=100${query}`,
        cookies: coordinator,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const all: { code: string; name: string }[] = (await coverage("")).missing;
    const containing = (text: string) =>
      all
        .filter((m) => m.code.toLowerCase().includes(text) || m.name.toLowerCase().includes(text))
        .map((m) => m.code);
    // The texts from the sample drawn: a code in small letters, a part of a name in capitals.
    const [first] = all;
    if (first === undefined) throw new Error("no missing station");
    const code = first.code.toLowerCase();
    const name = first.name.slice(0, -1).toUpperCase();
    expect(containing(code)).toContain(first.code);
    expect(containing(code).length).toBeLessThan(all.length);
    for (const text of [code, name, "PS-"]) {
      const expected = containing(text.toLowerCase());
      const found = await coverage(`&station=${encodeURIComponent(text)}`);
      expect(found.missing.map((m: Json) => m.code)).toEqual(expected);
      expect(found.missingTotal).toBe(expected.length);
    }
    // The phases' and areas' figures are the mission's, whatever the search.
    const searched = await coverage(`&station=${encodeURIComponent(code)}`);
    expect(searched.phases).toEqual((await coverage("")).phases);
    const csv = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/coverage/missing/export?phaseCode=election-day&format=csv&station=${encodeURIComponent(first.code)}`,
      cookies: coordinator,
    });
    expect(csv.statusCode).toBe(200);
    const rows = parseCsv(csv.body.replace(/^\uFEFF/, "")).map((r) => r.fields);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(containing(code)));
    // An empty search is refused, not taken for "every station".
    const blank = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/coverage?station=%20`,
      cookies: coordinator,
    });
    expect(blank.statusCode).toBe(400);
  });

  it("serves area shapes as GeoJSON, from the stations' extent or stored shapes", async () => {
    const shapes = await app.inject({
      method: "GET",
      url: `/api/v1/elections/${ids.election}/areas/shapes`,
      cookies: coordinator,
    });
    expect(shapes.statusCode).toBe(200);
    expect(shapes.headers["content-type"]).toContain("application/geo+json");
    const body = shapes.json();
    expect(body.type).toBe("FeatureCollection");
    expect(body.features.map((f: Json) => [f.properties.code, f.geometry.type])).toEqual([
      ["N", "Polygon"],
      ["S", "Polygon"],
    ]);
    const square = [
      [
        [20, 50],
        [21, 50],
        [21, 51],
        [20, 51],
        [20, 50],
      ],
    ];
    const saved = await app.inject({
      method: "PUT",
      url: `/api/v1/elections/${ids.election}/areas/shapes`,
      cookies: coordinator,
      payload: {
        type: "FeatureCollection",
        features: [
          { type: "Feature", properties: { code: "N" }, geometry: { type: "Polygon", coordinates: square } },
        ],
      },
    });
    expect(saved.statusCode).toBe(200);
    const again = (
      await app.inject({
        method: "GET",
        url: `/api/v1/elections/${ids.election}/areas/shapes`,
        cookies: coordinator,
      })
    ).json();
    expect(again.features[0]).toMatchObject({
      properties: { code: "N", source: "stored" },
      geometry: { coordinates: square },
    });
    const constituencies = (
      await app.inject({
        method: "GET",
        url: `/api/v1/elections/${ids.election}/areas/shapes?level=constituency`,
        cookies: coordinator,
      })
    ).json();
    // Only constituencies with located stations have an extent (the imported ones have no coordinates).
    expect(constituencies.features.map((f: Json) => f.properties.code)).toEqual(["N-1", "S-1"]);
  });
});
