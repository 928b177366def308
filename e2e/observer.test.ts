/**
 * Browser test of the observer app on a phone-sized screen: the observer signs in with an access
 * code, the connection drops, they check in and fill two reports (one through skip logic and a
 * constraint, with a photo), keep a draft, reload the page with no connection, close the browser and open it
 * again on the same profile, and only then does the connection come back: both reports arrive
 * exactly once, each with the server's receipt on screen. Screenshots land in e2e/screenshots/.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAccount } from "@scrutiny/server";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChromiumAvailable, launchPersistentChromium } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { observerSeed, seedObserverElection } from "./support/observer-seed.ts";
import { englishWords } from "./support/page-checks.ts";
import { openPage, overflowing, screenshotDir } from "./support/web.ts";

const TITLE = "browser: the observer app offline and back";
const PHONE = { width: 360, height: 740 };
/** A JPEG as the server recognises one (its signature), with some bytes of "picture". */
const SEAL_PHOTO = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(2048, 0x5a),
  Buffer.from([0xff, 0xd9]),
]);

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let coordinatorContext: BrowserContext | undefined;
    let coordinator: Page;
    const profile = mkdtempSync(join(tmpdir(), "scrutiny-observer-profile-"));
    const problems: string[] = [];

    const open = async () => {
      context = await launchPersistentChromium(profile, {
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: "en-US",
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        // Offline, fetches fail by design; the app shows it, the console may mention it.
        if (
          message.type() === "error" &&
          !/Failed to load resource|ERR_INTERNET_DISCONNECTED|401/.test(message.text())
        )
          problems.push(`console: ${message.text()}`);
      });
    };
    const shot = (name: string) =>
      page.screenshot({ path: join(screenshotDir, `observer-${name}.png`), fullPage: true });
    const stop = (code: string) => page.locator(".ob-stop", { hasText: code });

    beforeAll(async () => {
      app = await startApp(seedObserverElection);
      await open();
    }, 240_000);

    afterAll(async () => {
      await coordinatorContext?.close();
      await context?.close();
      await app?.close();
      rmSync(profile, { recursive: true, force: true });
    });

    it("signs in with the access code and keeps the app for offline use", async () => {
      await page.goto(`${app?.baseUrl}/observer/?username=${observerSeed.username}`);
      await expect(page.getByLabel("Username").inputValue()).resolves.toBe(observerSeed.username);
      await page.getByLabel("Access code").fill(observerSeed.accessCode.toLowerCase());
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "My route" }).waitFor();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
        timeout: 30_000,
      });
      await expect(stop("PS-1").count()).resolves.toBe(1);
      await expect(stop("PS-2").count()).resolves.toBe(1);
      await expect(overflowing(page, PHONE.width)).resolves.toEqual([]);
      await shot("route");
      // Chromium's own verdict: the manifest, icons and service worker make the app installable.
      const cdp = await page.context().newCDPSession(page);
      const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
        installabilityErrors: { errorId: string }[];
      };
      expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
      await cdp.detach();
    }, 60_000);

    it("works with no connection: check-in, a report through skip logic and checks, another report, a draft", async () => {
      await context?.setOffline(true);
      await page.locator('.ob-statusbar[data-online="false"]').waitFor();
      await stop("PS-2").getByRole("button", { name: "Check in" }).click();
      await stop("PS-2")
        .getByText(/^Arrived /)
        .waitFor();

      await stop("PS-2")
        .getByRole("link", { name: /Voting checklist/ })
        .click();
      await page.getByRole("heading", { level: 1, name: "Voting checklist" }).waitFor();
      await expect(page.getByText("What was wrong with the seal?").count()).resolves.toBe(0);
      await page.getByRole("button", { name: "Save and send" }).click();
      await page.getByText("Correct the marked answers first (1).").waitFor();
      await page.locator('[data-question="box_sealed"]').getByText("No", { exact: true }).click();
      // Skip logic: the seal question appears only now, and is required.
      await page
        .getByLabel(/What was wrong with the seal\?/)
        .fill("The seal number did not match the protocol");
      // A photo of the seal: kept on the phone, uploaded before the report once online.
      await page.getByLabel(/Photo of the seal/).setInputFiles({
        name: "seal.jpg",
        mimeType: "image/jpeg",
        buffer: SEAL_PHOTO,
      });
      await page.locator("[data-attachment]").waitFor();
      await page.getByLabel(/Voters waiting in the queue/).fill("650");
      await page.getByText("Count again: more than 500 people in the queue?").waitFor();
      await shot("form-constraint");
      await page.getByLabel(/Voters waiting in the queue/).fill("65");
      await page.getByRole("button", { name: "Save and send" }).click();
      await page.getByRole("heading", { level: 1, name: "My route" }).waitFor();

      await stop("PS-2")
        .getByRole("link", { name: /Arrival at the station/ })
        .click();
      await page.locator('[data-question="admitted"]').getByText("Yes", { exact: true }).click();
      await page.getByLabel(/Commission members present/).fill("7");
      await page.getByRole("button", { name: "Save and send" }).click();
      await page.getByRole("heading", { level: 1, name: "My route" }).waitFor();

      // A draft on the other stop, left half done.
      await stop("PS-1")
        .getByRole("link", { name: /Arrival at the station/ })
        .click();
      await page.getByLabel(/Commission members present/).fill("5");
      await page.getByText("Draft saved on this phone").waitFor();
      await page.getByRole("link", { name: /Back to route/ }).click();

      await expect(stop("PS-2").locator('[data-status="pending"]').count()).resolves.toBe(2);
      await expect(page.locator("[data-pending]").getAttribute("data-pending")).resolves.toBe("3");
      await shot("offline-pending");
    }, 60_000);

    it("reloads with no connection and loses nothing", async () => {
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "My route" }).waitFor();
      await expect(stop("PS-2").locator('[data-status="pending"]').count()).resolves.toBe(2);
      await expect(stop("PS-1").getByText("draft").count()).resolves.toBe(1);
      await stop("PS-1")
        .getByRole("link", { name: /Arrival at the station/ })
        .click();
      await expect(page.getByLabel(/Commission members present/).inputValue()).resolves.toBe("5");
      await page.getByRole("link", { name: /Back to route/ }).click();
    }, 60_000);

    it("the coordinator watches the election-day view: nothing reported yet, both stations on the call list", async () => {
      ({ context: coordinatorContext, page: coordinator } = await openPage(app?.browser, problems, {
        width: 1280,
        height: 900,
      }));
      await coordinator.goto(`${app?.baseUrl}/sign-in`);
      await coordinator.getByLabel("Username").fill("coordinator-lakeside");
      await coordinator.getByLabel("Password").fill(observerSeed.coordinatorPassword);
      await coordinator.getByRole("button", { name: "Sign in" }).click();
      await coordinator.waitForURL(/\/elections\//);
      await coordinator.goto(`${app?.baseUrl}/elections/${observerSeed.ids.election}/live`);
      await coordinator.locator('[data-connection="open"]').waitFor();
      await coordinator.getByText("0 of 2 planned stations have reported").waitFor();
      const missing = coordinator.locator('[data-live="not-reported"]');
      await missing.locator('[data-station="PS-2"]').waitFor();
      await expect(missing.getByText("+375291234567").count()).resolves.toBe(2);
      await expect(coordinator.locator('[data-live="critical"] [data-submission]').count()).resolves.toBe(0);
    }, 60_000);

    it("tells a staff member who signs in on the observer app why not, in Russian, as the server said it", async () => {
      const store = app?.store;
      if (store === undefined) throw new Error("no app");
      // An analyst of the mission, with a password the access-code field keeps as typed (upper case).
      const created = await createAccount(store, {
        username: "analyst-lakeside",
        role: "analyst",
        missionId: observerSeed.ids.mission,
        password: "LAKESIDE-TABLES-2031",
      });
      if (!created.ok) throw new Error(created.error.message);
      const { context: russian, page: phone } = await openPage(app?.browser, problems, PHONE, {
        mobile: true,
        locale: "ru-RU",
        expectedErrors: /status of 403|ERR_CONNECTION_RESET/,
      });
      try {
        await phone.goto(`${app?.baseUrl}/observer/`);
        await phone.getByLabel("Имя пользователя").fill("analyst-lakeside");
        await phone.getByLabel("Код доступа").fill("LAKESIDE-TABLES-2031");
        await phone.getByRole("button", { name: "Войти" }).click();
        const alert = phone.getByRole("alert");
        await alert.waitFor();
        await expect(alert.textContent()).resolves.toBe(
          "Не удалось войти: Это не учётная запись наблюдателя: войдите под именем пользователя и с кодом доступа, которые дал вам координатор.",
        );
        await expect(englishWords(phone)).resolves.toEqual([]);
        await phone.screenshot({
          path: join(screenshotDir, "observer-ru-not-an-observer.png"),
          fullPage: true,
        });

        // No answer at all: said in Russian too, whatever the browser's own message was.
        await phone.route("**/api/v1/auth/sign-in", (route) => route.abort("connectionreset"));
        await phone.getByRole("button", { name: "Войти" }).click();
        await phone
          .getByRole("alert")
          .getByText(/^Нет связи\./)
          .waitFor();
        await expect(englishWords(phone)).resolves.toEqual([]);
      } finally {
        await russian.close();
      }
    }, 60_000);

    it("closes the browser, opens it again offline, and sends everything once the connection is back", async () => {
      await context?.close();
      await open();
      await context?.setOffline(true);
      await page.goto(`${app?.baseUrl}/observer/`);
      await page.getByRole("heading", { level: 1, name: "My route" }).waitFor();
      await expect(stop("PS-2").locator('[data-status="pending"]').count()).resolves.toBe(2);
      expect(await app?.store.submissions.countForMission(observerSeed.ids.mission)).toBe(0);

      await context?.setOffline(false);
      await page.locator('.ob-statusbar[data-online="true"]').waitFor();
      await stop("PS-2").locator('[data-status="sent"]').nth(1).waitFor({ timeout: 30_000 });
      await page.locator('[data-pending="0"]').waitFor({ timeout: 30_000 });
      const receipts = await stop("PS-2")
        .locator("[data-receipt]")
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-receipt")));
      expect(receipts).toHaveLength(2);
      await shot("sent");

      const store = app?.store;
      if (store === undefined) throw new Error("no app");
      const { rows } = await store.submissions.list({
        missionId: observerSeed.ids.mission,
        limit: 10,
        offset: 0,
      });
      expect(rows.map((row) => row.id).sort()).toEqual([...receipts].sort());
      expect(rows.every((row) => row.channel === "app")).toBe(true);
      const voting = rows.find((row) => row.formId === observerSeed.votingFormId);
      const photoHash = createHash("sha256").update(SEAL_PHOTO).digest("hex");
      expect(voting?.answers).toEqual({
        box_sealed: "no",
        seal_problem: "The seal number did not match the protocol",
        seal_photo: photoHash,
        voters_in_queue: 65,
      });
      expect(await store.attachments.info(photoHash)).toMatchObject({
        contentType: "image/jpeg",
        size: SEAL_PHOTO.length,
      });
      const visit = await store.deployment.visit(observerSeed.secondVisit);
      expect(visit?.arrivedAt).not.toBeNull();

      // The coordinator's open page shows them without a reload: PS-2 reported, its critical incident first.
      await coordinator.getByText("1 of 2 planned stations have reported").waitFor({ timeout: 30_000 });
      const incident = coordinator.locator(`[data-live="critical"] [data-submission="${voting?.id}"]`);
      await incident.waitFor({ timeout: 30_000 });
      await expect(incident.textContent()).resolves.toMatch(
        /PS-2.*Was the ballot box sealed\?: No.*\+375291234567/s,
      );
      await expect(
        coordinator.locator('[data-live="not-reported"] [data-station="PS-2"]').count(),
      ).resolves.toBe(0);
      await coordinator.screenshot({ path: join(screenshotDir, "coordinator-live.png"), fullPage: true });

      // Sending again changes nothing: the same ids come back as duplicates.
      await page
        .getByRole("link", { name: /Arrival at the station/ })
        .first()
        .waitFor();
      expect(await store.submissions.countForMission(observerSeed.ids.mission)).toBe(2);
      expect(problems).toEqual([]);
    }, 90_000);
  });
}
