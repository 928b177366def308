import {
  Code,
  CountryCallingCode,
  DeploymentDesign,
  ObserverRole,
  SamplePlanRequest,
} from "@scrutiny/domain";
import { z } from "zod";
import { ownMission, resource, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { Instant, MissionParams } from "./common.ts";

/** A version of a mission's sample plan: how it was drawn (or imported) and its strata. */
export const Plan = z.object({
  id: z.uuid(),
  missionId: z.uuid(),
  design: DeploymentDesign,
  seed: z.number().nullable(),
  strataBy: z.array(z.string()),
  allocation: z.string().nullable(),
  sampleSize: z.number().int(),
  reservePerStratum: z.number().int(),
  frameSize: z.number().int(),
  createdAt: Instant,
  version: z.number().int(),
  status: z.enum(["proposed", "current", "superseded", "discarded"]),
  source: z.enum(["drawn", "imported"]),
  confirmedAt: Instant.nullable(),
  strata: z.array(
    z.object({
      stratum: z.string(),
      populationSize: z.number().int(),
      sampleSize: z.number().int(),
      reserveSize: z.number().int(),
    }),
  ),
});
export type Plan = z.infer<typeof Plan>;
export const PlanVersion = Plan.omit({ strata: true });

export const PlannedStation = z.object({
  stationId: z.uuid(),
  code: z.string(),
  name: z.string(),
  stratum: z.string().nullable(),
  inclusionProbability: z.number().nullable(),
  reserve: z.boolean(),
  /** Order in which the current plan drew it (null: not drawn by it). */
  drawOrder: z.number().int().nullable(),
});

export const VisitRecord = z.object({
  id: z.uuid(),
  missionId: z.uuid(),
  teamId: z.uuid(),
  stationId: z.uuid(),
  phaseCode: z.string(),
  routeOrder: z.number().int(),
  arrivedAt: Instant.nullable(),
  departedAt: Instant.nullable(),
});

export const ObserverParams = MissionParams.extend({ observerId: z.uuid() });
export const TeamParams = MissionParams.extend({ teamId: z.uuid() });
export const TeamCodeParams = MissionParams.extend({ teamCode: Code });
export const RouteParams = TeamParams.extend({ phaseCode: Code });
export const VisitParams = z.object({ visitId: z.uuid() });
export const Page = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ObserverPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    /** A new phone number (any common notation); null removes it. */
    phone: z.string().trim().max(40).nullable().optional(),
    defaultCountryCode: CountryCallingCode.optional(),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/))
      .max(10)
      .optional(),
    accreditation: z.string().trim().max(64).nullable().optional(),
  })
  .strict();
export const AreaAssignment = z.object({ areaCodes: z.array(Code).max(500) });
export const TeamRequest = z.object({
  observerIds: z.array(z.uuid()).min(2, "a team has two or more observers").max(20),
});
export const RouteRequest = z
  .object({
    stationIds: z.array(z.uuid()).max(200).optional(),
    stationCodes: z.array(Code).max(200).optional(),
  })
  .refine((r) => (r.stationIds === undefined) !== (r.stationCodes === undefined), {
    message: "give stationIds or stationCodes",
  });
export const Relocation = z
  .object({
    phaseCode: Code,
    stationId: z.uuid().optional(),
    stationCode: Code.optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((r) => (r.stationId === undefined) !== (r.stationCode === undefined), {
    message: "give stationId or stationCode",
  });
export const VisitTime = z.object({ at: z.iso.datetime({ offset: true }).optional() });

/** One observer of a mission's roster, with teams, areas and the state of their phone-app sign-in. */
export const RosterObserver = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  languages: z.array(z.string()),
  accreditation: z.string().nullable(),
  role: ObserverRole,
  teamCodes: z.array(z.string()),
  areaCodes: z.array(z.string()),
  access: z.enum(["none", "active", "revoked"]),
  username: z.string().nullable(),
  accessIssuedAt: z.string().nullable(),
});
export type RosterObserver = z.infer<typeof RosterObserver>;

export const TeamMember = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
});
export const Team = z.object({ id: z.string(), code: z.string(), members: z.array(TeamMember) });
export type Team = z.infer<typeof Team>;

/** A stop of a team's route in one phase, in route order. */
export const RouteStop = z.object({
  visitId: z.string(),
  phaseCode: z.string(),
  routeOrder: z.number(),
  stationId: z.string(),
  stationCode: z.string(),
  stationName: z.string(),
  arrivedAt: z.string().nullable(),
  departedAt: z.string().nullable(),
});
export type RouteStop = z.infer<typeof RouteStop>;

