import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
export const cliPath = fileURLToPath(new URL("../../apps/cli/bin/scrutiny.js", import.meta.url));

/** `scrutiny serve` on a free local port without the demo, on the database that `flags` name. */
export function serveArgs(flags: readonly string[]): string[] {
  return [cliPath, "serve", "--no-demo", "--host", "127.0.0.1", "--port", "0", ...flags];
}

/** Spawns a process and resolves once its output matches `ready`, with the match. */
export function spawnUntil(
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; match: RegExpExecArray; startedAt: number }> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, cwd: repositoryRoot });
    // Output is kept (and searched) only until `ready` matches; after that it is read and dropped.
    // Searching all of it on every chunk cost this process (which also runs the load generator)
    // more CPU with every log line the server wrote: quadratic in the length of the run.
    let output = "";
    let started = false;
    const onData = (chunk: Buffer) => {
      if (started) return;
      output = `${output}${chunk.toString()}`.slice(-64 * 1024);
      const match = ready.exec(output);
      if (match) {
        started = true;
        output = "";
        resolve({ child, match, startedAt });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`process exited (${code}): ${output.slice(-2000)}`)));
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
