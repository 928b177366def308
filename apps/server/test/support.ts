import { randomUUID } from "node:crypto";
import { contentHash, type FormDefinition } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { ids, sampleElection, sampleMission } from "../../../packages/store/test/support/sample-election.ts";
import { hashPassword } from "../src/index.ts";

export { ids };

/** Answers that pass the voting form's validation without raising a flag. */
export const goodAnswers = {
  ballot_box_sealed: "yes",
  voters_counted: 120,
  registered: 1000,
  overall_assessment: "good",
};

/** A valid report on the sample election's first station; fields overridden as given. */
export function envelope(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    formId,
    formVersion: 1,
    stationId: ids.station1,
    phaseCode: "election-day",
    submittedAt: "2019-11-17T09:15:00+03:00",
    answers: goodAnswers,
    ...overrides,
  };
}

export const formId = "00000000-0000-4000-8000-0000000000f1";
export const otherObserverId = "00000000-0000-4000-8000-000000000052";
export const otherMissionId = "00000000-0000-4000-8000-000000000042";
export const otherMissionObserverId = "00000000-0000-4000-8000-000000000053";
export const otherElectionStationId = "00000000-0000-4000-8000-0000000000e2";

/** A small voting checklist with skip logic, a constraint and a data-quality check. */
export const votingForm: FormDefinition = {
  id: formId,
  version: 1,
  kind: "voting",
  title: { en: "Voting", ru: "Голосование" },
  languages: ["en", "ru"],
  defaultLanguage: "en",
  choiceLists: {
    yes_no: [
      { name: "yes", label: { en: "Yes", ru: "Да" } },
      { name: "no", label: { en: "No", ru: "Нет" } },
    ],
    assessment: [
      { name: "very_good", label: { en: "Very good", ru: "Очень хорошо" } },
      { name: "good", label: { en: "Good", ru: "Хорошо" } },
      { name: "bad", label: { en: "Bad", ru: "Плохо" } },
      { name: "very_bad", label: { en: "Very bad", ru: "Очень плохо" } },
    ],
  },
  items: [
    {
      type: "yes_no",
      name: "ballot_box_sealed",
      label: { en: "Sealed?" },
      listName: "yes_no",
      required: true,
    },
    {
      type: "text",
      name: "seal_problem",
      label: { en: "What was wrong with the seal?" },
      relevant: "${ballot_box_sealed} = 'no'",
      required: true,
    },
    {
      type: "integer",
      name: "voters_counted",
      label: { en: "Voters counted" },
      min: 0,
      max: 5000,
      required: true,
    },
    { type: "integer", name: "registered", label: { en: "Registered on the list" }, min: 0 },
    { type: "text", name: "comments", label: { en: "Comments" } },
    {
      type: "assessment",
      name: "overall_assessment",
      label: { en: "Overall" },
      listName: "assessment",
      required: true,
    },
  ],
  checks: [
    {
      id: "counted_le_registered",
      expression: "${voters_counted} <= ${registered}",
      message: { en: "More voters counted than registered" },
    },
  ],
} as unknown as FormDefinition;

/** Seeds the sample election, a second mission, a form and the users the API tests sign in as. */
/** `stationNames` renames the sample election's stations in order (e.g. hostile names for exports). */
export async function seedSubmissionFixtures(
  store: Store,
  options: { stationNames?: readonly string[] } = {},
): Promise<void> {
  await store.elections.insertBundle({
    ...sampleElection,
    stations: sampleElection.stations.map((station, i) => ({
      ...station,
      name: options.stationNames?.[i] ?? station.name,
    })),
  });
  await store.elections.insertBundle({
    ...sampleElection,
    election: {
      ...sampleElection.election,
      id: "00000000-0000-4000-8000-0000000000e1",
      code: "other-election",
    },
    areas: [],
    stations: [],
    contests: [],
    candidates: [],
    officialResults: [],
  });
  await store.elections.insertBundle({
    election: {
      ...sampleElection.election,
      id: "00000000-0000-4000-8000-0000000000e3",
      code: "third-election",
    },
    areas: [
      {
        id: "00000000-0000-4000-8000-0000000000e4",
        electionId: "00000000-0000-4000-8000-0000000000e3",
        parentId: null,
        level: "region",
        code: "R",
        name: { en: "R" },
      },
    ],
    stations: [
      {
        id: otherElectionStationId,
        electionId: "00000000-0000-4000-8000-0000000000e3",
        areaId: "00000000-0000-4000-8000-0000000000e4",
        code: "X-1",
        name: "Elsewhere",
        address: null,
        registeredVoters: 100,
        latitude: null,
        longitude: null,
        kind: "regular",
        attributes: {},
      },
    ],
    contests: [],
    candidates: [],
    officialResults: [],
  });
  await store.missions.insertBundle({
    ...sampleMission,
    observers: [
      ...sampleMission.observers,
      {
        ...(sampleMission.observers[0] as (typeof sampleMission.observers)[number]),
        id: otherObserverId,
        code: "222222",
      },
    ],
  });
  await store.missions.insertBundle({
    mission: { ...sampleMission.mission, id: otherMissionId, code: "domestic", kind: "domestic" },
    observers: [
      {
        ...(sampleMission.observers[0] as (typeof sampleMission.observers)[number]),
        id: otherMissionObserverId,
        missionId: otherMissionId,
        code: "333333",
      },
    ],
    teams: [],
    plannedStations: [],
    visits: [],
  });
  await store.forms.create({
    id: formId,
    electionId: ids.election,
    missionId: null,
    code: "voting",
    kind: "voting",
    definition: votingForm,
    contentHash: contentHash(votingForm),
  });
  const password = await hashPassword("pw");
  const user = (
    id: string,
    username: string,
    role: string,
    missionId: string | null,
    observerId: string | null,
  ) => ({
    id,
    username,
    displayName: username,
    role: role as "observer",
    missionId,
    observerId,
    locale: "en" as const,
    passwordHash: password,
  });
  await store.users.insertMany([
    user("00000000-0000-4000-8000-0000000000b1", "observer", "observer", ids.mission, ids.observer),
    user("00000000-0000-4000-8000-0000000000b2", "coordinator", "coordinator", ids.mission, null),
    user("00000000-0000-4000-8000-0000000000b3", "analyst", "analyst", ids.mission, null),
    user("00000000-0000-4000-8000-0000000000b4", "other-coordinator", "coordinator", otherMissionId, null),
  ]);
  // The sample mission's coordinator administers the election's shared data; the other mission's does not.
  await store.ownership.grantElectionAdministrator(
    ids.election,
    "00000000-0000-4000-8000-0000000000b2",
    null,
  );
}

export async function signIn(app: FastifyInstance, username: string): Promise<Record<string, string>> {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/sign-in",
    payload: { username, password: "pw" },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "scrutiny_session");
  return { scrutiny_session: cookie?.value ?? "" };
}
