import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ids, sampleElection, sampleMission } from "../../../packages/store/test/support/sample-election.ts";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer, hashPassword } from "../src/index.ts";

describeOnEachBackend("API: health, sign-in, sessions, tokens, error shape", (getStore) => {
  let app: FastifyInstance;
  let store: Store;

  beforeAll(async () => {
    store = getStore();
    await store.elections.insertBundle(sampleElection);
    await store.missions.insertBundle(sampleMission);
    await store.users.insertMany([
      {
        id: "00000000-0000-4000-8000-0000000000a1",
        username: "coordinator",
        displayName: "Demo Coordinator",
        role: "coordinator",
        missionId: ids.mission,
        observerId: null,
        locale: "en",
        passwordHash: await hashPassword("correct horse"),
      },
    ]);
    app = await buildServer({ store });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers /health with the database kind", async () => {
    const response = await app.inject({ method: "GET", url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: store.kind });
  });

  it("refuses the API without a session, in the one error shape", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/elections" });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: "unauthorized", message: "sign in first" } });
  });

  it("rejects a wrong password without saying whether the user exists", async () => {
    for (const username of ["coordinator", "nobody"]) {
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        payload: { username, password: "wrong" },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("invalid_credentials");
      expect(response.headers["set-cookie"]).toBeUndefined();
    }
  });

  it("signs in with an httpOnly cookie, serves the overview, and signs out", async () => {
    const signIn = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username: "coordinator", password: "correct horse" },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().user).toMatchObject({ username: "coordinator", role: "coordinator" });
    expect(signIn.json().user.passwordHash).toBeUndefined();
    const cookie = signIn.cookies.find((c) => c.name === "scrutiny_session");
    expect(cookie?.httpOnly).toBe(true);
    const cookies = { scrutiny_session: cookie?.value ?? "" };

    const overview = await app.inject({
      method: "GET",
      url: `/api/v1/elections/${ids.election}/overview`,
      cookies,
    });
    expect(overview.statusCode).toBe(200);
    expect(overview.json()).toMatchObject({
      election: { code: "sample-2019", stations: 3 },
      missions: [{ code: "intl", observers: 1, teams: 1 }],
      totals: { observers: 1, teams: 1, submissions: 0 },
    });

    await app.inject({ method: "POST", url: "/api/v1/auth/sign-out", cookies });
    const after = await app.inject({ method: "GET", url: "/api/v1/me", cookies });
    expect(after.statusCode).toBe(401);
  });

  it("accepts an API token as a bearer credential", async () => {
    const signIn = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username: "coordinator", password: "correct horse" },
    });
    const cookies = { scrutiny_session: signIn.cookies[0]?.value ?? "" };
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      cookies,
      payload: { name: "sync" },
    });
    expect(created.statusCode).toBe(201);
    const { token } = created.json() as { token: string };
    const me = await app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json().user.username).toBe("coordinator");
    const bad = await app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { authorization: "Bearer nonsense" },
    });
    expect(bad.statusCode).toBe(401);
  });

  it("answers client mistakes with 4xx in the one error shape", async () => {
    const malformed = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe("malformed_json");

    const wrongType = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username: 5 },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error).toMatchObject({ code: "invalid_request" });
    expect(wrongType.json().error.details.issues[0]).toMatchObject({
      path: ["body", "username"],
      code: "invalid_type",
    });

    // The policy runs before validation: an unknown credential learns nothing about the input.
    const anonymous = await app.inject({
      method: "GET",
      url: "/api/v1/elections/not-a-uuid/overview",
      headers: { authorization: "Bearer x" },
    });
    expect(anonymous.statusCode).toBe(401);
    const signIn = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username: "coordinator", password: "correct horse" },
    });
    // Past the policy (the caller's own mission), a bad query is a 400 naming the field.
    const badQuery = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/submissions?limit=0`,
      cookies: { scrutiny_session: signIn.cookies[0]?.value ?? "" },
    });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().error.details.issues[0].path).toEqual(["query", "limit"]);

    const missing = await app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("not_found");

    const huge = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username: "x", password: "y".repeat(2_000_000) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("payload_too_large");
  });

  it("serves the OpenAPI document", async () => {
    const response = await app.inject({ method: "GET", url: "/api/docs/json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain("/api/v1/auth/sign-in");
  });
});
