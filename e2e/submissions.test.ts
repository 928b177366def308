import { join } from "node:path";
import { parseCsv, votingTemplate } from "@scrutiny/domain";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formId, ids, seedSubmissionFixtures, signIn } from "../apps/server/test/support.ts";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { openPage, overflowing, screenshotDir, signInThroughPage } from "./support/web.ts";

const TITLE = "browser: submissions, review and form preview";

/** The voting template (English and Russian, groups, skip logic) as a second form of the election. */
const templateFormId = "00000000-0000-4000-8000-0000000000f2";

const REPORTS = 55;
const stations = [ids.station1, ids.station2, ids.station3] as const;
const reportId = (i: number) => `00000000-0000-4000-8000-${(0xabc000 + i).toString(16).padStart(12, "0")}`;
/** Every fourth report counts more voters than are registered: a data-quality flag. */
const isFlagged = (i: number) => i % 4 === 0;
const assessments = ["very_good", "good", "bad", "very_bad"] as const;

function report(i: number) {
  return {
    id: reportId(i),
    formId,
    formVersion: 1,
    stationId: stations[i % 3],
    phaseCode: i % 5 === 0 ? "early-1" : "election-day",
    submittedAt: new Date(Date.UTC(2019, 10, 17, 6, i)).toISOString(),
    answers: {
      ballot_box_sealed: i % 7 === 0 ? "no" : "yes",
      ...(i % 7 === 0 ? { seal_problem: "The seal was broken" } : {}),
      voters_counted: 100 + i,
      registered: isFlagged(i) ? 50 : 1000,
      overall_assessment: assessments[i % 4],
    },
  };
}

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let server: FastifyInstance;
    let browser: Browser | undefined;
    let baseUrl = "";
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(async (seeded) => {
        await seedSubmissionFixtures(seeded);
        await seeded.forms.create({
          id: templateFormId,
          electionId: ids.election,
          missionId: null,
          code: "voting-template",
          kind: "voting",
          definition: { ...votingTemplate, id: templateFormId },
          contentHash: "template",
        });
      });
      ({ server, baseUrl, browser } = app);
      // Reports arrive through the API as an observer's phone sends them (flags computed there).
      const observer = await signIn(server, "observer");
      const batch = await server.inject({
        method: "POST",
        url: "/api/v1/submissions/batch",
        cookies: observer,
        payload: { submissions: Array.from({ length: REPORTS }, (_, i) => report(i)) },
      });
      expect(batch.statusCode).toBe(200);
      expect(batch.json().results.every((r: { status: number }) => r.status === 201)).toBe(true);
      // The coordinator corrects report 0 once: a revision history with a change to show.
      const coordinator = await signIn(server, "coordinator");
      const amended = await server.inject({
        method: "POST",
        url: `/api/v1/submissions/${reportId(0)}/amendments`,
        cookies: coordinator,
        payload: {
          answers: { ...report(0).answers, voters_counted: 140, comments: "Recounted with the observer" },
          reason: "Observer phoned in a corrected count",
        },
      });
      expect(amended.statusCode).toBe(201);
    });

    afterAll(async () => {
      await app?.close();
    });

    async function signInAsCoordinator(page: Page, path: string) {
      await signInThroughPage(page, baseUrl, `${path}`, "coordinator");
    }

    /**
     * A screenshot from the top of the page (a sticky header would otherwise be drawn mid-page),
     * full length, plus the first screenful at its real size for reading details.
     */
    async function shot(page: Page, name: string, fullPage = true) {
      if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
      if (fullPage) await page.screenshot({ path: join(screenshotDir, `${name}-top.png`) });
    }

    const countText = (page: Page) => page.locator(".results-count");
    const bodyRows = (page: Page) => page.locator("table tbody tr");

    describe("desktop 1280×800", () => {
      let context: BrowserContext;
      let page: Page;

      beforeAll(async () => {
        ({ context, page } = await openPage(
          browser,
          problems,
          { width: 1280, height: 800 },
          { timezoneId: "UTC" },
        ));
      });
      afterAll(async () => {
        await context.close();
      });

      it("lists the mission's reports newest first, 50 to a page, with names, badges and counts", async () => {
        await signInAsCoordinator(page, `/elections/${ids.election}`);
        await page.getByRole("heading", { level: 1, name: "Sample election" }).waitFor();
        await page
          .getByRole("navigation", { name: "Main" })
          .getByRole("link", { name: "Submissions" })
          .click();
        await page.waitForURL(`${baseUrl}/elections/${ids.election}/submissions`);
        await page.getByRole("heading", { level: 1, name: "Submissions" }).waitFor();
        await expect.poll(() => countText(page).textContent()).toBe("Showing 1–50 of 55");
        expect(await bodyRows(page).count()).toBe(50);
        // Station codes and observer names come from the directory, not raw ids.
        await page.getByText("School 1").first().waitFor();
        const first = bodyRows(page).first();
        expect(await first.textContent()).toContain("Anna Observer");
        expect(await first.textContent()).toContain("Voting");
        expect(await page.locator(".badge--status-accepted").count()).toBe(50);
        expect(await page.locator("tbody .badge--flags").count()).toBeGreaterThan(0);
        expect(await overflowing(page, 1280)).toEqual([]);
        await shot(page, "desktop-submissions");

        await page.getByRole("button", { name: "Next" }).click();
        await expect.poll(() => countText(page).textContent()).toBe("Showing 51–55 of 55");
        expect(page.url()).toContain("page=2");
        expect(await bodyRows(page).count()).toBe(5);
        await page.getByRole("button", { name: "Previous" }).click();
        await expect.poll(() => countText(page).textContent()).toBe("Showing 1–50 of 55");
      });

      it("filters by flags, station code, phase and status, keeping the filters in the address", async () => {
        const flagged = Array.from({ length: REPORTS }, (_, i) => i).filter(isFlagged);
        await page.getByLabel("Only reports with data-quality flags").check();
        await expect
          .poll(() => countText(page).textContent())
          .toBe(`Showing 1–${flagged.length} of ${flagged.length}`);
        expect(await page.locator("tbody .badge--flags").count()).toBe(flagged.length);

        await page.getByLabel("Station (code or name)").fill("ps-1");
        await page.getByRole("button", { name: "Find" }).click();
        const atStation1 = flagged.filter((i) => i % 3 === 0);
        await expect
          .poll(() => countText(page).textContent())
          .toBe(`Showing 1–${atStation1.length} of ${atStation1.length}`);
        expect(page.url()).toContain("station=ps-1");
        expect(page.url()).toContain("flagged=1");

        await page.getByLabel("Phase").selectOption("early-1");
        const early = atStation1.filter((i) => i % 5 === 0);
        await expect
          .poll(() => countText(page).textContent())
          .toBe(`Showing 1–${early.length} of ${early.length}`);
        await page.getByLabel("Phase").selectOption("");

        await page.getByLabel("Station (code or name)").fill("ZZ-404");
        await page.getByRole("button", { name: "Find" }).click();
        await page.getByText("No polling station of this election matches “ZZ-404”.").waitFor();
        // Part of a name shared by several stations offers them to choose from.
        await page.getByLabel("Station (code or name)").fill("school");
        await page.getByRole("button", { name: "Find" }).click();
        await page.getByText("Several polling stations match “school”: choose one.").waitFor();
        await page.getByRole("button", { name: "PS-2 · School 2" }).click();
        expect(page.url()).toContain("station=PS-2");
        await page.getByLabel("Station (code or name)").fill("PS-1");
        await page.getByRole("button", { name: "Find" }).click();
        await expect
          .poll(() => countText(page).textContent())
          .toBe(`Showing 1–${atStation1.length} of ${atStation1.length}`);
        // The export holds what the list shows: its filters go to the server with it.
        const href = new URL((await page.locator('[data-export="csv"]').getAttribute("href")) ?? "", baseUrl);
        expect(href.searchParams.get("stationId")).toBe(ids.station1);
        expect(href.searchParams.get("flagged")).toBe("true");
        const exported = await page.request.get(
          `${baseUrl}/api/v1/missions/${ids.mission}/forms/${formId}/submissions/export${href.search}`,
        );
        expect(exported.status()).toBe(200);
        const records = parseCsv((await exported.text()).replace(/^\uFEFF/, ""));
        expect(records).toHaveLength(1 + atStation1.length);

        await page.getByLabel("Status").selectOption("verified");
        await page.getByText("No report matches these filters.").waitFor();
        await page.getByLabel("Status").selectOption("");
        await expect.poll(() => bodyRows(page).count()).toBe(atStation1.length);
        await shot(page, "desktop-submissions-filtered");
      });

      it("opens a report: answers with the form's labels, flags, revisions and changes", async () => {
        // Report 0 (corrected, flagged, PS-1) is among the filtered ones; open it from its row.
        await page.locator(`a[href$="/submissions/${reportId(0)}"]`).click();
        await page.waitForURL(`${baseUrl}/elections/${ids.election}/submissions/${reportId(0)}`);
        await page.getByRole("heading", { level: 1, name: /Voting · PS-1/ }).waitFor();
        expect(await page.title()).toBe("Voting · PS-1 · Scrutiny");
        // The form's own labels, and choice labels rather than choice names.
        const answers = page.locator(".answers");
        await answers.getByText("Voters counted").waitFor();
        expect(await page.locator(".answer", { hasText: "Sealed?" }).locator("dd").textContent()).toBe("No");
        expect(await page.locator(".answer", { hasText: "Overall" }).locator("dd").textContent()).toBe(
          "Very good",
        );
        // The flag, and the answers behind it highlighted.
        const flags = page.getByRole("region", { name: "Data-quality flags" });
        expect(await flags.textContent()).toContain("More voters counted than registered");
        expect(await page.locator(".answer.is-flagged").count()).toBe(2);
        // The correction: who, why, and what changed.
        const revisions = page.getByRole("list", { name: "Revision history" });
        expect(await revisions.locator("> li").count()).toBe(2);
        const latest = revisions.locator("> li").first();
        expect(await latest.textContent()).toContain("Observer phoned in a corrected count");
        expect(await latest.textContent()).toContain("coordinator");
        const change = latest.getByRole("list", { name: "Changes from the previous revision" });
        const countChange = change.locator("li", { hasText: "Voters counted" });
        expect(await countChange.locator("del").textContent()).toBe("100");
        expect(await countChange.locator("ins").textContent()).toBe("140");
        expect(await change.textContent()).toContain("Comments");
        expect(await revisions.locator("> li").last().textContent()).toContain(
          "The observer (original submission)",
        );
        await page.getByText("Nobody has reviewed this report yet.").waitFor();
        expect(await overflowing(page, 1280)).toEqual([]);
        await shot(page, "desktop-submission");
      });

      it("quarantines the report only with a reason, and shows the new status and the review", async () => {
        await page.getByRole("button", { name: "Quarantine" }).click();
        const dialog = page.getByRole("dialog", { name: "Quarantine this report" });
        await dialog.waitFor();
        await dialog.getByRole("button", { name: "Quarantine" }).click();
        await dialog.getByText("Write a reason of at least 3 characters.").waitFor();
        expect(await dialog.getByLabel("Reason").getAttribute("aria-invalid")).toBe("true");
        await shot(page, "desktop-quarantine-dialog", false);
        await dialog
          .getByLabel("Reason")
          .fill("Count contradicts the protocol; waiting for the observer's photo");
        await dialog.getByRole("button", { name: "Quarantine" }).click();
        await dialog.waitFor({ state: "hidden" });
        await page.getByRole("status").filter({ hasText: "The report is quarantined." }).waitFor();
        await page.locator(".status-line .badge--status-quarantined").waitFor();
        const reviews = page.getByRole("list", { name: "Review history" });
        await reviews.waitFor();
        expect(await reviews.textContent()).toContain("Quarantined");
        expect(await reviews.textContent()).toContain("waiting for the observer's photo");
        expect(await reviews.textContent()).toContain("coordinator");
        // A quarantined report can be released or verified, not quarantined again.
        expect(await page.getByRole("button", { name: "Release" }).count()).toBe(1);
        expect(await page.locator(".review-bar").getByRole("button", { name: "Quarantine" }).count()).toBe(0);
        await shot(page, "desktop-submission-quarantined");

        // The list knows too (its cache was refreshed), and comes back with the filters it had.
        await page.getByRole("link", { name: "All submissions" }).click();
        await page.waitForURL(/\/submissions\?.*station=PS-1/);
        expect(page.url()).toContain("flagged=1");
        await expect(page.getByLabel("Only reports with data-quality flags").isChecked()).resolves.toBe(true);
        await page.getByLabel("Status").selectOption("quarantined");
        await expect.poll(() => countText(page).textContent()).toBe("Showing 1–1 of 1");
        expect(await bodyRows(page).first().locator(".badge--status-quarantined").count()).toBe(1);
      });

      it("lists the election's forms with kind, version and question count", async () => {
        await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Forms" }).click();
        await page.getByRole("heading", { level: 1, name: "Forms" }).waitFor();
        const row = page.getByRole("row", { name: /Voting checklist/ });
        await row.waitFor();
        expect(await row.textContent()).toContain("v1");
        expect(await row.textContent()).toContain("EN, RU");
        expect(await page.getByRole("row", { name: /^Voting voting/ }).textContent()).toContain("6");
        const href = await row.getByRole("link", { name: "XLSForm (.xlsx)" }).getAttribute("href");
        const download = await page.evaluate(async (url) => {
          const response = await fetch(url ?? "");
          return {
            status: response.status,
            type: response.headers.get("content-type"),
            size: (await response.arrayBuffer()).byteLength,
          };
        }, href);
        expect(download.status).toBe(200);
        expect(download.type).toContain("spreadsheetml");
        expect(download.size).toBeGreaterThan(1000);
        expect(await overflowing(page, 1280)).toEqual([]);
        await shot(page, "desktop-forms");
      });

      it("previews a form with live skip logic and shows it in each of its languages", async () => {
        await page.getByRole("link", { name: "Voting checklist" }).click();
        await page.waitForURL(`${baseUrl}/elections/${ids.election}/forms/${templateFormId}`);
        await page.getByRole("heading", { level: 1, name: "Voting checklist" }).waitFor();
        const who = page.getByRole("group", { name: "Who were they?" });
        expect(await who.count()).toBe(0);
        const unauthorized = page.getByRole("group", { name: /Were unauthorized persons present/ });
        await unauthorized.getByLabel("Yes").check();
        await who.waitFor();
        await unauthorized.getByLabel("No").check();
        await who.waitFor({ state: "detached" });
        // A number above the form's maximum is refused, as on the phone.
        const counted = page.getByLabel(/How many voters did you count/);
        await counted.fill("20000");
        await page.getByText("The largest accepted answer is 10000.").waitFor();
        await counted.fill("120");
        await page.getByText("Answered: 2").waitFor();
        await shot(page, "desktop-form-preview-en");

        await page.getByRole("button", { name: "Russian" }).click();
        await page.getByRole("heading", { level: 1, name: "Анкета голосования" }).waitFor();
        await page.getByText("Были ли все ящики надлежащим образом опечатаны?").waitFor();
        // Answers survive a language switch.
        expect(await page.getByLabel(/Сколько избирателей вошло/).inputValue()).toBe("120");

        await page.getByRole("button", { name: "All languages" }).click();
        await page.getByText("Were all ballot boxes properly sealed?").waitFor();
        await page.getByText("Были ли все ящики надлежащим образом опечатаны?").waitFor();
        expect(await page.locator('[lang="ru"]', { hasText: "Да" }).count()).toBeGreaterThan(5);
        expect(await overflowing(page, 1280)).toEqual([]);
        await shot(page, "desktop-form-preview-all");
        await page.getByText("Were all ballot boxes properly sealed?").scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollBy(0, 200));
        await page.screenshot({ path: join(screenshotDir, "desktop-form-preview-all-detail.png") });
      });

      it("marks a form's missing translations in the all-languages view", async () => {
        await page.goto(`${baseUrl}/elections/${ids.election}/forms/${formId}`);
        await page.getByRole("heading", { level: 1, name: "Voting" }).waitFor();
        await page.getByRole("button", { name: "All languages" }).click();
        // The test form labels most questions in English only.
        expect(await page.getByText("missing translation").count()).toBeGreaterThan(3);
        // Skipped questions and the logic behind them, for whoever checks the form.
        expect(await page.getByText("What was wrong with the seal?").count()).toBe(0);
        await page.getByLabel("Show skipped questions").check();
        await page.locator(".fr-question.fr-skipped", { hasText: "What was wrong with the seal?" }).waitFor();
        await page.getByLabel("Show names and logic").check();
        await page.getByText("${ballot_box_sealed} = 'no'").first().waitFor();
        await shot(page, "desktop-form-preview-logic");
      });
    });

    describe("phone 390×844", () => {
      let context: BrowserContext;
      let page: Page;

      beforeAll(async () => {
        ({ context, page } = await openPage(
          browser,
          problems,
          { width: 390, height: 844 },
          { mobile: true, timezoneId: "UTC" },
        ));
      });
      afterAll(async () => {
        await context.close();
      });

      it("lays the list out as cards without sideways scrolling", async () => {
        await signInAsCoordinator(page, `/elections/${ids.election}/submissions`);
        await page.getByRole("heading", { level: 1, name: "Submissions" }).waitFor();
        await expect.poll(() => countText(page).textContent()).toBe("Showing 1–50 of 55");
        await page.getByText("School 1").first().waitFor();
        expect(await overflowing(page, 390)).toEqual([]);
        await shot(page, "phone-submissions");
        await bodyRows(page).first().scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollBy(0, -80));
        await page.screenshot({ path: join(screenshotDir, "phone-submissions-rows.png") });
      });

      it("shows a report and its review history on a phone", async () => {
        await page.goto(`${baseUrl}/elections/${ids.election}/submissions/${reportId(0)}`);
        await page.getByRole("heading", { level: 1, name: /Voting · PS-1/ }).waitFor();
        await page.getByRole("list", { name: "Review history" }).waitFor();
        expect(await overflowing(page, 390)).toEqual([]);
        await shot(page, "phone-submission");
        await page.getByRole("button", { name: "Release" }).click();
        const dialog = page.getByRole("dialog", { name: "Release this report" });
        await dialog.getByLabel("Reason").fill("Photo of the protocol received");
        expect(await overflowing(page, 390)).toEqual([]);
        await shot(page, "phone-release-dialog", false);
        await dialog.getByRole("button", { name: "Release" }).click();
        await page.locator(".status-line .badge--status-accepted").waitFor();
        expect(await page.getByRole("list", { name: "Review history" }).locator("> li").count()).toBe(2);
      });

      it("previews a form in Russian and in all languages at 360px", async () => {
        await page.goto(`${baseUrl}/elections/${ids.election}/forms/${templateFormId}`);
        await page.getByRole("heading", { level: 1, name: "Voting checklist" }).waitFor();
        await page.getByRole("button", { name: "Русский" }).click();
        await page.getByRole("heading", { level: 1, name: "Анкета голосования" }).waitFor();
        await page.setViewportSize({ width: 360, height: 780 });
        expect(await overflowing(page, 360)).toEqual([]);
        await shot(page, "phone-360-form-preview-ru");
        await page.getByRole("button", { name: "Все языки" }).click();
        await page.getByText("Were all ballot boxes properly sealed?").waitFor();
        expect(await overflowing(page, 360)).toEqual([]);
        await shot(page, "phone-360-form-preview-all");
        await page.getByText("Were all ballot boxes properly sealed?").scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollBy(0, 200));
        await page.screenshot({ path: join(screenshotDir, "phone-360-form-preview-all-detail.png") });
        await page.goto(`${baseUrl}/elections/${ids.election}/submissions`);
        await page.getByRole("heading", { level: 1, name: "Отчёты" }).waitFor();
        await page.getByText("School 1").first().waitFor();
        expect(await overflowing(page, 360)).toEqual([]);
        await shot(page, "phone-360-submissions-ru");
      });
    });

    it("ran without console errors, page errors or CSP violations", () => {
      expect(problems).toEqual([]);
    });
  });
}
