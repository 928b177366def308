import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { openStore, type Store } from "../packages/store/src/index.ts";
import { requirementMissing } from "./requirement.ts";

export type BackendName = "pglite" | "postgres";

/** Creates an empty database on the test server; returns its URL and a function that drops it. */
export async function createScratchDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `scrutiny_t_${randomBytes(6).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

let template: Blob | undefined;
/** The migrated database the global set-up dumped, read once per worker. */
function pgliteTemplate(): Blob {
  template ??= new Blob([readFileSync(inject("pgliteTemplate"))]);
  return template;
}

/** Opens a fresh migrated store on the given backend, with a function that disposes of it. */
export async function openScratchStore(
  backend: BackendName,
): Promise<{ store: Store; dispose: () => Promise<void> }> {
  const adminUrl = inject("postgresUrl");
  let scratch: { url: string; drop: () => Promise<void> } | undefined;
  if (backend === "postgres") {
    if (adminUrl === null) throw new Error("PostgreSQL unavailable");
    scratch = await createScratchDatabase(adminUrl);
  }
  const opened = await openStore(
    scratch ? { databaseUrl: scratch.url } : { dataDir: "memory://", pgliteTemplate: pgliteTemplate() },
  );
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  return {
    store,
    dispose: async () => {
      await store.close();
      await scratch?.drop();
    },
  };
}

/**
 * Declares `suite` once per backend with a migrated store of its own. The same storage contract
 * therefore runs on PGlite and PostgreSQL.
 */
export function describeOnEachBackend(
  title: string,
  suite: (getStore: () => Store, backend: BackendName) => void,
): void {
  for (const backend of ["pglite", "postgres"] as const) {
    if (backend === "postgres" && inject("postgresUrl") === null) {
      requirementMissing(`${title} [postgres]`, "PostgreSQL is unreachable (set TEST_DATABASE_URL)");
      describe.skip(`${title} [postgres]`, () => {});
      continue;
    }
    describe(`${title} [${backend}]`, () => {
      let opened: { store: Store; dispose: () => Promise<void> } | undefined;
      beforeAll(async () => {
        opened = await openScratchStore(backend);
      });
      afterAll(async () => {
        await opened?.dispose();
      });
      suite(() => {
        if (opened === undefined) throw new Error("store not open yet");
        return opened.store;
      }, backend);
    });
  }
}
