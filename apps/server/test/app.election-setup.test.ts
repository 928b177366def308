import { randomUUID } from "node:crypto";
import { ErrorBody } from "@scrutiny/contract";
import type { ElectionSetupInput } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer, hashPassword } from "../src/index.ts";
import { signIn } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

/** A by-election in a place and language unlike the demo's. */
const byElection: ElectionSetupInput = {
  code: "pe-callao-2027",
  name: { es: "Elección complementaria Callao 2027", en: "Callao by-election 2027" },
  country: "PE",
  electionDate: "2027-06-06",
  timeZone: "America/Lima",
  languages: ["es", "en"],
  phases: [
    { code: "anticipado", kind: "early_voting", date: "2027-06-04", name: { es: "Voto anticipado" } },
    {
      code: "jornada",
      kind: "election_day",
      date: "2027-06-06",
      name: { es: "Jornada electoral" },
      opensAt: "07:00",
      closesAt: "16:00",
    },
    { code: "escrutinio", kind: "count", date: "2027-06-06", name: { es: "Escrutinio" }, opensAt: "16:00" },
  ],
  contests: [
    {
      code: "alcalde",
      name: { es: "Alcaldía" },
      entries: [
        { code: "A1", name: "Rosa Quispe", party: "Frente Chalaco" },
        { code: "A2", name: "Marco Salas" },
      ],
    },
    {
      code: "regidores",
      name: { es: "Regidores" },
      ballot: "parties",
      entries: [
        { code: "L1", name: "Frente Chalaco" },
        { code: "L2", name: "Vecinos Unidos" },
      ],
    },
  ],
};

