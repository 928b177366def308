// A refusal answers with a code the contract declares and the params declared for it (what the
// web app needs to say it in Russian), beside the English message for API clients.
import { ERROR_PARAMS, ErrorBody } from "@scrutiny/contract";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer, createAccount } from "../src/index.ts";
import { envelope, ids, seedSubmissionFixtures, signIn } from "./support.ts";

/** The answer's error, checked against the one ErrorBody shape and its code's declared params. */
function refusal(response: LightMyRequestResponse) {
  const { error } = ErrorBody.parse(response.json());
  expect(Object.keys(ERROR_PARAMS)).toContain(error.code);
  const declared = ERROR_PARAMS[error.code as keyof typeof ERROR_PARAMS];
  expect(declared.strict().safeParse(error.params ?? {}).success, JSON.stringify(error.params)).toBe(true);
  return error;
}

describeOnEachBackend("API: refusals carry their code and params", (getStore) => {
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let coordinator: Record<string, string>;

  beforeAll(async () => {
    const store = getStore();
    await seedSubmissionFixtures(store);
    const created = await createAccount(store, {
      username: "root.admin",
      role: "admin",
      missionId: null,
      password: "administrator-passphrase",
    });
    if (!created.ok) throw new Error(created.error.message);
    app = await buildServer({ store });
    const signedIn = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username: "root.admin", password: "administrator-passphrase" },
    });
    admin = { scrutiny_session: signedIn.cookies.find((c) => c.name === "scrutiny_session")?.value ?? "" };
    coordinator = await signIn(app, "coordinator");
  });
  afterAll(async () => {
    await app.close();
  });

  it("names the taken username", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/accounts",
      cookies: admin,
      payload: { username: "coordinator", role: "coordinator", missionId: ids.mission },
    });
    expect(response.statusCode).toBe(409);
    const error = refusal(response);
    expect(error).toMatchObject({ code: "username_taken", params: { username: "coordinator" } });
    expect(error.message).toBe("the username coordinator is taken");
  });

  it("names the areas the election does not have", async () => {
    const response = await app.inject({
      method: "PUT",
      url: `/api/v1/missions/${ids.mission}/observers/${ids.observer}/areas`,
      cookies: coordinator,
      payload: { areaCodes: ["NOWHERE-1", "NOWHERE-2"] },
    });
    expect(response.statusCode).toBe(422);
    expect(refusal(response)).toMatchObject({
      code: "unknown_area",
      params: { codes: ["NOWHERE-1", "NOWHERE-2"] },
    });
  });

  it("says what was not found, and its number", async () => {
    const response = await app.inject({
      url: `/api/v1/missions/${ids.mission}/plan/versions/999`,
      cookies: coordinator,
    });
    expect(response.statusCode).toBe(404);
    expect(refusal(response)).toMatchObject({
      code: "not_found",
      params: { what: "plan_version", name: "999" },
    });
    const route = await app.inject({ url: "/api/v1/nowhere" });
    expect(refusal(route)).toMatchObject({ code: "not_found", params: { what: "route" } });
  });

  it("says what is wrong with an account as given", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/accounts",
      cookies: admin,
      payload: { username: "mission.admin", role: "admin", missionId: ids.mission },
    });
    expect(response.statusCode).toBe(400);
    expect(refusal(response)).toMatchObject({ code: "invalid_account", params: { what: "admin_mission" } });
  });

  it("tells a staff account on the observer app that it is not an observer's", async () => {
    const response = await app.inject({ url: "/api/v1/observer/assignment", cookies: coordinator });
    expect(response.statusCode).toBe(403);
    expect(refusal(response)).toMatchObject({ code: "forbidden", params: { what: "not_observer" } });
  });

  it("gives each problem of an imported sample plan its params, in the file it is in", async () => {
    const response = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/plan/imports`,
      cookies: coordinator,
      payload: {
        stations: "station,stratum\nA,urban\nA,urban\nB,rural",
        strata: "stratum,N_h,n_h\nurban,10,2\nrural,1,5",
      },
    });
    expect(response.statusCode).toBe(400);
    const issues = refusal(response).details?.issues ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ["body", "stations"],
          line: 3,
          code: "duplicate_station",
          params: { code: "A", first: 2 },
        }),
        expect.objectContaining({
          path: ["body", "strata"],
          line: 3,
          code: "invalid_size",
          params: { what: "sample_above_population", sample: 5, population: 1 },
        }),
      ]),
    );
  });

  it("names the phases a set-up would drop though reports use them", async () => {
    const observer = await signIn(app, "observer");
    const sent = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: envelope(),
    });
    expect(sent.statusCode).toBe(201);
    const used = envelope().phaseCode;
    const read = await app.inject({ url: `/api/v1/elections/${ids.election}/setup`, cookies: admin });
    const setup = read.json().setup as { phases: { code: string }[] };
    const response = await app.inject({
      method: "PUT",
      url: `/api/v1/elections/${ids.election}/setup`,
      cookies: admin,
      // The phase renamed: the old code, which a report uses, would go.
      payload: {
        ...setup,
        phases: setup.phases.map((phase) =>
          phase.code === used ? { ...phase, code: `${used}-renamed` } : phase,
        ),
      },
    });
    expect(response.statusCode).toBe(409);
    expect(refusal(response)).toMatchObject({ code: "in_use", params: { what: "phases", codes: [used] } });
  });

  it("answers a code without params with none", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/accounts" });
    expect(response.statusCode).toBe(401);
    expect(refusal(response)).toEqual({ code: "unauthorized", message: "sign in first" });
  });
});
