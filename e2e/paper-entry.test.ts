/**
 * Browser test of paper entry on an election of our own: a coordinator types in a checklist an
 * observer filled on paper, through the same renderer and checks as the observer's phone (skip
 * logic opens a required question, which must be answered), saves it, sees the receipt, and the
 * report is stored once as the observer's with the channel "paper", as its page says.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { FormDefinition } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import {
  apiAs,
  type OwnElection,
  ownElection,
  seedAdministrator,
  setUpOwnElection,
} from "./support/own-election.ts";
import { openPage, screenshotDir } from "./support/web.ts";

const TITLE = "browser: a coordinator enters a paper checklist for an observer";

const formId = randomUUID();
const closingForm: FormDefinition = {
  id: formId,
  version: 1,
  kind: "counting",
  title: { en: "Close of poll" },
  languages: ["en"],
  defaultLanguage: "en",
  choiceLists: {
    yn: [
      { name: "yes", label: { en: "Yes" } },
      { name: "no", label: { en: "No" } },
    ],
  },
  items: [
    {
      type: "yes_no",
      name: "closed_on_time",
      label: { en: "Did the station close on time?" },
      listName: "yn",
      required: true,
    },
    {
      type: "text",
      name: "delay_reason",
      label: { en: "Why was closing delayed?" },
      relevant: "${closed_on_time} = 'no'",
      required: true,
    },
    {
      type: "integer",
      name: "still_queuing",
      label: { en: "Voters still queuing at closing" },
      min: 0,
      max: 3000,
    },
  ],
  checks: [],
};

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
      const coordinator = await apiAs(
        baseUrl,
        ownElection.coordinatorUsername,
        ownElection.coordinatorPassword,
      );
      await coordinator("POST", `/api/v1/missions/${election.missionId}/imports/observers`, {
        content: "code,name,team\n8801,Kojo Mensah,TMA-2\n8802,Adwoa Asare,TMA-2\n",
      });
      const { teams } = await coordinator("GET", `/api/v1/missions/${election.missionId}/teams`);
      await coordinator(
        "PUT",
        `/api/v1/missions/${election.missionId}/teams/${teams[0].id}/route/polling-day`,
        {
          stationCodes: ["TMA-106", "TMA-107"],
        },
      );
      await coordinator("POST", `/api/v1/elections/${election.electionId}/forms`, closingForm);
      ({ context, page } = await openPage(app?.browser, problems, { width: 1280, height: 900 }));
    }, 600_000);

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    it("enters the checklist with the observer's own checks and records it as paper", async () => {
      await page.goto(`${baseUrl}/elections/${election.electionId}/paper`);
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel("Username").fill(ownElection.coordinatorUsername);
      await page.getByLabel("Password").fill(ownElection.coordinatorPassword);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Paper entry" }).waitFor();
      await page.getByLabel("Observer", { exact: true }).selectOption({ label: "Adwoa Asare (8802)" });
      const stop = page.getByLabel(/Station and phase/);
      await expect.poll(async () => (await stop.locator("option").allTextContents()).length).toBe(3);
      await stop.selectOption({ label: "Polling day · TMA-107 Community Centre 7" });
      await page.getByLabel("Form", { exact: true }).selectOption({ label: "Close of poll" });
      const checklist = page.getByRole("form", { name: "The paper checklist" });
      await checklist.getByText("Did the station close on time?").waitFor();
      // Skip logic: the reason is asked only when closing was late.
      expect(await checklist.getByText("Why was closing delayed?").count()).toBe(0);
      await checklist.getByLabel("No", { exact: true }).check();
      await checklist.getByText("Why was closing delayed?").waitFor();
      await checklist.getByLabel("Voters still queuing at closing").fill("40");
      await checklist.getByRole("button", { name: "Save the checklist" }).click();
      await checklist.getByText("1 answers need attention before the checklist can be saved.").waitFor();
      expect(
        (await store.submissions.list({ missionId: election.missionId, limit: 10, offset: 0 })).total,
      ).toBe(0);
      await checklist.getByLabel(/Why was closing delayed/).fill("The queue was let in first");
      await checklist.getByRole("button", { name: "Save the checklist" }).click();
      const receipt = page.getByRole("status").filter({ hasText: "Checklist saved" });
      await receipt.getByText(/Stored as a paper report of Adwoa Asare \(8802\) at TMA-107/).waitFor();
      const hash = (await receipt.locator("code").textContent()) ?? "";
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      await page.screenshot({ path: join(screenshotDir, "desktop-paper-entry.png"), fullPage: true });

      const observers = await store.roster.list(election.missionId);
      const adwoa = observers.find((o) => o.code === "8802");
      const { rows } = await store.submissions.list({ missionId: election.missionId, limit: 10, offset: 0 });
      expect(rows).toHaveLength(1);
      const stored = await store.submissions.get(rows[0]?.id ?? "");
      expect(stored).toMatchObject({
        channel: "paper",
        observerId: adwoa?.id,
        phaseCode: "polling-day",
        contentHash: hash,
        answers: { closed_on_time: "no", delay_reason: "The queue was let in first", still_queuing: 40 },
      });

      await receipt.getByRole("link", { name: "Open the report" }).click();
      await page.getByText("Paper, entered by staff").waitFor();
      expect(problems).toEqual([]);
    }, 300_000);
  });
}
