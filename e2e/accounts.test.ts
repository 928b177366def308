/**
 * Browser test of account management: an administrator creates a coordinator's account on the
 * accounts page and sees its generated password once; the coordinator signs in with it and
 * changes it on "My account", where they also create a scoped, expiring API token, use it and
 * revoke it; the administrator disables the account, which then cannot sign in.
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, createAccount, FirstAdminSetup } from "../apps/server/src/index.ts";
import { ids, sampleElection, sampleMission } from "../packages/store/test/support/sample-election.ts";
import { openScratchStore } from "../test-support/backends.ts";
import { isChromiumAvailable, launchChromium } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { buildWebIfStale, openPage, overflowing, screenshotDir, webRoot } from "./support/web.ts";

const TITLE = "browser: accounts and my account";
const ADMIN_PASSWORD = "night-watch-keeper-17";

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp;
    let context: BrowserContext;
    let page: Page;
    const problems: string[] = [];
    let generated = "";

    beforeAll(async () => {
      app = await startApp(async (store) => {
        await store.elections.insertBundle(sampleElection);
        await store.missions.insertBundle(sampleMission);
        const admin = await createAccount(store, {
          username: "server.keeper",
          displayName: "Server Keeper",
          role: "admin",
          missionId: null,
          password: ADMIN_PASSWORD,
        });
        if (!admin.ok) throw new Error(admin.error.message);
      });
      ({ context, page } = await openPage(app.browser, problems, { width: 1280, height: 800 }));
    });
    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    async function signIn(username: string, password: string) {
      await page.goto(`${app.baseUrl}/sign-in`);
      await page.getByLabel("Username").fill(username);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
    }

    async function signOut() {
      await page.getByRole("button", { name: "Sign out", exact: true }).click();
      await page.waitForURL(/\/sign-in\?signed-out$/);
    }

    it("lets an administrator create a coordinator's account and shows its password once", async () => {
      await signIn("server.keeper", ADMIN_PASSWORD);
      await page.getByRole("link", { name: "Accounts" }).click();
      await page.getByRole("heading", { level: 1, name: "Staff accounts" }).waitFor();
      await page.getByLabel("Username").fill("Regional.Lead");
      await page.getByLabel("Name shown").fill("Regional lead");
      await page.getByLabel("Role").selectOption("coordinator");
      await page.getByLabel("Mission").selectOption({ label: "Sample election — International mission" });
      await page.getByRole("button", { name: "Create account" }).click();
      const secret = page.locator("code.secret");
      await secret.waitFor();
      generated = (await secret.textContent()) ?? "";
      expect(generated).toMatch(/^[\w-]{24}$/);
      expect(await page.getByText("New password for regional.lead:").count()).toBe(1);
      const row = page.getByRole("row", { name: /regional\.lead/ });
      await row.waitFor();
      expect(await row.textContent()).toContain("International mission");
      expect(await row.textContent()).toContain("Active");
      expect(await overflowing(page, 1280)).toEqual([]);
      await page.screenshot({ path: join(screenshotDir, "desktop-accounts.png"), fullPage: true });
      await page.getByRole("button", { name: "I have passed it on" }).click();
      expect(await secret.count()).toBe(0);
      await signOut();
    });

    it("lets the new coordinator sign in with it and change it", async () => {
      await signIn("regional.lead", generated);
      await page.waitForURL(`${app.baseUrl}/elections/${ids.election}`);
      await page.getByRole("link", { name: "My account" }).click();
      await page.getByRole("heading", { level: 1, name: "My account" }).waitFor();
      await page.getByLabel("Current password").fill(generated);
      await page.getByLabel("New password", { exact: true }).fill("my-own-choice-2031");
      await page.getByLabel("Repeat the new password").fill("my-own-choice-2031");
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByText(/Password changed/).waitFor();
      await page.screenshot({ path: join(screenshotDir, "desktop-my-account.png"), fullPage: true });
      await signOut();
      await signIn("regional.lead", generated);
      await page.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").textContent()).toContain("Wrong username or password");
      await signIn("regional.lead", "my-own-choice-2031");
      await page.waitForURL(`${app.baseUrl}/elections/${ids.election}`);
      // Not an administrator: no accounts page in the navigation.
      expect(await page.getByRole("link", { name: "Accounts" }).count()).toBe(0);
      await signOut();
    });

    it("lets the coordinator create a scoped, expiring API token on My account, use it and revoke it", async () => {
      await signIn("regional.lead", "my-own-choice-2031");
      await page.waitForURL(`${app.baseUrl}/elections/${ids.election}`);
      await page.getByRole("link", { name: "My account" }).click();
      await page.getByRole("heading", { name: "API tokens" }).waitFor();
      await page.getByText("You have no API tokens.").waitFor();
      await page.getByLabel("Name", { exact: true }).fill("Nightly report sender");
      await page.getByLabel("Scope").selectOption("submit");
      await page.getByLabel("Expires in (days)").fill("30");
      await page.getByRole("button", { name: "Create token" }).click();
      const secret = page.getByTestId("token-secret");
      await secret.waitFor();
      const token = (await secret.textContent()) ?? "";
      expect(token.length).toBeGreaterThan(20);
      const row = page.getByRole("row", { name: /Nightly report sender/ });
      await row.waitFor();
      expect(await row.textContent()).toContain("Send reports only");
      expect(await row.textContent()).toContain("Active");
      await page.screenshot({ path: join(screenshotDir, "desktop-api-tokens.png"), fullPage: true });
      // The token works, within its scope: it may say who it is, not read the mission's reports.
      const asToken = (path: string) =>
        fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect((await asToken("/api/v1/me")).status).toBe(200);
      expect((await asToken(`/api/v1/missions/${ids.mission}/submissions`)).status).toBe(403);
      const expires = Date.parse((await row.locator("time").nth(1).getAttribute("datetime")) ?? "");
      const days = (expires - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29);
      expect(days).toBeLessThanOrEqual(30);
      await row.getByRole("button", { name: "Revoke Nightly report sender" }).click();
      await row.getByText("Revoked").waitFor();
      expect((await asToken("/api/v1/me")).status).toBe(401);
      await signOut();
    });

    it("lets the administrator disable the account, which then cannot sign in", async () => {
      await signIn("server.keeper", ADMIN_PASSWORD);
      await page.waitForURL(/\/elections\//);
      await page.goto(`${app.baseUrl}/accounts`);
      const row = page.getByRole("row", { name: /regional\.lead/ });
      await row.getByRole("button", { name: "Disable" }).click();
      await row.getByText("Disabled").waitFor();
      await signOut();
      await signIn("regional.lead", "my-own-choice-2031");
      await page.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").textContent()).toContain("Wrong username or password");
      expect(problems).toEqual([]);
    });
  });

  describe("browser: the first administrator from the one-time setup link", () => {
    it("creates the administrator once, who then signs in; the link does not work twice", async () => {
      await buildWebIfStale();
      const { store, dispose } = await openScratchStore("pglite");
      const { setup, token } = FirstAdminSetup.create();
      const server = await buildServer({ store, webRoot, firstAdminSetup: setup });
      const baseUrl = await server.listen({ port: 0, host: "127.0.0.1" });
      const browser = await launchChromium();
      const problems: string[] = [];
      try {
        const { page } = await openPage(browser, problems, { width: 1280, height: 800 });
        await page.goto(`${baseUrl}/setup#${token}`);
        await page.getByRole("heading", { level: 1, name: "First administrator" }).waitFor();
        await page.getByLabel("Username").fill("founding.admin");
        await page.getByLabel("Password", { exact: true }).fill("set-up-on-day-one");
        await page.getByLabel("Repeat the new password").fill("set-up-on-day-one");
        await page.getByRole("button", { name: "Create administrator" }).click();
        await page.getByText("Administrator founding.admin created").waitFor();
        await page.screenshot({ path: join(screenshotDir, "desktop-setup.png") });
        await page.getByRole("link", { name: "Sign in" }).click();
        await page.getByLabel("Username").fill("founding.admin");
        await page.getByLabel("Password").fill("set-up-on-day-one");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByRole("heading", { name: "No elections yet" }).waitFor();

        const again = await browser.newPage();
        await again.goto(`${baseUrl}/setup#${token}`);
        await again.getByLabel("Username").fill("intruder");
        await again.getByLabel("Password", { exact: true }).fill("some-long-password");
        await again.getByLabel("Repeat the new password").fill("some-long-password");
        await again.getByRole("button", { name: "Create administrator" }).click();
        await again.getByText("This setup link is not valid").waitFor();
        expect(await store.users.findByUsername("intruder")).toBeUndefined();
        expect(problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
      } finally {
        await browser.close();
        await server.close();
        await dispose();
      }
    });
  });
}
