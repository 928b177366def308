/**
 * A small election of our own for the observer-app browser tests (nothing like the demo): three
 * stations, one observer on a team with two election-day stops, an arrival checklist and a
 * voting checklist with skip logic, a constraint and a data-quality check.
 */
import type { FormDefinition } from "@scrutiny/domain";
import { hashPassword } from "@scrutiny/server";
import type { Store } from "@scrutiny/store";
import { ids, sampleElection, sampleMission } from "../../packages/store/test/support/sample-election.ts";

export const observerSeed = {
  username: "lakeside-0417",
  accessCode: "K7QM-2VXD-9HTR-F4CN",
  userId: "00000000-0000-4000-8000-00000000c001",
  coordinatorId: "00000000-0000-4000-8000-00000000c002",
  coordinatorPassword: "harbour-lights-31",
  secondVisit: "00000000-0000-4000-8000-00000000c0a2",
  arrivalFormId: "00000000-0000-4000-8000-00000000c0f1",
  votingFormId: "00000000-0000-4000-8000-00000000c0f2",
  ids,
} as const;

const yesNo = [
  { name: "yes", label: { en: "Yes", ru: "Да" } },
  { name: "no", label: { en: "No", ru: "Нет" } },
];

const arrivalForm: FormDefinition = {
  id: observerSeed.arrivalFormId,
  version: 1,
  kind: "opening",
  title: { en: "Arrival at the station", ru: "Прибытие на участок" },
  languages: ["en", "ru"],
  defaultLanguage: "en",
  choiceLists: { yn: yesNo },
  items: [
    {
      type: "yes_no",
      name: "admitted",
      label: { en: "Were you admitted without delay?", ru: "Вас пустили без задержки?" },
      listName: "yn",
      required: true,
    },
    { type: "integer", name: "staff_present", label: { en: "Commission members present" }, min: 0, max: 40 },
  ],
  checks: [],
};

const votingForm: FormDefinition = {
  id: observerSeed.votingFormId,
  version: 1,
  kind: "voting",
  title: { en: "Voting checklist", ru: "Голосование" },
  languages: ["en", "ru"],
  defaultLanguage: "en",
  choiceLists: { yn: yesNo },
  items: [
    {
      type: "yes_no",
      name: "box_sealed",
      label: { en: "Was the ballot box sealed?", ru: "Ящик опечатан?" },
      listName: "yn",
      required: true,
      critical: true,
      criticalWhen: ". = 'no'",
    },
    {
      type: "text",
      name: "seal_problem",
      label: { en: "What was wrong with the seal?", ru: "Что не так с пломбой?" },
      relevant: "${box_sealed} = 'no'",
      required: true,
    },
    {
      type: "image",
      name: "seal_photo",
      label: { en: "Photo of the seal", ru: "Фото пломбы" },
      relevant: "${box_sealed} = 'no'",
      required: true,
    },
    {
      type: "integer",
      name: "voters_in_queue",
      label: { en: "Voters waiting in the queue" },
      min: 0,
      max: 2000,
      constraint: ". < 500",
      constraintMessage: { en: "Count again: more than 500 people in the queue?" },
    },
  ],
  checks: [],
};

export async function seedObserverElection(store: Store): Promise<void> {
  // Stations spread out, so that each region's extent is an area on the map.
  await store.elections.insertBundle({
    ...sampleElection,
    stations: sampleElection.stations.map((station, i) => ({
      ...station,
      latitude: 53.2 + 0.9 * i,
      longitude: 26.1 + 1.3 * i,
    })),
  });
  await store.missions.insertBundle({
    ...sampleMission,
    plannedStations: [ids.station1, ids.station2].map((stationId) => ({
      missionId: ids.mission,
      stationId,
      stratum: null,
      inclusionProbability: 2 / 3,
      reserve: false,
    })),
    visits: [
      { ...(sampleMission.visits[0] as (typeof sampleMission.visits)[number]), arrivedAt: null },
      {
        id: observerSeed.secondVisit,
        missionId: ids.mission,
        teamId: ids.team,
        stationId: ids.station2,
        phaseCode: "election-day",
        routeOrder: 1,
        arrivedAt: null,
        departedAt: null,
      },
    ],
  });
  for (const form of [arrivalForm, votingForm])
    await store.forms.create({
      id: form.id,
      electionId: ids.election,
      missionId: null,
      code: form.kind,
      kind: form.kind,
      definition: form,
      contentHash: form.id,
    });
  await store.users.insertMany([
    {
      id: observerSeed.userId,
      username: observerSeed.username,
      displayName: "Anna Observer",
      role: "observer",
      missionId: ids.mission,
      observerId: ids.observer,
      locale: "en",
      passwordHash: await hashPassword(observerSeed.accessCode),
    },
    {
      id: observerSeed.coordinatorId,
      username: "coordinator-lakeside",
      displayName: "Lakeside coordinator",
      role: "coordinator",
      missionId: ids.mission,
      observerId: null,
      locale: "en",
      passwordHash: await hashPassword(observerSeed.coordinatorPassword),
    },
  ]);
}
