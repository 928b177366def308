/**
 * Two elections and three missions of our own (nothing like the demo) for the tests that walk
 * every route: election "harbour" with missions "gull" and "tern", election "upland" with mission
 * "hawk". Each mission has observers, a team, a visit, a form of its own, a report, a results
 * set, a saved station mapping, an import job, indicators and a match; each election a shared form.
 */
import { createHash, randomUUID } from "node:crypto";
import { contentHash, type FormDefinition } from "@scrutiny/domain";
import { type Store, schema } from "@scrutiny/store";
import { and, eq, notLike } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { hashPassword, seedDefaultAnalysis } from "../src/index.ts";
import { votingForm } from "./support.ts";

export const PERSONAS = ["anonymous", "observer", "analyst", "coordinator", "steward", "admin"] as const;
export type Persona = (typeof PERSONAS)[number];
export const TARGETS = ["own", "otherMission", "otherElection"] as const;
export type Target = (typeof TARGETS)[number];

export interface MissionFixture {
  readonly id: string;
  readonly code: string;
  readonly electionId: string;
  readonly phaseCode: string;
  readonly stationIds: readonly string[];
  /** The first observer signs in as the walk's observer; the second is the one others act on. */
  readonly observerIds: readonly [string, string];
  readonly teamId: string;
  readonly teamCode: string;
  readonly visitId: string;
  readonly formId: string;
  readonly submissionId: string;
  readonly resultsSetIds: Readonly<Record<Persona, string>>;
  readonly matchCodes: Readonly<Record<Persona, string>>;
  readonly indicatorCode: string;
  readonly retirableCodes: Readonly<Record<Persona, string>>;
  readonly mappingName: string;
  readonly jobId: string;
  /** A coordinator who is never a persona: the one administrators grant, revoke and manage. */
  readonly granteeId: string;
  /** An API token of the grantee's. */
  readonly tokenId: string;
}

export interface WalkFixture {
  readonly missions: Readonly<Record<Target, MissionFixture>>;
  readonly sharedFormIds: Readonly<Record<string, string>>;
}

const PASSWORD = "walk-pass-7";
const stationMapping = { code: "code", name: "name", areas: [{ level: "district", code: "district" }] };

/** A form of our own (the shape of the API tests' voting checklist, other ids and titles). */
/** A file uploaded beside each walk form's workbook (the files routes serve it). */
export const WALK_FORM_FILE = "wards.csv";
const WALK_FILE_BYTES = new TextEncoder().encode("name,label\nw1,Ward 1\n");
const digest = (algorithm: string) => createHash(algorithm).update(WALK_FILE_BYTES).digest("hex");

function formFor(id: string, title: string): FormDefinition {
  return {
    ...votingForm,
    id,
    title: { en: title },
    mediaFiles: {
      [WALK_FORM_FILE]: { sha256: digest("sha256"), size: WALK_FILE_BYTES.length, contentType: "text/csv" },
    },
  } as FormDefinition;
}

interface ElectionSpec {
  readonly code: string;
  readonly phaseCode: string;
  readonly missionCodes: readonly string[];
}

