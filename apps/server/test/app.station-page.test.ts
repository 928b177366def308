import { randomUUID } from "node:crypto";
import { contentHash, type FormDefinition } from "@scrutiny/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { envelope, ids, seedSubmissionFixtures, signIn } from "./support.ts";

const countingFormId = randomUUID();

/** A counting form of our own: the protocol's figures and the one candidate's votes. */
const countingForm = {
  id: countingFormId,
  version: 1,
  kind: "counting",
  title: { en: "Count at the station" },
  languages: ["en"],
  defaultLanguage: "en",
  choiceLists: {},
  items: [
    { type: "integer", name: "protocol_registered", label: { en: "Registered" }, min: 0 },
    { type: "integer", name: "protocol_ballots_issued", label: { en: "Ballots issued" }, min: 0 },
    { type: "integer", name: "protocol_valid", label: { en: "Valid" }, min: 0 },
    { type: "integer", name: "protocol_invalid", label: { en: "Invalid" }, min: 0 },
    { type: "integer", name: "votes_A", label: { en: "Votes for A" }, min: 0 },
  ],
  checks: [],
} as unknown as FormDefinition;

describeOnEachBackend("API: the station page", (getStore) => {
  let app: FastifyInstance;
  let coordinator: Record<string, string>;
  let otherCoordinator: Record<string, string>;
  const page = (stationId: string = ids.station1, electionId: string = ids.election) =>
    `/api/v1/elections/${electionId}/stations/${stationId}`;
  const counted = randomUUID();
  const voted = randomUUID();

  beforeAll(async () => {
    const store = getStore();
    await seedSubmissionFixtures(store);
    await store.forms.create({
      id: countingFormId,
      electionId: ids.election,
      missionId: null,
      code: "counting",
      kind: "counting",
      definition: countingForm,
      contentHash: contentHash(countingForm),
    });
    app = await buildServer({ store });
    const observer = await signIn(app, "observer");
    coordinator = await signIn(app, "coordinator");
    otherCoordinator = await signIn(app, "other-coordinator");
    for (const payload of [
      envelope({ id: voted, submittedAt: "2019-11-17T09:00:00Z" }),
      envelope({
        id: counted,
        formId: countingFormId,
        phaseCode: "election-day",
        submittedAt: "2019-11-17T21:00:00Z",
        // The observer copied 720 ballots where the commission published 700.
        answers: {
          protocol_registered: 1000,
          protocol_ballots_issued: 720,
          protocol_valid: 690,
          protocol_invalid: 10,
          votes_A: 690,
        },
      }),
    ]) {
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/submissions",
        cookies: observer,
        payload,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });

  afterAll(async () => {
    await app.close();
  });

  it("shows the station's areas, the mission's visit and reports, the protocol and the comparison", async () => {
    const response = await app.inject({ url: page(), cookies: coordinator });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.station).toMatchObject({ code: "PS-1", name: "School 1", registeredVoters: 1000 });
    expect(body.station.areas.map((a: { code: string }) => a.code)).toEqual(["N", "N-1"]);
    expect(body.missions.map((m: { id: string }) => m.id)).toEqual([ids.mission]);
    expect(body.visits).toEqual([
      expect.objectContaining({
        phaseCode: "election-day",
        teamCode: "T01",
        arrivedAt: "2019-11-17T08:00:00.000Z",
      }),
    ]);
    expect(body.reports.map((r: { submissionId: string }) => r.submissionId)).toEqual([voted, counted]);
    expect(body.protocols).toEqual([
      expect.objectContaining({
        contestCode: "C",
        ballotsIssued: 700,
        turnout: 0.7,
        votes: [{ code: "A", name: "Candidate A", party: "Unity", votes: 690 }],
      }),
    ]);
    expect(body.comparison).toHaveLength(1);
    const [comparison] = body.comparison;
    expect(comparison.submissionId).toBe(counted);
    expect(comparison.differences).toBe(1);
    expect(comparison.fields).toContainEqual({
      field: "ballotsIssued",
      observed: 720,
      published: 700,
      difference: 20,
    });
    expect(comparison.fields).toContainEqual({
      field: "votes:A",
      observed: 690,
      published: 690,
      difference: 0,
    });
  });

  it("shows another mission none of this mission's visits or reports", async () => {
    const response = await app.inject({ url: page(), cookies: otherCoordinator });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.visits).toEqual([]);
    expect(body.reports).toEqual([]);
    expect(body.comparison).toEqual([]);
    // The official protocol is public record.
    expect(body.protocols).toHaveLength(1);
  });

  it("answers 404 for a station of another election, 403 to observers and 401 to strangers", async () => {
    expect((await app.inject({ url: page(randomUUID()), cookies: coordinator })).statusCode).toBe(404);
    const observer = await signIn(app, "observer");
    expect((await app.inject({ url: page(), cookies: observer })).statusCode).toBe(403);
    expect((await app.inject({ url: page() })).statusCode).toBe(401);
    expect((await app.inject({ url: page("not-a-uuid"), cookies: coordinator })).statusCode).toBe(400);
  });
});
