/**
 * Browser test of the people page on an election of our own: a coordinator imports a roster (a
 * bad file first: every problem listed by line, nothing stored), makes a team, gives it stations
 * for two phases, issues, reissues and revokes phone-app access codes, and prints the
 * accreditation list (the print stylesheet leaves the list alone on the page).
 */
import { join } from "node:path";
import type { Store } from "@scrutiny/store";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import {
  type OwnElection,
  ownElection,
  seedAdministrator,
  setUpOwnElection,
} from "./support/own-election.ts";
import { openPage, overflowing, screenshotDir } from "./support/web.ts";

const TITLE = "browser: a coordinator manages the mission's people";

const badRoster = [
  "Observer No,Full name,Mobile,Accreditation,Team",
  "7001,Akosua Boateng,024 412 3301,GH-ACC-0001,KMA-A",
  "70,Yaw Darko,024 412 3302,GH-ACC-0002,KMA-A",
  "7001,Ama Serwaa,024 412 3303,GH-ACC-0003,KMA-B",
].join("\n");

const roster = [
  "Observer No,Full name,Mobile,Accreditation,Team",
  "7001,Akosua Boateng,024 412 3301,GH-ACC-0001,KMA-A",
  "7002,Yaw Darko,024 412 3302,GH-ACC-0002,KMA-A",
  "7003,Ama Serwaa,024 412 3303,GH-ACC-0003,",
  "7004,Kofi Agyeman,024 412 3304,GH-ACC-0004,",
  "7005,Esi Quaye,024 412 3305,GH-ACC-0005,",
].join("\n");

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let store: Store;
    let context: BrowserContext | undefined;
    let page: Page;
    let baseUrl = "";
    let election: OwnElection;
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(seedAdministrator);
      ({ store, baseUrl } = app);
      election = await setUpOwnElection(baseUrl);
      // The bad roster's 422 is expected on the console.
      ({ context, page } = await openPage(
        app?.browser,
        problems,
        { width: 1280, height: 900 },
        { expectedErrors: /status of (401|422)/ },
      ));
    }, 600_000);

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    const rosterFile = (text: string) => ({
      name: "observers.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(text),
    });

    it("imports a roster, refusing a bad one line by line", async () => {
      await page.goto(`${baseUrl}/elections/${election.electionId}/people`);
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel("Username").fill(ownElection.coordinatorUsername);
      await page.getByLabel("Password").fill(ownElection.coordinatorPassword);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
      await page.getByText("No observers yet").waitFor();

      await page.getByLabel("Roster file (CSV)").setInputFiles(rosterFile(badRoster));
      // "Observer No" is no wording the server knows: the code column is chosen by hand.
      const codeColumn = page.getByLabel("Observer code (required)");
      expect(await codeColumn.inputValue()).toBe("");
      expect(await page.getByLabel("Name (required)").inputValue()).toBe("Full name");
      expect(await page.getByLabel("Phone", { exact: true }).inputValue()).toBe("Mobile");
      expect(await page.getByRole("button", { name: "Import the roster" }).isDisabled()).toBe(true);
      await codeColumn.selectOption("Observer No");
      await page.getByLabel(/Country calling code/).fill("233");
      await page.getByRole("button", { name: "Import the roster" }).click();
      const alert = page.getByRole("alert");
      await alert.getByText(/Nothing was imported/).waitFor();
      const items = await alert.locator("li").allTextContents();
      expect(items).toContain("Line 3, column “Observer No”: Observer codes are 3 to 12 digits, not “70”.");
      expect(
        items.some((item) => item.startsWith("Line 4, column “Observer No”:") && item.includes("line 2")),
      ).toBe(true);
      expect(await store.roster.list(election.missionId)).toEqual([]);

      await page.getByLabel("Roster file (CSV)").setInputFiles(rosterFile(roster));
      await codeColumn.selectOption("Observer No");
      await page.getByRole("button", { name: "Import the roster" }).click();
      await page
        .getByText("Roster imported: 5 observers added, 0 changed, 0 unchanged; 1 teams added or changed.")
        .waitFor();
      await page.getByRole("heading", { name: "Observers (5)" }).waitFor();
      expect(await page.locator(".people-table").first().locator("tbody tr").count()).toBe(5);
      await page.locator("tr", { hasText: "Yaw Darko" }).getByText("+233244123302").waitFor();
      expect(await page.locator("tr", { hasText: "Akosua Boateng" }).first().textContent()).toContain(
        "KMA-A",
      );
    }, 300_000);

    it("makes a team and gives it stations for each phase", async () => {
      const teams = page.locator("section", { has: page.getByRole("heading", { name: /^Teams/ }) });
      await teams.getByText("KMA-A: Akosua Boateng (7001), Yaw Darko (7002)").waitFor();
      await teams.getByLabel("Team code").fill("HO-1");
      await teams.getByLabel("Ama Serwaa (7003)").check();
      // One member is not a team: the form says so and does not send it.
      await teams.getByText("A team has two or more observers.").waitFor();
      expect(await teams.getByRole("button", { name: "Save the team" }).isDisabled()).toBe(true);
      await teams.getByLabel("Esi Quaye (7005)").check();
      await teams.getByRole("button", { name: "Save the team" }).click();
      await teams.getByText("HO-1: Ama Serwaa (7003), Esi Quaye (7005)").waitFor();

      const routes = page.locator("section", {
        has: page.getByRole("heading", { name: "Assignments by phase" }),
      });
      await routes.getByLabel("Team", { exact: true }).selectOption({ label: "HO-1" });
      await routes.getByLabel("Phase", { exact: true }).selectOption({ label: "Polling day" });
      const stations = routes.getByLabel(/Station codes in route order/);
      // A station the election does not have: refused, said by code.
      await stations.fill("HO-109\nHO-999");
      await routes.getByRole("button", { name: "Save the route" }).click();
      await routes.getByText("This election has no polling station HO-999.").waitFor();
      await stations.fill("HO-110, HO-109\nHO-111");
      await routes.getByRole("button", { name: "Save the route" }).click();
      await routes.getByText("Route saved: 3 stops in this phase.").waitFor();
      await routes.getByLabel("Phase", { exact: true }).selectOption({ label: "Special voting" });
      await stations.fill("HO-112");
      await routes.getByRole("button", { name: "Save the route" }).click();
      await routes.getByText("Route saved: 1 stops in this phase.").waitFor();
      const row = routes.locator("tbody tr", { hasText: "HO-1" });
      await row.getByText("HO-110 → HO-109 → HO-111").waitFor();
      await row.getByText("HO-112").waitFor();
      const team = (await store.deployment.teams(election.missionId)).find((t) => t.code === "HO-1");
      const stops = await store.deployment.route(team?.id ?? "");
      expect(stops.map((s) => [s.phaseCode, s.stationCode])).toEqual([
        ["polling-day", "HO-110"],
        ["polling-day", "HO-109"],
        ["polling-day", "HO-111"],
        ["special-voting", "HO-112"],
      ]);
    }, 300_000);

    it("issues, reissues and revokes access codes, and prints the accreditation list", async () => {
      await page.getByRole("button", { name: "Issue codes to everyone without one (5)" }).click();
      const accreditation = page.locator("section.accreditation");
      await accreditation.locator("code").nth(4).waitFor();
      const firstCodes = await accreditation.locator("code").allTextContents();
      expect(firstCodes).toHaveLength(5);
      expect(new Set(firstCodes).size).toBe(5);
      const yaw = () => page.locator(".people-table tr", { hasText: "Yaw Darko" });
      const yawCode = async () => (await yaw().locator("code").textContent()) ?? "";
      const before = await yawCode();
      expect(firstCodes).toContain(before);

      // The code signs in to the observer app; a reissued code replaces it; a revoked one is refused.
      const signIn = async (username: string, password: string) =>
        (
          await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ username, password }),
          })
        ).status;
      const observers = await store.roster.list(election.missionId);
      const yawUsername = observers.find((o) => o.code === "7002")?.username ?? "";
      expect(await signIn(yawUsername, before)).toBe(200);
      await page.getByRole("button", { name: "Reissue code for Yaw Darko" }).click();
      await expect.poll(yawCode).not.toBe(before);
      const after = await yawCode();
      expect(await signIn(yawUsername, before)).toBe(401);
      expect(await signIn(yawUsername, after)).toBe(200);
      await page.getByRole("button", { name: "Revoke the access of Yaw Darko" }).click();
      await yaw().getByText("Revoked").waitFor();
      expect(await signIn(yawUsername, after)).toBe(401);
      expect(await accreditation.locator("tr", { hasText: "Yaw Darko" }).locator("code").count()).toBe(0);
      await page.screenshot({ path: join(screenshotDir, "desktop-people.png"), fullPage: true });

      // Printed: the accreditation list alone, every observer on it, the shell and the forms gone.
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".sidenav").isVisible()).toBe(false);
      expect(await page.getByRole("heading", { name: "Import the roster" }).isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "Print the accreditation list" }).isVisible()).toBe(
        false,
      );
      expect(await accreditation.isVisible()).toBe(true);
      expect(await accreditation.locator("tbody tr").count()).toBe(5);
      const akosua = accreditation.locator("tr", { hasText: "Akosua Boateng" });
      expect(await akosua.textContent()).toContain("GH-ACC-0001");
      expect(await akosua.locator("code").isVisible()).toBe(true);
      await page.screenshot({ path: join(screenshotDir, "print-accreditation-list.png"), fullPage: true });
      await page.emulateMedia({ media: "screen" });
      expect(problems).toEqual([]);
    }, 300_000);

    it("lays the page out on a phone without sideways scrolling", async () => {
      const phone = await openPage(app?.browser, problems, { width: 390, height: 844 }, { mobile: true });
      try {
        await phone.page.goto(`${baseUrl}/elections/${election.electionId}/people`);
        await phone.page.getByLabel("Username").fill(ownElection.coordinatorUsername);
        await phone.page.getByLabel("Password").fill(ownElection.coordinatorPassword);
        await phone.page.getByRole("button", { name: "Sign in" }).click();
        await phone.page.getByRole("heading", { name: "Observers (5)" }).waitFor();
        await phone.page.locator(".people-table tbody tr").first().waitFor();
        await phone.page.screenshot({ path: join(screenshotDir, "phone-people.png"), fullPage: true });
        expect(await overflowing(phone.page, 390)).toEqual([]);
      } finally {
        await phone.context.close();
      }
    }, 300_000);
  });
}