/** Stores the elections, missions, people and their records; returns where everything is. */
export async function seedWalkFixture(store: Store, app: FastifyInstance): Promise<WalkFixture> {
  const specs: ElectionSpec[] = [
    { code: "harbour", phaseCode: "polling-day", missionCodes: ["gull", "tern"] },
    { code: "upland", phaseCode: "ballot-day", missionCodes: ["hawk"] },
  ];
  const passwordHash = await hashPassword(PASSWORD);
  const missions: MissionFixture[] = [];
  const sharedFormIds: Record<string, string> = {};
  const users: (typeof schema.users.$inferInsert)[] = [];
  const account = (username: string, role: string, missionId: string | null, observerId: string | null) => {
    const id = randomUUID();
    users.push({ id, username, displayName: username, role, missionId, observerId, passwordHash });
    return id;
  };

  for (const spec of specs) {
    const electionId = randomUUID();
    const districtId = randomUUID();
    const stationIds = [randomUUID(), randomUUID()];
    await store.elections.insertBundle({
      election: {
        id: electionId,
        code: spec.code,
        name: { en: `${spec.code} vote` },
        country: "QQ",
        electionDate: "2031-04-06",
        phases: [{ code: spec.phaseCode, kind: "election_day", date: "2031-04-06", name: { en: "Day" } }],
      },
      areas: [
        {
          id: districtId,
          electionId,
          parentId: null,
          level: "district",
          code: `${spec.code}-d`,
          name: { en: "D" },
        },
      ],
      stations: stationIds.map((id, i) => ({
        id,
        electionId,
        areaId: districtId,
        code: `${spec.code}-${i + 1}`,
        name: `Hall ${i + 1}`,
        address: null,
        registeredVoters: 700 + i,
        latitude: null,
        longitude: null,
        kind: "regular" as const,
        attributes: {},
      })),
      contests: [],
      candidates: [],
      officialResults: [],
    });
    const sharedFormId = randomUUID();
    await createForm(store, sharedFormId, electionId, null, `${spec.code} shared`);
    sharedFormIds[electionId] = sharedFormId;

    const ofElection: { id: string; kind: string }[] = [];
    for (const code of spec.missionCodes) {
      const missionId = randomUUID();
      const observerIds: [string, string] = [randomUUID(), randomUUID()];
      const teamId = randomUUID();
      const visitId = randomUUID();
      await store.missions.insertBundle({
        mission: {
          id: missionId,
          electionId,
          code,
          name: { en: code },
          kind: "domestic",
          design: "simple_random",
        },
        observers: observerIds.map((id, i) => ({
          id,
          missionId,
          code: `${code}-${i}`,
          name: `${code} observer ${i}`,
          phone: null,
          languages: ["en"],
          accreditation: null,
          role: "short_term" as const,
        })),
        teams: [{ id: teamId, missionId, code: `${code}-team`, observerIds }],
        plannedStations: [],
        visits: [
          {
            id: visitId,
            missionId,
            teamId,
            stationId: stationIds[0] as string,
            phaseCode: spec.phaseCode,
            routeOrder: 0,
            arrivedAt: null,
            departedAt: null,
          },
        ],
      });
      ofElection.push({ id: missionId, kind: "domestic" });
      const formId = randomUUID();
      await createForm(store, formId, electionId, missionId, `${code} checklist`);
      const jobId = randomUUID();
      await store.imports.createJob({
        id: jobId,
        electionId,
        missionId,
        kind: "stations",
        fileName: null,
        total: 0,
        createdBy: null,
      });
      const mappingName = `${code}-columns`;
      await store.imports.saveMapping({
        id: randomUUID(),
        electionId,
        missionId,
        kind: "stations",
        name: mappingName,
        mapping: stationMapping,
      });
      const perPersona = (prefix: string) =>
        Object.fromEntries(PERSONAS.map((p) => [p, `${prefix}-${code}-${p}`])) as Record<Persona, string>;
      const matchCodes = perPersona("match");
      for (const matchCode of Object.values(matchCodes))
        await store.analysis.saveMatch({
          electionId,
          code: matchCode,
          name: { en: matchCode },
          members: { [missionId]: "walk" },
          missionId,
        });
      const retirableCodes = perPersona("retire");
      for (const indicatorCode of Object.values(retirableCodes))
        await store.analysis.saveIndicator({
          missionId,
          code: indicatorCode,
          definition: { kind: "proportion" },
        });
      missions.push({
        id: missionId,
        code,
        electionId,
        phaseCode: spec.phaseCode,
        stationIds,
        observerIds,
        teamId,
        teamCode: `${code}-team`,
        visitId,
        formId,
        submissionId: "",
        resultsSetIds: perPersona("unset"),
        matchCodes,
        indicatorCode: "",
        retirableCodes,
        mappingName,
        jobId,
        granteeId: account(`${code}-grantee`, "coordinator", missionId, null),
        tokenId: randomUUID(),
      });
      account(`${code}-observer`, "observer", missionId, observerIds[0]);
      account(`${code}-analyst`, "analyst", missionId, null);
      account(`${code}-coordinator`, "coordinator", missionId, null);
      account(`${code}-steward`, "coordinator", missionId, null);
    }
    await seedDefaultAnalysis(store, electionId, ofElection);
  }
  account("walk-admin", "admin", null, null);
  await store.users.insertMany(users as never);
  for (const mission of missions) {
    await store.users.createApiToken({
      id: mission.tokenId,
      tokenHash: randomUUID(),
      userId: mission.granteeId,
      name: `${mission.code} sync`,
      scope: "all",
      expiresAt: new Date("2099-01-01T00:00:00Z"),
    });
    const steward = users.find((u) => u.username === `${mission.code}-steward`);
    await store.ownership.grantElectionAdministrator(mission.electionId, steward?.id ?? "", null);
  }

  const [own, otherMission, otherElection] = missions as [MissionFixture, MissionFixture, MissionFixture];
  const finished: MissionFixture[] = [];
  let template: typeof schema.resultsSets.$inferSelect | undefined;
  for (const mission of [own, otherMission, otherElection]) {
    const observer = await signInAs(app, `${mission.code}-observer`);
    const submissionId = randomUUID();
    const sent = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: {
        id: submissionId,
        formId: mission.formId,
        formVersion: 1,
        stationId: mission.stationIds[0],
        phaseCode: mission.phaseCode,
        submittedAt: "2031-04-06T10:00:00Z",
        answers: {
          ballot_box_sealed: "yes",
          voters_counted: 90,
          registered: 700,
          overall_assessment: "good",
        },
      },
    });
    if (sent.statusCode !== 201) throw new Error(`fixture report refused: ${sent.body}`);
    template ??= await uploadResults(app, store, mission);
    const resultsSetIds = {} as Record<Persona, string>;
    for (const persona of PERSONAS) {
      const id = randomUUID();
      await store.resultsSets.insert({
        ...template,
        id,
        electionId: mission.electionId,
        contestId: null,
        name: `${mission.code} results for ${persona}`,
        missionId: mission.id,
        createdBy: null,
      });
      resultsSetIds[persona] = id;
    }
    finished.push({
      ...mission,
      submissionId,
      resultsSetIds,
      indicatorCode: await firstIndicator(store, mission.id),
    });
  }
  const [a, b, c] = finished as [MissionFixture, MissionFixture, MissionFixture];
  return { missions: { own: a, otherMission: b, otherElection: c }, sharedFormIds };
}

