import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

function expectOneCleanLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("scrutiny CLI: help and bad configuration", () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it("prints help for the program and for every command", async () => {
    const root = await runCli(["--help"]);
    expect(root.code).toBe(0);
    for (const command of ["serve", "migrate", "demo"]) expect(root.stdout).toContain(command);
    for (const command of ["serve", "migrate", "demo"]) {
      const help = await runCli([command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: scrutiny ${command}`);
      expect(help.stdout).toContain("--database-url");
    }
  });

  it("rejects an unknown flag with one line and a non-zero exit", async () => {
    const run = await runCli(["serve", "--bogus"]);
    expect(run.code).not.toBe(0);
    expectOneCleanLine(run.stderr, /unknown option '--bogus'/);
  });

  it("reports an unreachable DATABASE_URL in one line", async () => {
    const run = await runCli(["migrate"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing" });
    expect(run.code).toBe(1);
    expectOneCleanLine(
      run.stderr,
      /^scrutiny: cannot reach PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/nothing/,
    );
  });

  it("reports a DATABASE_URL that is not PostgreSQL in one line", async () => {
    const run = await runCli(["migrate", "--database-url", "mysql://localhost/x"]);
    expect(run.code).toBe(1);
    expectOneCleanLine(run.stderr, /DATABASE_URL must start with postgres:\/\//);
  });

  it("reports an unwritable data directory in one line", async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), "scrutiny-cli-")), "a-file");
    writeFileSync(blocker, "not a directory");
    const run = await runCli(["migrate", "--data-dir", join(blocker, "data")]);
    expect(run.code).toBe(1);
    expectOneCleanLine(run.stderr, /^scrutiny: data directory .* is not writable \(ENOTDIR\)/);
  });

  it("reports a port in use in one line", async () => {
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const run = await runCli([
      "serve",
      "--no-demo",
      "--data-dir",
      "memory://",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
    ]);
    expect(run.code).toBe(1);
    expectOneCleanLine(run.stderr, new RegExp(`^scrutiny: port ${port} is already in use`));
  });

  it("rejects an invalid port value in one line", async () => {
    const run = await runCli(["serve", "--port", "eighty"]);
    expect(run.code).toBe(1);
    expectOneCleanLine(run.stderr, /invalid port "eighty"/);
  });

  it("migrates an embedded database in a fresh directory", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "scrutiny-cli-")), "data");
    const run = await runCli(["migrate", "--data-dir", dataDir]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`migrations applied (embedded PGlite in ${dataDir})`);
  });
});
