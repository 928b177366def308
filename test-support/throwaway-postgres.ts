// A PostgreSQL cluster of a test's own, on a random port in 5500-5599, for tests that stop and
// start the database (the shared server at 5432 is never touched). Runs as user `postgres` when
// the test runs as root, as PostgreSQL refuses to run as root.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = "/usr/lib/postgresql/15/bin";

export const throwawayPostgresAvailable = (): boolean => existsSync(join(BIN, "initdb"));

export interface ThrowawayPostgres {
  readonly port: number;
  /** URL of the `postgres` database on it (trust authentication, local only). */
  readonly url: string;
  /** Starts the cluster; the first start picks a free port (another test may hold one). */
  start(): void;
  stop(): void;
  /** Crashes it: immediate shutdown, no checkpoint; the next start recovers from the WAL. */
  crash(): void;
  /** Stops the cluster (if running) and deletes its files. */
  destroy(): void;
}

function asPostgres(command: string, args: readonly string[]): void {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot
    ? ["/usr/sbin/runuser", ["-u", "postgres", "--", command, ...args]]
    : [command, [...args]];
  execFileSync(file, argv, { stdio: "pipe" });
}

export function createThrowawayPostgres(): ThrowawayPostgres {
  const dir = mkdtempSync(join(tmpdir(), "scrutiny-pg-"));
  const data = join(dir, "data");
  if (process.getuid?.() === 0)
    chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), 0);
  asPostgres(join(BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  let port = 5500 + Math.floor(Math.random() * 100);
  let started = false;
  let running = false;
  const startOn = (onPort: number) =>
    asPostgres(join(BIN, "pg_ctl"), [
      "-D",
      data,
      "-w",
      "-l",
      join(dir, "server.log"),
      "-o",
      `-p ${onPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
  const cluster: ThrowawayPostgres = {
    get port() {
      return port;
    },
    get url() {
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    },
    start() {
      for (let attempt = 0; ; attempt++) {
        try {
          startOn(port);
          break;
        } catch (error) {
          if (started || attempt >= 10) throw error;
          port = 5500 + ((port - 5500 + 1 + Math.floor(Math.random() * 20)) % 100);
        }
      }
      started = true;
      running = true;
    },
    stop() {
      asPostgres(join(BIN, "pg_ctl"), ["-D", data, "-w", "-m", "fast", "stop"]);
      running = false;
    },
    crash() {
      asPostgres(join(BIN, "pg_ctl"), ["-D", data, "-w", "-m", "immediate", "stop"]);
      running = false;
    },
    destroy() {
      if (running) {
        try {
          asPostgres(join(BIN, "pg_ctl"), ["-D", data, "-w", "-m", "immediate", "stop"]);
        } catch {
          // already gone
        }
        running = false;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
