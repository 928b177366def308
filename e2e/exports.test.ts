/**
 * Browser test of the reports export on an election of our own: a station whose name is a
 * spreadsheet formula comes in through the station import; reports of a form with a repeat are
 * entered; the coordinator downloads the export from the reports page in Chromium. The CSV opens
 * with one column per question asked once per report (and the repeat's count), in the form's
 * order and labels; the formula-like name is neutralised, and in the XLSX it is a text cell, never
 * a formula; the repeat's own CSV has one row per instance.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { type FormDefinition, parseCsv, topLevelQuestionsOf } from "@scrutiny/domain";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import {
  apiAs,
  type OwnElection,
  ownElection,
  seedAdministrator,
  setUpOwnElection,
  stationsCsv,
  stationsMapping,
} from "./support/own-election.ts";
import { openPage, screenshotDir, signInThroughPage } from "./support/web.ts";

const TITLE = "browser: a coordinator downloads a form's reports and the missing-reports list";
/** Twelve stations of our own election, the formula-named one and 200 in the lagoon district. */
const STATIONS = 213;
const HOSTILE = '=HYPERLINK("x")';

const queueForm: FormDefinition = {
  id: randomUUID(),
  version: 1,
  kind: "voting",
  title: { en: "Queue watch" },
  languages: ["en"],
  defaultLanguage: "en",
  choiceLists: {
    pace: [
      { name: "slow", label: { en: "Slow" } },
      { name: "steady", label: { en: "Steady" } },
    ],
  },
  items: [
    { type: "select_one", name: "pace", label: { en: "How fast does the queue move?" }, listName: "pace" },
    { type: "integer", name: "queue_length", label: { en: "People in the queue" }, min: 0, max: 5000 },
    {
      type: "repeat",
      name: "turned_away",
      label: { en: "Voter turned away" },
      items: [{ type: "text", name: "reason", label: { en: "Reason given" } }],
    },
    { type: "text", name: "remarks", label: { en: "Remarks" } },
  ],
  checks: [],
};

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let baseUrl = "";
    let election: OwnElection;
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(seedAdministrator);
      ({ baseUrl } = app);
      // The station's name arrives through the ordinary station import, quoted as CSV quotes it;
      // a lagoon district of 200 more stations makes the missing-reports list longer than a page.
      const lagoon = Array.from(
        { length: 200 },
        (_, i) => `LG-${String(i + 1).padStart(3, "0")};Jetty ${i + 1};250;LG\n`,
      );
      const csv = `${stationsCsv()}HO-150;"${HOSTILE.replaceAll('"', '""')}";321;HO\n${lagoon.join("")}`;
      election = await setUpOwnElection(baseUrl, { csv, mapping: stationsMapping });
      const coordinator = await apiAs(
        baseUrl,
        ownElection.coordinatorUsername,
        ownElection.coordinatorPassword,
      );
      const missionPath = `/api/v1/missions/${election.missionId}`;
      await coordinator("POST", `${missionPath}/imports/observers`, {
        content: "code,name,team\n5501,Nana Owusu,HO-Q\n5502,Kwesi Badu,HO-Q\n",
      });
      const { observers } = await coordinator("GET", `${missionPath}/observers`);
      await coordinator("POST", `${missionPath}/plan`, { design: "simple_random", size: STATIONS, seed: 11 });
      await coordinator("POST", `${missionPath}/plan/versions/1/confirm`);
      const { form } = await coordinator("POST", `/api/v1/elections/${election.electionId}/forms`, queueForm);
      const station = async (code: string) =>
        (await coordinator("GET", `${missionPath}/directory?stationCode=${code}`)).stations[0].id as string;
      const reports = [
        {
          station: await station("HO-150"),
          answers: {
            pace: "slow",
            queue_length: 140,
            turned_away: [{ reason: "-not on the register" }, { reason: "no card" }],
            remarks: "+ busy",
          },
        },
        { station: await station("KMA-101"), answers: { pace: "steady", queue_length: 12 } },
      ];
      for (const report of reports)
        await coordinator("POST", `${missionPath}/paper-reports`, {
          id: randomUUID(),
          formId: form.formId,
          formVersion: form.version,
          stationId: report.station,
          phaseCode: "polling-day",
          observerId: observers[0].id,
          submittedAt: "2032-12-14T10:30:00Z",
          answers: report.answers,
        });
      // An indicator named like a formula, as an analyst could name it.
      await coordinator("PUT", `${missionPath}/analysis/indicators/slow-queue`, {
        kind: "share",
        name: { en: "@slow queues" },
        unit: "visit",
        formKind: "voting",
        condition: "${pace} = 'slow'",
      });
      ({ context, page } = await openPage(app.browser, problems, { width: 1280, height: 900 }));
    }, 600_000);

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    /** Clicks the export link (by its data-export) or the element `selector` and reads what downloads. */
    const download = async (exportKind: string): Promise<Buffer> => {
      const selector = exportKind.startsWith("[") ? exportKind : `[data-export="${exportKind}"]`;
      const [file] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
      return readFile((await file.path()) ?? "");
    };

    it("downloads the CSV with one column per question, the formula-like name as text", async () => {
      await signInThroughPage(
        page,
        baseUrl,
        `/elections/${election.electionId}/submissions`,
        ownElection.coordinatorUsername,
        ownElection.coordinatorPassword,
      );
      await page.getByRole("heading", { name: "Export reports" }).waitFor();
      const text = (await download("csv")).toString("utf8").replace(/^\uFEFF/, "");
      const [header = [], ...rows] = parseCsv(text).map((r) => r.fields);
      const questions = topLevelQuestionsOf(queueForm).map((q) => q.label?.["en"]);
      // The report's own columns, then the form's questions in order, then the repeat's count.
      expect(header.slice(-questions.length - 1)).toEqual([...questions, "Voter turned away: instances"]);
      expect(header).toContain("Review status");
      expect(header).toContain("Revision");
      expect(rows).toHaveLength(2);
      const byStation = new Map(rows.map((r) => [r[header.indexOf("Station code")], r]));
      const hostile = byStation.get("HO-150") ?? [];
      expect(hostile[header.indexOf("Station")]).toBe(`'${HOSTILE}`);
      expect(hostile[header.indexOf("How fast does the queue move?")]).toBe("Slow");
      expect(hostile[header.indexOf("Remarks")]).toBe("'+ busy");
      expect(hostile[header.indexOf("Voter turned away: instances")]).toBe("2");

      const repeat = parseCsv(
        (await download("csv-turned_away")).toString("utf8").replace(/^\uFEFF/, ""),
      ).map((r) => r.fields);
      expect(repeat[0]).toEqual(["Report", "Station code", "Instance", "Reason given"]);
      expect(repeat.slice(1).map((r) => [r[1], r[2], r[3]])).toEqual([
        ["HO-150", "1", "'-not on the register"],
        ["HO-150", "2", "no card"],
      ]);
    }, 120_000);

    it("downloads the XLSX where the formula-like name is a text cell and the repeat a sheet", async () => {
      const workbook = XLSX.read(await download("xlsx"), { type: "buffer", cellFormula: true });
      expect(workbook.SheetNames).toEqual(["Queue watch", "Voter turned away"]);
      const sheet = workbook.Sheets["Queue watch"] ?? {};
      const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
      const header = rows[0] as string[];
      const r = rows.findIndex((row) => row[header.indexOf("Station code")] === "HO-150");
      const cell = sheet[XLSX.utils.encode_cell({ r, c: header.indexOf("Station") })];
      expect(cell?.t).toBe("s");
      expect(cell?.f).toBeUndefined();
      expect(cell?.v).toBe(`'${HOSTILE}`);
      const queue = sheet[XLSX.utils.encode_cell({ r, c: header.indexOf("People in the queue") })];
      expect(queue?.t).toBe("n");
      expect(problems).toEqual([]);
    }, 120_000);

    it("pages through the missing reports and downloads them all", async () => {
      await page.goto(`${baseUrl}/elections/${election.electionId}/coverage`);
      const section = page.locator("section", {
        has: page.getByRole("heading", { name: /^Missing reports/ }),
      });
      // Two of the 213 planned stations have reported on polling day.
      await section.getByText("1–200 of 211.").waitFor();
      expect(await section.locator("tbody tr").count()).toBe(200);
      await section.getByRole("button", { name: /Next/ }).click();
      await section.getByText("201–211 of 211.").waitFor();
      expect(await section.locator("tbody tr").count()).toBe(11);
      expect(page.url()).toContain("missing=2");

      const text = (await download("missing-csv")).toString("utf8").replace(/^\uFEFF/, "");
      const [header = [], ...rows] = parseCsv(text).map((r) => r.fields);
      expect(header).toEqual(["Station", "Station name", "Area", "Team", "Observer", "Phone"]);
      const codes = new Set(rows.map((r) => r[0]));
      expect(codes.size).toBe(211);
      expect(codes.has("HO-150")).toBe(false);
      expect(codes.has("LG-200")).toBe(true);
      const workbook = XLSX.read(await download("missing-xlsx"), { type: "buffer", cellFormula: true });
      const sheet = workbook.Sheets[workbook.SheetNames[0] ?? ""] ?? {};
      expect(XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 })).toHaveLength(212);

      // Searched by part of a code, the list and its call list hold the matching stations only.
      const matching = new Set(
        rows.filter((r) => `${r[0]} ${r[1]}`.toLowerCase().includes("lg-20")).map((r) => r[0]),
      );
      expect(matching.size).toBeGreaterThan(0);
      await section.getByLabel("Station (part of a code or name)").fill("lg-20");
      await section.getByRole("button", { name: "Find" }).click();
      await expect.poll(() => section.locator("tbody tr").count()).toBe(matching.size);
      expect(page.url()).toContain("station=lg-20");
      expect(page.url()).not.toContain("missing=2");
      const searched = (await download("missing-csv")).toString("utf8").replace(/^\uFEFF/, "");
      expect(
        new Set(
          parseCsv(searched)
            .map((r) => r.fields[0])
            .slice(1),
        ),
      ).toEqual(matching);
      expect(problems).toEqual([]);
    }, 120_000);

    it("shows each analysis figure's table and downloads the same table; every table as one workbook", async () => {
      await page.goto(`${baseUrl}/elections/${election.electionId}/analysis`);
      const byArea = page.locator('[data-figure="areas"]');
      await byArea.waitFor();
      const view = byArea.locator('[data-table-view="areas"]');
      await view.locator("summary").click();
      const headers = await view.locator("thead th").allTextContents();
      expect(headers.slice(0, 4)).toEqual(["Indicator", "Indicator name", "Area code", "Area"]);
      await byArea.screenshot({ path: join(screenshotDir, "exports-area-table-view.png") });
      const shown = await view
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((row) => row.querySelector("td:nth-child(3)")?.textContent));
      // The districts with reports: the formula-named station's and KMA-101's.
      expect(shown).toEqual(["HO", "KMA"]);

      const [header = [], ...rows] = parseCsv(
        (await download('[data-figure="areas"] [data-download="csv"]'))
          .toString("utf8")
          .replace(/^\uFEFF/, ""),
      ).map((r) => r.fields);
      expect(header).toEqual(headers);
      expect(rows.map((r) => r[2])).toEqual(shown);
      expect(rows[0]?.[1]).toBe("'@slow queues");

      const workbook = XLSX.read(await download('[data-export="analysis-xlsx"]'), { type: "buffer" });
      // Every table of the page, one sheet each (the server's test names them all).
      expect(workbook.SheetNames).toHaveLength(6);
      const areas = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets["By area"] ?? {}, { header: 1 });
      expect(areas[0]).toEqual(headers);
      expect(areas.slice(1).map((r) => r[2])).toEqual(shown);
      expect(problems).toEqual([]);
    }, 120_000);
  });
}
