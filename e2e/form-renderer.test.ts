import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids, seedSubmissionFixtures } from "../apps/server/test/support.ts";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { countCentreForm } from "../test-support/forms/count-centre.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { openPage, overflowing, screenshotDir } from "./support/web.ts";

const TITLE = "browser: form renderer (repeats, cascades, or_other, range, position)";
const formId = "00000000-0000-4000-8000-00000000c0f1";
const parsed = countCentreForm(formId);

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let browser: Browser | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let baseUrl = "";
    const problems: string[] = [];

    beforeAll(async () => {
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
      app = await startApp(async (seeded) => {
        await seedSubmissionFixtures(seeded);
        await seeded.forms.create({
          id: formId,
          electionId: ids.election,
          missionId: null,
          code: "count-centre",
          kind: "counting",
          definition: parsed.value,
          contentHash: "count-centre",
        });
      });
      ({ baseUrl, browser } = app);
      ({ context, page } = await openPage(browser, problems, { width: 390, height: 844 }, { mobile: true }));
      await page.goto(`${baseUrl}/elections/${ids.election}/forms/${formId}`);
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel("Username").fill("coordinator");
      await page.getByLabel("Password").fill("pw");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Count centre" }).waitFor();
    });

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    const group = (name: string | RegExp) => page.getByRole("group", { name });

    it("offers a cascading select's choices by the earlier answer", async () => {
      const district = group("District");
      expect(await district.getByRole("radio").count()).toBe(0);
      await group("Province").getByLabel("Sofala").check();
      await district.getByLabel("Beira").waitFor();
      expect(await district.getByRole("radio").count()).toBe(1);
      await group("Province").getByLabel("Maputo").check();
      await district.getByLabel("KaMavota").waitFor();
      expect(await district.getByRole("radio").count()).toBe(2);
    });

    it("asks what 'other' is when it is chosen", async () => {
      const cause = group("Why did the count start late?");
      expect(await cause.getByLabel("Say what:").count()).toBe(0);
      await cause.getByLabel("Other").check();
      await cause.getByLabel("Say what:").fill("The key of the storeroom was lost");
    });

    it("adds incidents one by one, with skip logic inside each instance", async () => {
      const incidents = page.locator('[data-item="incident"]');
      await incidents.getByRole("button", { name: "Add another" }).click();
      await incidents.getByRole("button", { name: "Add another" }).click();
      const first = incidents.getByRole("group", { name: "Incident 1" });
      const second = incidents.getByRole("group", { name: "Incident 2" });
      await first.getByLabel("Violence").check();
      await second.getByLabel("Something else").check();
      await second.getByLabel("Describe it").fill("Observers were asked to leave");
      expect(await first.getByLabel("Describe it").count()).toBe(0);
      await first.getByRole("button", { name: "Remove this one" }).click();
      // The remaining incident is now the first, with its own answers.
      await expect
        .poll(() =>
          incidents.getByRole("group", { name: "Incident 1" }).getByLabel("Describe it").inputValue(),
        )
        .toBe("Observers were asked to leave");
      expect(await incidents.getByRole("group", { name: "Incident 2" }).count()).toBe(0);
    });

    it("shows as many ballot boxes as the count says (repeat_count), with no add button", async () => {
      await page.getByLabel("How many ballot boxes?").fill("3");
      const boxes = page.locator('[data-item="box"]');
      await boxes.getByRole("group", { name: "Ballot box 3" }).waitFor();
      expect(await boxes.getByRole("button", { name: "Add another" }).count()).toBe(0);
      await boxes.getByRole("group", { name: "Ballot box 2" }).getByLabel("No").check();
      await page.getByLabel("How many ballot boxes?").fill("1");
      await expect.poll(() => boxes.getByRole("group", { name: /^Ballot box \d$/ }).count()).toBe(1);
    });

    it("takes a slider, a confirmation, a date-time and a typed position", async () => {
      const slider = page.getByLabel("How calm was the count? (0 to 10)");
      await slider.fill("7");
      await page.locator(".fr-range__value", { hasText: "7" }).waitFor();
      await page.getByLabel("I confirm").check();
      await page.getByLabel("Count started at").fill("2026-10-09T19:05");
      await page.getByLabel("Where is the count centre?").fill("-25.9655 32.5832");
      // Ten answers: province, the late start's cause and its 'other' text, the slider, the
      // confirmation, the date-time, the position, the incidents, the number of boxes, the boxes.
      await page.getByText(/^Answered: 10$/).waitFor();
      // Fewer boxes than were answered: the extra ones are not sent, so no repeat_count issue.
      expect(await page.locator(".fr-issue").count()).toBe(0);
      expect(await overflowing(page, 390)).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(screenshotDir, "phone-form-renderer.png"), fullPage: true });
    });

    it("ran without console errors or page errors", () => {
      expect(problems).toEqual([]);
    });
  });
}
