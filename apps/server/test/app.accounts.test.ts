// Account management by administrators, a user's own password, "sign out everywhere", and API
// tokens with a scope and an expiry, listed and revoked by their owner and by an administrator.
import { decodeLogEntry } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer, createAccount } from "../src/index.ts";
import { envelope, ids, otherMissionId, seedSubmissionFixtures, signIn } from "./support.ts";

const DAY = 86_400_000;

describeOnEachBackend("API: accounts, own password, sign-out everywhere, API tokens", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let now = Date.parse("2031-05-04T10:00:00Z");
  let admin: Record<string, string>;

  const call = (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    who: Record<string, string> | string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      ...(typeof who === "string" ? { headers: { authorization: `Bearer ${who}` } } : { cookies: who }),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const signInWith = async (username: string, password: string) => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username, password },
    });
    const cookie = response.cookies.find((c) => c.name === "scrutiny_session")?.value;
    return { status: response.statusCode, cookies: { scrutiny_session: cookie ?? "" } };
  };
  const logEntries = async () => {
    const head = await store.log.head();
    return (await store.log.entries(0, head.size)).map((e) => decodeLogEntry(e.body)?.entry);
  };

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    const created = await createAccount(store, {
      username: "root.admin",
      role: "admin",
      missionId: null,
      password: "administrator-passphrase",
    });
    if (!created.ok) throw new Error(created.error.message);
    app = await buildServer({ store, clock: () => now });
    admin = (await signInWith("root.admin", "administrator-passphrase")).cookies;
  });
  afterAll(async () => {
    await app.close();
  });

  it("lets only administrators manage accounts", async () => {
    const coordinator = await signIn(app, "coordinator");
    expect((await call("GET", "/api/v1/accounts", coordinator)).statusCode).toBe(403);
    expect(
      (await call("POST", "/api/v1/accounts", coordinator, { username: "x.y.z", role: "admin" })).statusCode,
    ).toBe(403);
    expect((await app.inject({ method: "GET", url: "/api/v1/accounts" })).statusCode).toBe(401);
    const listed = await call("GET", "/api/v1/accounts", admin);
    expect(listed.statusCode).toBe(200);
    const names = listed.json().accounts.map((a: { username: string }) => a.username);
    expect(names).toEqual(["analyst", "coordinator", "other-coordinator", "root.admin"]);
  });

  it("creates a staff account with a role in a mission, and a generated password shown once", async () => {
    const created = await call("POST", "/api/v1/accounts", admin, {
      username: "Field.Lead",
      displayName: "Field lead",
      role: "coordinator",
      missionId: otherMissionId,
    });
    expect(created.statusCode).toBe(201);
    const { account, password } = created.json();
    expect(account).toMatchObject({
      username: "field.lead",
      role: "coordinator",
      missionId: otherMissionId,
      disabled: false,
    });
    expect(password).toMatch(/^[\w-]{24}$/);
    expect((await signInWith("field.lead", password)).status).toBe(200);
    const entries = await logEntries();
    expect(entries).toContainEqual({
      kind: "permission",
      user: account.id,
      role: "coordinator",
      mission: otherMissionId,
      change: "granted",
    });
    // The log holds ids, never names.
    expect(JSON.stringify(entries)).not.toContain("field.lead");

    const bad = [
      [{ username: "field.lead", role: "analyst", missionId: ids.mission }, 409, ["body", "username"]],
      [{ username: "new.analyst", role: "analyst" }, 400, ["body", "missionId"]],
      [{ username: "new.admin", role: "admin", missionId: ids.mission }, 400, ["body", "missionId"]],
      [{ username: "new.analyst", role: "analyst", missionId: ids.election }, 400, ["body", "missionId"]],
      [{ username: "new.analyst", role: "observer", missionId: ids.mission }, 400, ["body", "role"]],
      [
        { username: "new.analyst", role: "analyst", missionId: ids.mission, password: "short" },
        400,
        ["body", "password"],
      ],
      [{ username: "No Spaces", role: "admin" }, 400, ["body", "username"]],
    ] as const;
    for (const [body, status, path] of bad) {
      const refused = await call("POST", "/api/v1/accounts", admin, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(status);
      expect(refused.json().error.details.issues[0].path).toEqual(path);
    }
    expect(await store.users.findByUsername("new.analyst")).toBeUndefined();
  });

  it("resets a password (ending the account's sessions) and logs it", async () => {
    const created = await call("POST", "/api/v1/accounts", admin, {
      username: "reset.me",
      role: "analyst",
      missionId: ids.mission,
      password: "first-password-123",
    });
    const id = created.json().account.id;
    const session = (await signInWith("reset.me", "first-password-123")).cookies;
    const reset = await call("POST", `/api/v1/accounts/${id}/password`, admin, {
      password: "second-password-456",
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toEqual({});
    expect((await call("GET", "/api/v1/me", session)).statusCode).toBe(401);
    expect((await signInWith("reset.me", "first-password-123")).status).toBe(401);
    expect((await signInWith("reset.me", "second-password-456")).status).toBe(200);
    const generated = await app.inject({
      method: "POST",
      url: `/api/v1/accounts/${id}/password`,
      cookies: admin,
    });
    expect(generated.json().password).toMatch(/^[\w-]{24}$/);
    expect((await signInWith("reset.me", generated.json().password)).status).toBe(200);
    expect(await logEntries()).toContainEqual({ kind: "account", user: id, change: "password_reset" });
    expect((await call("POST", `/api/v1/accounts/${ids.observer}/password`, admin, {})).statusCode).toBe(404);
  });

  it("disables an account at once (sessions and tokens end) and enables it again, logging both", async () => {
    const created = await call("POST", "/api/v1/accounts", admin, {
      username: "leaving.analyst",
      role: "analyst",
      missionId: ids.mission,
      password: "analyst-password-1",
    });
    const id = created.json().account.id;
    const session = (await signInWith("leaving.analyst", "analyst-password-1")).cookies;
    const token = (await call("POST", "/api/v1/auth/tokens", session, { name: "notebook" })).json().token;
    expect((await call("GET", "/api/v1/me", token)).statusCode).toBe(200);

    const disabled = await call("PATCH", `/api/v1/accounts/${id}`, admin, { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().account.disabled).toBe(true);
    expect((await call("GET", "/api/v1/me", session)).statusCode).toBe(401);
    expect((await call("GET", "/api/v1/me", token)).statusCode).toBe(401);
    expect((await signInWith("leaving.analyst", "analyst-password-1")).status).toBe(401);

    const enabled = await call("PATCH", `/api/v1/accounts/${id}`, admin, { disabled: false });
    expect(enabled.json().account.disabled).toBe(false);
    expect((await signInWith("leaving.analyst", "analyst-password-1")).status).toBe(200);
    // The token stays revoked: enabling an account does not bring old credentials back.
    expect((await call("GET", "/api/v1/me", token)).statusCode).toBe(401);

    const moved = await call("PATCH", `/api/v1/accounts/${id}`, admin, { role: "coordinator" });
    expect(moved.json().account).toMatchObject({ role: "coordinator", missionId: ids.mission });
    const changes = (await logEntries()).filter((e) => e?.kind === "permission" && e.user === id);
    expect(changes.map((e) => e?.kind === "permission" && `${e.change} ${e.role}`)).toEqual([
      "granted analyst",
      "revoked analyst",
      "granted analyst",
      "revoked analyst",
      "granted coordinator",
    ]);
    expect((await call("PATCH", `/api/v1/accounts/${id}`, admin, {})).statusCode).toBe(400);
  });

  it("never leaves the server without an administrator who can sign in", async () => {
    const [me] = (await call("GET", "/api/v1/accounts", admin))
      .json()
      .accounts.filter((a: { username: string }) => a.username === "root.admin");
    for (const change of [{ disabled: true }, { role: "analyst", missionId: ids.mission }]) {
      const refused = await call("PATCH", `/api/v1/accounts/${me.id}`, admin, change);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("last_admin");
    }
    expect((await call("GET", "/api/v1/me", admin)).statusCode).toBe(200);
  });

  it("changes one's own password with the current one, ending one's other sessions", async () => {
    await call("POST", "/api/v1/accounts", admin, {
      username: "self.service",
      role: "analyst",
      missionId: ids.mission,
      password: "my-old-password-1",
    });
    const laptop = (await signInWith("self.service", "my-old-password-1")).cookies;
    const phone = (await signInWith("self.service", "my-old-password-1")).cookies;
    const wrong = await call("POST", "/api/v1/me/password", laptop, {
      currentPassword: "not-it",
      newPassword: "my-new-password-2",
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.details.issues[0].path).toEqual(["body", "currentPassword"]);
    const short = await call("POST", "/api/v1/me/password", laptop, {
      currentPassword: "my-old-password-1",
      newPassword: "short",
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.issues[0].path).toEqual(["body", "newPassword"]);
    const changed = await call("POST", "/api/v1/me/password", laptop, {
      currentPassword: "my-old-password-1",
      newPassword: "my-new-password-2",
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ changed: true, endedSessions: 1 });
    expect((await call("GET", "/api/v1/me", laptop)).statusCode).toBe(200);
    expect((await call("GET", "/api/v1/me", phone)).statusCode).toBe(401);
    expect((await signInWith("self.service", "my-old-password-1")).status).toBe(401);
    expect((await signInWith("self.service", "my-new-password-2")).status).toBe(200);
  });

  it("signs out everywhere: every session of the user ends, API tokens stay", async () => {
    const first = await signIn(app, "coordinator");
    const second = await signIn(app, "coordinator");
    const other = await signIn(app, "analyst");
    const token = (await call("POST", "/api/v1/auth/tokens", first, { name: "kept" })).json().token;
    const ended = await call("POST", "/api/v1/auth/sign-out-everywhere", second);
    expect(ended.statusCode).toBe(200);
    expect(ended.json().endedSessions).toBeGreaterThanOrEqual(2);
    expect((await call("GET", "/api/v1/me", first)).statusCode).toBe(401);
    expect((await call("GET", "/api/v1/me", second)).statusCode).toBe(401);
    expect((await call("GET", "/api/v1/me", other)).statusCode).toBe(200);
    expect((await call("GET", "/api/v1/me", token)).statusCode).toBe(200);
  });

  it("limits a token to its scope: submit-only tokens submit and nothing else, read tokens only read", async () => {
    const observer = await signIn(app, "observer");
    const submitToken = (
      await call("POST", "/api/v1/auth/tokens", observer, { name: "phone", scope: "submit" })
    ).json().token;
    const submitted = await call("POST", "/api/v1/submissions", submitToken, envelope());
    expect(submitted.statusCode).toBe(201);
    expect((await call("GET", "/api/v1/me", submitToken)).statusCode).toBe(200);
    const refused = await call("GET", `/api/v1/elections/${ids.election}/overview`, submitToken);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/scope "submit"/);
    expect((await call("POST", "/api/v1/auth/tokens", submitToken, { name: "more" })).statusCode).toBe(403);
    expect((await call("GET", "/api/v1/auth/tokens", submitToken)).statusCode).toBe(403);

    const coordinator = await signIn(app, "coordinator");
    const readToken = (
      await call("POST", "/api/v1/auth/tokens", coordinator, { name: "dashboard", scope: "read" })
    ).json().token;
    expect((await call("GET", `/api/v1/elections/${ids.election}/overview`, readToken)).statusCode).toBe(200);
    expect((await call("POST", "/api/v1/submissions", readToken, envelope())).statusCode).toBe(403);
    expect((await call("POST", "/api/v1/auth/sign-out-everywhere", readToken)).statusCode).toBe(403);
    const bad = await call("POST", "/api/v1/auth/tokens", coordinator, { name: "x", scope: "root" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(["body", "scope"]);
    const tooLong = await call("POST", "/api/v1/auth/tokens", coordinator, { name: "x", expiresInDays: 366 });
    expect(tooLong.json().error.details.issues[0].path).toEqual(["body", "expiresInDays"]);
  });

  it("refuses a token once it has expired, and says so in its owner's list", async () => {
    const analyst = await signIn(app, "analyst");
    const created = await call("POST", "/api/v1/auth/tokens", analyst, { name: "one day", expiresInDays: 1 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      scope: "all",
      status: "active",
      expiresAt: new Date(now + DAY).toISOString(),
    });
    const token = created.json().token;
    expect((await call("GET", "/api/v1/me", token)).statusCode).toBe(200);
    now += DAY - 1000;
    expect((await call("GET", "/api/v1/me", token)).statusCode).toBe(200);
    now += 2000;
    // Refused at once, although the credential cache saw it a moment ago.
    expect((await call("GET", "/api/v1/me", token)).statusCode).toBe(401);
    const listed = (await call("GET", "/api/v1/auth/tokens", await signIn(app, "analyst"))).json().tokens;
    expect(listed.find((t: { id: string }) => t.id === created.json().id)).toMatchObject({
      status: "expired",
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it("revokes a token by its owner or an administrator, and nobody else", async () => {
    const coordinator = await signIn(app, "coordinator");
    const mine = (await call("POST", "/api/v1/auth/tokens", coordinator, { name: "mine" })).json();
    const stranger = await signIn(app, "other-coordinator");
    const colleague = await signIn(app, "analyst");
    for (const who of [stranger, colleague])
      expect((await call("DELETE", `/api/v1/auth/tokens/${mine.id}`, who)).statusCode).toBe(404);
    expect((await call("GET", "/api/v1/me", mine.token)).statusCode).toBe(200);
    const revoked = await call("DELETE", `/api/v1/auth/tokens/${mine.id}`, coordinator);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe("revoked");
    expect((await call("GET", "/api/v1/me", mine.token)).statusCode).toBe(401);

    const second = (await call("POST", "/api/v1/auth/tokens", coordinator, { name: "second" })).json();
    const coordinatorId = (await call("GET", "/api/v1/me", coordinator)).json().user.id;
    const adminView = await call("GET", `/api/v1/accounts/${coordinatorId}/tokens`, admin);
    expect(adminView.json().tokens.map((t: { name: string }) => t.name)).toContain("second");
    expect((await call("DELETE", `/api/v1/auth/tokens/${second.id}`, admin)).statusCode).toBe(200);
    expect((await call("GET", "/api/v1/me", second.token)).statusCode).toBe(401);
    expect((await call("DELETE", `/api/v1/auth/tokens/${ids.mission}`, admin)).statusCode).toBe(404);
  });
});
