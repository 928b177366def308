/**
 * How fast the observer app's first usable screen (the sign-in form) appears on a slow phone
 * network: Chromium with DevTools' "Fast 3G" profile (CDP network emulation: 562.5 ms latency,
 * 1.44 Mbit/s down, 675 kbit/s up), a fresh profile each time (nothing cached), median of three
 * loads. The analysts' app's sign-in page is measured the same way as the baseline. Prints the
 * figures for docs/BENCHMARKS.md; asserts only that the screens appear (no timing limits).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChromiumAvailable } from "../test-support/chromium.ts";
import { requirementMissing } from "../test-support/requirement.ts";
import { type RunningApp, startApp } from "./support/app.ts";
import { observerSeed, seedObserverElection } from "./support/observer-seed.ts";
import { webRoot } from "./support/web.ts";

const TITLE = "browser: first usable screen on Fast 3G";
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
const RUNS = 3;

async function firstScreen(
  browser: Browser,
  url: string,
  label: string,
): Promise<{ ms: number; bytes: number }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    locale: "en-US",
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", FAST_3G);
    const started = Date.now();
    await page.goto(url, { waitUntil: "commit" });
    await page.getByLabel(label).waitFor({ timeout: 60_000 });
    const ms = Date.now() - started;
    const bytes = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .concat(performance.getEntriesByType("navigation"))
        .reduce((sum, entry) => sum + ((entry as PerformanceResourceTiming).transferSize ?? 0), 0),
    );
    return { ms, bytes };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Gzipped size of the scripts an HTML entry loads (its module script and everything it imports). */
function scriptSizes(): { file: string; raw: number; gzip: number }[] {
  const assets = join(webRoot, "assets");
  return readdirSync(assets)
    .filter((file) => file.endsWith(".js"))
    .map((file) => {
      const bytes = readFileSync(join(assets, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
}

function entryScripts(html: string): string[] {
  const manifest = JSON.parse(readFileSync(join(webRoot, ".vite/manifest.json"), "utf8")) as Record<
    string,
    { file: string; imports?: string[] }
  >;
  const out = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (chunk === undefined || out.has(chunk.file)) return;
    out.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(html);
  return [...out].filter((file) => file.endsWith(".js")).map((file) => file.replace(/^assets\//, ""));
}

if (!isChromiumAvailable()) {
  requirementMissing(TITLE, "Chromium not found at /usr/bin/chromium");
  describe.skip(TITLE, () => {});
} else {
  describe(TITLE, () => {
    let app: RunningApp | undefined;

    beforeAll(async () => {
      app = await startApp(seedObserverElection);
    }, 240_000);
    afterAll(async () => {
      await app?.close();
    });

    it("measures the observer app and the analysts' sign-in page", async () => {
      const browser = app?.browser;
      if (browser === undefined) throw new Error("no browser");
      const observer: { ms: number; bytes: number }[] = [];
      const analysts: { ms: number; bytes: number }[] = [];
      for (let run = 0; run < RUNS; run++) {
        observer.push(
          await firstScreen(
            browser,
            `${app?.baseUrl}/observer/?username=${observerSeed.username}`,
            "Access code",
          ),
        );
        analysts.push(await firstScreen(browser, `${app?.baseUrl}/sign-in`, "Password"));
      }
      const sizes = scriptSizes();
      const total = (html: string) => {
        const files = new Set(entryScripts(html));
        const own = sizes.filter((s) => files.has(s.file));
        return { raw: own.reduce((a, s) => a + s.raw, 0), gzip: own.reduce((a, s) => a + s.gzip, 0) };
      };
      const observerJs = total("observer/index.html");
      const analystsJs = total("index.html");
      const kb = (bytes: number) => (bytes / 1024).toFixed(1);
      console.log(
        [
          `| observer app (/observer/) | ${kb(observerJs.raw)} | ${kb(observerJs.gzip)} | ${median(observer.map((r) => r.ms))} | ${kb(median(observer.map((r) => r.bytes)))} |`,
          `| analysts' app, sign-in (/sign-in) | ${kb(analystsJs.raw)} | ${kb(analystsJs.gzip)} | ${median(analysts.map((r) => r.ms))} | ${kb(median(analysts.map((r) => r.bytes)))} |`,
          `runs: observer ${observer.map((r) => r.ms).join(", ")} ms; analysts ${analysts.map((r) => r.ms).join(", ")} ms`,
        ].join("\n"),
      );
      expect(observer).toHaveLength(RUNS);
      expect(observerJs.gzip).toBeGreaterThan(0);
    }, 240_000);
  });
}
