/**
 * Browser test of setting up an election: an administrator of an empty server fills in the
 * election (its time zone, a phase with local times, a party-list contest), creates it, and adds a
 * citizen mission to it; both are then what the API reads back.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { hashPassword } from "@scrutiny/server";
import type { Store } from "@scrutiny/store";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { openPage, screenshotDir } from "./support/web.ts";

const TITLE = "browser: an administrator sets up an election and its missions";

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let store: Store;
    let app: RunningApp | undefined;
    let browser: Browser | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let baseUrl = "";
    const problems: string[] = [];

    beforeAll(async () => {
      app = await startApp(async (seeded) => {
        await seeded.users.insertMany([
          {
            id: randomUUID(),
            username: "operadora",
            displayName: "Operadora",
            role: "admin",
            missionId: null,
            observerId: null,
            locale: "en",
            passwordHash: await hashPassword("una-clave-larga-2030"),
          },
        ]);
      });
      ({ store, baseUrl, browser } = app);
      ({ context, page } = await openPage(browser, problems, { width: 1280, height: 900 }));
    }, 600_000);

    afterAll(async () => {
      await context?.close();
      await app?.close();
    });

    it("creates an election from the page, then a mission of it", async () => {
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel("Username").fill("operadora");
      await page.getByLabel("Password").fill("una-clave-larga-2030");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("link", { name: "Create an election" }).click();
      await page.getByRole("heading", { level: 1, name: "A new election" }).waitFor();
      await page.getByLabel("Languages (e.g. es, en)").fill("es");
      await page.getByLabel("Code", { exact: true }).first().fill("py-municipales-2031");
      await page.getByLabel("Name (es)").fill("Elecciones municipales 2031");
      await page.getByLabel("Country (ISO code, e.g. UY)").fill("PY");
      await page.getByLabel("Election date").fill("2031-10-05");
      await page.getByLabel("Time zone (IANA)").fill("America/Asuncion");
      const phase = page.locator("fieldset.setup-row").first();
      await phase.getByLabel("Code", { exact: true }).fill("dia-de-eleccion");
      await phase.getByLabel("Date", { exact: true }).fill("2031-10-05");
      await phase.getByLabel("Name", { exact: true }).fill("Día de la elección");
      await phase.getByLabel("Opens", { exact: true }).fill("07:00");
      await phase.getByLabel("Closes", { exact: true }).fill("17:00");
      await page.getByRole("button", { name: "Add a contest" }).click();
      const contest = page.locator("fieldset.setup-row").nth(1);
      await contest.getByLabel("Code", { exact: true }).fill("concejo");
      await contest.getByLabel("Name", { exact: true }).fill("Junta municipal");
      await contest.getByLabel("Ballot lists").selectOption("parties");
      // A party-list contest names parties, not candidates with parties: the schema says so at once.
      await contest.getByLabel("One a line: code | name | party").fill("L1 | Lista Uno | Partido X");
      await page.getByText("a party-list contest lists parties").waitFor();
      expect(await page.getByRole("button", { name: "Create the election" }).isDisabled()).toBe(true);
      await contest.getByLabel("One a line: code | name | party").fill("L1 | Lista Uno\nL2 | Lista Dos");
      await page.getByRole("button", { name: "Create the election" }).click();
      await page.getByRole("heading", { level: 1, name: "Set up the election" }).waitFor();
      const [election] = await store.elections.list();
      expect(election).toMatchObject({ code: "py-municipales-2031", timeZone: "America/Asuncion" });
      const setup = await store.setup.read(election?.id ?? "");
      expect(setup?.phases).toEqual([
        {
          code: "dia-de-eleccion",
          kind: "election_day",
          date: "2031-10-05",
          name: { es: "Día de la elección" },
          opensAt: "07:00",
          closesAt: "17:00",
        },
      ]);
      expect(setup?.contests[0]).toMatchObject({ code: "concejo", ballot: "parties" });

      // A second language: every name gets a field of its own, and both are stored.
      await page.getByLabel("Languages (e.g. es, en)").fill("es, gn");
      await page.getByLabel("Name (gn)").first().fill("Poravo municipal 2031");
      const stored = page.locator("fieldset.setup-row").first();
      expect(await stored.getByLabel("Name (es)").inputValue()).toBe("Día de la elección");
      await stored.getByLabel("Name (gn)").fill("Poravo ára");
      const ballot = page.locator("fieldset.setup-row").nth(1);
      await ballot.getByLabel("Name (gn)").fill("Táva rembiapo");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("Election py-municipales-2031 saved.").waitFor();
      const bilingual = await store.setup.read(election?.id ?? "");
      expect(bilingual?.name).toEqual({ es: "Elecciones municipales 2031", gn: "Poravo municipal 2031" });
      expect(bilingual?.phases[0]?.name).toEqual({ es: "Día de la elección", gn: "Poravo ára" });
      expect(bilingual?.contests[0]?.name).toEqual({ es: "Junta municipal", gn: "Táva rembiapo" });

      await page.getByLabel("Code", { exact: true }).last().fill("vigilancia");
      await page.getByLabel("Name", { exact: true }).last().fill("Vigilancia Ciudadana");
      await page.getByRole("combobox", { name: /^Kind/ }).last().selectOption("citizen");
      await page.getByRole("button", { name: "Add the mission" }).click();
      await page.getByText("Vigilancia Ciudadana").waitFor();
      await page.screenshot({ path: join(screenshotDir, "desktop-election-setup.png"), fullPage: true });
      const missions = await store.setup.missions(election?.id ?? "");
      expect(missions.map((m) => [m.code, m.kind])).toEqual([["vigilancia", "citizen"]]);
      expect(problems).toEqual([]);
    }, 300_000);
  });
}
