import {
  DeploymentDesign,
  ElectionSetup,
  Mission,
  MissionKind,
  MissionPatch,
  MissionSetup,
  Phase,
} from "@scrutiny/domain";
import { z } from "zod";
import { electionAdmin, ownElection, ownMission, roles, signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { ElectionParams, Localized, MissionParams } from "./common.ts";

export const ElectionListItem = z.object({
  id: z.uuid(),
  code: z.string(),
  name: Localized,
  electionDate: z.string(),
  /** IANA zone every time of the election is shown in. */
  timeZone: z.string(),
});
export type ElectionListItem = z.infer<typeof ElectionListItem>;

export const ElectionSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: Localized,
  country: z.string(),
  electionDate: z.string(),
  phases: z.array(Phase),
  timeZone: z.string(),
  languages: z.array(z.string()),
  stations: z.number().int(),
  registeredVoters: z.number(),
  areasByLevel: z.record(z.string(), z.number().int()),
});

/** A mission of the election with what it has so far. */
export const MissionSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: Localized,
  kind: MissionKind,
  design: DeploymentDesign,
  observers: z.number().int(),
  teams: z.number().int(),
  plannedStations: z.number().int(),
  submissions: z.number().int(),
});
export type MissionSummary = z.infer<typeof MissionSummary>;

export const listElections = defineRoute({
  method: "GET",
  path: "/api/v1/elections",
  summary: "Elections the caller may open: every one for administrators, their mission's for everyone else",
  tags: ["elections"],
  responses: { 200: z.object({ elections: z.array(ElectionListItem) }) },
  policy: signedIn(),
});

export const electionOverview = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/overview",
  summary: "An election with its stations, missions, observers and reports received",
  tags: ["elections"],
  params: ElectionParams,
  responses: {
    200: z.object({
      election: ElectionSummary,
      missions: z.array(MissionSummary),
      totals: z.object({ observers: z.number(), teams: z.number(), submissions: z.number() }),
    }),
  },
  // The missions' counts are the election's business: its own missions' accounts (and
  // administrators) read them, like every other per-election route; the list of elections
  // (names and dates, as the public portal shows) stays open to any signed-in user.
  policy: signedIn(ownElection()),
});

const ElectionRef = z.object({ id: z.uuid(), code: z.string() });
const SetupAnswer = z.object({ election: ElectionRef, setup: ElectionSetup });

export const createElection = defineRoute({
  method: "POST",
  path: "/api/v1/elections",
  summary:
    "Create an election from its description (the election file's shape): phases with local times, contests with candidates or parties",
  tags: ["elections"],
  body: ElectionSetup,
  responses: { 201: SetupAnswer },
  policy: roles([]),
});

export const electionSetup = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/setup",
  summary: "The election as its file describes it (what `scrutiny election export` writes)",
  tags: ["elections"],
  params: ElectionParams,
  responses: { 200: SetupAnswer },
  policy: roles(["coordinator", "analyst"], ownElection()),
});

export const updateElection = defineRoute({
  method: "PUT",
  path: "/api/v1/elections/:electionId/setup",
  summary:
    "Change an election to what its description says (its code stays); phases with reports and contests with official results cannot be removed",
  tags: ["elections"],
  params: ElectionParams,
  body: ElectionSetup,
  responses: { 200: SetupAnswer },
  policy: roles(["coordinator"], electionAdmin()),
});

export const listMissions = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/missions",
  summary: "The missions observing an election",
  tags: ["elections"],
  params: ElectionParams,
  responses: { 200: z.object({ missions: z.array(Mission) }) },
  policy: roles(["coordinator", "analyst"], ownElection()),
});

export const createMission = defineRoute({
  method: "POST",
  path: "/api/v1/elections/:electionId/missions",
  summary: "Add a mission (international, domestic or citizen) to an election",
  tags: ["elections"],
  params: ElectionParams,
  body: MissionSetup,
  responses: { 201: z.object({ mission: Mission }) },
  policy: roles([], electionAdmin()),
});

export const getMission = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId",
  summary: "A mission: its code, name, kind, languages and design",
  tags: ["elections"],
  params: MissionParams,
  responses: { 200: z.object({ mission: Mission }) },
  policy: roles(["coordinator", "analyst"], ownMission()),
});

export const updateMission = defineRoute({
  method: "PATCH",
  path: "/api/v1/missions/:missionId",
  summary: "Rename a mission, change its kind or languages (its code and election stay)",
  tags: ["elections"],
  params: MissionParams,
  body: MissionPatch,
  responses: { 200: z.object({ mission: Mission }) },
  policy: roles([], ownMission()),
});
