// Nothing that was not published reaches the public: every public GET route of the OpenAPI
// document is called with every id it can take, and no answer may contain a planted marker
// (observers' names, phones and logins, free-text answers, an indicator and a mission that
// published nothing, a report sent after the snapshot) nor an unpublished report's id.
// The transparency log itself lists every report's random id and content hash by design (never
// its content); its tiles are walked for the content markers too.
import { randomUUID } from "node:crypto";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import {
  MARKERS,
  type PublishingMission,
  publish,
  seedPublishingMissions,
  uploadOfficialResults,
} from "./publication-fixture.ts";
import { formId, ids, seedSubmissionFixtures } from "./support.ts";

interface Operation {
  readonly "x-policy"?: { access: string };
}

describeOnEachBackend("public API: only what was published", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let missions: PublishingMission[];
  const unpublishedReports: string[] = [];
  const publications: string[] = [];

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
    missions = await seedPublishingMissions(store, app);
    const [alpha] = missions;
    if (alpha === undefined) throw new Error("no mission");
    // Alpha publishes the forensics of one results set; another set, never published, is named
    // with a marker.
    const published = await uploadOfficialResults(app, alpha);
    // ... and an assessment indicator, so that its observer effects (by team) are published too.
    const assessed = await app.inject({
      method: "PUT",
      url: `/api/v1/missions/${alpha.id}/analysis/indicators/voting-bad`,
      cookies: alpha.coordinator,
      payload: {
        kind: "share",
        name: { en: "Voting assessed bad" },
        unit: "visit",
        formKind: "voting",
        condition: "${overall_assessment} = 'bad'",
        assessment: {
          question: "overall_assessment",
          scale: ["very_good", "good", "bad", "very_bad"],
          cut: "bad",
        },
      },
    });
    expect(assessed.statusCode, assessed.body).toBe(201);
    await uploadOfficialResults(app, alpha, MARKERS.unpublishedResultsSet);
    for (const mission of missions)
      publications.push(
        (await publish(app, mission, undefined, mission === alpha ? [{ source: published }] : undefined)).id,
      );
    // After the snapshots: a new indicator and a new report, neither published.
    const saved = await app.inject({
      method: "PUT",
      url: `/api/v1/missions/${alpha.id}/analysis/indicators/${MARKERS.unpublishedIndicator}`,
      cookies: alpha.coordinator,
      payload: {
        kind: "share",
        name: { en: MARKERS.unpublishedIndicator },
        unit: "visit",
        formKind: "voting",
        condition: "${ballot_box_sealed} = 'yes'",
      },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const id = randomUUID();
    unpublishedReports.push(id);
    const sent = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: alpha.observer,
      payload: {
        id,
        formId,
        formVersion: 1,
        stationId: ids.station2,
        phaseCode: "election-day",
        submittedAt: "2019-11-17T15:00:00Z",
        answers: {
          ballot_box_sealed: "no",
          seal_problem: MARKERS.unpublishedReportNote,
          voters_counted: 4321,
          registered: 5000,
          comments: MARKERS.unpublishedReportNote,
          overall_assessment: "very_bad",
        },
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    // The sample mission published nothing: its reports, too, are unpublished.
    unpublishedReports.push(
      ...(await store.submissions.list({ missionId: ids.mission, limit: 1000, offset: 0 })).rows.map(
        (r) => r.id,
      ),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it("no public response holds an unpublished report, indicator or personal field", async () => {
    const openapi = (await app.inject({ url: "/api/docs/json" })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const publicGets = Object.entries(openapi.paths)
      .filter(([, ops]) => ops["get"]?.["x-policy"]?.access === "public")
      .map(([path]) => path);
    expect(publicGets).toEqual(
      expect.arrayContaining([
        "/api/v1/public/elections",
        "/api/v1/public/elections/{electionId}",
        "/api/v1/public/publications/{publicationId}",
        "/api/v1/public/publications/{publicationId}/files/{name}",
        "/api/v1/public/publications/{publicationId}/datapackage.zip",
        "/log/checkpoint",
      ]),
    );
    const files = [
      ...new Set(
        (await Promise.all(publications.map((id) => store.publications.files(id)))).flat().map((f) => f.name),
      ),
    ];
    expect(files).toContain("forensics-1.json");
    expect(files).toContain("observer-effects.json");
    const { size } = await store.log.head();
    const values: Record<string, string[]> = {
      electionId: [
        ids.election,
        "00000000-0000-4000-8000-0000000000e1",
        "00000000-0000-4000-8000-0000000000e3",
      ],
      publicationId: publications,
      name: files,
      // Every entry bundle of the log (full tiles, then the partial one), and the first hash tile.
      "*": [
        ...Array.from({ length: Math.ceil(size / 256) }, (_, i) =>
          i < Math.floor(size / 256)
            ? `entries/${String(i).padStart(3, "0")}`
            : `entries/${String(i).padStart(3, "0")}.p/${size % 256}`,
        ),
        size >= 256 ? "0/000" : `0/000.p/${size}`,
      ],
    };
    const urls = publicGets.flatMap((path) => {
      let expanded = [path.replace(/\{\*\}|\*$/, "{*}")];
      for (const [param, options] of Object.entries(values)) {
        expanded = expanded.flatMap((url) =>
          url.includes(`{${param}}`) ? options.map((v) => url.replace(`{${param}}`, v)) : [url],
        );
      }
      return expanded.filter((url) => !url.includes("{"));
    });
    expect(urls.length, JSON.stringify(publicGets)).toBeGreaterThan(20);
    expect(
      urls.some((url) => url.startsWith("/log/tile/entries/")),
      JSON.stringify(publicGets),
    ).toBe(true);
    const forbidden = [
      MARKERS.observerName,
      MARKERS.observerPhone.slice(0, 11),
      MARKERS.accessCodeUser,
      MARKERS.freeText,
      MARKERS.sealText,
      MARKERS.unpublishedIndicator,
      MARKERS.unpublishedReportNote,
      MARKERS.unpublishedResultsSet,
      "Anna Observer",
      "+375291234567",
      "International mission", // the sample mission, which published nothing
    ];
    const answered: string[] = [];
    for (const url of urls) {
      const response = await app.inject({ url, headers: { "accept-encoding": "identity" } });
      if (response.statusCode === 404) continue;
      expect(response.statusCode, url).toBe(200);
      answered.push(url);
      const body = url.endsWith(".zip") ? unzipText(response.rawPayload) : response.body;
      for (const marker of forbidden) expect(body, `${url} holds "${marker}"`).not.toContain(marker);
      if (!url.startsWith("/log/"))
        for (const id of unpublishedReports) expect(body, `${url} holds report ${id}`).not.toContain(id);
    }
    expect(answered.length).toBeGreaterThan(20);
    expect(answered.filter((url) => url.startsWith("/log/tile/entries/")).length).toBeGreaterThan(0);
    // The markers are there to be found by those allowed to see them: the test is not vacuous.
    const [alpha] = missions;
    const own = await app.inject({
      url: `/api/v1/submissions/${unpublishedReports[0]}`,
      cookies: alpha?.coordinator,
    });
    expect(own.body).toContain(MARKERS.unpublishedReportNote);
  });

  it("lists only missions that published, and their snapshots' figures", async () => {
    const { elections } = (await app.inject({ url: "/api/v1/public/elections" })).json();
    expect(elections.map((e: { id: string }) => e.id)).toEqual([ids.election]);
    expect(elections[0].missions.map((m: { code: string }) => m.code)).toEqual([
      "alpha-watch",
      "beta-monitor",
    ]);
    const unknown = await app.inject({
      url: "/api/v1/public/elections/00000000-0000-4000-8000-0000000000e1",
    });
    expect(unknown.statusCode).toBe(404);
    const election = (await app.inject({ url: `/api/v1/public/elections/${ids.election}` })).json();
    const unsealed = election.comparison.find((r: { code: string }) => r.code === "box-unsealed");
    // alpha: every third of 24 unsealed; beta: every fifth (0, 5, 10, 15, 20).
    expect(unsealed.members.map((m: { estimate: { numerator: number } }) => m.estimate.numerator)).toEqual([
      8, 5,
    ]);
    expect(unsealed.differences).toHaveLength(1);
  });
});

function unzipText(bytes: Buffer): string {
  return Object.values(unzipSync(new Uint8Array(bytes)))
    .map((b) => new TextDecoder().decode(b))
    .join("\n");
}
