/**
 * Browser test of the public portal as an anonymous reader: two missions' snapshots of one
 * election, a published indicator with its interval and denominator, the missions side by side,
 * the downloads and the log's checkpoint and key. The portal loads its own bundle only, calls
 * public routes only, and shows nothing that was not published.
 */
import { join } from "node:path";
import { buildServer } from "@scrutiny/server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MARKERS,
  publish,
  seedPublishingMissions,
  uploadOfficialResults,
} from "../apps/server/test/publication-fixture.ts";
import { seedSubmissionFixtures } from "../apps/server/test/support.ts";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { englishWords } from "./support/page-checks.ts";
import { openPage, overflowing, screenshotDir } from "./support/web.ts";

const TITLE = "browser: public portal, anonymous";

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let running: RunningApp | undefined;
    let browser: Browser | undefined;
    const publications: string[] = [];
    const problems: string[] = [];
    const requested: string[] = [];
    const pages: string[] = [];

    beforeAll(async () => {
      running = await startApp(async (store) => {
        await seedSubmissionFixtures(store);
        const app = await buildServer({ store });
        const missions = await seedPublishingMissions(store, app);
        // Alpha publishes the forensics of official results it uploaded with its snapshot, and an
        // assessment indicator (with its observer effects).
        const setId = missions[0] === undefined ? "" : await uploadOfficialResults(app, missions[0]);
        const assessed = await app.inject({
          method: "PUT",
          url: `/api/v1/missions/${missions[0]?.id}/analysis/indicators/voting-bad`,
          cookies: missions[0]?.coordinator,
          payload: {
            kind: "share",
            name: { en: "Voting assessed bad" },
            unit: "visit",
            formKind: "voting",
            condition: "${overall_assessment} = 'bad' or ${overall_assessment} = 'very_bad'",
            assessment: {
              question: "overall_assessment",
              scale: ["very_good", "good", "bad", "very_bad"],
              cut: "bad",
            },
          },
        });
        if (assessed.statusCode !== 201) throw new Error(assessed.body);
        for (const [k, mission] of missions.entries())
          publications.push(
            (
              await publish(
                app,
                mission,
                `Statement of ${mission.code}`,
                k === 0 ? [{ source: setId, level: "kommune", replicates: 3 }] : undefined,
              )
            ).id,
          );
        await app.close();
      });
      browser = running.browser;
    }, 240_000);
    afterAll(async () => {
      await running?.close();
    });

    async function portal(): Promise<Page> {
      const { page } = await openPage(browser, problems, { width: 1280, height: 900 });
      page.on("request", (request) => requested.push(new URL(request.url()).pathname));
      return page;
    }

    it("shows the election, the two missions side by side, and a published indicator with its interval", async () => {
      const page = await portal();
      await page.goto(`${running?.baseUrl}/portal/`);
      await page.getByRole("link", { name: "Sample election" }).click();
      await page.getByRole("heading", { name: "Missions side by side" }).waitFor();
      const row = page.locator('tr[data-match="box-unsealed"]');
      await expect(row.locator('td[data-mission="alpha-watch"]').textContent()).resolves.toMatch(
        /33\.3%[\s\S]*8 \/ 24/,
      );
      await expect(row.locator('td[data-mission="beta-monitor"]').textContent()).resolves.toMatch(
        /20\.8%[\s\S]*5 \/ 24/,
      );
      await expect(row.textContent()).resolves.toMatch(/Alpha Watch − Beta Monitor: 12\.5%/);
      pages.push(await page.content());
      await page.screenshot({ path: join(screenshotDir, "portal-election.png"), fullPage: true });

      await page.getByRole("link", { name: "Statement of alpha-watch" }).click();
      const indicator = page.locator('[data-indicator="box-unsealed"]');
      await indicator.getByRole("heading", { name: "Ballot box not sealed" }).waitFor();
      const overall = indicator.locator('tr[data-figure="box-unsealed/overall/all"]');
      const cells = await overall.locator("td").allTextContents();
      // 24 visits: under the 30 units of a reliable cell, and marked so.
      expect(cells[0]).toBe("33.3%small cell");
      expect(cells[1]).toMatch(/^\d+\.\d% – \d+\.\d%$/);
      expect(cells[2]).toBe("8 / 24");
      // Breakdowns: by phase and by region, named as the snapshot names them.
      await indicator
        .locator('tr[data-figure="box-unsealed/phase/early-1"]')
        .getByText("Early voting, day 1")
        .waitFor();
      await indicator.locator('tr[data-figure="box-unsealed/area/N"]').getByText("North").waitFor();
      expect(await overflowing(page, 1280)).toEqual([]);
      pages.push(await page.content());
      await page.screenshot({ path: join(screenshotDir, "portal-publication.png"), fullPage: true });
    }, 120_000);

    it("shows the published forensics of the official results with their readings and intervals", async () => {
      const page = await portal();
      await page.goto(`${running?.baseUrl}/portal/#/publications/${publications[0]}`);
      await page.getByRole("heading", { name: "Forensics of the official results" }).waitFor();
      const analysis = page.locator('[data-forensics="forensics-1"]');
      await analysis.getByRole("heading", { name: "Valgresultat (endelig)" }).waitFor();
      await analysis.getByRole("img", { name: /Stations by turnout/ }).waitFor();
      const integer = (await analysis.locator('tr[data-test="integer"]').textContent()) ?? "";
      expect(integer).toMatch(/44 of 158 stations/);
      expect(integer).toMatch(/honest counts: \d+ ± \d+/);
      expect(integer).toMatch(/report a whole-number turnout or leader percentage/);
      const interval = (await analysis.locator('td[data-interval="fi"]').textContent()) ?? "";
      expect(interval).toMatch(/\d+\.\d% – \d+\.\d%/);
      expect(await analysis.locator('tr[data-test="fingerprint"]').textContent()).toMatch(/Klimek/);
      expect(await analysis.locator('tr[data-test="exclusions"]').textContent()).toMatch(/1 of 161 rows/);
      await analysis.locator('table[data-breakdown="kommune"]').waitFor();
      await analysis.getByRole("link", { name: "forensics-1.json", exact: true }).waitFor();
      // The assessment indicator's observer effects: as reported, with interval and denominator.
      const effects = page.locator('tr[data-effects="voting-bad"]');
      await expect(effects.textContent()).resolves.toMatch(
        /Voting assessed bad\d+\.\d% \(\d+\.\d% – \d+\.\d%\)8 \/ 24/,
      );
      expect(await overflowing(page, 1280)).toEqual([]);
      pages.push(await page.content());
      await page.screenshot({ path: join(screenshotDir, "portal-forensics.png"), fullPage: true });
    }, 120_000);

    it("offers the downloads with their hashes, and the zip downloads", async () => {
      const page = await portal();
      await page.goto(`${running?.baseUrl}/portal/#/publications/${publications[0]}`);
      await page.getByRole("heading", { name: "Downloads" }).waitFor();
      for (const name of ["datapackage.json", "estimates.csv", "reports.csv", "methods.md"])
        await page.getByRole("link", { name, exact: true }).waitFor();
      const zipLink = page.getByRole("link", { name: "Whole data package (zip)" });
      const href = await zipLink.getAttribute("href");
      const zip = await page.request.get(`${running?.baseUrl}${href}`);
      expect(zip.status()).toBe(200);
      expect(zip.headers()["content-type"]).toBe("application/zip");
      await expect(page.locator("pre.portal-command").textContent()).resolves.toContain(
        `scrutiny recompute ${running?.baseUrl}${href}`,
      );
      pages.push(await page.content());
    }, 120_000);

    it("shows the log's checkpoint, its verifier key and how to verify", async () => {
      const page = await portal();
      await page.goto(`${running?.baseUrl}/portal/`);
      await page.getByRole("link", { name: "How to verify" }).click();
      const checkpoint = (await page.getByTestId("checkpoint").textContent()) ?? "";
      const served = await (await page.request.get(`${running?.baseUrl}/log/checkpoint`)).text();
      expect(checkpoint.trim()).toBe(served.trim());
      expect(checkpoint.split("\n")[0]).toBe("scrutiny.invalid/log");
      await expect(page.getByTestId("verifier-key").textContent()).resolves.toMatch(
        /^scrutiny\.invalid\/log\+[0-9a-f]{8}\+/,
      );
      await page.getByText("No witness has cosigned this log yet.").waitFor();
      await expect(page.locator("pre.portal-command").first().textContent()).resolves.toContain(
        `scrutiny verify --no-database --url ${running?.baseUrl}/log`,
      );
      pages.push(await page.content());
      await page.screenshot({ path: join(screenshotDir, "portal-verify.png"), fullPage: true });
    }, 120_000);

    it("says in Russian that a publication does not exist, and that the server cannot be reached", async () => {
      const { context, page } = await openPage(
        browser,
        problems,
        { width: 390, height: 800 },
        {
          mobile: true,
          locale: "ru-RU",
          expectedErrors: /status of 404|ERR_CONNECTION_RESET/,
        },
      );
      try {
        await page.goto(`${running?.baseUrl}/portal/#/publications/00000000-0000-4000-8000-00000000dead`);
        const alert = page.getByRole("alert");
        await alert.waitFor();
        await expect(alert.textContent()).resolves.toBe("Не удалось загрузить: Такой публикации нет.");
        await expect(englishWords(page)).resolves.toEqual([]);
        await page.screenshot({ path: join(screenshotDir, "portal-ru-not-found.png"), fullPage: true });

        await page.route("**/api/v1/public/elections", (route) => route.abort("connectionreset"));
        await page.goto(`${running?.baseUrl}/portal/`);
        await expect(page.getByRole("alert").textContent()).resolves.toBe(
          "Не удалось загрузить: Сервер недоступен. Проверьте подключение и попробуйте снова.",
        );
        await expect(englishWords(page)).resolves.toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);

    it("loaded only the portal's bundle and public routes, and showed nothing unpublished", () => {
      expect(problems).toEqual([]);
      const api = requested.filter((path) => path.startsWith("/api/"));
      expect(api.length).toBeGreaterThan(0);
      expect(api.filter((path) => !path.startsWith("/api/v1/public/"))).toEqual([]);
      expect(requested.filter((path) => /^\/assets\/main-/.test(path))).toEqual([]);
      const html = pages.join("\n");
      for (const marker of [MARKERS.observerName, MARKERS.freeText, MARKERS.sealText, MARKERS.accessCodeUser])
        expect(html).not.toContain(marker);
    });
  });
}
