import { join } from "node:path";
import { hashPassword } from "@scrutiny/server";
import type { ElectionBundle, MissionBundle } from "@scrutiny/store";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids, sampleElection, sampleMission } from "../packages/store/test/support/sample-election.ts";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { openPage, overflowing, screenshotDir } from "./support/web.ts";

const TITLE = "browser: sign in and overview";

const PASSWORD = "correct horse battery";

/** A second, domestic mission that chose its stations itself: the overview must warn about it. */
const convenienceMission: MissionBundle = {
  mission: {
    id: "00000000-0000-4000-8000-000000000042",
    electionId: ids.election,
    code: "citizens",
    name: { en: "Citizens for Fair Elections", ru: "Граждане за честные выборы" },
    kind: "domestic",
    design: "convenience",
  },
  observers: [
    {
      id: "00000000-0000-4000-8000-000000000052",
      missionId: "00000000-0000-4000-8000-000000000042",
      code: "222222",
      name: "Boris Observer",
      phone: null,
      languages: ["ru"],
      accreditation: null,
      role: "long_term",
    },
  ],
  teams: [
    {
      id: "00000000-0000-4000-8000-000000000062",
      missionId: "00000000-0000-4000-8000-000000000042",
      code: "D01",
      observerIds: ["00000000-0000-4000-8000-000000000052"],
    },
  ],
  plannedStations: [ids.station2, ids.station3].map((stationId) => ({
    missionId: "00000000-0000-4000-8000-000000000042",
    stationId,
    stratum: null,
    inclusionProbability: null,
    reserve: false,
  })),
  visits: [],
};

