/**
 * Browser test of the incident inbox against the real server on a scratch PGlite store: a
 * coordinator finds the critical incident on top, triages another one (severity, assignee, note),
 * resolves it with a note and sees the whole history; the filter is kept in the address; an
 * analyst reads without the follow-up form; at desktop and phone width, with screenshots.
 */
import { join } from "node:path";
import { buildServer } from "@scrutiny/server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelope, ids, seedSubmissionFixtures, signIn } from "../apps/server/test/support.ts";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { addIncidentForms, incidentFormId, openingFormId } from "../test-support/forms/incident-forms.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { openPage, overflowing, screenshotDir, signInThroughPage } from "./support/web.ts";

const TITLE = "browser: the incident inbox";

const reports = {
  refused: "00000000-0000-4000-8000-00000000c001",
  pressure: "00000000-0000-4000-8000-00000000c002",
  posters: "00000000-0000-4000-8000-00000000c003",
};

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
        await addIncidentForms(store, ids.election);
        const server = await buildServer({ store });
        const observer = await signIn(server, "observer");
        const batch = await server.inject({
          method: "POST",
          url: "/api/v1/submissions/batch",
          cookies: observer,
          payload: {
            submissions: [
              envelope({
                id: reports.refused,
                formId: openingFormId,
                answers: { observers_admitted: "no" },
                submittedAt: "2019-11-17T05:10:00Z",
              }),
              envelope({
                id: reports.pressure,
                formId: incidentFormId,
                answers: { category: "pressure", what_happened: "The director told staff how to vote" },
                submittedAt: "2019-11-17T09:40:00Z",
              }),
              envelope({
                id: reports.posters,
                formId: incidentFormId,
                answers: { category: "campaigning", what_happened: "Posters at the entrance" },
                submittedAt: "2019-11-17T08:00:00Z",
              }),
            ],
          },
        });
        expect(batch.json().results.map((r: { status: number }) => r.status)).toEqual([201, 201, 201]);
        await server.close();
      });
    });

    afterAll(async () => {
      await app?.close();
    });

    const rowOf = (page: Page, id: string) => page.locator(`tr[data-incident="${id}"]`);

    it("takes an incident from new to resolved with notes, critical ones first", async () => {
      const { context, page } = await openPage(
        app?.browser,
        problems,
        { width: 1280, height: 900 },
        { timezoneId: "UTC" },
      );
      await signInThroughPage(page, app?.baseUrl ?? "", `/elections/${ids.election}`, "coordinator");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
      await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
      await expect.poll(() => page.locator("tbody tr").count()).toBe(3);
      // Critical first, then newest.
      const order = await page
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-incident")));
      expect(order).toEqual([reports.refused, reports.pressure, reports.posters]);
      expect(await rowOf(page, reports.refused).textContent()).toContain("Were observers admitted?");
      expect(await page.locator(".incident-count--critical").textContent()).toContain("1");

      // Triage: severity high, assigned to the analyst, with a note.
      await rowOf(page, reports.pressure).getByRole("button").click();
      expect(page.url()).toContain(`incident=${reports.pressure}`);
      const panel = page.locator(`[data-incident-panel="${reports.pressure}"]`);
      await panel.getByText("Nobody has followed this incident up yet.").waitFor();
      await panel.getByLabel("Severity").selectOption("high");
      await panel.getByLabel("Assigned to").selectOption({ label: "analyst" });
      // A change without a note is refused in the page before anything is sent.
      await panel.getByRole("button", { name: "Save the change" }).click();
      await panel.getByText("Write a note: every change needs one.").waitFor();
      await panel.getByLabel("Note").fill("Called the team: two witnesses");
      await panel.getByRole("button", { name: "Save the change" }).click();
      await panel.getByText("Saved.").waitFor();
      await panel.locator(".incident-history__entry").first().waitFor();
      expect(await panel.locator("[data-incident-status]").textContent()).toBe("In follow-up");
      await expect.poll(() => rowOf(page, reports.pressure).textContent()).toContain("analyst");
      expect(await rowOf(page, reports.pressure).textContent()).toContain("High");

      // Resolve with a note; the history keeps both changes, in order.
      await panel.getByLabel("Status").selectOption("resolved");
      await panel.getByLabel("Note").fill("Reported to the district commission");
      await panel.getByRole("button", { name: "Save the change" }).click();
      await expect.poll(() => panel.locator(".incident-history__entry").count()).toBe(2);
      const notes = await panel.locator(".incident-history__note").allTextContents();
      expect(notes).toEqual(["Called the team: two witnesses", "Reported to the district commission"]);
      expect(await panel.locator("[data-incident-status]").textContent()).toBe("Resolved");
      // Resolved incidents sink below the open ones.
      await expect
        .poll(() =>
          page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-incident"))),
        )
        .toEqual([reports.refused, reports.posters, reports.pressure]);
      expect(await overflowing(page, 1280)).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshotDir, "desktop-incidents.png"), fullPage: true });

      // The filter lives in the address and survives a reload.
      await page.getByLabel("Status", { exact: true }).first().selectOption("resolved");
      await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
      expect(page.url()).toContain("status=resolved");
      await page.reload();
      await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
      // The station search, by part of a name in any case, joins the other filters and the export.
      await page.getByLabel("Status", { exact: true }).first().selectOption("");
      await page.getByLabel("Station (part of a code or name)").fill("SCHOOL 1");
      await page.getByRole("button", { name: "Find" }).click();
      await expect.poll(() => page.locator("tbody tr").count()).toBe(3);
      expect(page.url()).toContain("station=SCHOOL+1");
      const exportHref = await page.locator('[data-export="incidents-csv"]').getAttribute("href");
      expect(new URL(exportHref ?? "", app?.baseUrl).searchParams.get("station")).toBe("SCHOOL 1");
      await page.getByLabel("Station (part of a code or name)").fill("PS-2");
      await page.getByRole("button", { name: "Find" }).click();
      await page.getByText("No incident matches these filters.").waitFor();
      await context.close();
    });

    it("lets an analyst read the inbox on a phone, without the follow-up form", async () => {
      const { context, page } = await openPage(
        app?.browser,
        problems,
        { width: 390, height: 844 },
        { mobile: true, timezoneId: "UTC" },
      );
      await signInThroughPage(
        page,
        app?.baseUrl ?? "",
        `/elections/${ids.election}/incidents?incident=${reports.pressure}`,
        "analyst",
      );
      const panel = page.locator(`[data-incident-panel="${reports.pressure}"]`);
      await panel.getByText("Reported to the district commission").waitFor();
      await panel.getByText("Coordinators follow incidents up; you can read them.").waitFor();
      expect(await panel.getByRole("button", { name: "Save the change" }).count()).toBe(0);
      await page.screenshot({ path: join(screenshotDir, "phone-incidents.png"), fullPage: true });
      expect(await overflowing(page, 390)).toEqual([]);
      await context.close();
    });

    it("raised no console or page errors", () => {
      expect(problems).toEqual([]);
    });
  });
}
