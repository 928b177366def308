import { mkdirSync } from "node:fs";
import { buildServer, type ServerOptions } from "@scrutiny/server";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import type { Browser } from "playwright-core";
import { openScratchStore } from "../../test-support/backends.ts";
import { launchChromium } from "../../test-support/chromium.ts";
import { buildWebIfStale, screenshotDir, webRoot } from "./web.ts";

export interface RunningApp {
  readonly store: Store;
  /** The listening server, for requests a test makes itself (`inject`). */
  readonly server: FastifyInstance;
  readonly baseUrl: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * The whole product as a browser test meets it: the built web app served by the real server over
 * a fresh embedded database that `seed` fills, and a headless Chromium.
 */
export async function startApp(
  seed: (store: Store) => Promise<void>,
  server: Omit<Partial<ServerOptions>, "store" | "webRoot"> = {},
): Promise<RunningApp> {
  mkdirSync(screenshotDir, { recursive: true });
  await buildWebIfStale();
  const { store, dispose } = await openScratchStore("pglite");
  await seed(store);
  const app = await buildServer({ ...server, store, webRoot });
  const baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await launchChromium();
  return {
    store,
    server: app,
    baseUrl,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await dispose();
    },
  };
}
