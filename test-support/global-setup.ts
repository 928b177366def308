import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { dumpMigratedPglite } from "../packages/store/src/index.ts";

/** The server the storage suites use; each suite creates and drops its own database on it. */
export const adminDatabaseUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

/** Probes PostgreSQL and Chromium once per run, so suites know synchronously what to skip. */
export default async function setup(project: TestProject): Promise<() => void> {
  // The CLI processes tests start run the compiled build, made here once per run from the
  // sources as they are (so never stale): about a second of CPU per start instead of three
  // through tsx, over hundreds of starts. A failed build shows its errors and stops the run.
  execFileSync(process.execPath, [fileURLToPath(new URL("../tools/build.mjs", import.meta.url))], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  project.provide("postgresUrl", (await isReachable(adminDatabaseUrl)) ? adminDatabaseUrl : null);
  // Every scratch PGlite store starts from one migrated database dumped here: creating a cluster
  // (initdb) costs about 3.5 s of CPU, over a hundred stores a run.
  const template = join(tmpdir(), `scrutiny-pglite-template-${process.pid}.tar`);
  writeFileSync(template, Buffer.from(await (await dumpMigratedPglite()).arrayBuffer()));
  project.provide("pgliteTemplate", template);
  return () => rmSync(template, { force: true });
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
    /** A migrated empty PGlite data directory, dumped (`pgliteTemplate` of openStore). */
    pgliteTemplate: string;
  }
}
