/**
 * Shared by the browser tests: building apps/web when its sources changed (once, even when
 * several test files start together), and finding what sticks out sideways on a page.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const webDir = join(repoRoot, "apps/web");
export const webRoot = join(webDir, "dist");
export const screenshotDir = join(repoRoot, "e2e/screenshots");

const LOCK = join(tmpdir(), `scrutiny-web-build-${Buffer.from(repoRoot).toString("hex").slice(-24)}.lock`);
const STALE_LOCK_MS = 5 * 60_000;

function isFresh(): boolean {
  const built = join(webRoot, "index.html");
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  const sources = [
    join(webDir, "index.html"),
    join(webDir, "vite.config.ts"),
    ...filesUnder(join(webDir, "src")),
    ...filesUnder(join(webDir, "observer")),
    ...filesUnder(join(webDir, "portal")),
    ...filesUnder(join(webDir, "public")),
  ];
  return sources.every((file) => statSync(file).mtimeMs <= builtAt);
}

/**
 * Builds apps/web into dist/ when there is no build or the sources are newer than it. A lock
 * directory keeps two test files from building (and emptying dist/) at the same time.
 */
export async function buildWebIfStale(): Promise<void> {
  if (isFresh()) return;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmdirSync(LOCK);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (!isFresh()) await runViteBuild();
  } finally {
    rmdirSync(LOCK);
  }
}

async function runViteBuild(): Promise<void> {
  // Run Vite's own bin with this Node (no npx wrapper that could leave a child behind).
  const viteBin = join(
    dirname(createRequire(join(webDir, "package.json")).resolve("vite/package.json")),
    "bin/vite.js",
  );
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, "build", "--logLevel", "warn"], {
      cwd: webDir,
      // Vitest sets NODE_ENV=test, which would give a development build (React's dev runtime,
      // no service worker); the browser tests test what users get.
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0 || !existsSync(join(webRoot, "index.html"))) {
    throw new Error(`building apps/web failed (exit ${code}):\n${output.join("")}`);
  }
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

/**
 * What sticks out sideways at the given width: the page itself when it scrolls sideways,
 * elements past the right edge, elements whose content spills out of their box, and with
 * `cutOff`, boxes that cut their content off.
 */
export async function overflowing(
  page: Page,
  width: number,
  options: { cutOff?: boolean } = {},
): Promise<string[]> {
  return page.evaluate(
    ({ width, cutOff }) => {
      const name = (element: Element) =>
        `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`;
      // Inside a 1px box: hidden for sight, there for screen readers (visually-hidden, a stacked thead).
      const clipped = (element: Element): boolean =>
        element.parentElement !== null &&
        (element.parentElement.getBoundingClientRect().width <= 1 || clipped(element.parentElement));
      // Inside a region that scrolls sideways (a wide table's own focusable region): fine, as long
      // as the region itself fits (it is checked as an element of its own).
      const scrolls = (element: Element): boolean => {
        for (let parent = element.parentElement; parent !== null; parent = parent.parentElement) {
          const overflowX = getComputedStyle(parent).overflowX;
          if (overflowX === "auto" || overflowX === "scroll") return true;
        }
        return false;
      };
      const found: string[] = [];
      if (document.documentElement.scrollWidth > width)
        found.push(`page ${document.documentElement.scrollWidth}px`);
      for (const element of document.querySelectorAll("body *")) {
        if (element.closest("select, dialog:not([open]), datalist")) continue;
        // The parts of a drawing are no CSS boxes (their clientWidth is 0): the svg is checked.
        if (element.parentElement?.closest("svg")) continue;
        const box = element.getBoundingClientRect();
        if (box.width <= 1 || clipped(element) || scrolls(element)) continue;
        const style = getComputedStyle(element);
        if (box.right > width + 0.5) found.push(`${name(element)} ends at ${Math.round(box.right)}px`);
        else if (element.scrollWidth > element.clientWidth + 1 && style.overflowX === "visible") {
          found.push(`${name(element)} spills ${element.scrollWidth - element.clientWidth}px`);
        } else if (
          // Cut off: content wider than a box that hides the rest (an ellipsis says so, and is
          // fine; a text field scrolls its own value).
          cutOff &&
          !element.matches("input, textarea, select") &&
          element.scrollWidth > element.clientWidth + 1 &&
          (style.overflowX === "hidden" || style.overflowX === "clip") &&
          style.textOverflow !== "ellipsis" &&
          element.clientWidth > 1
        ) {
          found.push(`${name(element)} cuts off ${element.scrollWidth - element.clientWidth}px`);
        }
      }
      return found;
    },
    { width, cutOff: options.cutOff ?? false },
  );
}

/**
 * A fresh browser profile (no cookies, no remembered language, unless `storageState` brings
 * them) with the given screen. Console
 * errors (CSP violations, failed scripts, React errors) and page errors are collected in
 * `problems`; the expected 401 of a signed-out visit (or `expectedErrors`) is not a problem.
 */
export async function openPage(
  browser: Browser | undefined,
  problems: string[],
  viewport: { width: number; height: number },
  options: {
    mobile?: boolean;
    timezoneId?: string;
    expectedErrors?: RegExp;
    locale?: string;
    storageState?: BrowserContextOptions["storageState"];
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  if (browser === undefined) throw new Error("browser not launched");
  const mobile = options.mobile ?? false;
  const context = await browser.newContext({
    viewport,
    locale: options.locale ?? "en-US",
    isMobile: mobile,
    hasTouch: mobile,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    ...(options.storageState ? { storageState: options.storageState } : {}),
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" && !(options.expectedErrors ?? /status of 401/).test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return { context, page };
}

/**
 * Opens `path`, which sends a signed-out visitor to the sign-in page, and signs in there as
 * `username` (the test seeds' password by default); the app then returns to `path`.
 */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  path: string,
  username: string,
  password = "pw",
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/sign-in$/);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