describeOnEachBackend("API: election and mission set-up", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let admin: Record<string, string>;
  let electionId: string;

  beforeAll(async () => {
    store = getStore();
    const passwordHash = await hashPassword("pw");
    await store.users.insertMany([
      {
        id: randomUUID(),
        username: "setup-admin",
        displayName: "Admin",
        role: "admin",
        missionId: null,
        observerId: null,
        locale: "en",
        passwordHash,
      },
    ]);
    app = await buildServer({ store });
    admin = await signIn(app, "setup-admin");
  });
  afterAll(async () => {
    await app.close();
  });

  it("refuses an invalid election naming each field, and stores nothing", async () => {
    const bad = {
      ...byElection,
      timeZone: "America/Callao",
      phases: [
        ...(byElection.phases ?? []),
        { code: "jornada", kind: "election_day", date: "2027-06-06", name: { es: "Otra" }, closes: "18:00" },
      ],
    };
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/elections",
      cookies: admin,
      payload: bad,
    });
    expect(response.statusCode).toBe(400);
    const paths = (response.json() as Json).error.details.issues.map((i: Json) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["body.timeZone", "body.phases.3", "body.phases.3.code"]));
    // Each problem has its code and what it names, in the declared error shape, for a client to
    // say it in its reader's language (the web app does).
    const { issues } = ErrorBody.parse(response.json()).error.details ?? {};
    const at = (path: string) => issues?.find((i) => i.path.join(".") === path);
    expect(at("body.timeZone")).toMatchObject({ code: "custom", params: { code: "unknown_time_zone" } });
    expect(at("body.phases.3.code")).toMatchObject({
      code: "custom",
      params: { code: "duplicate", value: "jornada" },
    });
    expect(at("body.phases.3")).toMatchObject({ code: "unrecognized_keys", params: { keys: ["closes"] } });
    const lower = await app.inject({
      method: "POST",
      url: "/api/v1/elections",
      cookies: admin,
      payload: { ...byElection, country: "pe" },
    });
    expect(ErrorBody.parse(lower.json()).error.details?.issues).toEqual([
      expect.objectContaining({
        path: ["body", "country"],
        code: "invalid_format",
        params: { format: "regex" },
      }),
    ]);
    expect(await store.elections.list()).toEqual([]);
  });

  it("creates an election and reads it back in the same shape", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/elections",
      cookies: admin,
      payload: byElection,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json() as Json;
    electionId = body.election.id;
    expect(body.setup.timeZone).toBe("America/Lima");
    expect(body.setup.phases[1]).toEqual(byElection.phases?.[1]);
    const read = await app.inject({ url: `/api/v1/elections/${electionId}/setup`, cookies: admin });
    expect(read.json().setup).toEqual(body.setup);
    expect(body.setup.contests.map((c: Json) => [c.code, c.ballot, c.entries.length])).toEqual([
      ["alcalde", "candidates", 2],
      ["regidores", "parties", 2],
    ]);
    const again = await app.inject({
      method: "POST",
      url: "/api/v1/elections",
      cookies: admin,
      payload: byElection,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: "conflict",
      params: { what: "election_code", code: byElection.code },
    });
  });

  it("refuses a contest in an area the election does not have, changing nothing", async () => {
    const response = await app.inject({
      method: "PUT",
      url: `/api/v1/elections/${electionId}/setup`,
      cookies: admin,
      payload: {
        ...byElection,
        name: { es: "Cambiado" },
        contests: [
          {
            code: "distrito",
            name: { es: "Distrito" },
            area: "CALLAO-07",
            entries: [{ code: "X", name: "X" }],
          },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues[0].path).toEqual(["body", "contests", 0, "area"]);
    const read = await app.inject({ url: `/api/v1/elections/${electionId}/setup`, cookies: admin });
    expect(read.json().setup.name.es).toBe("Elección complementaria Callao 2027");
    expect(read.json().setup.contests).toHaveLength(2);
  });

  it("updates phases and contests by code", async () => {
    const response = await app.inject({
      method: "PUT",
      url: `/api/v1/elections/${electionId}/setup`,
      cookies: admin,
      payload: {
        ...byElection,
        phases: byElection.phases?.filter((p) => p.code !== "anticipado"),
        contests: [{ ...byElection.contests?.[0], entries: [{ code: "A3", name: "Nueva Candidata" }] }],
      },
    });
    expect(response.statusCode).toBe(200);
    const setup = response.json().setup;
    expect(setup.phases.map((p: Json) => p.code)).toEqual(["jornada", "escrutinio"]);
    expect(setup.contests).toEqual([
      {
        code: "alcalde",
        name: { es: "Alcaldía" },
        ballot: "candidates",
        entries: [{ code: "A3", name: "Nueva Candidata" }],
      },
    ]);
    const renamed = await app.inject({
      method: "PUT",
      url: `/api/v1/elections/${electionId}/setup`,
      cookies: admin,
      payload: { ...byElection, code: "otro" },
    });
    expect(renamed.statusCode).toBe(400);
  });

  it("adds missions of every kind; each mission's staff reach only their own", async () => {
    const created: Record<string, string> = {};
    for (const [code, kind] of [
      ["mision-ue", "international"],
      ["transparencia", "domestic"],
      ["vecinos", "citizen"],
    ] as const) {
      const response = await app.inject({
        method: "POST",
        url: `/api/v1/elections/${electionId}/missions`,
        cookies: admin,
        payload: { code, kind, name: { es: code }, languages: ["es"] },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json().mission).toMatchObject({ code, kind, languages: ["es"], design: "convenience" });
      created[code] = response.json().mission.id;
    }
    const duplicate = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${electionId}/missions`,
      cookies: admin,
      payload: { code: "vecinos", kind: "citizen", name: { es: "Otra" } },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.params).toEqual({ what: "mission_code", code: "vecinos" });
    const badKind = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${electionId}/missions`,
      cookies: admin,
      payload: { code: "x", kind: "partisan", name: { es: "X" } },
    });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.details.issues[0].path).toEqual(["body", "kind"]);

    const passwordHash = await hashPassword("pw");
    await store.users.insertMany(
      ["mision-ue", "transparencia"].map((code) => ({
        id: randomUUID(),
        username: `coord-${code}`,
        displayName: code,
        role: "coordinator" as const,
        missionId: created[code] ?? null,
        observerId: null,
        locale: "en" as const,
        passwordHash,
      })),
    );
    const eu = await signIn(app, "coord-mision-ue");
    const own = await app.inject({ url: `/api/v1/missions/${created["mision-ue"]}`, cookies: eu });
    expect(own.statusCode).toBe(200);
    const other = await app.inject({ url: `/api/v1/missions/${created["transparencia"]}`, cookies: eu });
    expect(other.statusCode).toBe(403);
    const list = await app.inject({ url: `/api/v1/elections/${electionId}/missions`, cookies: eu });
    expect(list.json().missions.map((m: Json) => m.code)).toEqual(["mision-ue", "transparencia", "vecinos"]);
    // Staff do not set up missions or elections: administrators do.
    for (const request of [
      {
        method: "POST" as const,
        url: `/api/v1/elections/${electionId}/missions`,
        payload: { code: "y", kind: "citizen", name: { es: "Y" } },
      },
      {
        method: "PATCH" as const,
        url: `/api/v1/missions/${created["mision-ue"]}`,
        payload: { kind: "citizen" },
      },
      { method: "PUT" as const, url: `/api/v1/elections/${electionId}/setup`, payload: byElection },
      { method: "POST" as const, url: "/api/v1/elections", payload: { ...byElection, code: "mine" } },
    ]) {
      const refused = await app.inject({ ...request, cookies: eu });
      expect(refused.statusCode, request.url).toBe(403);
    }
    const patched = await app.inject({
      method: "PATCH",
      url: `/api/v1/missions/${created["vecinos"]}`,
      cookies: admin,
      payload: { name: { es: "Vecinos Vigilantes" }, languages: ["es", "qu"] },
    });
    expect(patched.json().mission).toMatchObject({
      code: "vecinos",
      name: { es: "Vecinos Vigilantes" },
      languages: ["es", "qu"],
    });
  });
});
