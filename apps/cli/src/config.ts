import { openStore, type Store } from "@scrutiny/store";
import { CliError } from "./cli-error.ts";

/** Where the data lives: flags win over the environment, which wins over defaults. */
export interface StorageConfig {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
}

export interface StorageFlags {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
}

export function resolveStorage(flags: StorageFlags, env: NodeJS.ProcessEnv = process.env): StorageConfig {
  return {
    databaseUrl: flags.databaseUrl ?? (env["DATABASE_URL"] || undefined),
    dataDir: flags.dataDir ?? env["SCRUTINY_DATA_DIR"] ?? "./data",
  };
}

export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliError(`invalid port "${value}": use a whole number from 0 to 65535`);
  }
  return port;
}

/** Opens and migrates the configured store, or fails with one clear line. */
export async function openConfiguredStore(config: StorageConfig): Promise<Store> {
  const opened = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (!opened.ok) throw new CliError(opened.error.message);
  return opened.value;
}

export function describeStorage(store: Store): string {
  return store.kind === "pglite" ? `embedded PGlite in ${store.location}` : `PostgreSQL at ${store.location}`;
}
