// The observer's position against the station's: a report whose geopoint is farther from the
// station than the form's max_distance is stored with a flag (never refused); a station without
// coordinates, or a form without the check, raises none. Through the API, on both databases.
import { randomUUID } from "node:crypto";
import type { FormDefinition } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { ids, seedSubmissionFixtures, signIn } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

/** An arrival form: where the observer is (checked within 400 m) and where they went next (not). */
const arrivalForm = {
  kind: "opening",
  title: { en: "Arrival" },
  languages: ["en"],
  defaultLanguage: "en",
  choiceLists: {},
  items: [
    { type: "geopoint", name: "here", label: { en: "Where are you?" }, maxDistanceFromStation: 400 },
    { type: "geopoint", name: "next_stop", label: { en: "Next stop" } },
    { type: "integer", name: "queue", label: { en: "Queue" } },
  ],
  checks: [],
} as unknown as FormDefinition;

describeOnEachBackend("API: the observer's position against the station's", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let observer: Record<string, string>;
  let formId: string;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    // The sample stations stand at 53.9 N, 27.5 E; the third has no coordinates in its file.
    await store.db.execute(
      sql`update polling_stations set latitude = null, longitude = null where id = ${ids.station3}::uuid`,
    );
    app = await buildServer({ store });
    observer = await signIn(app, "observer");
    const coordinator = await signIn(app, "coordinator");
    const created = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/forms`,
      cookies: coordinator,
      payload: arrivalForm as Json,
    });
    expect(created.statusCode, created.body).toBe(201);
    formId = created.json().form.formId;
  });
  afterAll(async () => {
    await app.close();
  });

  const file = async (stationId: string, answers: Json) => {
    const id = randomUUID();
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: {
        id,
        formId,
        formVersion: 1,
        stationId,
        phaseCode: "election-day",
        submittedAt: "2019-11-17T07:40:00+03:00",
        answers,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return (await store.submissions.get(id))?.flags ?? [];
  };

  it("stores a report near the station without a flag", async () => {
    // About 110 m north of the station.
    expect(await file(ids.station1, { here: "53.901 27.5 210 8", queue: 4 })).toEqual([]);
  });

  it("stores a report far from the station with a flag naming the distance", async () => {
    // 0.01 degree of latitude is about 1.1 km; the unchecked question may be anywhere.
    const flags = await file(ids.station2, { here: "53.91 27.5", next_stop: "54.5 28.1", queue: 0 });
    expect(flags.map((f) => f.checkId)).toEqual(["here.distance"]);
    expect(flags[0]?.message).toMatch(/^here: 11\d\d m from the station \(at most 400 m expected\)$/);
    // Its values, for a reader's page to say it in its language (kept with the report).
    expect(flags[0]?.params).toMatchObject({ question: "here", name: "here", maximum: 400 });
    expect(flags[0]?.params?.["metres"]).toBeGreaterThan(1100);
  });

  it("raises nothing at a station without coordinates, or without an answer", async () => {
    expect(await file(ids.station3, { here: "10 10", queue: 2 })).toEqual([]);
    expect(await file(ids.station1, { queue: 2 })).toEqual([]);
  });
});
