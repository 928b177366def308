/**
 * Browser sweep of every page, as each role would see it, at widths from a small phone's (360 px)
 * to a wide desktop's (1440 px), in English and Russian, on an election of our own with data in
 * every figure. Each page fails when the document is wider than the screen (a wide table may scroll inside its own
 * region) or a box cuts its content off, when axe-core reports a serious or critical violation,
 * when two labels of a chart or map overlap, when the browser logs an error, and, in Russian,
 * when a catalogue string or a run of English words shows. The pages of an election come from the shell's
 * navigation, so a new page is swept too.
 */
import { join } from "node:path";
import type { Role } from "@scrutiny/domain";
import type { BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountPages, pagesFor } from "../apps/web/src/shell/navigation.ts";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { seedAdministrator } from "./support/own-election.ts";
import {
  axeViolations,
  englishCatalogue,
  englishLeftOver,
  englishWords,
  injectAxe,
  overlappingLabels,
} from "./support/page-checks.ts";
import { type SweepElection, setUpSweepElection, sweepAccounts } from "./support/sweep-election.ts";
import { openPage, overflowing, screenshotDir } from "./support/web.ts";

const TITLE = "browser: every page as each role, 360 to 1440 px, English and Russian";
/**
 * The widest first, then narrower. Every width is checked for overflow and overlapping labels;
 * axe-core and the English check (the slow ones, and the same text at every width of a layout)
 * run at the two widths the layouts are designed for, a desktop's and a phone's.
 */
const WIDTHS = [
  { width: 1440, axe: false },
  { width: 1280, axe: true },
  { width: 390, axe: true },
  { width: 360, axe: false },
] as const;
const LANGUAGES = ["en", "ru"] as const;
type Language = (typeof LANGUAGES)[number];

/** The staff app's pages a role reaches: its navigation, plus the pages its lists link to. */
function staffPages(role: Role, e: SweepElection): string[] {
  const election = `/elections/${e.electionId}`;
  const pages = [
    ...pagesFor(role).map((page) => `${election}${page.path}`),
    ...pagesFor(role, accountPages).map((page) => page.path),
  ];
  if (role !== "observer") pages.push(`${election}/forms/${e.formId}`);
  if (role === "admin" || role === "coordinator" || role === "analyst")
    pages.push(`${election}/submissions/${e.submissionId}`, `${election}/stations/${e.stationId}`);
  if (role === "admin") pages.push("/setup/new-election");
  return pages;
}

