/**
 * Browser test of the indicator editor on an election of our own: a coordinator writes an
 * indicator over the mission's own polling checklist. The editor checks it in the page with the
 * server's schemas and parser against the checklist's questions: a question the checklist does
 * not have is named and the questions to choose from are listed; a bad code and an unclosed
 * reference are told in the reader's terms, with the place marked. A valid one is saved at once
 * (version 1), saving it again makes no new version, and the table labels it with the one phase
 * it counts, not "All phases"; an indicator over questions the forms lack says so in the table.
 * Edit loads an existing indicator's definition into the editor: saved unchanged it stays, saved
 * changed it is a new version, named and counted as changed in the table.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { FormDefinition } from "@scrutiny/domain";
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
import { openPage, screenshotDir, signInThroughPage } from "./support/web.ts";

const TITLE = "browser: the indicator editor checks an indicator against the mission's forms";

const checklist: FormDefinition = {
  id: randomUUID(),
  version: 1,
  kind: "voting",
  title: { en: "Polling checklist" },
  languages: ["en"],
  defaultLanguage: "en",
  choiceLists: {
    yn: [
      { name: "yes", label: { en: "Yes" } },
      { name: "no", label: { en: "No" } },
    ],
  },
  items: [
    { type: "yes_no", name: "ink_checked", label: { en: "Were fingers checked for ink?" }, listName: "yn" },
    { type: "integer", name: "queue_outside", label: { en: "Voters queuing outside" }, min: 0 },
  ],
  checks: [],
};

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let baseUrl = "";
    let election: OwnElection;
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(seedAdministrator);
      baseUrl = app.baseUrl;
      election = await setUpOwnElection(baseUrl);
      const coordinator = await apiAs(
        baseUrl,
        ownElection.coordinatorUsername,
        ownElection.coordinatorPassword,
      );
      await coordinator("POST", `/api/v1/elections/${election.electionId}/forms`, checklist);
      ({ context, page } = await openPage(
        app.browser,
        problems,
        { width: 1280, height: 900 },
        {
          // The refusals the test provokes on purpose are answered 422.
          expectedErrors: /status of (401|422)/,
        },
      ));
    }, 600_000);

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    const editor = () => page.getByTestId("indicator-editor");
    const problemList = () => editor().getByTestId("editor-problems");

    it("names a question the checklist does not have and lists the ones it has", async () => {
      await signInThroughPage(
        page,
        baseUrl,
        `/elections/${election.electionId}/analysis`,
        ownElection.coordinatorUsername,
        ownElection.coordinatorPassword,
      );
      await page.getByRole("heading", { level: 1, name: "Analysis" }).waitFor();
      await page.getByText("Add or edit an indicator").click();
      await editor().getByLabel("Code").fill("ink-not-checked");
      await editor().getByLabel("Name").fill("Fingers not checked for ink");
      await editor()
        .getByLabel(/Condition/)
        .fill("${ink_check} = 'no'");
      await editor().getByRole("button", { name: "Save" }).click();
      await expect
        .poll(() => problemList().textContent())
        .toMatch(/No question named “ink_check” in the forms of this kind/);
      const questions = editor().getByTestId("editor-questions");
      await expect(questions.isVisible()).resolves.toBe(true);
      await expect(questions.textContent()).resolves.toMatch(/ink_checked · Were fingers checked for ink\?/);
      await expect(questions.textContent()).resolves.toMatch(/queue_outside/);
      await expect(editor().getByTestId("editor-status").textContent()).resolves.toBe("");
      await page.screenshot({ path: join(screenshotDir, "desktop-indicator-unknown-question.png") });
    }, 120_000);

    it("tells a bad code and an unclosed reference in the reader's terms, the place marked", async () => {
      await editor().getByLabel("Code").fill("Ink Check");
      await editor()
        .getByLabel(/Condition/)
        .fill("${ink_checked = 'no'");
      await editor().getByRole("button", { name: "Save" }).click();
      const text = await problemList().textContent();
      expect(text).toMatch(/The code: lower-case letters, digits/);
      expect(text).toMatch(/the question reference “\$\{ink_checked = 'no'” is not closed: add “}”/);
      expect(text).not.toMatch(/params\.code|offset/);
      await expect(problemList().getByTestId("syntax-place").locator("mark").textContent()).resolves.toBe(
        "$",
      );
    }, 60_000);

    it("saves at once, makes no new version when nothing changed, and labels the phase it counts", async () => {
      await editor().getByLabel("Code").fill("ink-not-checked");
      await editor()
        .getByLabel(/Condition/)
        .fill("${ink_checked} = 'no'");
      await editor().getByLabel("Polling day").check();
      await editor().getByRole("button", { name: "Save" }).click();
      await editor().getByTestId("editor-status").getByText("Saved as version 1").waitFor();
      await expect(problemList().count()).resolves.toBe(0);
      await editor().getByRole("button", { name: "Save" }).click();
      await editor()
        .getByTestId("editor-status")
        .getByText("Nothing changed: version 1 stays current.")
        .waitFor();
      const row = page.locator('[data-figure="indicators"] tbody[data-indicator="ink-not-checked"]');
      await row.waitFor();
      await expect(row.locator("tr").first().locator("td").first().textContent()).resolves.toBe(
        "Polling day",
      );
      await expect(row.getByTestId("missing-questions").count()).resolves.toBe(0);
      // The mission's default indicators read the standard checklists' questions, which this
      // mission's own checklist does not have: each says so.
      const sealed = page.locator('[data-figure="indicators"] tbody[data-indicator="box-not-sealed"]');
      await expect(sealed.getByTestId("missing-questions").textContent()).resolves.toBe(
        "The Voting forms have no question ballot_box_sealed: this indicator reads nothing.",
      );
      const coordinator = await apiAs(
        baseUrl,
        ownElection.coordinatorUsername,
        ownElection.coordinatorPassword,
      );
      const { versions } = await coordinator(
        "GET",
        `/api/v1/missions/${election.missionId}/analysis/indicators/ink-not-checked/versions`,
      );
      expect(versions.map((v: { version: number }) => v.version)).toEqual([1]);
      await page.screenshot({ path: join(screenshotDir, "desktop-indicator-saved.png"), fullPage: true });
      expect(problems).toEqual([]);
    }, 120_000);

    it("loads an existing indicator with Edit: unchanged it stays, changed it is a new version", async () => {
      const row = page.locator('[data-figure="indicators"] tbody[data-indicator="ink-not-checked"]');
      await row.getByRole("button", { name: "Edit Fingers not checked for ink" }).click();
      await editor().getByTestId("editor-editing").getByText("Editing ink-not-checked, version 1").waitFor();
      // Every field of its definition is in the editor, the code fixed.
      await expect(editor().getByLabel("Code").inputValue()).resolves.toBe("ink-not-checked");
      await expect(editor().getByLabel("Code").getAttribute("readonly")).resolves.not.toBeNull();
      await expect(editor().getByLabel("Name").inputValue()).resolves.toBe("Fingers not checked for ink");
      await expect(
        editor()
          .getByLabel(/Condition/)
          .inputValue(),
      ).resolves.toBe("${ink_checked} = 'no'");
      await expect(editor().getByLabel("Polling day").isChecked()).resolves.toBe(true);
      await expect(editor().getByLabel(/^Unit/).inputValue()).resolves.toBe("visit");
      await expect(
        editor()
          .getByLabel(/^Form kind/)
          .inputValue(),
      ).resolves.toBe("voting");
      await editor().getByRole("button", { name: "Save" }).click();
      await editor()
        .getByTestId("editor-status")
        .getByText("Nothing changed: version 1 stays current.")
        .waitFor();
      // A change: counted by station, under a new name, over every phase.
      await editor().getByLabel("Name").fill("Stations where fingers were not checked");
      await editor().getByLabel(/^Unit/).selectOption("station");
      await editor().getByLabel("Polling day").uncheck();
      await editor().getByRole("button", { name: "Save" }).click();
      await editor().getByTestId("editor-status").getByText("Saved as version 2").waitFor();
      await editor().getByTestId("editor-editing").getByText("Editing ink-not-checked, version 2").waitFor();
      await expect.poll(() => row.locator(".analysis-unit").textContent()).toMatch(/v2$/);
      await expect(row.locator("th").first().textContent()).resolves.toContain(
        "Stations where fingers were not checked",
      );
      await expect(row.locator("tr").first().locator("td").first().textContent()).resolves.toBe("All phases");
      const coordinator = await apiAs(
        baseUrl,
        ownElection.coordinatorUsername,
        ownElection.coordinatorPassword,
      );
      const { versions } = await coordinator(
        "GET",
        `/api/v1/missions/${election.missionId}/analysis/indicators/ink-not-checked/versions`,
      );
      expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(versions[1].definition).toMatchObject({
        kind: "share",
        name: { en: "Stations where fingers were not checked" },
        unit: "station",
        formKind: "voting",
        phases: null,
        condition: "${ink_checked} = 'no'",
      });
      // An indicator named in two languages over both phases, listed in the other order: loaded and
      // saved unchanged, it keeps what the editor does not show and stays as it is.
      await coordinator("PUT", `/api/v1/missions/${election.missionId}/analysis/indicators/queue`, {
        kind: "mean",
        name: { en: "Voters queuing outside", fr: "Électeurs en file dehors" },
        unit: "visit",
        formKind: "voting",
        phases: ["polling-day", "special-voting"],
        question: "queue_outside",
      });
      await page.reload();
      const queue = page.locator('[data-figure="indicators"] tbody[data-indicator="queue"]');
      await queue.locator("[data-edit-indicator]").click();
      await editor().getByTestId("editor-editing").getByText("Editing queue, version 1").waitFor();
      await expect(editor().getByLabel("Special voting").isChecked()).resolves.toBe(true);
      await expect(
        editor()
          .getByLabel(/Question/)
          .inputValue(),
      ).resolves.toBe("queue_outside");
      await editor().getByRole("button", { name: "Save" }).click();
      await editor()
        .getByTestId("editor-status")
        .getByText("Nothing changed: version 1 stays current.")
        .waitFor();
      await page.screenshot({ path: join(screenshotDir, "desktop-indicator-edit.png"), fullPage: true });
      expect(problems).toEqual([]);
    }, 120_000);
  });
}
