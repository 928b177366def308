import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_UPLOAD_LIMITS } from "@scrutiny/domain";
import { buildServer, FirstAdminSetup, loadLogSigner } from "@scrutiny/server";
import type { Store } from "@scrutiny/store";
import { type Command, Option } from "commander";
import { CliError } from "../cli-error.ts";
import {
  describeStorage,
  openConfiguredStore,
  parsePort,
  resolveStorage,
  type StorageFlags,
} from "../config.ts";
import { demoAccounts, demoAccountsPresent } from "../demo/accounts.ts";
import { loadDemoIfEmpty } from "../demo/load-demo.ts";
import { timeoutOptions, timeoutSettings } from "./serve-timeouts.ts";
import { withStorageOptions } from "./storage-options.ts";

const defaultWebRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../web/dist");

interface ServeFlags extends StorageFlags {
  readonly port: string;
  readonly host: string;
  /** Absent: load the demo on the embedded database only; true: also on PostgreSQL. */
  readonly demo?: boolean;
  readonly webRoot: string;
  readonly logKeyFile?: string;
  readonly logOrigin?: string;
  readonly maxExpandedMb: string;
  readonly maxRows: string;
  readonly logLevel: string;
  readonly trustProxy?: string;
  readonly secureCookies?: boolean;
  readonly connectionTimeout?: string;
  readonly requestTimeout?: string;
  readonly headersTimeout?: string;
  readonly keepAliveTimeout?: string;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function logLevel(value: string): string {
  const level = value.trim().toLowerCase();
  if (!LOG_LEVELS.includes(level))
    throw new CliError(`--log-level wants one of ${LOG_LEVELS.join(", ")}, not "${value}"`);
  return level;
}

/** `true`/`false`, or the proxies' addresses and networks, comma-separated. */
export function trustProxySetting(value: string | undefined): boolean | string {
  if (value === undefined) return false;
  const text = value.trim();
  if (/^(true|yes|1)$/i.test(text)) return true;
  if (/^(false|no|0|)$/i.test(text)) return false;
  const parts = text.split(",").map((part) => part.trim());
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)(\/\d{1,3})?$/i;
  const bad = parts.find((part) => !address.test(part) && !/^(loopback|linklocal|uniquelocal)$/.test(part));
  if (bad !== undefined)
    throw new CliError(
      `--trust-proxy wants true, false or the proxies' addresses (e.g. 127.0.0.1,10.0.0.0/8), not "${bad}"`,
    );
  return parts.join(",");
}

function positive(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new CliError(`${flag} wants a positive whole number, not "${value}"`);
  return number;
}

