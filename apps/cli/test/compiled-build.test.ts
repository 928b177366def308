// The production build: `npm run build:server` compiles the CLI and server to JavaScript, and
// `scrutiny serve` then runs without tsx (a dev dependency) and answers /health.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { cliPath } from "./run-cli.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const dist = join(root, "apps/cli/dist");

describe("compiled build", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "scrutiny-compiled-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // The build itself is made by the test run's global set-up (test-support/global-setup.ts), which
  // every CLI test uses: rebuilding here would pull the files from under them.
  it("compiles to JavaScript that imports no TypeScript loader", () => {
    for (const file of ["scrutiny.js", "forensics-worker.js"]) {
      const code = readFileSync(join(dist, file), "utf8");
      expect(code).not.toMatch(/from ["']tsx/);
      expect(code).not.toMatch(/import\(["']tsx/);
    }
  });

  it("starts the compiled worker thread", async () => {
    const worker = new Worker(join(dist, "forensics-worker.js"));
    const first = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    expect(first).toEqual({ ready: true });
  });

  it("serves /health from the compiled CLI", async () => {
    // Without SCRUTINY_SOURCE the bin runs the build.
    const { SCRUTINY_SOURCE: _source, DATABASE_URL: _db, PORT: _port, ...env } = process.env;
    const child = spawn(
      process.execPath,
      [cliPath, "serve", "--port", "0", "--host", "127.0.0.1", "--no-demo", "--data-dir", dataDir],
      { env, cwd: root },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk) => {
          out += chunk;
          const found = /running on (http:\/\/\S+)/.exec(out);
          if (found?.[1]) resolve(found[1]);
        });
        child.stderr.on("data", (chunk) => {
          out += chunk;
        });
        child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const health = await fetch(`${url.replace("localhost", "127.0.0.1")}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", database: "pglite" });
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  });
});
