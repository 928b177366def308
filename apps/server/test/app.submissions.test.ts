import { randomUUID } from "node:crypto";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import {
  envelope,
  goodAnswers,
  ids,
  otherElectionStationId,
  otherMissionObserverId,
  otherObserverId,
  seedSubmissionFixtures,
  signIn,
} from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

describeOnEachBackend("API: submissions (exactly-once ingestion)", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let observer: Record<string, string>;
  let coordinator: Record<string, string>;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
    observer = await signIn(app, "observer");
    coordinator = await signIn(app, "coordinator");
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: unknown, cookies = observer) =>
    app.inject({ method: "POST", url: "/api/v1/submissions", cookies, payload: payload as Json });
  const stored = () => store.submissions.countForMission(ids.mission);

  it("acknowledges a report with a receipt only after it is stored", async () => {
    const body = envelope();
    const response = await post(body);
    expect(response.statusCode).toBe(201);
    const { receipt } = response.json();
    expect(receipt).toMatchObject({ id: body.id, revision: 1, duplicate: false, flags: [] });
    expect(receipt.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const row = await store.submissions.get(body.id);
    expect(row?.answers).toEqual(goodAnswers);
    expect(row?.observerId).toBe(ids.observer);
    expect(row?.contentHash).toBe(receipt.contentHash);
  });

  it("returns the original receipt for a retry with the same id and content", async () => {
    const body = envelope();
    const first = (await post(body)).json().receipt;
    const retry = await post(body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().receipt).toEqual({ ...first, duplicate: true });
  });

  it("stores exactly one copy under concurrent retries of one id", async () => {
    const body = envelope();
    const before = await stored();
    const responses = await Promise.all(Array.from({ length: 25 }, () => post(body)));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(24);
    const receivedAt = new Set(responses.map((r) => r.json().receipt.receivedAt));
    expect(receivedAt.size).toBe(1);
    expect(await stored()).toBe(before + 1);
  });

  it("answers 409 for the same id with different content, and keeps the original", async () => {
    const body = envelope();
    await post(body);
    const conflicting = await post({ ...body, answers: { ...goodAnswers, overall_assessment: "very_bad" } });
    expect(conflicting.statusCode).toBe(409);
    expect(conflicting.json().error.code).toBe("conflict");
    expect((await store.submissions.get(body.id))?.answers).toEqual(goodAnswers);
  });

  it("lists every failing question with its reason (422), storing nothing", async () => {
    const before = await stored();
    const response = await post(
      envelope({
        answers: {
          ballot_box_sealed: "no",
          voters_counted: -3,
          overall_assessment: "excellent",
          nonsense: 1,
          comments: "x".repeat(10_000),
        },
      }),
    );
    expect(response.statusCode).toBe(422);
    const issues: { path: string[]; code: string }[] = response.json().error.details.issues;
    const byQuestion = Object.fromEntries(issues.map((issue) => [issue.path.join("."), issue.code]));
    expect(byQuestion).toMatchObject({
      "answers.seal_problem": "required",
      "answers.voters_counted": expect.any(String),
      "answers.overall_assessment": expect.any(String),
      "answers.nonsense": "unknown_question",
      "answers.comments": expect.any(String),
    });
    expect(await stored()).toBe(before);
  });

  it("raises data-quality flags on arrival and keeps them with the report", async () => {
    const body = envelope({ answers: { ...goodAnswers, voters_counted: 1500, registered: 1000 } });
    const response = await post(body);
    expect(response.statusCode).toBe(201);
    expect(response.json().receipt.flags).toEqual([
      { checkId: "counted_le_registered", message: "More voters counted than registered" },
    ]);
    expect((await store.submissions.get(body.id))?.flags).toHaveLength(1);
  });

  it("answers each kind of bad input with a clear 4xx and stores nothing", async () => {
    const before = await stored();
    const cases: [unknown, number, string][] = [
      [envelope({ formVersion: 7 }), 422, "unknown_form"],
      [envelope({ formId: randomUUID() }), 422, "unknown_form"],
      [envelope({ stationId: randomUUID() }), 422, "unknown_station"],
      [envelope({ answers: "yes" }), 400, "invalid_submission"],
      [envelope({ id: "not-a-uuid" }), 400, "invalid_submission"],
      [{ ...envelope(), extra: true }, 400, "invalid_submission"],
      [envelope({ submittedAt: "yesterday" }), 400, "invalid_submission"],
    ];
    for (const [body, status, code] of cases) {
      const response = await post(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.code).toBe(code);
    }
    const malformed = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      headers: { "content-type": "application/json" },
      payload: '{"id": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe("malformed_json");
    const huge = await post(envelope({ answers: { ...goodAnswers, comments: "x".repeat(1_200_000) } }));
    expect(huge.statusCode).toBe(413);
    expect(await stored()).toBe(before);
  });

  it("lets observers submit only as themselves and only in their election (403)", async () => {
    const before = await stored();
    const asOther = await post(envelope({ observerId: otherObserverId }));
    expect(asOther.statusCode).toBe(403);
    const elsewhere = await post(envelope({ stationId: otherElectionStationId }));
    expect(elsewhere.statusCode).toBe(403);
    const analyst = await signIn(app, "analyst");
    expect((await post(envelope(), analyst)).statusCode).toBe(403);
    const anonymous = await app.inject({ method: "POST", url: "/api/v1/submissions", payload: envelope() });
    expect(anonymous.statusCode).toBe(401);
    const otherCoordinator = await signIn(app, "other-coordinator");
    expect((await post(envelope({ observerId: ids.observer }), otherCoordinator)).statusCode).toBe(403);
    expect(await stored()).toBe(before);
    // A coordinator may enter a paper report on behalf of an observer of their own mission.
    expect((await post(envelope({ observerId: otherObserverId }), coordinator)).statusCode).toBe(201);
    // ...but never for another mission's observer.
    expect((await post(envelope({ observerId: otherMissionObserverId }), coordinator)).statusCode).toBe(403);
  });

  it("syncs a batch with one result per item, in order", async () => {
    const duplicate = envelope();
    await post(duplicate);
    const batch = [envelope(), duplicate, envelope({ answers: {} }), envelope({ stationId: "bad" })];
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/submissions/batch",
      cookies: observer,
      payload: { submissions: batch },
    });
    expect(response.statusCode).toBe(200);
    const results: Json[] = response.json().results;
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, 201],
      [1, 200],
      [2, 422],
      [3, 400],
    ]);
    expect(results[0].receipt.id).toBe(batch[0]?.id);
    const tooMany = await app.inject({
      method: "POST",
      url: "/api/v1/submissions/batch",
      cookies: observer,
      payload: { submissions: Array.from({ length: 501 }, () => envelope()) },
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it("keeps every revision of an amended report with who, when and why", async () => {
    const body = envelope();
    const original = (await post(body)).json().receipt;
    const amended = await app.inject({
      method: "POST",
      url: `/api/v1/submissions/${body.id}/amendments`,
      cookies: coordinator,
      payload: {
        answers: { ...goodAnswers, voters_counted: 130 },
        reason: "observer phoned in a correction",
      },
    });
    expect(amended.statusCode).toBe(201);
    expect(amended.json().revision).toBe(2);
    const detail = await app.inject({
      method: "GET",
      url: `/api/v1/submissions/${body.id}`,
      cookies: coordinator,
    });
    const { submission, revisions } = detail.json();
    expect(submission.answers.voters_counted).toBe(130);
    expect(revisions.map((r: Json) => [r.revision, r.answers.voters_counted, r.reason])).toEqual([
      [1, 120, "original submission"],
      [2, 130, "observer phoned in a correction"],
    ]);
    expect(revisions[1].authorUserId).toBe("00000000-0000-4000-8000-0000000000b2");
    // The device retrying its original upload still gets its receipt, not a conflict.
    const retry = await post(body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().receipt.id).toBe(original.id);
    const invalid = await app.inject({
      method: "POST",
      url: `/api/v1/submissions/${body.id}/amendments`,
      cookies: coordinator,
      payload: { answers: { overall_assessment: "meh" }, reason: "broken" },
    });
    expect(invalid.statusCode).toBe(422);
  });

  it("quarantines and verifies with the decision recorded, and filters by status", async () => {
    const body = envelope();
    await post(body);
    const quarantine = await app.inject({
      method: "POST",
      url: `/api/v1/submissions/${body.id}/reviews`,
      cookies: coordinator,
      payload: { decision: "quarantine", reason: "observer was not at this station" },
    });
    expect(quarantine.statusCode).toBe(201);
    expect(quarantine.json().status).toBe("quarantined");
    const list = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/submissions?status=quarantined`,
      cookies: coordinator,
    });
    expect(list.json().submissions.map((s: Json) => s.id)).toEqual([body.id]);
    const detail = await app.inject({
      method: "GET",
      url: `/api/v1/submissions/${body.id}`,
      cookies: coordinator,
    });
    expect(detail.json().reviews).toMatchObject([
      {
        decision: "quarantine",
        reason: "observer was not at this station",
        reviewerUserId: expect.any(String),
      },
    ]);
    expect(
      (
        await app.inject({
          method: "POST",
          url: `/api/v1/submissions/${body.id}/reviews`,
          cookies: observer,
          payload: { decision: "verify", reason: "trust me" },
        })
      ).statusCode,
    ).toBe(403);
    const otherMission = await signIn(app, "other-coordinator");
    const foreign = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/submissions`,
      cookies: otherMission,
    });
    expect(foreign.statusCode).toBe(403);
  });
});
