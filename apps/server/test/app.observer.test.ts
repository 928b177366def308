import { ObserverAssignment } from "@scrutiny/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { formId, ids, seedSubmissionFixtures, signIn } from "./support.ts";

describeOnEachBackend("API: the observer app's assignment", (getStore) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
  });
  afterAll(async () => {
    await app.close();
  });

  it("gives the signed-in observer their route, stations, phases and forms in one answer", async () => {
    const response = await app.inject({
      method: "GET",
      url: "/api/v1/observer/assignment",
      cookies: await signIn(app, "observer"),
    });
    expect(response.statusCode).toBe(200);
    const assignment = ObserverAssignment.parse(response.json());
    expect(assignment.observer).toEqual({ id: ids.observer, code: "111111", name: "Anna Observer" });
    expect(assignment.mission.id).toBe(ids.mission);
    expect(assignment.election.phases.map((p) => p.code)).toEqual(["early-1", "election-day"]);
    expect(assignment.stops).toEqual([
      expect.objectContaining({
        visitId: ids.visit,
        teamId: ids.team,
        teamCode: "T01",
        phaseCode: "election-day",
        stationId: ids.station1,
        stationCode: "PS-1",
        arrivedAt: "2019-11-17T08:00:00.000Z",
        departedAt: null,
      }),
    ]);
    expect(assignment.forms.map((f) => f.formId)).toEqual([formId]);
  });

  it("is for observers only", async () => {
    const anonymous = await app.inject({ method: "GET", url: "/api/v1/observer/assignment" });
    expect(anonymous.statusCode).toBe(401);
    const coordinator = await app.inject({
      method: "GET",
      url: "/api/v1/observer/assignment",
      cookies: await signIn(app, "coordinator"),
    });
    expect(coordinator.statusCode).toBe(403);
  });
});
