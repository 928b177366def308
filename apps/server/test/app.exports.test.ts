import { randomUUID } from "node:crypto";
import * as XLSX from "@e965/xlsx";
import { parseCsv, questionsOf } from "@scrutiny/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { formId, ids, otherMissionId, seedSubmissionFixtures, signIn, votingForm } from "./support.ts";

const HOSTILE = '=HYPERLINK("x")';

describeOnEachBackend("API: exports of a form's reports", (getStore) => {
  let app: FastifyInstance;
  let coordinator: Record<string, string>;
  let analyst: Record<string, string>;
  let observer: Record<string, string>;
  const url = (format: string, missionId: string = ids.mission, language = "en") =>
    `/api/v1/missions/${missionId}/forms/${formId}/submissions/export?format=${format}&language=${language}`;

  beforeAll(async () => {
    const store = getStore();
    await seedSubmissionFixtures(store, { stationNames: [HOSTILE] });
    app = await buildServer({ store });
    observer = await signIn(app, "observer");
    coordinator = await signIn(app, "coordinator");
    analyst = await signIn(app, "analyst");
    for (const answers of [
      { ballot_box_sealed: "yes", voters_counted: 120, registered: 1000, overall_assessment: "good" },
      { ballot_box_sealed: "no", seal_problem: "@cmd", voters_counted: 5, overall_assessment: "bad" },
    ]) {
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/submissions",
        cookies: observer,
        payload: {
          id: randomUUID(),
          formId,
          formVersion: 1,
          stationId: ids.station1,
          phaseCode: "election-day",
          submittedAt: "2019-11-17T09:15:00+03:00",
          answers,
        },
      });
      expect(response.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it("exports CSV with one column per question, labels in the chosen language, the station name as text", async () => {
    const questions = questionsOf(votingForm);
    const response = await app.inject({
      method: "GET",
      url: url("csv", ids.mission, "ru"),
      cookies: analyst,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    const records = parseCsv(response.body.replace(/^\uFEFF/, "")).map((r) => r.fields);
    const header = records[0] ?? [];
    expect(header.slice(0, 3)).toEqual(["Отчёт", "Код участка", "Участок"]);
    expect(header.length).toBe(11 + questions.length);
    // Question labels in Russian where the form has them, else in its default language.
    expect(header.slice(11)).toEqual(questions.map((q) => q.label?.["ru"] ?? q.label?.["en"]));
    expect(records).toHaveLength(3);
    const nameColumn = header.indexOf("Участок");
    expect(records[1]?.[nameColumn]).toBe(`'${HOSTILE}`);
    const sealColumn = 11 + questions.findIndex((q) => q.name === "ballot_box_sealed");
    expect(records.slice(1).map((r) => r[sealColumn])).toEqual(["Да", "Нет"]);
    expect(response.body).toContain("'@cmd");
    expect(records[1]?.[header.indexOf("Статус проверки")]).toBe("accepted");
  });

  it("exports XLSX where the hostile name arrives as text, not a formula", async () => {
    const response = await app.inject({ method: "GET", url: url("xlsx"), cookies: coordinator });
    expect(response.statusCode).toBe(200);
    const workbook = XLSX.read(response.rawPayload, { type: "buffer" });
    const sheet = workbook.Sheets[workbook.SheetNames[0] ?? ""];
    expect(sheet).toBeDefined();
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet ?? {}, { header: 1 });
    const header = rows[0] as string[];
    const nameColumn = header.indexOf("Station");
    expect(nameColumn).toBeGreaterThan(0);
    const cell = sheet?.[XLSX.utils.encode_cell({ r: 1, c: nameColumn })];
    expect(cell?.t).toBe("s");
    expect(cell?.f).toBeUndefined();
    expect(cell?.v).toBe(`'${HOSTILE}`);
  });

  it("refuses a CSV of a table the form does not have, naming the tables it has", async () => {
    const response = await app.inject({
      method: "GET",
      url: `${url("csv")}&table=ballots`,
      cookies: analyst,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: "unknown_table" });
    expect(response.json().error.message).toContain("reports");
  });

  it("exports only the reports the list's filters keep: station, phase, review status", async () => {
    const post = async (overrides: Record<string, unknown>) => {
      const id = randomUUID();
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/submissions",
        cookies: observer,
        payload: {
          id,
          formId,
          formVersion: 1,
          stationId: ids.station1,
          phaseCode: "election-day",
          submittedAt: "2019-11-17T10:15:00+03:00",
          answers: {
            ballot_box_sealed: "yes",
            voters_counted: 7,
            registered: 900,
            overall_assessment: "good",
          },
          ...overrides,
        },
      });
      expect(response.statusCode).toBe(201);
      return id;
    };
    const elsewhere = await post({ stationId: ids.station2 });
    const early = await post({ phaseCode: "early-1", submittedAt: "2019-11-12T10:15:00+03:00" });
    const review = await app.inject({
      method: "POST",
      url: `/api/v1/submissions/${early}/reviews`,
      cookies: coordinator,
      payload: { decision: "quarantine", reason: "observer was not at this station" },
    });
    expect(review.statusCode).toBe(201);
    const exported = async (filters: string) => {
      const response = await app.inject({ method: "GET", url: `${url("csv")}&${filters}`, cookies: analyst });
      expect(response.statusCode).toBe(200);
      const [header = [], ...rows] = parseCsv(response.body.replace(/^\uFEFF/, "")).map((r) => r.fields);
      const column = (label: string) => rows.map((row) => row[header.indexOf(label)]);
      return { ids: column("Report"), stations: column("Station code"), phases: column("Phase") };
    };
    const all = await exported("");
    expect(all.ids).toHaveLength(4);
    const atStation = await exported(`stationId=${ids.station2}`);
    expect(atStation.ids).toEqual([elsewhere]);
    expect(atStation.stations).toEqual(["PS-2"]);
    const onDay = await exported(`stationId=${ids.station1}&phaseCode=election-day`);
    expect(onDay.ids).toHaveLength(2);
    expect(onDay.ids).not.toContain(early);
    expect(new Set(onDay.phases)).toEqual(new Set(["election-day"]));
    expect((await exported("status=quarantined")).ids).toEqual([early]);
    expect((await exported("status=accepted&phaseCode=early-1")).ids).toEqual([]);
    // The XLSX holds the same selection.
    const xlsx = await app.inject({
      method: "GET",
      url: `${url("xlsx")}&stationId=${ids.station2}`,
      cookies: coordinator,
    });
    const workbook = XLSX.read(xlsx.rawPayload, { type: "buffer" });
    const sheet = workbook.Sheets[workbook.SheetNames[0] ?? ""] ?? {};
    expect(XLSX.utils.sheet_to_json(sheet)).toHaveLength(1);
    // A filter that is not one is refused, not ignored.
    const bad = await app.inject({ method: "GET", url: `${url("csv")}&status=lost`, cookies: analyst });
    expect(bad.statusCode).toBe(400);
  });

  it("refuses observers and another mission's staff", async () => {
    expect((await app.inject({ method: "GET", url: url("csv"), cookies: observer })).statusCode).toBe(403);
    const other = await app.inject({ method: "GET", url: url("csv", otherMissionId), cookies: analyst });
    expect([403, 404]).toContain(other.statusCode);
  });
});
