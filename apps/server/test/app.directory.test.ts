import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import {
  ids,
  otherElectionStationId,
  otherMissionId,
  otherMissionObserverId,
  otherObserverId,
  seedSubmissionFixtures,
  signIn,
} from "./support.ts";

const coordinatorUserId = "00000000-0000-4000-8000-0000000000b2";
const otherCoordinatorUserId = "00000000-0000-4000-8000-0000000000b4";

describeOnEachBackend("API: mission directory (names behind report ids)", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  const cookies: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
    for (const name of ["observer", "coordinator", "analyst", "other-coordinator"]) {
      cookies[name] = await signIn(app, name);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (query: string, as = "coordinator", missionId: string = ids.mission) =>
    app.inject({
      method: "GET",
      url: `/api/v1/missions/${missionId}/directory${query}`,
      cookies: cookies[as] ?? {},
    });

  it("names the stations, observers and people asked for by id, and nothing else", async () => {
    const response = await get(
      `?stationIds=${ids.station1},${ids.station3}&observerIds=${ids.observer},${otherObserverId}&userIds=${coordinatorUserId}`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const stations = [...body.stations].sort((a: { code: string }, b: { code: string }) =>
      a.code.localeCompare(b.code),
    );
    expect(stations).toEqual([
      { id: ids.station1, code: "PS-1", name: "School 1", areaId: ids.constituency },
      { id: ids.station3, code: "PS-3", name: "School 3", areaId: ids.regionSouth },
    ]);
    expect(body.observers.map((o: { code: string }) => o.code).sort()).toEqual(["111111", "222222"]);
    expect(body.observers[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), code: expect.any(String), name: "Anna Observer" }),
    );
    expect(body.users).toEqual([{ id: coordinatorUserId, displayName: "coordinator" }]);
    expect(Object.keys(body).sort()).toEqual(["observers", "stations", "users"]);
  });

  it("returns empty lists when nothing is asked for (no dump of the whole election)", async () => {
    const response = await get("");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ stations: [], observers: [], users: [] });
  });

  it("finds stations by part of their code or name, exact match first, case-insensitively", async () => {
    const prefix = (await get("?stationCode=ps-")).json();
    expect(prefix.stations.map((s: { code: string }) => s.code)).toEqual(["PS-1", "PS-2", "PS-3"]);
    const exact = (await get("?stationCode=PS-2")).json();
    expect(exact.stations.map((s: { code: string }) => s.code)).toEqual(["PS-2"]);
    const limited = (await get("?stationCode=PS&limit=2")).json();
    expect(limited.stations).toHaveLength(2);
    // Part of a code or of a name finds the station; codes starting with the text come first.
    const byName = (await get("?stationCode=school%203")).json();
    expect(byName.stations.map((s: { code: string }) => s.code)).toEqual(["PS-3"]);
    const partOfName = (await get("?stationCode=HOOL")).json();
    expect(partOfName.stations.map((s: { code: string }) => s.code)).toEqual(["PS-1", "PS-2", "PS-3"]);
    const partOfCode = (await get("?stationCode=-2")).json();
    expect(partOfCode.stations.map((s: { code: string }) => s.code)).toEqual(["PS-2"]);
    // LIKE wildcards in the search are plain characters.
    expect((await get("?stationCode=%25")).json().stations).toEqual([]);
    expect((await get("?stationCode=P_")).json().stations).toEqual([]);
  });

  it("never names another election's stations, another mission's observers or other people", async () => {
    const body = (
      await get(
        `?stationIds=${otherElectionStationId}&observerIds=${otherMissionObserverId}&userIds=${otherCoordinatorUserId}&stationCode=X-`,
      )
    ).json();
    expect(body).toEqual({ stations: [], observers: [], users: [] });
  });

  it("lets the mission's coordinators and analysts read it, and no one else", async () => {
    expect((await get("", "analyst")).statusCode).toBe(200);
    expect((await get("", "observer")).statusCode).toBe(403);
    expect((await get("", "other-coordinator")).statusCode).toBe(403);
    expect((await get("", "coordinator", otherMissionId)).statusCode).toBe(403);
    const anonymous = await app.inject({ method: "GET", url: `/api/v1/missions/${ids.mission}/directory` });
    expect(anonymous.statusCode).toBe(401);
  });

  it("rejects malformed ids and too long lists with 400", async () => {
    expect((await get("?stationIds=not-a-uuid")).statusCode).toBe(400);
    const many = Array.from(
      { length: 501 },
      (_, i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
    );
    expect((await get(`?observerIds=${many.join(",")}`)).statusCode).toBe(400);
    expect((await get("?limit=1000")).statusCode).toBe(400);
  });
});
