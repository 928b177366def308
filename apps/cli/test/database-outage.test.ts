// PostgreSQL stops under a running server: every route that needs it answers 503 with
// Retry-After (never 500), each is logged as JSON with its cause and request id, and the server
// recovers by itself when the database returns. The database is a throwaway cluster of this
// test's own (never the shared one).
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requirementMissing } from "../../../test-support/requirement.ts";
import {
  createThrowawayPostgres,
  type ThrowawayPostgres,
  throwawayPostgresAvailable,
} from "../../../test-support/throwaway-postgres.ts";
import { cliPath } from "./run-cli.ts";
import { type Served, serve, stop } from "./serve-process.ts";

const title = "serve while PostgreSQL stops and comes back";

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly reqId?: string;
  readonly err?: { readonly message?: string; readonly code?: string };
  readonly res?: { readonly statusCode?: number };
}

const logLines = (output: string): LogLine[] =>
  output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);

if (!throwawayPostgresAvailable()) {
  requirementMissing(title, "PostgreSQL 15 binaries (initdb, pg_ctl) are not installed");
  describe.skip(title, () => {});
} else {
  describe(title, () => {
    let cluster: ThrowawayPostgres | undefined;
    let served: Served | undefined;

    beforeAll(() => {
      cluster = createThrowawayPostgres();
      cluster.start();
    });
    afterAll(async () => {
      await stop(served);
      cluster?.destroy();
    });

    it("answers 503 with Retry-After while the database is down, logs why, and recovers by itself", async () => {
      if (cluster === undefined) throw new Error("no cluster");
      const env = { DATABASE_URL: cluster.url, SCRUTINY_LOG_LEVEL: "info" };
      const created = spawnSync(
        process.execPath,
        [cliPath, "admin", "create", "--username", "night.shift", "--password-stdin"],
        { env: { ...process.env, ...env }, input: "keeps-the-lights-on\n" },
      );
      expect(created.status, created.stderr.toString()).toBe(0);
      served = await serve([], env);
      const { origin } = served;
      const signIn = () =>
        fetch(`${origin}/api/v1/auth/sign-in`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: "night.shift", password: "keeps-the-lights-on" }),
        });
      const signedIn = await signIn();
      expect(signedIn.status).toBe(200);
      const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const get = (path: string, withCookie = true) =>
        fetch(`${origin}${path}`, withCookie ? { headers: { cookie } } : {});
      expect((await get("/api/v1/elections")).status).toBe(200);

      cluster.stop();
      const down = [
        await get("/health", false),
        await get("/api/v1/elections"),
        await get("/api/v1/accounts"),
        await signIn(),
        // A session the server has not seen yet must be looked up: that fails too, as 503.
        await fetch(`${origin}/api/v1/me`, { headers: { cookie: "scrutiny_session=ses_unknown" } }),
      ];
      for (const response of down) {
        expect(response.status, response.url).toBe(503);
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      const body = await (await get("/api/v1/elections")).json();
      expect(body.error.code).toBe("database_unavailable");
      // Nothing about the database is needed to refuse an anonymous caller.
      expect((await get("/api/v1/elections", false)).status).toBe(401);

      const failed = await get("/api/v1/elections");
      const requestId = failed.headers.get("x-request-id");
      expect(requestId).toBeTruthy();
      const loggedLine = () =>
        logLines(served?.output() ?? "").find(
          (line) => line.reqId === requestId && line.msg === "database unavailable",
        );
      // The log line may reach the pipe a moment after the answer.
      for (let attempt = 0; attempt < 100 && loggedLine() === undefined; attempt++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const lines = logLines(served.output());
      const logged = loggedLine();
      expect(logged?.level).toBe(50);
      expect(logged?.err?.message ?? "").not.toBe("");
      expect(lines.some((line) => line.res?.statusCode === 500)).toBe(false);

      cluster.start();
      // The pool reconnects on the next request; no restart of the server.
      let health = 0;
      for (let attempt = 0; attempt < 600 && health !== 200; attempt++) {
        health = (await get("/health", false)).status;
        if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health).toBe(200);
      expect((await get("/api/v1/elections")).status).toBe(200);
      expect((await signIn()).status).toBe(200);
    }, 240_000);
  });
}
