// A production install (PostgreSQL, no --demo) starts with no account anyone could guess into:
// the demo's public sign-ins are refused and its users are not in the database. The first
// administrator comes from `scrutiny admin create`.
import { spawn, spawnSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createScratchDatabase } from "../../../test-support/backends.ts";
import { requirementMissing } from "../../../test-support/requirement.ts";
import { verifyPassword } from "../../server/src/index.ts";
import { demoAccounts } from "../src/demo/accounts.ts";
import { cliPath } from "./run-cli.ts";
import { type Served, serve, stop } from "./serve-process.ts";

function runAdminCreate(databaseUrl: string, args: readonly string[], stdin?: string) {
  const { DATABASE_URL: _db, ...env } = process.env;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, "admin", "create", ...args], {
      env: { ...env, DATABASE_URL: databaseUrl },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

async function signIn(origin: string, username: string, password: string): Promise<number> {
  const response = await fetch(`${origin}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

const adminUrl = inject("postgresUrl");
const title = "serve on an empty PostgreSQL database without --demo";

if (adminUrl === null) {
  requirementMissing(title, "PostgreSQL is unreachable (set TEST_DATABASE_URL)");
  describe.skip(title, () => {});
} else {
  describe(title, () => {
    let scratch: { url: string; drop: () => Promise<void> } | undefined;
    let served: Served | undefined;
    const usernames = async () => {
      const client = new pg.Client({ connectionString: scratch?.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ username: string }>("select username from users");
        return rows.map((row) => row.username);
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      scratch = await createScratchDatabase(adminUrl);
    });
    afterAll(async () => {
      await stop(served);
      await scratch?.drop();
    });

    it("holds no account with a known password, and offers a one-time link for the first administrator", async () => {
      if (scratch === undefined) throw new Error("no scratch database");
      served = await serve([], { DATABASE_URL: scratch.url });
      for (const account of demoAccounts) {
        expect(await signIn(served.origin, account.username, account.password)).toBe(401);
      }
      expect(await usernames()).toEqual([]);
      expect(served.output()).toContain("the demo election is not loaded");
      expect(served.output()).not.toContain("Demo sign-ins");
      expect(served.output()).toContain("scrutiny admin create");

      // The one-time setup link: its token makes the first administrator, once.
      const token = /\/setup#(\S+)/.exec(served.output())?.[1] ?? "";
      expect(token).not.toBe("");
      const firstAdmin = (body: Record<string, string>) =>
        fetch(`${served?.origin}/api/v1/setup/first-admin`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const account = { username: "first.admin", password: "chosen-at-the-console" };
      expect((await firstAdmin({ ...account, token: `${token}x` })).status).toBe(403);
      expect(await usernames()).toEqual([]);
      expect((await firstAdmin({ ...account, token })).status).toBe(201);
      expect((await firstAdmin({ ...account, username: "second.admin", token })).status).toBe(403);
      expect(await signIn(served.origin, "first.admin", "chosen-at-the-console")).toBe(200);
      expect(await usernames()).toEqual(["first.admin"]);
      await stop(served);
      served = undefined;
    }, 120_000);

    it("gets an administrator from `scrutiny admin create`, with a generated password shown once", async () => {
      if (scratch === undefined) throw new Error("no scratch database");
      const typed = await runAdminCreate(
        scratch.url,
        ["--username", "ops.lead", "--password-stdin"],
        "too short\n",
      );
      expect(typed.code).toBe(1);
      expect(typed.stderr).toMatch(/--password-stdin: use at least 12 characters/);
      expect(await usernames()).toEqual(["first.admin"]);

      const created = await runAdminCreate(scratch.url, ["--username", "Ops.Lead"]);
      expect(created.code).toBe(0);
      const password = /^password: (\S+)$/m.exec(created.stdout)?.[1];
      expect(password).toMatch(/^[\w-]{24}$/);

      const again = await runAdminCreate(
        scratch.url,
        ["--username", "ops.lead", "--password-stdin"],
        "a-long-enough-password\n",
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/--username: the username ops\.lead is taken/);

      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      const { rows } = await client.query<{ password_hash: string }>(
        "select password_hash from users where username = 'ops.lead'",
      );
      await client.end();
      expect(await verifyPassword(password ?? "", rows[0]?.password_hash ?? "")).toBe(true);

      // The console can reset a password too (an administrator locked out of the web app).
      const reset = spawnSync(
        process.execPath,
        [cliPath, "admin", "reset-password", "--username", "ops.lead", "--password-stdin"],
        {
          env: { ...process.env, DATABASE_URL: scratch.url },
          input: "console-reset-passphrase\n",
        },
      );
      expect(reset.status).toBe(0);

      served = await serve([], { DATABASE_URL: scratch.url });
      expect(served.output()).not.toContain("scrutiny admin create");
      expect(await signIn(served.origin, "ops.lead", "console-reset-passphrase")).toBe(200);
      expect(await signIn(served.origin, "ops.lead", password ?? "")).toBe(401);
      expect(await signIn(served.origin, "ops.lead", "a-long-enough-password")).toBe(401);
      for (const account of demoAccounts) {
        expect(await signIn(served.origin, account.username, account.password)).toBe(401);
      }
      expect((await usernames()).sort()).toEqual(["first.admin", "ops.lead"]);
    }, 120_000);
  });
}
