// Two missions of the sample election that publish: reports with answers that include free text,
// observers with names and phones, and strings planted where personal or unpublished data lives,
// so that tests can search every public answer for them.
import { randomUUID } from "node:crypto";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { hashPassword } from "../src/index.ts";
import { countedElection } from "./publication-snapshot.ts";
import { formId, ids, signIn } from "./support.ts";

/** Strings that must never appear in a public response. */
export const MARKERS = {
  observerName: "Zorislava Markerova",
  observerPhone: "+375297770001",
  accessCodeUser: "obs-marker-login",
  freeText: "MARKER-FREE-TEXT-q7Z",
  sealText: "MARKER-SEAL-PROBLEM-w3K",
  unpublishedIndicator: "unpublished-marker-indicator",
  unpublishedReportNote: "MARKER-AFTER-PUBLICATION-x5",
  unpublishedResultsSet: "MARKER-RESULTS-NEVER-PUBLISHED-k2",
} as const;

export interface PublishingMission {
  readonly id: string;
  readonly code: string;
  readonly coordinator: Record<string, string>;
  readonly observer: Record<string, string>;
  readonly teamId: string;
}

const missionDefs = [
  { code: "alpha-watch", name: "Alpha Watch", unsealedEvery: 3 },
  { code: "beta-monitor", name: "Beta Monitor", unsealedEvery: 5 },
] as const;

