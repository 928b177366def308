/**
 * Browser test of publishing from the staff app: a mission's coordinator opens Publish from the
 * navigation, chooses the forensics of an uploaded results set, reviews what would be published
 * (an indicator's figure with its interval and denominator, the reports, the answers withheld, the
 * personal data removed; nothing is stored yet), confirms, and sees the snapshot's log entry and
 * the signed checkpoint; the portal then shows it. On the publishing missions' election of the
 * tests (not the demo).
 */
import { join } from "node:path";
import { buildServer } from "@scrutiny/server";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MARKERS,
  seedPublishingMissions,
  uploadOfficialResults,
} from "../apps/server/test/publication-fixture.ts";
import { ids, seedSubmissionFixtures } from "../apps/server/test/support.ts";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { openPage, overflowing, screenshotDir, signInThroughPage } from "./support/web.ts";

const TITLE = "browser: a coordinator reviews and publishes a snapshot";

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(async (store) => {
        await seedSubmissionFixtures(store);
        const server = await buildServer({ store });
        const [alpha] = await seedPublishingMissions(store, server);
        if (alpha !== undefined) await uploadOfficialResults(server, alpha);
        await server.close();
      });
      ({ context, page } = await openPage(app.browser, problems, { width: 1280, height: 900 }));
    }, 240_000);
    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    const publicSnapshots = async () =>
      page.evaluate(async () => {
        const r = await fetch("/api/v1/public/elections", { credentials: "omit" });
        const { elections } = (await r.json()) as {
          elections: { missions: { publications: unknown[] }[] }[];
        };
        return elections.flatMap((e) => e.missions.flatMap((m) => m.publications)).length;
      });

    it("reviews what would be published, storing nothing", async () => {
      await signInThroughPage(page, app?.baseUrl ?? "", "/", "alpha-watch-coordinator");
      await page.waitForURL(new RegExp(`/elections/${ids.election}`));
      await page.getByRole("link", { name: "Publish", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Publish a snapshot" }).waitFor();
      await page.getByLabel("Title (optional)").fill("Interim statement of Alpha Watch");
      await page.getByLabel("Valgresultat (endelig)").check();
      await page.getByRole("button", { name: "Review what will be published" }).click();
      const review = page.locator(".publish-review");
      await review
        .getByRole("heading", { name: "What “Interim statement of Alpha Watch” will publish" })
        .waitFor();
      const cells = await review.locator('tr[data-indicator="box-unsealed"] td').allTextContents();
      expect(cells[0]).toBe("33.3%");
      expect(cells[1]).toMatch(/^\d+\.\d% – \d+\.\d%$/);
      expect(cells[2]).toBe("8 / 24");
      await expect(review.getByTestId("report-counts").textContent()).resolves.toMatch(/24/);
      await expect(review.textContent()).resolves.toMatch(/Answers not published: .*comments/);
      await expect(review.textContent()).resolves.toMatch(
        /Forensics of Valgresultat \(endelig\): 160 stations/,
      );
      await expect(review.getByTestId("removed").textContent()).resolves.toMatch(/names, phone numbers/);
      expect(await review.textContent()).not.toContain(MARKERS.observerName);
      expect(await publicSnapshots()).toBe(0);
      expect(await overflowing(page, 1280)).toEqual([]);
      await page.screenshot({ path: join(screenshotDir, "publish-review.png"), fullPage: true });
    }, 120_000);

    it("publishes on confirmation and shows the log entry and the signed checkpoint", async () => {
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      const done = page.locator(".publish-done");
      await done.getByRole("heading", { name: "Published" }).waitFor({ timeout: 60_000 });
      const entry = Number(((await done.getByTestId("log-entry").textContent()) ?? "").replace("#", ""));
      expect(Number.isInteger(entry)).toBe(true);
      const checkpoint = (await done.getByTestId("checkpoint").textContent()) ?? "";
      const [origin, size] = checkpoint.split("\n");
      expect(origin).toBe("scrutiny.invalid/log");
      expect(Number(size)).toBeGreaterThan(entry);
      expect(checkpoint).toMatch(/\n— scrutiny\.invalid\/log /);
      expect(await publicSnapshots()).toBe(1);
      await page.screenshot({ path: join(screenshotDir, "publish-done.png"), fullPage: true });
      await done.getByRole("link", { name: "See it on the public portal" }).click();
      await page.getByRole("heading", { level: 1, name: "Interim statement of Alpha Watch" }).waitFor();
      await page.getByRole("heading", { name: "Forensics of the official results" }).waitFor();
      expect(problems).toEqual([]);
    }, 120_000);
  });
}
