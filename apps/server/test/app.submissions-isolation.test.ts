import { randomUUID } from "node:crypto";
import { type Store, schema } from "@scrutiny/store";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { envelope, goodAnswers, ids, otherMissionId, seedSubmissionFixtures, signIn } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

/** The field an error names: the first issue's path, joined. */
function fieldOf(error: Json): string {
  return (error.details?.issues?.[0]?.path ?? []).join(".");
}

describeOnEachBackend("API: one bad report never fails its neighbours", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let observer: Record<string, string>;
  const otherMissionTeam = randomUUID();

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    await store.db
      .insert(schema.teams)
      .values({ id: otherMissionTeam, missionId: otherMissionId, code: "X9" });
    app = await buildServer({ store });
    observer = await signIn(app, "observer");
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: unknown) =>
    app.inject({ method: "POST", url: "/api/v1/submissions", cookies: observer, payload: payload as Json });
  const postBatch = (submissions: unknown[]) =>
    app.inject({
      method: "POST",
      url: "/api/v1/submissions/batch",
      cookies: observer,
      payload: { submissions },
    });
  const isStored = async (id: string) => (await store.submissions.get(id)) !== undefined;

  /** A team the reference cache has seen, then deleted: only the database can still refuse it. */
  async function deletedTeam(): Promise<string> {
    const teamId = randomUUID();
    await store.db
      .insert(schema.teams)
      .values({ id: teamId, missionId: ids.mission, code: `gone-${teamId}` });
    expect((await post(envelope({ teamId }))).statusCode).toBe(201);
    await store.db.delete(schema.submissions).where(eq(schema.submissions.teamId, teamId));
    await store.db.delete(schema.teams).where(eq(schema.teams.id, teamId));
    return teamId;
  }

  // The issue's two kinds: text the database cannot hold, and a reference only the database can
  // still refuse (the split of the group commit isolates it).
  const poisons: [string, () => Promise<Record<string, unknown>>, number, string][] = [
    [
      "a NUL in a text answer",
      async () => ({ answers: { ...goodAnswers, comments: "bad\u0000byte" } }),
      400,
      "answers.comments",
    ],
    ["a team deleted after it was checked", async () => ({ teamId: await deletedTeam() }), 422, "teamId"],
  ];

  it("refuses each bad reference or unstorable text with the field named, storing its neighbours", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ answers: { ...goodAnswers, comments: "\ud800" } }, 400, "answers.comments"],
      [{ answers: { ...goodAnswers, "bad\u0000key": "x" } }, 400, "answers.bad\u0000key"],
      [{ teamId: randomUUID() }, 422, "teamId"],
      [{ teamId: otherMissionTeam }, 422, "teamId"],
      [{ visitId: randomUUID() }, 422, "visitId"],
      [{ phaseCode: "second-round" }, 422, "phaseCode"],
    ];
    const batch = cases.flatMap(([overrides]) => [envelope(), envelope(overrides)]);
    const response = await postBatch(batch);
    expect(response.statusCode, response.body).toBe(200);
    const results: Json[] = response.json().results;
    cases.forEach(([, status, field], index) => {
      expect(results[2 * index].status).toBe(201);
      expect(results[2 * index + 1].status, JSON.stringify(results[2 * index + 1])).toBe(status);
      expect(fieldOf(results[2 * index + 1].error)).toBe(field);
    });
    for (const [index, body] of batch.entries()) expect(await isStored(body.id)).toBe(index % 2 === 0);
  });

  for (const [name, poison, status, field] of poisons) {
    it(`stores 200 concurrent reports beside one with ${name}, which alone gets ${status} naming ${field}`, async () => {
      const valid = Array.from({ length: 200 }, () => envelope());
      const poisoned = envelope(await poison());
      const bodies = [...valid.slice(0, 100), poisoned, ...valid.slice(100)];
      const responses = await Promise.all(bodies.map((body) => post(body)));
      responses.forEach((response, index) => {
        if (bodies[index] === poisoned) {
          expect(response.statusCode, response.body).toBe(status);
          expect(fieldOf(response.json().error)).toBe(field);
        } else {
          expect(response.statusCode, response.body).toBe(201);
          expect(response.json().receipt.id).toBe(bodies[index]?.id);
        }
      });
      for (const body of valid) expect(await isStored(body.id)).toBe(true);
      expect(await isStored(poisoned.id)).toBe(false);
    });

    it(`gives one result per item to a batch of 200 reports and one with ${name}`, async () => {
      const valid = Array.from({ length: 200 }, () => envelope());
      const poisoned = envelope(await poison());
      const batch = [...valid.slice(0, 50), poisoned, ...valid.slice(50)];
      const response = await postBatch(batch);
      expect(response.statusCode, response.body).toBe(200);
      const results: Json[] = response.json().results;
      expect(results).toHaveLength(201);
      expect(results[50].status).toBe(status);
      expect(fieldOf(results[50].error)).toBe(field);
      const others = results.filter((_, index) => index !== 50);
      expect(others.every((result) => result.status === 201)).toBe(true);
      expect(others.map((result) => result.receipt.id)).toEqual(valid.map((body) => body.id));
      for (const body of valid) expect(await isStored(body.id)).toBe(true);
      expect(await isStored(poisoned.id)).toBe(false);
    });
  }
});
