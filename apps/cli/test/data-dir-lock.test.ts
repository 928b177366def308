import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliPath, runCli } from "./run-cli.ts";

/** Digest of every file under `directory` except the lock, to prove nothing was written. */
function digest(directory: string): string {
  const hash = createHash("sha256");
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== "scrutiny.lock") hash.update(relative(directory, path)).update(readFileSync(path));
    }
  };
  walk(directory);
  return hash.digest("hex");
}

function startServer(dataDir: string): Promise<ChildProcess> {
  const { DATABASE_URL: _db, PORT: _port, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cliPath, "serve", "--no-demo", "--port", "0", "--data-dir", dataDir],
      {
        env,
      },
    );
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("is running on")) resolve(child);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

describe("the PGlite data directory has one user at a time", () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), "scrutiny-lock-")), "data");
  const stations = join(dataDir, "..", "stations.csv");
  writeFileSync(stations, "code,name,region,registered\nQ-1,School 1,Uplands,900\n");
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill("SIGKILL");
  });

  it("refuses a second server and a CLI import while a server runs, writing nothing", async () => {
    server = await startServer(dataDir);
    const before = digest(dataDir);
    const holder = new RegExp(
      `in use by process ${server.pid} \\(scrutiny\\.js serve[^)]*\\) since \\d{4}-\\d\\d-\\d\\dT`,
    );

    const second = await runCli(["serve", "--no-demo", "--port", "0", "--data-dir", dataDir]);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(holder);

    const imported = await runCli([
      "import",
      "stations",
      stations,
      "--election",
      "any",
      "--data-dir",
      dataDir,
    ]);
    expect(imported.code).not.toBe(0);
    expect(imported.stderr).toMatch(holder);

    expect(digest(dataDir)).toBe(before);
  }, 240_000);

  it("takes over the lock of a process that died without releasing it", async () => {
    const killed = server;
    if (killed === undefined) throw new Error("the server did not start");
    const exited = new Promise((resolve) => killed.once("exit", resolve));
    killed.kill("SIGKILL");
    await exited;
    const stale = JSON.parse(readFileSync(join(dataDir, "scrutiny.lock"), "utf8"));
    expect(stale.pid).toBe(killed.pid);

    const migrated = await runCli(["migrate", "--data-dir", dataDir]);
    expect(migrated.stderr).toBe("");
    expect(migrated.code).toBe(0);
    // Released on a clean exit: the next opener finds no lock at all.
    expect(readdirSync(dataDir)).not.toContain("scrutiny.lock");
  }, 240_000);
});
