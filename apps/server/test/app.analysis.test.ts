import { randomUUID } from "node:crypto";
import * as XLSX from "@e965/xlsx";
import { analysisResults } from "@scrutiny/contract";
import { parseCsv } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { formId, ids, otherMissionId, seedSubmissionFixtures, signIn } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

const base = "/api/v1/missions";
const badShare = {
  kind: "share",
  name: { en: "Voting bad", ru: "Голосование плохо" },
  unit: "visit",
  formKind: "voting",
  condition: "${overall_assessment} = 'bad' or ${overall_assessment} = 'very_bad'",
  assessment: { question: "overall_assessment", scale: ["very_good", "good", "bad", "very_bad"], cut: "bad" },
};

/** Reports of the sample mission: station1 is the only planned station (simple random plan). */
function report(
  answers: Record<string, unknown>,
  extra: { station?: string; status?: string; phase?: string } = {},
) {
  return {
    id: randomUUID(),
    missionId: ids.mission,
    formId,
    formVersion: 1,
    teamId: ids.team,
    observerId: ids.observer,
    stationId: extra.station ?? ids.station1,
    phaseCode: extra.phase ?? "election-day",
    answers,
    submittedAt: "2019-11-17T09:00:00.000Z",
    contentHash: randomUUID(),
    status: extra.status ?? "accepted",
  };
}

