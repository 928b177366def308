/**
 * Browser test of the station page against the real server on a scratch PGlite store: reached
 * from a report, it shows the station's areas, the team's visit, the mission's reports across
 * phases, the official protocol and where the observers' copy differs from it; at desktop and
 * phone width, in English and Russian, with screenshots.
 */
import { join } from "node:path";
import { contentHash, type FormDefinition } from "@scrutiny/domain";
import { buildServer } from "@scrutiny/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelope, ids, seedSubmissionFixtures, signIn } from "../apps/server/test/support.ts";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { openPage, overflowing, screenshotDir, signInThroughPage } from "./support/web.ts";

const TITLE = "browser: the station page";
const countingFormId = "00000000-0000-4000-8000-0000000001b1";
const countReport = "00000000-0000-4000-8000-00000000d001";
const earlyReport = "00000000-0000-4000-8000-00000000d002";

const countingForm = {
  id: countingFormId,
  version: 1,
  kind: "counting",
  title: { en: "Count", ru: "Подсчёт" },
  languages: ["en", "ru"],
  defaultLanguage: "en",
  choiceLists: {},
  items: [
    {
      type: "integer",
      name: "protocol_registered",
      label: { en: "Registered", ru: "Зарегистрировано" },
      min: 0,
    },
    { type: "integer", name: "protocol_ballots_issued", label: { en: "Issued", ru: "Выдано" }, min: 0 },
    { type: "integer", name: "protocol_valid", label: { en: "Valid", ru: "Действительные" }, min: 0 },
    { type: "integer", name: "protocol_invalid", label: { en: "Invalid", ru: "Недействительные" }, min: 0 },
    { type: "integer", name: "votes_A", label: { en: "A", ru: "А" }, min: 0 },
  ],
  checks: [],
} as unknown as FormDefinition;

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(async (store) => {
        await seedSubmissionFixtures(store);
        await store.forms.create({
          id: countingFormId,
          electionId: ids.election,
          missionId: null,
          code: "count",
          kind: "counting",
          definition: countingForm,
          contentHash: contentHash(countingForm),
        });
        const server = await buildServer({ store });
        const observer = await signIn(server, "observer");
        const batch = await server.inject({
          method: "POST",
          url: "/api/v1/submissions/batch",
          cookies: observer,
          payload: {
            submissions: [
              envelope({ id: earlyReport, phaseCode: "early-1", submittedAt: "2019-11-12T10:00:00Z" }),
              envelope({
                id: countReport,
                formId: countingFormId,
                submittedAt: "2019-11-17T20:30:00Z",
                answers: {
                  protocol_registered: 1000,
                  protocol_ballots_issued: 720,
                  protocol_valid: 690,
                  protocol_invalid: 10,
                  votes_A: 690,
                },
              }),
            ],
          },
        });
        expect(batch.json().results.map((r: { status: number }) => r.status)).toEqual([201, 201]);
        await server.close();
      });
    });

    afterAll(async () => {
      await app?.close();
    });

    it("is reached from a report and shows visits, reports, the protocol and the difference", async () => {
      const { context, page } = await openPage(
        app?.browser,
        problems,
        { width: 1280, height: 900 },
        { timezoneId: "UTC" },
      );
      await signInThroughPage(
        page,
        app?.baseUrl ?? "",
        `/elections/${ids.election}/submissions/${countReport}`,
        "coordinator",
      );
      await page.getByRole("link", { name: /PS-1/ }).first().click();
      await page.waitForURL(`${app?.baseUrl}/elections/${ids.election}/stations/${ids.station1}`);
      // The report's own heading names PS-1 too: wait for the station page's sections.
      await page.getByRole("heading", { level: 2, name: "Official result" }).waitFor();
      await page.locator("tr[data-report]").nth(1).waitFor();
      const text = await page.locator("main").textContent();
      expect(text).toContain("North 1");
      expect(text).toContain("T01");
      // Both phases' reports, oldest first.
      expect(
        await page
          .locator("tr[data-report]")
          .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-report"))),
      ).toEqual([earlyReport, countReport]);
      expect(text).toContain("Candidate A");
      const comparison = page.locator(`[data-comparison="${countReport}"]`);
      expect(await comparison.textContent()).toContain("1 figure(s) differ");
      const different = comparison.locator("tr.is-different");
      expect(await different.count()).toBe(1);
      expect(await different.textContent()).toContain("Ballots issued");
      expect(await different.textContent()).toContain("+20");
      expect(await overflowing(page, 1280)).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshotDir, "desktop-station.png"), fullPage: true });
      await context.close();
    });

    it("fits a phone in Russian", async () => {
      const { context, page } = await openPage(
        app?.browser,
        problems,
        { width: 390, height: 844 },
        { mobile: true, timezoneId: "UTC" },
      );
      await page.addInitScript(() => window.localStorage.setItem("scrutiny.language", "ru"));
      await page.goto(`${app?.baseUrl}/elections/${ids.election}/stations/${ids.station1}`);
      await page.waitForURL(/\/sign-in$/);
      await page.locator("input[autocomplete=username]").fill("analyst");
      await page.locator("input[type=password]").fill("pw");
      await page.locator("button[type=submit]").click();
      await page.getByRole("heading", { name: "Официальный результат" }).waitFor();
      expect(await page.locator("main").textContent()).toContain("Выдано бюллетеней");
      await page.screenshot({ path: join(screenshotDir, "phone-station-ru.png"), fullPage: true });
      expect(await overflowing(page, 390)).toEqual([]);
      await context.close();
    });

    it("raised no console or page errors", () => {
      expect(problems).toEqual([]);
    });
  });
}