async function firstIndicator(store: Store, missionId: string): Promise<string> {
  const [row] = await store.db
    .select({ code: schema.analysisIndicators.code })
    .from(schema.analysisIndicators)
    .where(
      and(
        eq(schema.analysisIndicators.missionId, missionId),
        notLike(schema.analysisIndicators.code, "retire-%"),
      ),
    )
    .orderBy(schema.analysisIndicators.code);
  if (row === undefined) throw new Error("no indicator seeded");
  return row.code;
}

async function createForm(
  store: Store,
  id: string,
  electionId: string,
  missionId: string | null,
  title: string,
): Promise<void> {
  const definition = formFor(id, title);
  await store.forms.create(
    {
      id,
      electionId,
      missionId,
      code: `form-${id.slice(0, 8)}`,
      kind: "voting",
      definition,
      contentHash: contentHash(definition),
    },
    [{ sha256: digest("sha256"), md5: digest("md5"), contentType: "text/csv", bytes: WALK_FILE_BYTES }],
  );
}

/** One real upload (parsed and analysed by the server); the other sets are copies of its row. */
async function uploadResults(app: FastifyInstance, store: Store, mission: MissionFixture) {
  const lines = ["Booth;Ward;Enrolled;Cast;Counted;Void;Reed;Sedge"];
  for (let i = 0; i < 20; i++) {
    const cast = 200 + 11 * i;
    const spoilt = i % 4;
    const reed = Math.floor((cast - spoilt) * 0.52);
    lines.push(
      [
        `B${i}`,
        i < 10 ? "East" : "West",
        500 + i,
        cast,
        cast - spoilt,
        spoilt,
        reed,
        cast - spoilt - reed,
      ].join(";"),
    );
  }
  const mapping = {
    station: "Booth",
    areas: [{ name: "ward", column: "Ward" }],
    registered: "Enrolled",
    issued: ["Cast"],
    valid: "Counted",
    invalid: "Void",
    contestants: ["Reed", "Sedge"],
  };
  const analyst = await signInAs(app, `${mission.code}-analyst`);
  const response = await app.inject({
    method: "POST",
    url: `/api/v1/elections/${mission.electionId}/results-sets?fileName=walk.csv&mapping=${encodeURIComponent(JSON.stringify(mapping))}`,
    cookies: analyst,
    headers: { "content-type": "text/csv" },
    payload: Buffer.from(lines.join("\n")),
  });
  if (response.statusCode !== 201) throw new Error(`fixture results refused: ${response.body}`);
  const id = response.json().resultsSet.id as string;
  const [row] = await store.db.select().from(schema.resultsSets).where(eq(schema.resultsSets.id, id));
  if (row === undefined) throw new Error("uploaded results set not found");
  return { ...row, data: new Uint8Array(row.data), preset: row.preset, areaLevels: row.areaLevels };
}

/** Signs in from an address of its own each time, so that no sign-in limit is ever reached. */
export async function signInAs(app: FastifyInstance, username: string): Promise<Record<string, string>> {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/sign-in",
    payload: { username, password: PASSWORD },
    remoteAddress: nextAddress(),
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "scrutiny_session");
  return { scrutiny_session: cookie?.value ?? "" };
}

let addresses = 0;
/** A fresh client address (10.x.y.z) per call: per-IP limits never mix the walk's requests. */
export function nextAddress(): string {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

/** The walk's personas sign in as the first mission's people (and the administrator). */
export function personaUsername(persona: Exclude<Persona, "anonymous">): string {
  return persona === "admin" ? "walk-admin" : `gull-${persona}`;
}