/**
 * The page has its heading, nothing is loading, fonts are in, and the layout has answered the
 * last resize (two frames: the resize observers' renders, then their paint).
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector("h1") !== null &&
      document.querySelector('.spinner, [aria-busy="true"], [role="progressbar"]') === null,
    undefined,
    { timeout: 120_000 },
  );
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;
    let election: SweepElection;
    const catalogue = englishCatalogue();
    const visited: string[] = [];
    // How long each page took at all widths: the slowest are named at the end (where to cut).
    const timings: { where: string; ms: number }[] = [];

    beforeAll(async () => {
      app = await startApp(seedAdministrator, {
        fingerprintReplicates: { bootstrap: 2, lrReplicates: 1, chunk: 1 },
      });
      election = await setUpSweepElection(app.baseUrl);
    }, 300_000);

    afterAll(async () => {
      const slowest = timings.sort((a, b) => b.ms - a.ms).slice(0, 5);
      console.log(
        `every-page sweep: ${visited.length} checks of ${timings.length} page loads; slowest: ${slowest
          .map(({ where, ms }) => `${where} ${ms} ms`)
          .join("; ")}`,
      );
      await app?.close();
    });

    /** A signed-in browser profile (cookies and remembered language) of one user in one language. */
    async function signedIn(
      language: Language,
      credentials?: { username: string; password: string },
    ): Promise<BrowserContextOptions["storageState"]> {
      const { context, page } = await openPage(app?.browser, [], { width: 1280, height: 800 });
      await page.goto(`${app?.baseUrl}/favicon.svg`);
      await page.evaluate((language) => {
        for (const key of ["scrutiny.language", "scrutiny.portal.language", "scrutiny.observer.language"])
          localStorage.setItem(key, language);
      }, language);
      if (credentials !== undefined) {
        const answer = await context.request.post(`${app?.baseUrl}/api/v1/auth/sign-in`, {
          data: credentials,
        });
        expect(answer.status(), await answer.text()).toBe(200);
      }
      const state = await context.storageState();
      await context.close();
      return state;
    }

    /**
     * Visits each path once in one language and looks at it at each width, resizing the one page
     * rather than loading it again (the layouts depend on the width alone: no style asks for touch
     * or a coarse pointer). Returns what is wrong at each width.
     */
    async function sweep(
      who: string,
      language: Language,
      paths: readonly string[],
      credentials?: { username: string; password: string },
    ): Promise<string[]> {
      const storageState = await signedIn(language, credentials);
      const found: string[] = [];
      const problems: string[] = [];
      const { context, page } = await openPage(
        app?.browser,
        problems,
        { width: WIDTHS[0].width, height: 900 },
        { locale: language === "ru" ? "ru-RU" : "en-US", storageState },
      );
      await injectAxe(context);
      for (const path of paths) {
        problems.length = 0;
        const t0 = performance.now();
        // A hash route of the same app would change in place, the last page's heading still there.
        if (path.includes("#")) await page.goto("about:blank");
        await page.goto(`${app?.baseUrl}${path}`, { waitUntil: "domcontentloaded" });
        for (const { width, axe } of WIDTHS) {
          const where = `${who} ${language} ${width}px ${path}`;
          await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
          await settled(page);
          const wrong = [
            ...(await overflowing(page, width, { cutOff: true })),
            ...(axe ? await axeViolations(page) : []),
            ...(await overlappingLabels(page)),
            ...(language === "ru" && axe ? await englishLeftOver(page, catalogue) : []),
            ...(language === "ru" && axe ? await englishWords(page) : []),
            ...problems,
          ];
          problems.length = 0;
          found.push(...wrong.map((line) => `${where}: ${line}`));
          // A page that fails is photographed; with SWEEP_SCREENSHOTS=1, every page (to look at).
          if (wrong.length > 0 || process.env["SWEEP_SCREENSHOTS"] === "1") {
            const name = path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "").replace(/[^a-z0-9]+/gi, "-");
            const file = `sweep-${who}-${language}-${width}${name}.png`;
            await page.screenshot({ path: join(screenshotDir, file), fullPage: true });
          }
          visited.push(where);
        }
        timings.push({ where: `${who} ${language} ${path}`, ms: Math.round(performance.now() - t0) });
      }
      await context.close();
      return found;
    }

    for (const role of ["admin", "coordinator", "analyst"] as const) {
      it.concurrent(`shows every page to the ${role}`, async () => {
        const paths = staffPages(role, election);
        const found: string[] = [];
        for (const language of LANGUAGES)
          found.push(...(await sweep(role, language, paths, sweepAccounts[role])));
        expect(found).toEqual([]);
      }, 600_000);
    }

    it.concurrent("shows the observer app to the observer", async () => {
      const { username, accessCode, visitId } = election.observer;
      const paths = ["/observer/#/", `/observer/#/form/${visitId}/${election.formId}`];
      const found: string[] = [];
      for (const language of LANGUAGES)
        found.push(...(await sweep("observer", language, paths, { username, password: accessCode })));
      expect(found).toEqual([]);
    }, 600_000);

    it.concurrent("shows the sign-in pages and the public portal to anyone", async () => {
      const paths = [
        "/sign-in",
        "/observer/",
        "/portal/#/elections",
        `/portal/#/elections/${election.electionId}`,
        `/portal/#/publications/${election.publicationId}`,
        "/portal/#/verify",
      ];
      const found: string[] = [];
      for (const language of LANGUAGES) found.push(...(await sweep("public", language, paths)));
      expect(found).toEqual([]);
      // The English check sees catalogue strings where they are: on the sign-in page in English.
      const { context, page } = await openPage(app?.browser, [], { width: 1280, height: 800 });
      await page.goto(`${app?.baseUrl}/sign-in`);
      await page.getByRole("button", { name: "Sign in" }).waitFor();
      expect(await englishLeftOver(page, catalogue)).toContain('English on a Russian page: "Sign in"');
      await context.close();
    }, 600_000);
  });
}
