/**
 * Browser test of the Forensics page on the demo election: sign in, open Forensics from the
 * navigation, read the whole-number-percentage figures, the fingerprint and the regional ranking
 * (the demo's manipulated region on top), upload a results file (and a broken one), and open the
 * downloadable HTML report. Screenshots land in e2e/screenshots/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadDemo } from "@scrutiny/cli";
import { decodeText, unzipSingleTable } from "@scrutiny/domain";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { openPage, repoRoot, screenshotDir } from "./support/web.ts";

const TITLE = "browser: forensics of the demo election";

function slice2011(stations: number): string {
  const zip = new Uint8Array(readFileSync(join(repoRoot, "fixtures/data/russia-2011-duma.csv.zip")));
  const inner = unzipSingleTable(zip);
  if (!inner.ok) throw new Error(inner.error.message);
  return decodeText(inner.value.bytes)
    .split("\n")
    .slice(0, stations + 1)
    .join("\n");
}

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
    let manipulated = "";
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(
        async (store) => {
          const { demo } = await loadDemo(store);
          electionId = demo.election.id;
          manipulated =
            demo.areas.find((a) => a.code === demo.groundTruth.manipulatedRegionCode)?.name["en"] ?? "?";
        },
        // A few background fingerprint refits per report (the default 200 + 99 take minutes).
        { fingerprintReplicates: { bootstrap: 2, lrReplicates: 1, chunk: 1 } },
      );
      baseUrl = app.baseUrl;
      ({ context, page } = await openPage(
        app.browser,
        problems,
        { width: 1280, height: 900 },
        { expectedErrors: /status of (401|422)/ },
      ));
    }, 240_000);

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    it("signs in and opens Forensics from the navigation", async () => {
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel("Username").fill("coordinator");
      await page.getByLabel("Password").fill("coordinator-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(new RegExp(`/elections/${electionId}$`));
      await page.getByRole("link", { name: "Forensics" }).click();
      await page.waitForURL(new RegExp(`/elections/${electionId}/forensics`));
      await page.getByRole("heading", { level: 1, name: "Election forensics" }).waitFor();
    });

    it("shows the whole-number-percentage figures, the fingerprint and the regional ranking", async () => {
      const integer = page.getByTestId("integer-table");
      // The first report is computed on request (integer test and fraud-model fit): slow on a loaded machine.
      await integer.waitFor({ timeout: 150_000 });
      const either = integer.locator("tbody tr").first();
      expect(await either.locator("th").textContent()).toBe("Turnout or leader");
      const cells = await either.locator("td").allTextContents();
      expect(cells).toHaveLength(7);
      expect(Number((cells[4] ?? "").replace(/,/g, ""))).toBeGreaterThan(50);
      await page.getByTestId("fingerprint").locator("svg").first().waitFor();
      const ranking = page.getByTestId("breakdown-table");
      expect(await ranking.locator("tbody tr").first().locator("th").textContent()).toBe(manipulated);
      await page.getByLabel("Rank by").selectOption("corner");
      expect(await ranking.locator("tbody tr").first().locator("th").textContent()).toBe(manipulated);
      await page.screenshot({ path: join(screenshotDir, "forensics-demo.png"), fullPage: true });
      await page
        .getByTestId("fingerprint")
        .screenshot({ path: join(screenshotDir, "forensics-fingerprint.png") });
      await page.locator("section", { has: page.locator("#forensics-histograms") }).screenshot({
        path: join(screenshotDir, "forensics-histograms.png"),
      });
      // The histograms' table view: the bins holding stations, one column per histogram.
      const histogramTable = page.locator('[data-table-view="histograms"]');
      await histogramTable.locator("summary").click();
      await histogramTable.locator("table").waitFor(); // drawn once the toggle event has run
      expect(await histogramTable.locator("thead th").count()).toBe(3);
      expect(await histogramTable.locator("tbody tr").count()).toBeGreaterThan(10);
      // The fingerprint's and the digits' table views: the heatmap's cells, ten digits per contestant.
      const fingerprintTable = page.locator('[data-table-view="fingerprint"]');
      await fingerprintTable.locator("summary").click();
      await fingerprintTable.locator("table").waitFor(); // drawn once the toggle event has run
      expect(await fingerprintTable.locator("thead th").allTextContents()).toEqual([
        "Turnout from (%)",
        "Turnout to (%)",
        "Leader's share from (%)",
        "Leader's share to (%)",
        "Share of voters",
      ]);
      // Thousands of cells: drawn a page of 100 rows at a time, the pages said and stepped through.
      expect(await fingerprintTable.locator("tbody tr").count()).toBe(100);
      expect(await fingerprintTable.locator("[data-table-rows]").textContent()).toMatch(
        /^Rows 1–100 of [\d,]+;/,
      );
      const firstRow = await fingerprintTable.locator("tbody tr").first().textContent();
      await fingerprintTable.getByRole("button", { name: /Next/ }).click();
      await fingerprintTable.getByText(/^Rows 101–200 of/).waitFor();
      expect(await fingerprintTable.locator("tbody tr").first().textContent()).not.toBe(firstRow);
      await fingerprintTable.locator('[data-download="csv"]').waitFor();
      const digitsTable = page.locator('[data-table-view="lastDigits"]');
      await digitsTable.locator("summary").click();
      await digitsTable.locator("table").waitFor(); // drawn once the toggle event has run
      expect((await digitsTable.locator("tbody tr").count()) % 10).toBe(0);
      // Closed again: the tests after this one read the page with its tables folded.
      for (const view of [histogramTable, fingerprintTable, digitsTable])
        await view.locator("summary").click();
      expect(await page.locator('[data-export="forensics-xlsx"]').getAttribute("href")).toContain("/tables?");
      await page.locator("section", { has: page.locator("#forensics-integer") }).screenshot({
        path: join(screenshotDir, "forensics-integer.png"),
      });
      await ranking.screenshot({ path: join(screenshotDir, "forensics-ranking.png") });
    }, 180_000);

    it("uploads a results file, leaves a broken row out (listed), and refuses it in strict mode", async () => {
      await page.getByLabel("Results file").setInputFiles({
        name: "duma-2011-slice.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(slice2011(2000)),
      });
      await page.getByLabel("Name (optional)").fill("Duma 2011, first 2,000 stations");
      await page.getByRole("button", { name: "Upload and analyse" }).click();
      await page
        .getByText("Imported Duma 2011, first 2,000 stations: 2,000 stations.")
        .waitFor({ timeout: 60_000 });
      await page.getByTestId("integer-table").waitFor({ timeout: 60_000 });
      // The new set is chosen once the list of sources is read again.
      await expect
        .poll(() => page.getByLabel("Results analysed").locator("option:checked").textContent())
        .toContain("Duma 2011");
      await page.screenshot({ path: join(screenshotDir, "forensics-uploaded.png"), fullPage: true });

      const broken = slice2011(30)
        .split("\n")
        .map((row, i) => (i === 9 ? row.replace(/^([^,]*,[^,]*,[^,]*),\d+/, "$1,many") : row))
        .join("\n");
      await page.getByLabel("Results file").setInputFiles({
        name: "broken.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(broken),
      });
      // Not strict: the broken row is left out and listed in the report.
      await page.getByRole("button", { name: "Upload and analyse" }).click();
      await page.getByText(": 29 stations.").waitFor({ timeout: 60_000 });
      const excluded = page.locator("section", { has: page.locator("#forensics-exclusions") });
      await excluded.waitFor({ timeout: 60_000 });
      const listed = (await excluded.textContent()) ?? "";
      expect(listed).toContain("1 of 30 rows were left out");
      expect(listed).toContain("not a whole number");
      await excluded.screenshot({ path: join(screenshotDir, "forensics-excluded.png") });
      // Strict: the same file is refused with its line.
      await page.getByLabel("Strict: refuse the file if any row would be left out").check();
      await page.getByRole("button", { name: "Upload and analyse" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "The file was not imported" });
      await alert.waitFor({ timeout: 30_000 });
      const first = await alert
        .locator("tbody tr", { hasText: "not a whole number" })
        .first()
        .locator("td")
        .allTextContents();
      expect(first[0]).toBe("10");
      expect(first[2]).toContain("not a whole number");
      await alert.screenshot({ path: join(screenshotDir, "forensics-upload-error.png") });
      // Three uploads, each parsed and analysed on the worker: over a minute on a loaded machine.
    }, 240_000);

    it("maps the columns of a file in another layout by header, with a preview, and analyses it", async () => {
      // A layout of our own: semicolons, no valid or invalid column, an unnamed station column,
      // candidates recognised by their header, "NA" for a station without a protocol.
      const header = [
        "",
        "Province",
        "Electors",
        "Ballots given",
        "Cand: Alpha",
        "Cand: Beta",
        "Cand: Gamma",
        "Note",
      ];
      const rows = Array.from({ length: 120 }, (_, i) => {
        const electors = 500 + ((i * 37) % 900);
        const given = Math.round(electors * (0.45 + ((i * 13) % 30) / 100));
        const alpha = Math.round(given * 0.5);
        const beta = Math.round(given * 0.3);
        const gamma = given - alpha - beta - (i % 4);
        return i === 7
          ? [`P-${i + 1}`, i < 60 ? "East" : "West", electors, "NA", "NA", "NA", "NA", ""]
          : [
              `P-${i + 1}`,
              i < 60 ? "East" : "West",
              electors,
              given,
              alpha,
              beta,
              gamma,
              i % 9 === 0 ? "late" : "",
            ];
      });
      const csv = [header, ...rows].map((r) => r.join(";")).join("\n");
      await page.getByLabel("Strict: refuse the file if any row would be left out").uncheck();
      await page.getByLabel("Results file").setInputFiles({
        name: "provinces.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv),
      });
      await page.getByLabel("Name (optional)").fill("Provinces (own layout)");
      await page.getByLabel("Columns", { exact: true }).selectOption("columns");
      const step = page.getByTestId("mapping-step");
      await step.waitFor();
      const filePreview = step.getByTestId("mapping-file-preview");
      expect(await filePreview.locator("thead th").allTextContents()).toContain("4. Ballots given");
      expect(await filePreview.locator("tbody tr").count()).toBe(5);
      await step.getByLabel("Station", { exact: true }).selectOption({ label: "1. (no header)" });
      await step.getByLabel("Region (optional)").selectOption({ label: "2. Province" });
      await step.getByLabel("Registered voters").selectOption({ label: "3. Electors" });
      await step
        .getByLabel("Ballots issued (one or more, summed)")
        .selectOption([{ label: "4. Ballots given" }]);
      await step.getByLabel("Valid ballots", { exact: true }).selectOption("sum");
      await step.getByLabel("Invalid ballots", { exact: true }).selectOption("derive");
      await step.getByLabel("Header pattern (regular expression)").fill("^cand:");
      await step.getByText("3 candidate columns: Cand: Alpha, Cand: Beta, Cand: Gamma").waitFor();
      // The first rows as the mapping reads them: valid derived as the sum, invalid as the rest.
      const read = step.getByTestId("mapping-read-preview");
      const first = await read.locator("tbody tr").first().locator("th, td").allTextContents();
      const [, , electors, given, alpha, beta, gamma] = rows[0] as number[];
      expect(first).toEqual([
        "P-1",
        (electors ?? 0).toLocaleString("en-US"),
        (given ?? 0).toLocaleString("en-US"),
        ((alpha ?? 0) + (beta ?? 0) + (gamma ?? 0)).toLocaleString("en-US"),
        String((given ?? 0) - (alpha ?? 0) - (beta ?? 0) - (gamma ?? 0)),
      ]);
      await step.getByText("valid ballots = sum of the contestants' votes").first().waitFor();
      await step.screenshot({ path: join(screenshotDir, "forensics-mapping-step.png") });
      await page.getByRole("button", { name: "Upload and analyse" }).click();
      await page.getByText("Imported Provinces (own layout): 119 stations.").waitFor({ timeout: 60_000 });
      const excluded = page.locator("section", { has: page.locator("#forensics-exclusions") });
      await excluded.waitFor({ timeout: 60_000 });
      expect(await excluded.textContent()).toContain("1 of 120 rows were left out");
      // The fingerprint's refits run in the background; the page shows the test once they are in.
      await page
        .getByTestId("fingerprint-test")
        .getByText(/from 1 replicates/)
        .waitFor({ timeout: 180_000 });
    }, 240_000);

    it("serves the HTML report for download and it renders offline", async () => {
      const href = await page.getByRole("link", { name: "Download the report (HTML)" }).getAttribute("href");
      expect(href).toContain("report.html");
      const response = await page.request.get(
        `${baseUrl}${(href ?? "").replace("download=1", "download=0")}`,
      );
      expect(response.status()).toBe(200);
      const html = await response.text();
      const view = await context?.newPage();
      if (!view) throw new Error("no browser context");
      await view.setContent(html);
      await view.getByRole("heading", { name: /Integer percentages/ }).waitFor();
      await view.screenshot({ path: join(screenshotDir, "forensics-html-report.png"), fullPage: true });
      await view.close();
    });

    it("reads in Russian", async () => {
      await page.locator("button[lang=ru]").click();
      await page.getByRole("heading", { level: 1, name: "Статистический анализ итогов" }).waitFor();
      await page.getByText("Целые проценты", { exact: true }).waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(screenshotDir, "forensics-ru.png") });
      // The rows left out say why in Russian: from the parser's codes, not its English sentence.
      const excluded = page.locator("section", { has: page.locator("#forensics-exclusions") });
      const details = await excluded
        .locator("table")
        .nth(1)
        .locator("tbody td:nth-child(5)")
        .allTextContents();
      expect(details.length).toBeGreaterThan(0);
      for (const detail of details) expect(detail).toMatch(/[\u0400-\u04FF]/);
      expect(problems).toEqual([]);
    });
  });
}
