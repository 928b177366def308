import { expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { ids, sampleElection, sampleMission } from "./support/sample-election.ts";

describeOnEachBackend("election and mission storage", (getStore) => {
  it("stores a whole election and summarises it", async () => {
    const store = getStore();
    await store.elections.insertBundle(sampleElection);
    const summary = await store.elections.summary(ids.election);
    expect(summary).toMatchObject({
      code: "sample-2019",
      stations: 3,
      registeredVoters: 1000 + 1500 + 2000,
      areasByLevel: { region: 2, constituency: 1 },
    });
    expect(summary?.phases.map((phase) => phase.code)).toEqual(["early-1", "election-day"]);
    expect(await store.elections.findByCode("sample-2019")).toEqual({ id: ids.election });
  });

  it("rolls back a bundle that fails halfway, keeping nothing of it", async () => {
    const store = getStore();
    const broken = {
      ...sampleElection,
      election: { ...sampleElection.election, id: "00000000-0000-4000-8000-0000000000ff", code: "broken" },
      areas: [],
      stations: [],
      contests: [],
      candidates: [],
      // References a contest that does not exist: the foreign key fails after the election row was written.
      officialResults: sampleElection.officialResults,
    };
    await expect(store.elections.insertBundle(broken)).rejects.toThrow();
    expect(await store.elections.findByCode("broken")).toBeUndefined();
  });

  it("stores a mission with its people and deployment, and counts them", async () => {
    const store = getStore();
    // A reserve beside the planned station: planned counts the sample, as coverage does.
    await store.missions.insertBundle({
      ...sampleMission,
      plannedStations: [
        ...sampleMission.plannedStations,
        {
          missionId: ids.mission,
          stationId: ids.station2,
          stratum: null,
          inclusionProbability: 1 / 3,
          reserve: true,
        },
      ],
    });
    const [summary] = await store.missions.summaries(ids.election);
    const coverage = await store.coverage.report(ids.mission, "election-day");
    expect(coverage?.phases.find((p) => p.code === "election-day")?.planned).toBe(1);
    expect(summary).toMatchObject({
      code: "intl",
      kind: "international",
      design: "simple_random",
      observers: 1,
      teams: 1,
      plannedStations: 1,
      submissions: 0,
    });
    expect(await store.elections.stationExists(ids.election, ids.station1)).toBe(true);
    expect(await store.elections.stationExists(ids.election, "00000000-0000-4000-8000-00000000dead")).toBe(
      false,
    );
  });

  it("keeps sessions until they expire and API tokens until revoked or expired", async () => {
    const store = getStore();
    const userId = "00000000-0000-4000-8000-000000000091";
    await store.users.insertMany([
      {
        id: userId,
        username: "coordinator",
        displayName: "Coordinator",
        role: "coordinator",
        missionId: ids.mission,
        observerId: null,
        locale: "en",
        passwordHash: "scrypt$x",
      },
    ]);
    const now = new Date("2030-01-01T00:00:00Z");
    await store.users.createSession("hash-live", userId, new Date(now.getTime() + 60_000));
    await store.users.createSession("hash-expired", userId, new Date(now.getTime() - 1));
    expect((await store.users.findSessionUser("hash-live", now))?.username).toBe("coordinator");
    expect(await store.users.findSessionUser("hash-expired", now)).toBeUndefined();
    await store.users.deleteSession("hash-live");
    expect(await store.users.findSessionUser("hash-live", now)).toBeUndefined();

    const tokenId = "00000000-0000-4000-8000-000000000092";
    await store.users.createApiToken({
      id: tokenId,
      tokenHash: "token-hash",
      userId,
      name: "sync",
      scope: "submit",
      expiresAt: new Date(now.getTime() + 60_000),
    });
    const found = await store.users.findApiTokenCredential("token-hash", now);
    expect(found?.user.role).toBe("coordinator");
    expect(found?.scope).toBe("submit");
    expect(
      await store.users.findApiTokenCredential("token-hash", new Date(now.getTime() + 60_000)),
    ).toBeUndefined();
    expect(await store.users.revokeApiToken(tokenId, now)).toBe("token:token-hash");
    expect(await store.users.findApiTokenCredential("token-hash", now)).toBeUndefined();
    const [listed] = await store.users.listApiTokens(userId);
    expect(listed?.revokedAt?.getTime()).toBe(now.getTime());
    await store.users.revokeApiToken(tokenId, new Date(now.getTime() + 5_000));
    expect((await store.users.findApiToken(tokenId))?.revokedAt?.getTime()).toBe(now.getTime());
  });
});
