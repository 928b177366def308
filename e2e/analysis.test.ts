/**
 * Browser test of the Analysis page on the demo election: the international mission's analyst
 * opens Analysis from the navigation and reads the indicators by phase, the map of regions, the
 * team-severity chart with its flags (matching the API), the PVT panel, and the three missions
 * side by side with the convenience mission labelled as not generalising; then the page in
 * Russian. Screenshots land in e2e/screenshots/.
 */
import { join } from "node:path";
import { loadDemo } from "@scrutiny/cli";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { overlappingLabels } from "./support/page-checks.ts";
import { openPage, screenshotDir } from "./support/web.ts";

const TITLE = "browser: analysis of the demo election";

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let baseUrl = "";
    let context: BrowserContext | undefined;
    let page: Page;
    let electionId = "";
    let intlMissionId = "";
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(async (store) => {
        const { demo } = await loadDemo(store);
        electionId = demo.election.id;
        intlMissionId = demo.missions.find((m) => m.code === "IEOM")?.id ?? "";
      });
      baseUrl = app.baseUrl;
      ({ context, page } = await openPage(app.browser, problems, { width: 1360, height: 900 }));
    }, 240_000);

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    it("signs in as the analyst and opens Analysis from the navigation", async () => {
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel("Username").fill("analyst");
      await page.getByLabel("Password").fill("analyst-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(new RegExp(`/elections/${electionId}`));
      await page.getByRole("link", { name: "Analysis" }).click();
      await page.waitForURL(new RegExp(`/elections/${electionId}/analysis`));
      await page.getByRole("heading", { level: 1, name: "Analysis" }).waitFor();
    }, 60_000);

    it("shows indicators by phase with intervals and exclusions, and the map of regions", async () => {
      const table = page.locator('[data-figure="indicators"]');
      await table.waitFor({ timeout: 60_000 });
      const votingBad = table.locator('tbody[data-indicator="voting-bad"]');
      await expect(votingBad.locator("tr").count()).resolves.toBeGreaterThan(2);
      await expect(votingBad.textContent()).resolves.toMatch(/Voting assessed bad or very bad/);
      await expect(votingBad.textContent()).resolves.toMatch(/\d+\.\d% – \d+\.\d%/);
      const map = page.locator('[data-figure="areas"] svg.region-map');
      await map.waitFor({ timeout: 60_000 });
      await expect(map.locator("[data-region]").count()).resolves.toBe(7);
      await page.screenshot({ path: join(screenshotDir, "desktop-analysis-top.png") });
    }, 90_000);

    it("charts team severity and shows the same flags as the API", async () => {
      const figure = page.locator('[data-figure="severity"]');
      await figure.waitFor({ timeout: 120_000 });
      await figure.locator("svg circle").first().waitFor({ timeout: 60_000 });
      await expect(figure.locator("svg circle").count()).resolves.toBeGreaterThan(100);
      const api = await page.evaluate(async (missionId) => {
        const response = await fetch(`/api/v1/missions/${missionId}/analysis/observer-effects`);
        return (await response.json()) as {
          effects: { indicatorCode: string; teams: { teamCode: string; flag: string | null }[] }[];
        };
      }, intlMissionId);
      const voting = api.effects.find((e) => e.indicatorCode === "voting-bad");
      const flagged = (voting?.teams ?? []).filter((t) => t.flag !== null);
      const harsh = flagged.filter((t) => t.flag === "harsh").length;
      const lenient = flagged.filter((t) => t.flag === "lenient").length;
      await expect(page.locator('[data-flag-count="harsh"]').textContent()).resolves.toBe(String(harsh));
      await expect(page.locator('[data-flag-count="lenient"]').textContent()).resolves.toBe(String(lenient));
      // The demo's routes let the analysis find its deliberately harsh and lenient teams.
      expect(harsh).toBeGreaterThanOrEqual(3);
      expect(lenient).toBeGreaterThanOrEqual(1);
      await expect(figure.getByTestId("no-flags").count()).resolves.toBe(0);
      await expect(figure.locator('[data-testid="flagged-teams"] li').count()).resolves.toBe(flagged.length);
      for (const t of flagged) {
        await expect(figure.locator(`[data-team="${t.teamCode}"]`).getAttribute("data-flag")).resolves.toBe(
          t.flag,
        );
      }
      await figure.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshotDir, "desktop-analysis-severity.png") });
      // The flagged teams' labels (several harsh teams side by side at the top) do not pile up.
      expect(await overlappingLabels(page)).toEqual([]);
    }, 180_000);

    it("shows the PVT against official results", async () => {
      const pvt = page.locator('[data-figure="pvt"]');
      await pvt.waitFor({ timeout: 60_000 });
      await expect(pvt.textContent()).resolves.toMatch(/Party of Unity/);
      await expect(pvt.textContent()).resolves.toMatch(/differs from the published one: \d+/);
      await pvt.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshotDir, "desktop-analysis-pvt.png") });
    }, 60_000);

    it("puts the three missions side by side, the convenience one labelled", async () => {
      const comparison = page.getByTestId("comparison");
      await comparison.locator("table").waitFor({ timeout: 60_000 });
      for (const code of ["CFE", "IEOM", "IPAOM"]) {
        await expect(comparison.locator(`th[data-mission="${code}"]`).count()).resolves.toBe(1);
      }
      await expect(comparison.locator('th[data-mission="IPAOM"]').textContent()).resolves.toMatch(
        /does not generalise/,
      );
      await expect(comparison.locator('th[data-mission="IEOM"]').textContent()).resolves.not.toMatch(
        /does not generalise/,
      );
      await expect(comparison.locator("tbody tr").count()).resolves.toBeGreaterThan(4);
      await comparison.locator("svg").last().waitFor();
      // The chart's legend names the missions as the table does, not by their codes.
      const legend = (await comparison.locator('[class*="-swatches"]').allTextContents()).join(" ");
      for (const code of ["CFE", "IEOM", "IPAOM"]) {
        const name = await comparison.locator(`th[data-mission="${code}"] span[lang]`).first().textContent();
        expect(name, code).toBeTruthy();
        expect(legend).toContain(name);
        expect(legend.split(/\s+/)).not.toContain(code);
      }
      await comparison.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshotDir, "desktop-analysis-comparison.png") });
      await page.screenshot({ path: join(screenshotDir, "desktop-analysis.png"), fullPage: true });
    }, 60_000);

    it("reads in Russian", async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole("button", { name: "Русский" }).click();
      await page.getByRole("heading", { level: 1, name: "Анализ" }).waitFor({ timeout: 60_000 });
      await page.getByTestId("comparison").locator("table").waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(screenshotDir, "desktop-analysis-ru.png") });
    }, 90_000);

    it("had no errors in the browser", () => {
      expect(problems).toEqual([]);
    });
  });
}
