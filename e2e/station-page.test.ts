/**
 * Browser test of the station page against the real server on a scratch PGlite store: reached
 * from a report, it shows the station's areas, the team's visit, the mission's reports across
 * phases, the official protocol and where the observers' copy differs from it; at desktop and
 * phone width, in English and Russian, with screenshots.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { contentHash, type FormDefinition } from "@scrutiny/domain";
import { buildServer } from "@scrutiny/server";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelope, ids, seedSubmissionFixtures, signIn } from "../apps/server/test/support.ts";
import { openScratchStore } from "../test-support/backends.ts";
import { isChromiumAvailable, launchChromium } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { buildWebIfStale, openPage, overflowing, screenshotDir, webRoot } from "./support/web.ts";

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
    let store: Store;
    let dispose: (() => Promise<void>) | undefined;
    let server: FastifyInstance | undefined;
    let browser: Browser | undefined;
    let baseUrl = "";
    const problems: string[] = [];

    beforeAll(async () => {
      mkdirSync(screenshotDir, { recursive: true });
      const built = buildWebIfStale();
      const opened = await openScratchStore("pglite");
      store = opened.store;
      dispose = opened.dispose;
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
      server = await buildServer({ store, webRoot });
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
      await built;
      baseUrl = await server.listen({ port: 0, host: "127.0.0.1" });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await dispose?.();
    });

    async function signInAs(page: Page, username: string, path: string) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel("Username").fill(username);
      await page.getByLabel("Password").fill("pw");
      await page.getByRole("button", { name: "Sign in" }).click();
    }

    it("is reached from a report and shows visits, reports, the protocol and the difference", async () => {
      const { context, page } = await openPage(
        browser,
        problems,
        { width: 1280, height: 900 },
        { timezoneId: "UTC" },
      );
      await signInAs(page, "coordinator", `/elections/${ids.election}/submissions/${countReport}`);
      await page.getByRole("link", { name: /PS-1/ }).first().click();
      await page.waitForURL(`${baseUrl}/elections/${ids.election}/stations/${ids.station1}`);
      await page.getByRole("heading", { level: 1, name: /PS-1/ }).waitFor();
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
        browser,
        problems,
        { width: 390, height: 844 },
        { mobile: true, timezoneId: "UTC" },
      );
      await page.addInitScript(() => window.localStorage.setItem("scrutiny.language", "ru"));
      await page.goto(`${baseUrl}/elections/${ids.election}/stations/${ids.station1}`);
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