const coordinators = roles(["coordinator"], ownMission());
const staff = roles(["coordinator", "analyst"], ownMission());
const Stops = z.object({ stops: z.array(RouteStop) });

export const PlanVersionParams = MissionParams.extend({ version: z.coerce.number().int().min(1) });

export const getPlan = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/plan",
  summary:
    "The mission's current deployment plan with stratum sizes (N_h, n_h), and a proposed one awaiting confirmation",
  tags: ["deployment"],
  params: MissionParams,
  responses: {
    200: z.object({ design: DeploymentDesign, plan: Plan.nullable(), proposed: Plan.nullable() }),
  },
  policy: staff,
});

/** A drawn or imported plan waiting for confirmation, beside the current one; `confirm` is where to POST. */
const Proposal = z.object({ plan: Plan, current: Plan.nullable(), confirm: z.string() });

export const drawPlan = defineRoute({
  method: "POST",
  path: "/api/v1/missions/:missionId/plan",
  summary:
    "Draw a deployment plan (simple random, stratified, or a declared convenience plan; seeded) as a proposed version to confirm",
  tags: ["deployment"],
  params: MissionParams,
  body: SamplePlanRequest,
  responses: { 201: Proposal },
  policy: coordinators,
});

/** A sample drawn elsewhere: the sampled stations as CSV, and for stratum sizes the strata as CSV. */
export const SampleImportRequest = z
  .object({
    /** Columns: station, probability (π_i) and/or stratum. */
    stations: z
      .string()
      .min(1)
      .max(32 * 1024 * 1024),
    /** Columns: stratum, N_h, n_h; then π_i = n_h / N_h unless the stations file gives it. */
    strata: z
      .string()
      .min(1)
      .max(4 * 1024 * 1024)
      .optional(),
  })
  .strict();

export const importPlan = defineRoute({
  method: "POST",
  path: "/api/v1/missions/:missionId/plan/imports",
  summary:
    "Import the mission's own sample (stations with inclusion probabilities, or strata with N_h and n_h) as a proposed plan version to confirm",
  tags: ["deployment"],
  params: MissionParams,
  body: SampleImportRequest,
  bodyLimit: 40 * 1024 * 1024,
  responses: { 201: Proposal },
  policy: coordinators,
});

export const planVersions = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/plan/versions",
  summary: "Every version of the mission's plan (proposed, current, superseded, discarded), newest first",
  tags: ["deployment"],
  params: MissionParams,
  responses: { 200: z.object({ versions: z.array(PlanVersion) }) },
  policy: staff,
});

export const planVersion = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/plan/versions/:version",
  summary: "One version of the mission's plan with its stratum sizes",
  tags: ["deployment"],
  params: PlanVersionParams,
  responses: { 200: z.object({ plan: Plan }) },
  policy: staff,
});

export const confirmPlan = defineRoute({
  method: "POST",
  path: "/api/v1/missions/:missionId/plan/versions/:version/confirm",
  summary:
    "Confirm a proposed plan: it becomes the deployment; the previous plan is kept (superseded) with its estimates",
  tags: ["deployment"],
  params: PlanVersionParams,
  responses: { 200: z.object({ plan: Plan }) },
  policy: coordinators,
});

export const discardPlan = defineRoute({
  method: "DELETE",
  path: "/api/v1/missions/:missionId/plan/versions/:version",
  summary: "Discard a proposed plan (kept for the record, never used)",
  tags: ["deployment"],
  params: PlanVersionParams,
  responses: { 200: z.object({ discarded: z.number() }) },
  policy: coordinators,
});

export const plannedStations = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/plan/stations",
  summary: "Stations of the current plan (sample, then reserves) with strata and inclusion probabilities",
  tags: ["deployment"],
  params: MissionParams,
  query: Page,
  responses: { 200: z.object({ stations: z.array(PlannedStation), total: z.number().int() }) },
  policy: staff,
});

export const samplingFrame = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/frame",
  summary: "What the election's stations can be stratified by: area levels and attributes with their values",
  tags: ["deployment"],
  params: MissionParams,
  responses: {
    200: z.object({
      stations: z.number(),
      levels: z.array(z.object({ key: z.string(), values: z.number() })),
      attributes: z.array(z.object({ key: z.string(), values: z.number() })),
    }),
  },
  policy: staff,
});

