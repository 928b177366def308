// `scrutiny serve` as a child process, the way an operator runs it, for tests that need the real
// CLI: its flags, its start-up lines and its JSON log.
import { type ChildProcess, spawn } from "node:child_process";
import { cliPath } from "./run-cli.ts";

export interface Served {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Everything it printed so far (stdout and stderr). */
  readonly output: () => string;
}

/** Starts `serve` on a free port and resolves once it says it is running. */
export function serve(args: readonly string[], env: Record<string, string> = {}): Promise<Served> {
  const { DATABASE_URL: _db, PORT: _port, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, "serve", "--port", "0", "--host", "127.0.0.1", ...args], {
      env: { ...inherited, ...env },
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /running on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port && output.includes("Press Ctrl-C"))
        resolve({ child, origin: `http://127.0.0.1:${port}`, output: () => output });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

/** Stops it with SIGTERM, as Ctrl-C would, and waits until it has exited. */
export function stop(served: Served | undefined): Promise<void> {
  if (served === undefined || served.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    served.child.removeAllListeners("exit");
    served.child.on("exit", () => resolve());
    served.child.kill("SIGTERM");
  });
}
