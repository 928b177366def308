import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { TestProject } from "vitest/node";

/** The server the storage suites use; each suite creates and drops its own database on it. */
export const adminDatabaseUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

/** Probes PostgreSQL and Chromium once per run, so suites know synchronously what to skip. */
export default async function setup(project: TestProject): Promise<void> {
  // The CLI processes tests start run the compiled build, made here once per run from the
  // sources as they are (so never stale): about a second of CPU per start instead of three
  // through tsx, over hundreds of starts. A failed build shows its errors and stops the run.
  execFileSync(process.execPath, [fileURLToPath(new URL("../tools/build.mjs", import.meta.url))], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  project.provide("postgresUrl", (await isReachable(adminDatabaseUrl)) ? adminDatabaseUrl : null);
}

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}