export const listObservers = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/observers",
  summary: "The mission's observers with teams, areas and phone-app sign-in status",
  tags: ["deployment"],
  params: MissionParams,
  responses: { 200: z.object({ observers: z.array(RosterObserver) }) },
  policy: coordinators,
});

export const patchObserver = defineRoute({
  method: "PATCH",
  path: "/api/v1/missions/:missionId/observers/:observerId",
  summary: "Change an observer's name, phone (normalised to E.164), languages or accreditation",
  tags: ["deployment"],
  params: ObserverParams,
  body: ObserverPatch,
  responses: { 200: z.object({ observer: RosterObserver }) },
  policy: coordinators,
});

export const assignObserverAreas = defineRoute({
  method: "PUT",
  path: "/api/v1/missions/:missionId/observers/:observerId/areas",
  summary: "Assign a long-term observer to areas (by code)",
  tags: ["deployment"],
  params: ObserverParams,
  body: AreaAssignment,
  responses: { 200: z.object({ areaCodes: z.array(z.string()) }) },
  policy: coordinators,
});

export const issueAccess = defineRoute({
  method: "POST",
  path: "/api/v1/missions/:missionId/observers/:observerId/access",
  summary:
    "Issue or reissue an observer's phone-app sign-in: a new access code (shown once; only its hash is kept)",
  tags: ["deployment"],
  params: ObserverParams,
  responses: {
    201: z.object({ username: z.string(), accessCode: z.string(), signInPath: z.string() }),
  },
  policy: coordinators,
});

export const revokeAccess = defineRoute({
  method: "DELETE",
  path: "/api/v1/missions/:missionId/observers/:observerId/access",
  summary: "Revoke an observer's phone-app sign-in; their sessions end at once",
  tags: ["deployment"],
  params: ObserverParams,
  responses: { 204: z.undefined().describe("no body") },
  policy: coordinators,
});

export const listTeams = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/teams",
  summary: "Teams with their members",
  tags: ["deployment"],
  params: MissionParams,
  responses: { 200: z.object({ teams: z.array(Team) }) },
  policy: coordinators,
});

export const putTeam = defineRoute({
  method: "PUT",
  path: "/api/v1/missions/:missionId/teams/:teamCode",
  summary: "Create a team of two or more of the mission's observers, or replace its members",
  tags: ["deployment"],
  params: TeamCodeParams,
  body: TeamRequest,
  responses: { 200: z.object({ team: Team }) },
  policy: coordinators,
});

export const teamRoute = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/teams/:teamId/route",
  summary: "A team's route: its visits per phase in order, with arrival and departure",
  tags: ["deployment"],
  params: TeamParams,
  responses: { 200: Stops },
  // The mission's coordinators; an observer, only a team they are in.
  policy: roles(["coordinator", "observer"], resource("team", "teamId", "read")),
});

export const setTeamRoute = defineRoute({
  method: "PUT",
  path: "/api/v1/missions/:missionId/teams/:teamId/route/:phaseCode",
  summary:
    "Set a team's ordered stations for a phase (stops already visited stay); a station may be on several teams' routes",
  tags: ["deployment"],
  params: RouteParams,
  body: RouteRequest,
  responses: { 200: Stops },
  policy: coordinators,
});

export const relocateTeam = defineRoute({
  method: "POST",
  path: "/api/v1/missions/:missionId/teams/:teamId/relocations",
  summary:
    "A team moves to another station partway through its route: the open visit closes, a visit to the new station opens",
  tags: ["deployment"],
  params: TeamParams,
  body: Relocation,
  responses: { 201: z.object({ closedVisitId: z.uuid().nullable(), visitId: z.uuid(), visit: VisitRecord }) },
  policy: roles(["coordinator", "observer"], resource("team", "teamId", "write")),
});

const visitTime = (path: "arrival" | "departure") =>
  defineRoute({
    method: "POST",
    path: `/api/v1/visits/:visitId/${path}`,
    summary: `Record a team's ${path} at a station (now, or the time given)`,
    tags: ["deployment"],
    params: VisitParams,
    body: VisitTime,
    responses: { 200: z.object({ visit: VisitRecord }) },
    policy: roles(["coordinator", "observer"], resource("visit", "visitId", "write")),
  });
export const recordArrival = visitTime("arrival");
export const recordDeparture = visitTime("departure");