describeOnEachBackend("API: analysis (indicators, estimates, comparison)", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let analyst: Record<string, string>;
  let observer: Record<string, string>;
  let otherCoordinator: Record<string, string>;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    await store.submissions.insertMany([
      report({ overall_assessment: "bad", ballot_box_sealed: "no", voters_counted: 10 }),
      report({ overall_assessment: "good", ballot_box_sealed: "yes", voters_counted: 20 }),
      report({ overall_assessment: "very_bad", ballot_box_sealed: "yes", voters_counted: 30 }),
      report(
        { overall_assessment: "good", ballot_box_sealed: "yes", voters_counted: 40 },
        { phase: "early-1" },
      ),
      report({ ballot_box_sealed: "yes" }),
      report({ overall_assessment: "very_bad", voters_counted: 99 }, { status: "quarantined" }),
      report({ overall_assessment: "very_bad", voters_counted: 99 }, { station: ids.station2 }),
    ]);
    app = await buildServer({ store });
    analyst = await signIn(app, "analyst");
    observer = await signIn(app, "observer");
    otherCoordinator = await signIn(app, "other-coordinator");
  });
  afterAll(async () => {
    await app.close();
  });

  const put = (code: string, payload: unknown, cookies = analyst) =>
    app.inject({
      method: "PUT",
      url: `${base}/${ids.mission}/analysis/indicators/${code}`,
      cookies,
      payload: payload as Json,
    });
  const get = (url: string, cookies = analyst) => app.inject({ method: "GET", url, cookies });

  describe("indicator definitions", () => {
    const cases: {
      title: string;
      code: string;
      body: unknown;
      cookies?: () => Record<string, string>;
      status: number;
    }[] = [
      { title: "creates a share indicator", code: "bad", body: badShare, status: 201 },
      { title: "publishes a new version", code: "bad", body: { ...badShare, unit: "station" }, status: 200 },
      {
        title: "creates a mean",
        code: "counted-mean",
        body: {
          kind: "mean",
          name: { en: "Counted" },
          unit: "visit",
          formKind: "voting",
          question: "voters_counted",
        },
        status: 201,
      },
      {
        title: "creates a median restricted to a phase",
        code: "counted-median",
        body: {
          kind: "median",
          name: { en: "Counted" },
          unit: "visit",
          formKind: "voting",
          phases: ["election-day"],
          question: "voters_counted",
        },
        status: 201,
      },
      {
        title: "rejects a condition that does not parse (422)",
        code: "broken",
        body: { ...badShare, condition: "${overall_assessment} = " },
        status: 422,
      },
      {
        title: "rejects a cut outside the scale (422)",
        code: "broken",
        body: { ...badShare, assessment: { ...badShare.assessment, cut: "awful" } },
        status: 422,
      },
      {
        title: "rejects an unknown kind (400)",
        code: "broken",
        body: { ...badShare, kind: "ratio" },
        status: 400,
      },
      { title: "rejects a bad code (400)", code: "Bad Code", body: badShare, status: 400 },
      { title: "refuses observers (403)", code: "x", body: badShare, cookies: () => observer, status: 403 },
      {
        title: "refuses another mission's coordinator (403)",
        code: "x",
        body: badShare,
        cookies: () => otherCoordinator,
        status: 403,
      },
    ];
    for (const c of cases) {
      it(c.title, async () => {
        const response = await put(c.code, c.body, c.cookies?.() ?? analyst);
        expect(response.statusCode, response.body).toBe(c.status);
        if (c.status >= 400) expect(response.json().error.code).toBeTypeOf("string");
      });
    }

    it("lists current versions and keeps the history", async () => {
      const list = (await get(`${base}/${ids.mission}/analysis/indicators`)).json();
      const bad = list.indicators.find((i: Json) => i.code === "bad");
      expect(bad.version).toBe(2);
      expect(bad.definition.unit).toBe("station");
      const history = (await get(`${base}/${ids.mission}/analysis/indicators/bad/versions`)).json();
      expect(history.versions.map((v: Json) => v.version)).toEqual([1, 2]);
    });

    it("makes no new version when the definition is unchanged", async () => {
      const again = await put("bad", { ...badShare, unit: "station" });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ unchanged: true, indicator: { version: 2 } });
      const history = (await get(`${base}/${ids.mission}/analysis/indicators/bad/versions`)).json();
      expect(history.versions.map((v: Json) => v.version)).toEqual([1, 2]);
    });

    it("reads a stored definition as a body is read: a default left out is no change", async () => {
      // Stored without the fields that have defaults (as an older version or another writer may).
      const { assessment: _assessment, ...stored } = badShare;
      const before = await store.analysis.saveIndicator({
        missionId: ids.mission,
        code: "terse",
        definition: stored,
        createdBy: null,
      });
      const again = await put("terse", { ...badShare, assessment: null, phases: null });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ unchanged: true, indicator: { version: before.version } });
      const changed = await put("terse", { ...badShare, assessment: null, unit: "station" });
      expect(changed.json()).toMatchObject({ unchanged: false, indicator: { version: before.version + 1 } });
    });

    it("refuses a condition on a question the forms do not have, naming it and storing nothing (422)", async () => {
      const response = await put("phantom", {
        ...badShare,
        condition: "${ballot_box_sealed} = 'no' or ${stamp_missing} = 'yes'",
      });
      expect(response.statusCode, response.body).toBe(422);
      const error = response.json().error;
      expect(error.code).toBe("unknown_question");
      expect(error.message).toMatch(/'stamp_missing'/);
      expect(error.details.issues).toEqual([
        expect.objectContaining({ path: ["body", "condition"], question: "stamp_missing" }),
      ]);
      // The questions to choose from: the voting form's, not another kind's.
      expect(error.details.questions).toEqual(
        expect.arrayContaining(["ballot_box_sealed", "voters_counted"]),
      );
      const mean = await put("phantom", {
        kind: "mean",
        name: { en: "x" },
        unit: "visit",
        formKind: "opening",
        question: "voters_counted",
      });
      expect(mean.statusCode, mean.body).toBe(422);
      expect(mean.json().error.details.issues[0].path).toEqual(["body", "question"]);
      const versions = await get(`${base}/${ids.mission}/analysis/indicators/phantom/versions`);
      expect(versions.statusCode).toBe(404);
    });

    it("retires an indicator as a new version", async () => {
      expect((await put("tmp", badShare)).statusCode).toBe(201);
      const deleted = await app.inject({
        method: "DELETE",
        url: `${base}/${ids.mission}/analysis/indicators/tmp`,
        cookies: analyst,
      });
      expect(deleted.json().indicator).toMatchObject({ version: 2, retired: true });
      const list = (await get(`${base}/${ids.mission}/analysis/indicators`)).json();
      expect(list.indicators.map((i: Json) => i.code)).not.toContain("tmp");
    });
  });

  describe("estimates", () => {
    let body: Json;
    beforeAll(async () => {
      await put("bad", badShare); // back to the visit unit (version 3)
      await put("unsealed", { ...badShare, condition: "${ballot_box_sealed} = 'no'", assessment: null });
      const response = await get(`${base}/${ids.mission}/analysis/estimates?minCell=3`);
      expect(response.statusCode, response.body).toBe(200);
      body = response.json();
    });
    const of = (code: string) => body.indicators.find((i: Json) => i.code === code);

    const table: { code: string; value: number; numerator: number; denominator: number; exclusions: Json }[] =
      [
        // 4 answered visits at station1: bad, good, very_bad, good; one without an assessment
        {
          code: "bad",
          value: 0.5,
          numerator: 2,
          denominator: 4,
          exclusions: { missing: 1, quarantined: 1, "outside-plan": 1 },
        },
        {
          code: "unsealed",
          value: 0.2,
          numerator: 1,
          denominator: 5,
          exclusions: { quarantined: 1, "outside-plan": 1 },
        },
        {
          code: "counted-mean",
          value: 25,
          numerator: 100,
          denominator: 4,
          exclusions: { missing: 1, quarantined: 1, "outside-plan": 1 },
        },
        {
          code: "counted-median",
          value: 20,
          numerator: 60,
          denominator: 3,
          exclusions: { missing: 1, quarantined: 1, "outside-plan": 1 },
        },
      ];
    for (const row of table) {
      it(`${row.code}: value, numerator, denominator and exclusions`, () => {
        const e = of(row.code).overall.estimate;
        expect(e.value).toBeCloseTo(row.value, 10);
        expect(e.numerator).toBeCloseTo(row.numerator, 10);
        expect(e.denominator).toBe(row.denominator);
        expect(e.exclusions).toEqual(row.exclusions);
        expect(e.ci.lower).toBeLessThanOrEqual(e.value);
        expect(e.ci.upper).toBeGreaterThanOrEqual(e.value);
        expect(e.ci.level).toBe(0.95);
        expect(e.design).toBe("simple-random");
      });
    }

    it("breaks down by phase, marking small cells", () => {
      const bad = of("bad");
      expect(bad.byPhase.map((c: Json) => c.key)).toEqual(["early-1", "election-day"]);
      const early = bad.byPhase[0].estimate;
      expect(early).toMatchObject({ numerator: 0, denominator: 1, smallCell: true });
      expect(bad.byPhase[1].estimate).toMatchObject({ numerator: 2, denominator: 3, smallCell: false });
    });

    it("breaks down by area level", async () => {
      expect(body.areaLevels[0]).toBe("region");
      expect(of("bad").byArea.cells.map((c: Json) => c.key)).toEqual([ids.regionNorth]);
      const byConstituency = (
        await get(`${base}/${ids.mission}/analysis/estimates?areaLevel=constituency`)
      ).json();
      const cells = byConstituency.indicators.find((i: Json) => i.code === "bad").byArea;
      expect(cells.level).toBe("constituency");
      expect(cells.cells[0].key).toBe(ids.constituency);
    });

    it("Wilson interval for a simple random sample of single visits (1 of 5)", () => {
      const e = of("unsealed").overall.estimate;
      // several visits per station: Wilson on the effective sample size
      expect(e.ci.method).toBe("wilson-effective-n");
    });

    it("exports every analysis table as the figures show them: XLSX sheets, one table as CSV", async () => {
      // An indicator named like a formula by the mission's analyst arrives as text.
      await put("hostile", { ...badShare, name: { en: '=HYPERLINK("x")' }, assessment: null });
      const xlsx = await get(`${base}/${ids.mission}/analysis/export?format=xlsx&minCell=3`);
      expect(xlsx.statusCode, xlsx.body).toBe(200);
      const workbook = XLSX.read(xlsx.rawPayload, { type: "buffer", cellFormula: true });
      expect(workbook.SheetNames).toEqual([
        "Indicators",
        "By area",
        "Incidents",
        "Team severity",
        "PVT",
        "Turnout check",
      ]);
      const sheet = workbook.Sheets["Indicators"] ?? {};
      const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
      const header = rows[0] as string[];
      const at = (r: number, label: string) => sheet[XLSX.utils.encode_cell({ r, c: header.indexOf(label) })];
      const bad = rows.findIndex(
        (row) => row[0] === "bad" && row[header.indexOf("Phase")] === "election-day",
      );
      expect(at(bad, "Numerator")?.v).toBe(2);
      expect(at(bad, "Denominator")?.t).toBe("n");
      const hostile = rows.findIndex((row) => row[0] === "hostile");
      expect(at(hostile, "Indicator name")).toMatchObject({ t: "s", v: `'=HYPERLINK("x")` });
      expect(at(hostile, "Indicator name")?.f).toBeUndefined();
      const csv = await get(`${base}/${ids.mission}/analysis/export?format=csv&table=areas&language=ru`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-disposition"]).toContain("-areas.csv");
      const records = parseCsv(csv.body.replace(/^\uFEFF/, "")).map((r) => r.fields);
      expect(records[0]?.slice(0, 4)).toEqual([
        "Показатель",
        "Название показателя",
        "Код территории",
        "Территория",
      ]);
      expect(records.find((r) => r[0] === "bad")?.[1]).toBe("Голосование плохо");
      expect((await get(`${base}/${ids.mission}/analysis/export?table=votes`)).statusCode).toBe(400);
      expect((await get(`${base}/${ids.mission}/analysis/export`, otherCoordinator)).statusCode).toBe(403);
      expect((await get(`${base}/${ids.mission}/analysis/export`, observer)).statusCode).toBe(403);
    });

    it("is refused to other missions' staff", async () => {
      expect((await get(`${base}/${ids.mission}/analysis/estimates`, otherCoordinator)).statusCode).toBe(403);
      expect((await get(`${base}/${randomUUID()}/analysis/estimates`, otherCoordinator)).statusCode).toBe(
        403,
      );
    });
  });

  describe("observer effects and PVT", () => {
    it("returns observer effects for assessment indicators", async () => {
      const response = await get(`${base}/${ids.mission}/analysis/observer-effects`);
      expect(response.statusCode, response.body).toBe(200);
      const effects = response.json().effects;
      expect(effects.map((e: Json) => e.indicatorCode)).toContain("bad");
    });

    it("answers the PVT without counting protocols with an issue, not an error", async () => {
      const response = await get(`${base}/${ids.mission}/analysis/pvt`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().pvt.issue).toMatch(/no counting protocols/);
      // The reason as a code the web app translates, in the route's declared answer.
      const answer = analysisResults.PvtResponse.parse(response.json());
      expect(answer.pvt.reason).toEqual({ code: "no_protocols", params: {} });
    });
  });

  describe("missions side by side", () => {
    it("matches indicators across missions and compares them", async () => {
      await app.inject({
        method: "PUT",
        url: `${base}/${otherMissionId}/analysis/indicators/other-bad`,
        cookies: otherCoordinator,
        payload: badShare as Json,
      });
      const saved = await app.inject({
        method: "PUT",
        url: `/api/v1/elections/${ids.election}/analysis/matches/bad`,
        cookies: analyst,
        payload: {
          name: { en: "Voting bad" },
          members: { [ids.mission]: "bad", [otherMissionId]: "other-bad" },
        },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const comparison = (await get(`/api/v1/elections/${ids.election}/analysis/comparison`)).json();
      expect(comparison.missions).toHaveLength(2);
      const row = comparison.rows.find((r: Json) => r.code === "bad");
      expect(row.source).toBe("stored");
      const mine = row.members.find((m: Json) => m.missionId === ids.mission);
      expect(mine.estimate.value).toBeCloseTo(0.5, 10);
      const other = row.members.find((m: Json) => m.missionId === otherMissionId);
      expect(other.estimate).toBeNull(); // no reports
    });

    it("rejects a match naming a mission of another election (422)", async () => {
      const response = await app.inject({
        method: "PUT",
        url: `/api/v1/elections/${ids.election}/analysis/matches/x`,
        cookies: analyst,
        payload: { name: { en: "x" }, members: { [randomUUID()]: "bad" } },
      });
      expect(response.statusCode).toBe(422);
    });

    it("serves region outlines as GeoJSON", async () => {
      const response = await get(`/api/v1/elections/${ids.election}/analysis/regions`);
      expect(response.statusCode).toBe(200);
      const geo = response.json();
      expect(geo.type).toBe("FeatureCollection");
      expect(geo.features.map((f: Json) => f.properties.code).sort()).toEqual(["N", "S"]);
    });
  });
});
