// Paper entry: a coordinator types in a checklist an observer filled on paper. It goes through
// the same validation as any report, is stored once, is the observer's, and is recorded with the
// channel "paper"; only the mission's own coordinators (and administrators) may enter it, and only
// for the mission's own observers. On both databases.
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import {
  envelope,
  ids,
  otherMissionId,
  otherMissionObserverId,
  otherObserverId,
  seedSubmissionFixtures,
  signIn,
} from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

describeOnEachBackend("API: paper checklists entered by a coordinator", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  const cookies: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
    for (const who of ["observer", "coordinator", "analyst", "other-coordinator"])
      cookies[who] = await signIn(app, who);
  });
  afterAll(async () => {
    await app.close();
  });

  const enter = (who: string, payload: unknown, missionId: string = ids.mission) =>
    app.inject({
      method: "POST",
      url: `/api/v1/missions/${missionId}/paper-reports`,
      cookies: cookies[who] ?? {},
      payload: payload as Json,
    });

  it("stores the checklist as the observer's, with the channel paper, once", async () => {
    const body = envelope({ observerId: otherObserverId });
    const response = await enter("coordinator", body);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().receipt).toMatchObject({ id: body.id, revision: 1, duplicate: false });
    const row = await store.submissions.get(body.id);
    expect(row).toMatchObject({ observerId: otherObserverId, channel: "paper", missionId: ids.mission });
    const retry = await enter("coordinator", body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().receipt.duplicate).toBe(true);
    // The submission list and detail say where it came from.
    const detail = await app.inject({
      method: "GET",
      url: `/api/v1/submissions/${body.id}`,
      cookies: cookies["coordinator"] ?? {},
    });
    expect(detail.json().submission.channel).toBe("paper");
  });

  it("validates the answers as the observer's phone and the server do for any report", async () => {
    const body = envelope({
      observerId: otherObserverId,
      answers: {
        ballot_box_sealed: "maybe",
        voters_counted: 120,
        registered: 1000,
        overall_assessment: "good",
      },
    });
    const response = await enter("coordinator", body);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe("invalid_answers");
    expect(response.json().error.details.issues[0].path).toContain("ballot_box_sealed");
    expect(await store.submissions.get(body.id)).toBeUndefined();
  });

  it("needs the observer, and one of this mission's", async () => {
    const without = await enter("coordinator", envelope());
    expect(without.statusCode).toBe(422);
    expect(without.json().error.code).toBe("observer_required");
    const foreign = envelope({ observerId: otherMissionObserverId });
    const response = await enter("coordinator", foreign);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe("unknown_observer");
    expect(await store.submissions.get(foreign.id)).toBeUndefined();
    const malformed = await enter("coordinator", envelope({ observerId: "not-a-uuid" }));
    expect(malformed.statusCode).toBe(400);
  });

  it("is for the mission's coordinators only", async () => {
    for (const who of ["observer", "analyst", "other-coordinator"]) {
      const body = envelope({ observerId: otherObserverId });
      const response = await enter(who, body);
      expect(response.statusCode, who).toBe(403);
      expect(await store.submissions.get(body.id)).toBeUndefined();
    }
    // Nor through another mission's address.
    const body = envelope({ observerId: otherMissionObserverId });
    expect((await enter("coordinator", body, otherMissionId)).statusCode).toBe(403);
  });
});