export function registerServe(program: Command): void {
  const command = program
    .command("serve")
    .description(
      "Migrate the database, load the demo election into an empty embedded database, and serve the API and web app",
    )
    .addOption(new Option("--port <port>", "port to listen on").env("PORT").default("8080"))
    .addOption(new Option("--host <host>", "address to listen on").env("HOST").default("0.0.0.0"))
    .option("--demo", "load the demo election (public passwords) into an empty database, PostgreSQL too")
    .option("--no-demo", "do not load the demo election, not even into an empty embedded database")
    .addOption(new Option("--web-root <dir>", "folder of the built web app").default(defaultWebRoot))
    .addOption(
      new Option("--log-key-file <file>", "transparency log signing key (created if missing)").env(
        "SCRUTINY_LOG_KEY_FILE",
      ),
    )
    .addOption(
      new Option("--log-origin <name>", "the log's name for a new key (default <host>/log)").env(
        "SCRUTINY_LOG_ORIGIN",
      ),
    )
    .addOption(
      new Option("--max-expanded-mb <mib>", "largest decompressed size of an uploaded zip or xlsx")
        .env("SCRUTINY_MAX_EXPANDED_MB")
        .default(String(DEFAULT_UPLOAD_LIMITS.maxExpandedBytes / 1024 / 1024)),
    )
    .addOption(
      new Option("--max-rows <rows>", "most data rows of an uploaded table")
        .env("SCRUTINY_MAX_ROWS")
        .default(String(DEFAULT_UPLOAD_LIMITS.maxRows)),
    )
    .addOption(
      new Option("--log-level <level>", `JSON log level: ${LOG_LEVELS.join(", ")}`)
        .env("SCRUTINY_LOG_LEVEL")
        .default("info"),
    )
    .addOption(
      new Option(
        "--trust-proxy <proxies>",
        "behind a reverse proxy: true, or the proxies' addresses (believe its X-Forwarded-* headers)",
      ).env("SCRUTINY_TRUST_PROXY"),
    )
    .addOption(
      new Option("--secure-cookies", "always mark the session cookie Secure (served over HTTPS)").env(
        "SCRUTINY_SECURE_COOKIES",
      ),
    );
  for (const option of timeoutOptions()) command.addOption(option);
  withStorageOptions(command).action(async (flags: ServeFlags) => {
    const port = parsePort(flags.port, 8080);
    const level = logLevel(flags.logLevel);
    const trustProxy = trustProxySetting(flags.trustProxy);
    const timeouts = timeoutSettings(flags);
    const storage = resolveStorage(flags);
    const logKey = loadLogSigner({
      key: process.env["SCRUTINY_LOG_KEY"],
      file:
        flags.logKeyFile ??
        (storage.dataDir.startsWith("memory://") ? undefined : join(storage.dataDir, "log-signer.key")),
      origin: flags.logOrigin ?? `${hostname()}/log`,
    });
    if (!logKey.ok) throw new CliError(logKey.message);
    if (logKey.generated)
      process.stdout.write(`transparency log: new signing key for ${logKey.signer.name}\n`);
    const store = await openConfiguredStore(storage);
    try {
      const say = (line: string) => process.stdout.write(`${line}\n`);
      if (shouldLoadDemo(flags.demo, store.kind)) {
        const loaded = await loadDemoIfEmpty(store, { log: say });
        if (loaded) {
          say(`demo election loaded in ${(loaded.milliseconds / 1000).toFixed(1)} s`);
          say(
            "WARNING: the demo's accounts have public passwords (listed below). This embedded database is for trying Scrutiny, not for a real election; start with --no-demo (or on PostgreSQL) for one.",
          );
        }
      } else if (store.kind === "postgres" && flags.demo === undefined) {
        say("PostgreSQL: the demo election is not loaded (use --demo to load it into an empty database)");
      }
      const uploadLimits = {
        maxExpandedBytes: positive("--max-expanded-mb", flags.maxExpandedMb) * 1024 * 1024,
        maxRows: positive("--max-rows", flags.maxRows),
      };
      // A server nobody can administer offers a one-time setup link (printed below, never logged).
      const firstAdmin = (await store.users.countActiveAdmins()) === 0 ? FirstAdminSetup.create() : undefined;
      const app = await buildServer({
        store,
        webRoot: flags.webRoot,
        logSigner: logKey.signer,
        uploadLimits,
        logger: { level },
        trustProxy,
        timeouts,
        secureCookies: flags.secureCookies === true,
        ...(firstAdmin ? { firstAdminSetup: firstAdmin.setup } : {}),
      });
      try {
        await app.listen({ port, host: flags.host });
      } catch (error) {
        await app.close();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE")
          throw new CliError(`port ${port} is already in use: choose another with --port or PORT`);
        if (code === "EACCES") throw new CliError(`no permission to listen on port ${port}`);
        throw error;
      }
      const address = app.server.address();
      const actualPort = typeof address === "object" && address !== null ? address.port : port;
      const demoSignIns = (await demoAccountsPresent(store))
        ? [
            "Demo sign-ins (public passwords):",
            ...demoAccounts.map(
              (account) => `  ${account.username.padEnd(22)} ${account.password.padEnd(20)} ${account.role}`,
            ),
          ]
        : [];
      const noAdmin =
        firstAdmin === undefined
          ? []
          : [
              "No administrator account yet. Create the first one with this one-time link (valid until it is used or the server stops):",
              `  http://localhost:${actualPort}/setup#${firstAdmin.token}`,
              "or from the console: `scrutiny admin create --username NAME`.",
            ];
      process.stdout.write(
        [
          `Scrutiny is running on http://localhost:${actualPort}  (${describeStorage(store)})`,
          `API documentation: http://localhost:${actualPort}/api/docs`,
          ...demoSignIns,
          ...noAdmin,
          "Press Ctrl-C to stop.",
          "",
        ].join("\n"),
      );
      await waitForShutdownSignal();
      process.stdout.write("shutting down...\n");
      await app.close();
    } finally {
      await store.close();
    }
  });
}

/**
 * The demo's accounts have public passwords, so it is loaded only where nobody runs a real
 * election by accident: the embedded quick start (unless --no-demo), or wherever --demo asks.
 */
export function shouldLoadDemo(flag: boolean | undefined, kind: Store["kind"]): boolean {
  return flag ?? kind === "pglite";
}

function waitForShutdownSignal(): Promise<void> {
  return new Promise((resolvePromise) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolvePromise();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
