// `serve`'s socket and request timeouts are settings: a flag (or its environment variable) changes
// what the running server does, and a bad value is refused in one line before anything starts.
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";
import { type Served, serve, stop } from "./serve-process.ts";

describe("serve's timeouts", () => {
  const root = mkdtempSync(join(tmpdir(), "scrutiny-timeouts-"));
  let served: Served | undefined;
  afterAll(async () => {
    await stop(served);
    rmSync(root, { recursive: true, force: true });
  });

  it("closes a socket that stays idle longer than --connection-timeout", { timeout: 120_000 }, async () => {
    served = await serve(["--no-demo", "--data-dir", join(root, "data")], {
      SCRUTINY_CONNECTION_TIMEOUT: "2",
    });
    const { port } = new URL(served.origin);
    // The default (120 s) would outlast this test's timeout: closing proves the setting is used.
    const socket = connect(Number(port), "127.0.0.1");
    const opened = await new Promise<number>((resolve) => socket.once("connect", () => resolve(Date.now())));
    const closed = await new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now())));
    expect(closed - opened).toBeGreaterThanOrEqual(1_500);
    // A request that is answered in time is untouched by the setting.
    expect((await fetch(`${served.origin}/health`)).status).toBe(200);
  });

  it("refuses a headers timeout longer than the request timeout, and a non-number, in one line", async () => {
    const longer = await runCli(["serve", "--data-dir", join(root, "never"), "--headers-timeout", "400"]);
    expect(longer.code).not.toBe(0);
    expect(longer.stderr.trim()).toBe(
      "scrutiny: --headers-timeout (400 s) may not exceed --request-timeout (300 s)",
    );
    const word = await runCli(["serve", "--data-dir", join(root, "never"), "--request-timeout", "soon"]);
    expect(word.code).not.toBe(0);
    expect(word.stderr.trim()).toBe(
      'scrutiny: --request-timeout wants a positive whole number of seconds, not "soon"',
    );
  });
});