/** A later election, so that the header offers an election switcher. */
const laterElection: ElectionBundle = {
  election: {
    id: "00000000-0000-4000-8000-000000000101",
    code: "later-2024",
    name: { en: "Later election", ru: "Последующие выборы" },
    country: "XB",
    electionDate: "2024-02-25",
    phases: [
      { code: "election-day", kind: "election_day", date: "2024-02-25", name: { en: "Election day" } },
    ],
  },
  areas: [],
  stations: [],
  contests: [],
  candidates: [],
  officialResults: [],
};

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let browser: Browser | undefined;
    let baseUrl = "";
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(async (seeded) => {
        await seeded.elections.insertBundle(sampleElection);
        await seeded.elections.insertBundle(laterElection);
        await seeded.missions.insertBundle(sampleMission);
        await seeded.missions.insertBundle(convenienceMission);
        await seeded.users.insertMany([
          {
            id: "00000000-0000-4000-8000-0000000000a1",
            username: "coordinator",
            displayName: "Demo Coordinator",
            role: "coordinator",
            missionId: ids.mission,
            observerId: null,
            locale: "en",
            passwordHash: await hashPassword(PASSWORD),
          },
        ]);
      });
      ({ baseUrl, browser } = app);
    });

    afterAll(async () => {
      await app?.close();
    });

    async function signIn(page: Page, password: string) {
      await page.getByLabel("Username").fill("coordinator");
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
    }

    function statValue(page: Page, label: string) {
      return page.locator(".stat", { has: page.getByText(label, { exact: true }) }).locator(".stat__value");
    }

    /**
     * What sticks out sideways at the given width: the page itself when it scrolls sideways,
     * elements past the right edge, and elements whose content spills out of their box.
     */

    describe("desktop 1280×800", () => {
      let context: BrowserContext;
      let page: Page;

      beforeAll(async () => {
        ({ context, page } = await openPage(browser, problems, { width: 1280, height: 800 }));
      });
      afterAll(async () => {
        await context.close();
      });

      it("sends a visitor without a session to the sign-in page", async () => {
        await page.goto(`${baseUrl}/`);
        await page.waitForURL(/\/sign-in$/);
        await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
        await page.screenshot({ path: join(screenshotDir, "desktop-sign-in.png") });
      });

      it("says clearly that a wrong password was refused", async () => {
        await signIn(page, "wrong password");
        const alert = page.getByRole("alert");
        await alert.waitFor();
        expect(await alert.textContent()).toContain("Wrong username or password");
        expect(page.url()).toMatch(/\/sign-in$/);
        // The password is cleared for the next attempt; the username stays.
        expect(await page.getByLabel("Password").inputValue()).toBe("");
        expect(await page.getByLabel("Username").inputValue()).toBe("coordinator");
        await page.screenshot({ path: join(screenshotDir, "desktop-sign-in-error.png") });
      });

      it("signs in and opens the first election's overview", async () => {
        await signIn(page, PASSWORD);
        await page.waitForURL(`${baseUrl}/elections/${ids.election}`);
        await page.getByRole("heading", { level: 1, name: "Sample election" }).waitFor();
        expect(await statValue(page, "Polling stations").textContent()).toBe("3");
        // 1000 + 1500 + 2000 registered voters, grouped the English way.
        expect(await statValue(page, "Registered voters").textContent()).toBe("4,500");
        expect(await page.title()).toBe("Sample election · Scrutiny");

        const missionRow = page.getByRole("row", { name: /International mission/ });
        await missionRow.waitFor();
        expect(await missionRow.textContent()).toContain("Random sample");
        const domesticRow = page.getByRole("row", { name: /Citizens for Fair Elections/ });
        expect(await domesticRow.textContent()).toContain("do not generalise to all stations");
        expect(await page.getByRole("row", { name: /Total/ }).textContent()).toContain("Total");

        const header = page.getByRole("banner");
        expect(await header.textContent()).toContain("Demo Coordinator");
        expect(await header.textContent()).toContain("Coordinator");
        expect(await page.getByText("Early voting, day 1").count()).toBe(1);
        expect(await overflowing(page, 1280)).toEqual([]);
        await page.screenshot({ path: join(screenshotDir, "desktop-overview-en.png"), fullPage: true });
      });

      it("starts keyboard navigation with a skip link to the main content", async () => {
        await page.reload();
        await page.getByRole("heading", { level: 1, name: "Sample election" }).waitFor();
        await page.keyboard.press("Tab");
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to main content");
        await page.keyboard.press("Enter");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
      });

      it("switches to Russian, formats numbers the Russian way, and remembers the choice", async () => {
        await page.getByRole("button", { name: "Русский" }).click();
        await page.getByRole("heading", { level: 1, name: "Пробные выборы" }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe("ru");
        expect(await statValue(page, "Избирательные участки").textContent()).toBe("3");
        // Russian groups thousands with a (narrow) no-break space.
        expect(await statValue(page, "Зарегистрированные избиратели").textContent()).toMatch(/^4\s500$/u);
        await page.getByRole("heading", { name: "Миссии наблюдателей" }).waitFor();
        expect(await page.getByRole("button", { name: "Выйти" }).count()).toBe(1);
        expect(await page.getByText("Досрочное голосование, день 1").count()).toBe(1);
        await page.screenshot({ path: join(screenshotDir, "desktop-overview-ru.png"), fullPage: true });

        await page.reload();
        await page.getByRole("heading", { level: 1, name: "Пробные выборы" }).waitFor();
        await page.getByRole("button", { name: "English" }).click();
        await page.getByRole("heading", { level: 1, name: "Sample election" }).waitFor();
      });

      it("offers no switch to an election the coordinator's mission does not observe", async () => {
        // The server has a later election, but only administrators may open it.
        expect(await page.getByLabel("Election", { exact: true }).count()).toBe(0);
        const listed = await page.evaluate(
          async () => (await (await fetch("/api/v1/elections")).json()).elections,
        );
        expect(listed.map((election: { id: string }) => election.id)).toEqual([ids.election]);
      });

      it("signs out and loses access", async () => {
        await page.getByRole("button", { name: "Sign out" }).click();
        await page.waitForURL(/\/sign-in\?signed-out$/);
        await page.getByText("You have signed out.").waitFor();
        const me = await page.evaluate(async () => (await fetch("/api/v1/me")).status);
        expect(me).toBe(401);
        await page.goto(`${baseUrl}/elections/${ids.election}`);
        await page.waitForURL(/\/sign-in$/);
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
          { mobile: true },
        ));
      });
      afterAll(async () => {
        await context.close();
      });

      it("signs in and lays the overview out without sideways scrolling", async () => {
        // A deep link survives the detour through the sign-in page.
        await page.goto(`${baseUrl}/elections/${ids.election}`);
        await page.waitForURL(/\/sign-in$/);
        expect(await overflowing(page, 390)).toEqual([]);
        await page.screenshot({ path: join(screenshotDir, "phone-sign-in.png") });
        await signIn(page, PASSWORD);
        await page.waitForURL(`${baseUrl}/elections/${ids.election}`);
        await page.getByRole("heading", { level: 1, name: "Sample election" }).waitFor();
        expect(await statValue(page, "Polling stations").textContent()).toBe("3");
        expect(await overflowing(page, 390)).toEqual([]);
        await page.screenshot({ path: join(screenshotDir, "phone-overview-en.png"), fullPage: true });
      });

      it("fits a 360px phone in Russian, the longer language", async () => {
        await page.getByRole("button", { name: "Русский" }).click();
        await page.getByRole("heading", { level: 1, name: "Пробные выборы" }).waitFor();
        await page.setViewportSize({ width: 360, height: 780 });
        await page.screenshot({ path: join(screenshotDir, "phone-360-overview-ru.png"), fullPage: true });
        expect(await overflowing(page, 360)).toEqual([]);
      });
    });

    it("ran without console errors, page errors or CSP violations", () => {
      expect(problems).toEqual([]);
    });
  });
}