/** Adds two convenience-sample missions with an observer, a team and a coordinator each. */
export async function seedPublishingMissions(
  store: Store,
  app: FastifyInstance,
): Promise<PublishingMission[]> {
  const password = await hashPassword("pw");
  const out: PublishingMission[] = [];
  for (const [k, def] of missionDefs.entries()) {
    const missionId = randomUUID();
    const observerId = randomUUID();
    const teamId = randomUUID();
    await store.missions.insertBundle({
      mission: {
        id: missionId,
        electionId: ids.election,
        code: def.code,
        name: { en: def.name },
        kind: "international",
        design: "convenience",
      },
      observers: [
        {
          id: observerId,
          missionId,
          code: `90000${k}`,
          name: `${MARKERS.observerName} ${k}`,
          phone: `${MARKERS.observerPhone.slice(0, -1)}${k}`,
          languages: ["en"],
          accreditation: null,
          role: "short_term",
        },
      ],
      teams: [{ id: teamId, missionId, code: `TM-${k}`, observerIds: [observerId] }],
      plannedStations: [],
      visits: [],
    });
    const user = (username: string, role: string, observer: string | null) => ({
      id: randomUUID(),
      username,
      displayName: username,
      role: role as "observer",
      missionId,
      observerId: observer,
      locale: "en" as const,
      passwordHash: password,
    });
    await store.users.insertMany([
      user(`${MARKERS.accessCodeUser}-${k}`, "observer", observerId),
      user(`${def.code}-coordinator`, "coordinator", null),
    ]);
    const mission = {
      id: missionId,
      code: def.code,
      coordinator: await signIn(app, `${def.code}-coordinator`),
      observer: await signIn(app, `${MARKERS.accessCodeUser}-${k}`),
      teamId,
    };
    const stations = [ids.station1, ids.station2, ids.station3];
    const submissions = Array.from({ length: 24 }, (_, i) => {
      const unsealed = i % def.unsealedEvery === 0;
      return {
        id: randomUUID(),
        formId,
        formVersion: 1,
        stationId: stations[i % 3],
        teamId,
        phaseCode: i % 4 === 0 ? "early-1" : "election-day",
        submittedAt: new Date(Date.UTC(2019, 10, 17, 6, i)).toISOString(),
        answers: {
          ballot_box_sealed: unsealed ? "no" : "yes",
          ...(unsealed ? { seal_problem: `${MARKERS.sealText} ${i}` } : {}),
          voters_counted: 100 + i * 7 + k,
          registered: 1000,
          comments: `${MARKERS.freeText} ${i}`,
          overall_assessment: unsealed ? "bad" : "good",
        },
      };
    });
    const sent = await app.inject({
      method: "POST",
      url: "/api/v1/submissions/batch",
      cookies: mission.observer,
      payload: { submissions },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    for (const [code, definition] of Object.entries(INDICATORS)) {
      const saved = await app.inject({
        method: "PUT",
        url: `/api/v1/missions/${missionId}/analysis/indicators/${code}`,
        cookies: mission.coordinator,
        payload: definition,
      });
      expect(saved.statusCode, saved.body).toBe(201);
    }
    out.push(mission);
  }
  return out;
}

export const INDICATORS = {
  "box-unsealed": {
    kind: "share",
    name: { en: "Ballot box not sealed" },
    unit: "visit",
    formKind: "voting",
    phases: null,
    condition: "${ballot_box_sealed} = 'no'",
    assessment: null,
  },
  "voters-mean": {
    kind: "mean",
    name: { en: "Voters counted (mean)" },
    unit: "visit",
    formKind: "voting",
    phases: null,
    question: "voters_counted",
  },
} as const;

/**
 * A coordinator uploads official results of the sample election in a layout of our own (Norwegian
 * headers, two area levels, three lists, a row without counts that the parser leaves out; every
 * 8th station's turnout a round 80%), and gets the results set's id.
 */
export async function uploadOfficialResults(
  app: FastifyInstance,
  mission: PublishingMission,
  name = "Valgresultat (endelig)",
): Promise<string> {
  const e = countedElection(160, 4, 23);
  const rows = ["Fylke;Kommune;Krets;Stemmeberettigede;Avgitte;Godkjente;Forkastede;Liste A;Liste B;Liste C"];
  e.registered.forEach((registered, s) => {
    const issued = s % 8 === 0 ? Math.round(0.8 * registered) : (e.issued[s] ?? 0);
    const a = e.votes[0]?.[s] ?? 0;
    const b = e.votes[1]?.[s] ?? 0;
    const c = Math.max(0, Math.min(issued, e.valid[s] ?? 0) - a - b);
    const valid = a + b + c;
    const area = e.area[s] ?? 0;
    rows.push(
      [
        `Fylke ${area % 2}`,
        `Kommune ${area}`,
        `K-${s + 1}`,
        registered,
        issued,
        valid,
        issued - valid,
        a,
        b,
        c,
      ].join(";"),
    );
  });
  rows.splice(40, 0, "Fylke 0;Kommune 0;K-uten-tall;900;;;;;;");
  const mapping = {
    station: "Krets",
    areas: [
      { name: "fylke", column: "Fylke" },
      { name: "kommune", column: "Kommune" },
    ],
    registered: "Stemmeberettigede",
    issued: ["Avgitte"],
    valid: "Godkjente",
    invalid: "Forkastede",
    contestants: ["Liste A", "Liste B", "Liste C"],
    controls: [{ id: "valid-votes", left: ["valid"], right: ["contestants"] }],
  };
  const response = await app.inject({
    method: "POST",
    url: `/api/v1/elections/${ids.election}/results-sets?mapping=${encodeURIComponent(JSON.stringify(mapping))}&fileName=valgresultat.csv&name=${encodeURIComponent(name)}`,
    cookies: mission.coordinator,
    headers: { "content-type": "text/csv" },
    payload: Buffer.from(rows.join("\r\n")),
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { resultsSet: { id: string } }).resultsSet.id;
}

export async function publish(
  app: FastifyInstance,
  mission: PublishingMission,
  title = `Preliminary statement of ${mission.code}`,
  forensics?: readonly { source: string; level?: string; replicates?: number }[],
) {
  const response = await app.inject({
    method: "POST",
    url: `/api/v1/missions/${mission.id}/publications`,
    cookies: mission.coordinator,
    payload: forensics === undefined ? { title } : { title, forensics },
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { publication: { id: string; contentHash: string; logIndex: number } })
    .publication;
}
