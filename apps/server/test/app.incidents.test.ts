import { randomUUID } from "node:crypto";
import { parseCsv, readXlsx } from "@scrutiny/domain";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import {
  addIncidentForms,
  incidentFormId,
  openingFormId,
} from "../../../test-support/forms/incident-forms.ts";
import { buildServer } from "../src/index.ts";
import { envelope, ids, otherMissionId, seedSubmissionFixtures, signIn } from "./support.ts";

const analystId = "00000000-0000-4000-8000-0000000000b3";
const otherCoordinatorId = "00000000-0000-4000-8000-0000000000b4";

describeOnEachBackend("API: the incident inbox", (getStore) => {
  let app: FastifyInstance;
  let observer: Record<string, string>;
  let coordinator: Record<string, string>;
  let analyst: Record<string, string>;
  let otherCoordinator: Record<string, string>;
  const reports = {
    minor: randomUUID(),
    pressure: randomUUID(),
    refused: randomUUID(),
    admitted: randomUUID(),
  };
  const inbox = (query = "") => `/api/v1/missions/${ids.mission}/incidents${query}`;
  const followUp = (id: string) => `/api/v1/missions/${ids.mission}/incidents/${id}/follow-ups`;
  const history = async () =>
    Number(
      (
        (await getStore().db.execute(sql`select count(*)::int as n from incident_follow_ups`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    const store = getStore();
    // Names in Cyrillic: the station search folds their case too.
    await seedSubmissionFixtures(store, { stationNames: ["Школа № 1", "Гимназия № 2", "Лицей № 3"] });
    await addIncidentForms(store, ids.election);
    app = await buildServer({ store });
    observer = await signIn(app, "observer");
    coordinator = await signIn(app, "coordinator");
    analyst = await signIn(app, "analyst");
    otherCoordinator = await signIn(app, "other-coordinator");
    const submit = async (
      id: string,
      formId: string,
      answers: Record<string, unknown>,
      submittedAt: string,
    ) => {
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/submissions",
        cookies: observer,
        payload: envelope({ id, formId, answers, submittedAt }),
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    await submit(
      reports.minor,
      incidentFormId,
      { category: "campaigning", what_happened: "posters" },
      "2019-11-17T08:00:00Z",
    );
    await submit(
      reports.pressure,
      incidentFormId,
      { category: "pressure", what_happened: "a boss" },
      "2019-11-17T10:00:00Z",
    );
    await submit(reports.refused, openingFormId, { observers_admitted: "no" }, "2019-11-17T07:00:00Z");
    await submit(reports.admitted, openingFormId, { observers_admitted: "yes" }, "2019-11-17T07:05:00Z");
    await submit(randomUUID(), envelope().formId, envelope().answers, "2019-11-17T09:00:00Z");
  });

  afterAll(async () => {
    await app.close();
  });

  it("lists incident reports and critical reports only, critical first, then newest", async () => {
    const response = await app.inject({ url: inbox(), cookies: coordinator });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.incidents.map((i: { submissionId: string }) => i.submissionId)).toEqual([
      reports.refused,
      reports.pressure,
      reports.minor,
    ]);
    expect(body.total).toBe(3);
    expect(body.open).toEqual({ critical: 1, high: 0, normal: 2, low: 0 });
    const [refused] = body.incidents;
    expect(refused).toMatchObject({ status: "new", severity: "critical", assigneeId: null, changes: 0 });
    expect(refused.critical).toEqual([
      { name: "observers_admitted", label: { en: "Were observers admitted?" }, answer: "no" },
    ]);
    expect(body.assignees.map((a: { id: string }) => a.id).sort()).toEqual(
      ["00000000-0000-4000-8000-0000000000b2", analystId].sort(),
    );
  });

  it("exports every incident the filters keep, in the inbox's order, as CSV or XLSX", async () => {
    const csv = await app.inject({ url: inbox("/export?format=csv"), cookies: analyst });
    expect(csv.statusCode, csv.body).toBe(200);
    const records = parseCsv(csv.body.replace(/^\uFEFF/, "")).map((r) => r.fields);
    const header = records[0] ?? [];
    expect(header.slice(0, 7)).toEqual([
      "Station",
      "Station name",
      "Phase",
      "Form",
      "Submitted at",
      "Severity",
      "Status",
    ]);
    const report = header.indexOf("Report");
    expect(records.slice(1).map((r) => r[report])).toEqual([
      reports.refused,
      reports.pressure,
      reports.minor,
    ]);
    expect(records[1]?.[header.indexOf("Critical answers")]).toBe("Were observers admitted?: no");
    const critical = await app.inject({
      url: inbox("/export?format=csv&severity=critical"),
      cookies: analyst,
    });
    expect(parseCsv(critical.body.replace(/^\uFEFF/, ""))).toHaveLength(2);
    const xlsx = await app.inject({ url: inbox("/export?format=xlsx&language=ru"), cookies: coordinator });
    const sheets = readXlsx(new Uint8Array(xlsx.rawPayload));
    expect(sheets.ok && sheets.value[0]?.rows[0]?.cells.get(0)).toBe("Участок");
    expect(sheets.ok && sheets.value[0]?.rows.length).toBe(4);
    expect((await app.inject({ url: inbox("/export"), cookies: observer })).statusCode).toBe(403);
    expect((await app.inject({ url: inbox("/export"), cookies: otherCoordinator })).statusCode).toBe(403);
  });

  it("lets the mission's analyst read and nobody else", async () => {
    expect((await app.inject({ url: inbox(), cookies: analyst })).statusCode).toBe(200);
    expect((await app.inject({ url: inbox(), cookies: observer })).statusCode).toBe(403);
    expect((await app.inject({ url: inbox(), cookies: otherCoordinator })).statusCode).toBe(403);
    expect((await app.inject({ url: inbox() })).statusCode).toBe(401);
    const other = await app.inject({
      url: `/api/v1/missions/${otherMissionId}/incidents`,
      cookies: coordinator,
    });
    expect(other.statusCode).toBe(403);
  });

  it("takes an incident from new to resolved, keeping every change with its note and author", async () => {
    const triage = await app.inject({
      method: "POST",
      url: followUp(reports.pressure),
      cookies: coordinator,
      payload: {
        status: "in_follow_up",
        severity: "high",
        assigneeId: analystId,
        note: "Calling the team leader",
      },
    });
    expect(triage.statusCode, triage.body).toBe(201);
    expect(triage.json().incident).toMatchObject({
      status: "in_follow_up",
      severity: "high",
      assigneeId: analystId,
      assigneeName: "analyst",
      changes: 1,
    });
    const resolved = await app.inject({
      method: "POST",
      url: followUp(reports.pressure),
      cookies: coordinator,
      payload: { status: "resolved", note: "The team confirmed; reported to the commission" },
    });
    expect(resolved.statusCode, resolved.body).toBe(201);
    // Fields left out keep their values: severity and assignee stay.
    expect(resolved.json().incident).toMatchObject({
      status: "resolved",
      severity: "high",
      assigneeId: analystId,
    });

    const one = await app.inject({ url: `${inbox()}/${reports.pressure}`, cookies: analyst });
    expect(one.statusCode, one.body).toBe(200);
    expect(
      one
        .json()
        .changes.map((c: { status: string; note: string; authorName: string }) => [
          c.status,
          c.note,
          c.authorName,
        ]),
    ).toEqual([
      ["in_follow_up", "Calling the team leader", "coordinator"],
      ["resolved", "The team confirmed; reported to the commission", "coordinator"],
    ]);

    const list = (await app.inject({ url: inbox(), cookies: coordinator })).json();
    // Resolved incidents go below open ones, and out of the open counts.
    expect(list.incidents.map((i: { submissionId: string }) => i.submissionId)).toEqual([
      reports.refused,
      reports.minor,
      reports.pressure,
    ]);
    expect(list.open).toEqual({ critical: 1, high: 0, normal: 1, low: 0 });
    const filtered = (await app.inject({ url: inbox("?status=resolved"), cookies: coordinator })).json();
    expect(filtered.incidents.map((i: { submissionId: string }) => i.submissionId)).toEqual([
      reports.pressure,
    ]);
  });

  it("refuses bad changes with the field named, and stores nothing", async () => {
    const before = await history();
    const cases = [
      {
        who: coordinator,
        id: reports.minor,
        payload: { status: "in_follow_up", note: "" },
        status: 400,
        field: "note",
      },
      {
        who: coordinator,
        id: reports.minor,
        payload: { status: "closed", note: "x" },
        status: 400,
        field: "status",
      },
      {
        who: coordinator,
        id: reports.minor,
        payload: { assigneeId: otherCoordinatorId, note: "to the other mission" },
        status: 400,
        field: "assigneeId",
      },
      {
        who: coordinator,
        id: reports.minor,
        payload: { note: "x", extra: 1 },
        status: 400,
        field: undefined,
      },
      {
        who: analyst,
        id: reports.minor,
        payload: { status: "resolved", note: "x" },
        status: 403,
        field: undefined,
      },
      {
        who: otherCoordinator,
        id: reports.minor,
        payload: { status: "resolved", note: "x" },
        status: 403,
        field: undefined,
      },
      // A report that raised no critical flag is not an incident.
      {
        who: coordinator,
        id: reports.admitted,
        payload: { status: "resolved", note: "x" },
        status: 404,
        field: undefined,
      },
      {
        who: coordinator,
        id: randomUUID(),
        payload: { status: "resolved", note: "x" },
        status: 404,
        field: undefined,
      },
    ];
    for (const c of cases) {
      const response = await app.inject({
        method: "POST",
        url: followUp(c.id),
        cookies: c.who,
        payload: c.payload,
      });
      expect(response.statusCode, `${JSON.stringify(c.payload)}: ${response.body}`).toBe(c.status);
      if (c.field !== undefined)
        expect(response.json().error.details.issues.map((i: { path: string[] }) => i.path.at(-1))).toContain(
          c.field,
        );
    }
    expect(await history()).toBe(before);
  });

  it("keeps the history as written: the database refuses to update a change", async () => {
    const refusal = await getStore()
      .db.execute(sql`update incident_follow_ups set note = 'rewritten'`)
      .then(
        () => undefined,
        (error: { message: string; cause?: { message: string } }) => error.cause?.message ?? error.message,
      );
    expect(refusal).toMatch(/kept as written/);
  });

  it("finds incidents by part of their station's code or name, whatever its case, in the list and the export", async () => {
    const elsewhere = randomUUID();
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: envelope({
        id: elsewhere,
        formId: incidentFormId,
        stationId: ids.station2,
        answers: { category: "pressure", what_happened: "a call" },
        submittedAt: "2019-11-17T11:00:00Z",
      }),
    });
    expect(response.statusCode, response.body).toBe(201);
    const listed = async (station: string) => {
      const list = await app.inject({
        url: inbox(`?station=${encodeURIComponent(station)}`),
        cookies: coordinator,
      });
      expect(list.statusCode, list.body).toBe(200);
      return list.json().incidents.map((i: { submissionId: string }) => i.submissionId);
    };
    expect(await listed("гимназ")).toEqual([elsewhere]);
    expect(await listed("ГИМНАЗИЯ № 2")).toEqual([elsewhere]);
    expect(await listed("ps-2")).toEqual([elsewhere]);
    const atFirst = await listed("школа");
    expect(atFirst).toHaveLength(3);
    expect(atFirst).not.toContain(elsewhere);
    expect(await listed("PS-1")).toEqual(atFirst);
    expect(await listed("лицей")).toEqual([]);
    // A search is text, not a pattern: "%" matches only a "%".
    expect(await listed("%")).toEqual([]);
    const csv = await app.inject({
      url: inbox("/export?format=csv&station=%D0%93%D0%B8%D0%BC"),
      cookies: analyst,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    const records = parseCsv(csv.body.replace(/^\uFEFF/, "")).map((r) => r.fields);
    expect(records.slice(1).map((r) => r[records[0]?.indexOf("Report") ?? -1])).toEqual([elsewhere]);
  });
});
