import { randomUUID } from "node:crypto";
import type { FormDefinition } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { ids, seedSubmissionFixtures, signIn } from "./support.ts";

const incidentFormId = "00000000-0000-4000-8000-0000000000f9";
const incidentForm: FormDefinition = {
  id: incidentFormId,
  version: 1,
  kind: "incident",
  title: { en: "Incident" },
  languages: ["en"],
  defaultLanguage: "en",
  choiceLists: {
    yn: [
      { name: "yes", label: { en: "Yes" } },
      { name: "no", label: { en: "No" } },
    ],
  },
  items: [
    {
      type: "yes_no",
      name: "observers_expelled",
      label: { en: "Were observers expelled?" },
      listName: "yn",
      required: true,
      critical: true,
      criticalWhen: ". = 'yes'",
    },
    { type: "text", name: "what", label: { en: "What happened?" } },
  ],
  checks: [],
};

describeOnEachBackend("API: coordinators' live election-day view", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let baseUrl: string;
  let coordinator: Record<string, string>;
  let observer: Record<string, string>;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    await store.forms.create({
      id: incidentFormId,
      electionId: ids.election,
      missionId: null,
      code: "incident",
      kind: "incident",
      definition: incidentForm,
      contentHash: "incident",
    });
    app = await buildServer({ store });
    baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
    coordinator = await signIn(app, "coordinator");
    observer = await signIn(app, "observer");
  });
  afterAll(async () => {
    await app.close();
  });

  const report = (expelled: "yes" | "no", submittedAt: string) =>
    app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: {
        id: randomUUID(),
        formId: incidentFormId,
        formVersion: 1,
        stationId: ids.station1,
        phaseCode: "election-day",
        teamId: ids.team,
        visitId: ids.visit,
        submittedAt,
        answers: { observers_expelled: expelled, what: "a note" },
      },
    });

  it("streams an event when a report is stored, with its critical answers, to the mission's coordinators", async () => {
    const cookie = `scrutiny_session=${coordinator["scrutiny_session"]}`;
    const abort = new AbortController();
    const response = await fetch(`${baseUrl}/api/v1/missions/${ids.mission}/live/events`, {
      headers: { cookie },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    // The hooks' headers reach a hijacked answer too: the security headers and the request id.
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error("no body");
    const decoder = new TextDecoder();
    let text = "";
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await until(/: connected/);
    const stored = await report("yes", "2019-11-17T09:20:00+03:00");
    expect(stored.statusCode).toBe(201);
    await until(/event: reports\ndata: .*\n\n/);
    const data = JSON.parse(/event: reports\ndata: (.*)\n\n/.exec(text)?.[1] ?? "{}");
    expect(data.submissionIds).toEqual([stored.json().receipt.id]);
    expect(data.critical).toEqual([
      {
        submissionId: stored.json().receipt.id,
        stationId: ids.station1,
        questions: [{ name: "observers_expelled", label: { en: "Were observers expelled?" }, answer: "yes" }],
      },
    ]);
    abort.abort();

    const other = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/live/events`,
      cookies: await signIn(app, "other-coordinator"),
    });
    expect(other.statusCode).toBe(403);
  });

  it("summarises reports per hour by phase, critical incidents newest first with phones, and coverage", async () => {
    await report("no", "2019-11-17T10:05:00+03:00");
    await report("yes", "2019-11-17T10:45:00+03:00");
    const response = await app.inject({
      method: "GET",
      url: `/api/v1/missions/${ids.mission}/live?phaseCode=election-day`,
      cookies: coordinator,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.perHour).toEqual([
      { phaseCode: "election-day", hour: "2019-11-17T06:00:00.000Z", reports: 1 },
      { phaseCode: "election-day", hour: "2019-11-17T07:00:00.000Z", reports: 2 },
    ]);
    expect(body.critical.map((c: { submittedAt: string }) => c.submittedAt)).toEqual([
      "2019-11-17T07:45:00.000Z",
      "2019-11-17T06:20:00.000Z",
    ]);
    expect(body.critical[0]).toMatchObject({
      stationCode: "PS-1",
      teamCode: "T01",
      observerName: "Anna Observer",
      observerPhone: "+375291234567",
      questions: [{ name: "observers_expelled", answer: "yes" }],
    });
    expect(body.coverage.phases).toEqual(
      expect.arrayContaining([{ code: "election-day", planned: 1, reported: 1 }]),
    );
  });
});
