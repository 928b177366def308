import { accessSync, constants, mkdirSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { err, ok, type Result } from "@scrutiny/domain";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePostgres } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { Database, StoreKind } from "./database.ts";
import { type DirectoryLock, describeHolder, lockDirectory } from "./directory-lock.ts";
import * as schema from "./schema/index.ts";
import { Store } from "./store.ts";

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../migrations");

export interface OpenStoreOptions {
  /** A postgres:// URL selects PostgreSQL; otherwise the embedded PGlite is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory (default ./data); `memory://` keeps everything in memory. */
  readonly dataDir?: string | undefined;
  /** Run pending migrations before returning (default true). */
  readonly migrate?: boolean | undefined;
  /** Pool size for PostgreSQL. */
  readonly maxConnections?: number | undefined;
  /** What this process is, written into the PGlite directory's lock (default: its command line). */
  readonly holder?: string | undefined;
  /**
   * For an in-memory PGlite: start from this dumped data directory (PGlite's `dumpDataDir`)
   * instead of creating an empty cluster. Creating one (initdb) is most of the CPU of opening a
   * database; a test run dumps one migrated database and starts each scratch store from it.
   */
  readonly pgliteTemplate?: Blob | undefined;
}

export interface StoreOpenError {
  readonly code:
    | "database_unreachable"
    | "data_dir_unwritable"
    | "data_dir_locked"
    | "migration_failed"
    | "invalid_url";
  readonly message: string;
}

/** Opens PGlite or PostgreSQL, runs migrations, and returns the Store; configuration errors are Results. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Result<Store, StoreOpenError>> {
  const opened = options.databaseUrl ? await openPostgres(options) : await openPglite(options);
  if (!opened.ok) return opened;
  const store = opened.value;
  if (options.migrate ?? true) {
    const migrated = await store.migrate();
    if (!migrated.ok) {
      await store.close();
      return migrated;
    }
  }
  return ok(store);
}

/**
 * An empty embedded database with every migration applied, dumped as PGlite's data-directory
 * archive: the `pgliteTemplate` many short-lived databases (a test run's) start from.
 */
export async function dumpMigratedPglite(): Promise<Blob> {
  const client = await PGlite.create("memory://");
  try {
    await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
    return await client.dumpDataDir("none");
  } finally {
    await client.close();
  }
}

async function openPglite(options: OpenStoreOptions): Promise<Result<Store, StoreOpenError>> {
  const dataDir = options.dataDir ?? "./data";
  const inMemory = dataDir.startsWith("memory://");
  const location = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) {
    try {
      mkdirSync(location, { recursive: true });
      accessSync(location, constants.W_OK);
    } catch (error) {
      return err({
        code: "data_dir_unwritable",
        message: `data directory ${location} is not writable (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      });
    }
  }
  let lock: DirectoryLock | undefined;
  if (!inMemory) {
    const locked = lockDirectory(location, options.holder ?? commandLine());
    if (!locked.ok) return err({ code: "data_dir_locked", message: describeHolder(location, locked.error) });
    lock = locked.value;
  }
  let client: PGlite;
  try {
    client =
      inMemory && options.pgliteTemplate !== undefined
        ? await PGlite.create({ loadDataDir: options.pgliteTemplate })
        : await PGlite.create(location);
  } catch (error) {
    lock?.release();
    return err({
      code: "data_dir_unwritable",
      message: `cannot open the embedded database in ${location}: ${(error as Error).message}`,
    });
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return ok(
    new Store(db, "pglite", {
      runMigrations: async () => {
        await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
      },
      close: async () => {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
      location,
    }),
  );
}

async function openPostgres(options: OpenStoreOptions): Promise<Result<Store, StoreOpenError>> {
  const url = options.databaseUrl ?? "";
  if (!/^postgres(ql)?:\/\//.test(url)) {
    return err({
      code: "invalid_url",
      message: `DATABASE_URL must start with postgres:// (got "${redact(url)}")`,
    });
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on("error", () => {});
  // Nor must a checked-out one's (a transaction between two statements when PostgreSQL goes
  // down): pg emits it on the client, where nothing else listens; its next query fails instead.
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    return err({
      code: "database_unreachable",
      message: `cannot reach PostgreSQL at ${redact(url)}: ${(error as Error).message || (error as NodeJS.ErrnoException).code}`,
    });
  }
  const db = drizzleNodePostgres({ client: pool, schema }) as unknown as Database;
  return ok(
    new Store(db, "postgres", {
      runMigrations: async () => {
        // Several servers may start at once: one migrates, the others wait on the advisory lock.
        const lock = await pool.connect();
        try {
          await lock.query("select pg_advisory_lock(727274)");
          await migrateNodePostgres(drizzleNodePostgres({ client: pool, schema }), { migrationsFolder });
        } finally {
          await lock.query("select pg_advisory_unlock(727274)").catch(() => {});
          lock.release();
        }
      },
      close: () => pool.end(),
      location: redact(url),
      pool,
    }),
  );
}

function commandLine(): string {
  const [, script = "node", ...args] = process.argv;
  return [basename(script), ...args].join(" ");
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

export type { StoreKind };
