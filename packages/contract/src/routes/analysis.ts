import { z } from "zod";
import {
  ComparisonResponse,
  EstimatesResponse,
  ObserverEffectsResponse,
  PvtResponse,
} from "../analysis-results.ts";
import { IndicatorCode, IndicatorDefinition, IndicatorMatch } from "../indicators.ts";
import { ownElection, ownMission, resource, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { AnyJson, ElectionParams, Instant, Localized, MissionParams } from "./common.ts";
import { AreaShapes } from "./coverage.ts";

/** A version of an indicator as stored (an old version's definition may no longer parse). */
export const StoredIndicator = z.object({
  missionId: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  definition: z.record(z.string(), AnyJson),
  retired: z.boolean(),
  createdBy: z.uuid().nullable(),
  createdAt: Instant,
});

/** Indicators of different missions matched as one, across the election. */
export const StoredIndicatorMatch = z.object({
  electionId: z.uuid(),
  code: z.string(),
  name: Localized,
  /** Mission id to that mission's indicator code. */
  members: z.record(z.string(), z.string()),
  /** The mission that made the match and alone may change it (null: the election's own). */
  missionId: z.uuid().nullable(),
  updatedAt: Instant,
});

export const IndicatorParams = z.object({ missionId: z.uuid(), code: IndicatorCode });
export const MatchParams = z.object({ electionId: z.uuid(), code: IndicatorCode });
export const EstimatesQuery = z.object({
  areaLevel: z.string().min(1).max(64).optional(),
  minCell: z.coerce.number().int().min(1).max(10_000).optional(),
  /** Estimate under an earlier (or proposed) plan version; default: the current plan. */
  planVersion: z.coerce.number().int().min(1).optional(),
});

/** Coordinators and analysts see their own mission's analysis; administrators every mission's. */
const missionStaff = roles(["coordinator", "analyst"], ownMission());
/** Election-wide figures (missions side by side) are open to the staff of any of its missions. */
const electionStaff = roles(["coordinator", "analyst"], ownElection());
const Matches = z.object({ matches: z.array(StoredIndicatorMatch) });

export const listIndicators = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/analysis/indicators",
  summary: "A mission's indicators (current versions)",
  tags: ["analysis"],
  params: MissionParams,
  responses: {
    200: z.object({
      indicators: z.array(
        z.object({ code: z.string(), version: z.number(), definition: IndicatorDefinition }),
      ),
      /** Stored indicators that no longer compile, with why. */
      invalid: z.array(z.object({ code: z.string(), message: z.string() })),
    }),
  },
  policy: missionStaff,
});

export const indicatorVersions = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/analysis/indicators/:code/versions",
  summary: "Every version of one indicator",
  tags: ["analysis"],
  params: IndicatorParams,
  responses: { 200: z.object({ versions: z.array(StoredIndicator) }) },
  policy: missionStaff,
});

export const saveIndicator = defineRoute({
  method: "PUT",
  path: "/api/v1/missions/:missionId/analysis/indicators/:code",
  summary: "Create an indicator or publish a new version of it",
  tags: ["analysis"],
  params: IndicatorParams,
  body: IndicatorDefinition,
  responses: {
    // `unchanged`: the definition equals the current version, so no new version was made.
    200: z.object({ indicator: StoredIndicator, unchanged: z.boolean() }),
    201: z.object({ indicator: StoredIndicator, unchanged: z.boolean() }),
  },
  policy: missionStaff,
});

export const retireIndicator = defineRoute({
  method: "DELETE",
  path: "/api/v1/missions/:missionId/analysis/indicators/:code",
  summary: "Retire an indicator (a new version marked retired; history is kept)",
  tags: ["analysis"],
  params: IndicatorParams,
  responses: { 200: z.object({ indicator: StoredIndicator }) },
  policy: missionStaff,
});

export const estimates = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/analysis/estimates",
  summary: "Every indicator estimated overall, by phase and by area, with 95% intervals and exclusions",
  tags: ["analysis"],
  params: MissionParams,
  query: EstimatesQuery,
  responses: { 200: EstimatesResponse },
  policy: missionStaff,
});

export const observerEffects = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/analysis/observer-effects",
  summary: "Team severity with uncertainty and flags, agreement, raw vs adjusted assessment indicators",
  tags: ["analysis"],
  params: MissionParams,
  responses: { 200: ObserverEffectsResponse },
  policy: missionStaff,
});

export const AnalysisExportQuery = EstimatesQuery.extend({
  format: z.enum(["csv", "xlsx"]).default("xlsx"),
  /** Language of the headers and names: Russian, or else English. */
  language: z.string().min(1).max(64).optional(),
  /**
   * The table a CSV holds: indicators (the default), areas, incidents, teams, pvt or turnout.
   * An XLSX holds them all, one sheet each.
   */
  table: z.enum(["indicators", "areas", "incidents", "teams", "pvt", "turnout"]).optional(),
});

export const analysisExport = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/analysis/export",
  summary:
    "Every analysis table of the mission (indicators by phase, by area, incident categories, team severity, PVT, turnout check) as the figures' table views show them: XLSX (a sheet each) or one table as CSV, formula-like text neutralised",
  tags: ["analysis"],
  params: MissionParams,
  query: AnalysisExportQuery,
  responses: { 200: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } },
  policy: missionStaff,
});

export const pvt = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/analysis/pvt",
  summary: "Parallel vote tabulation against official results, and the turnout check",
  tags: ["analysis"],
  params: MissionParams,
  responses: { 200: PvtResponse },
  policy: missionStaff,
});

export const comparison = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/analysis/comparison",
  summary: "Missions side by side: matched indicators with intervals and tests of difference",
  tags: ["analysis"],
  params: ElectionParams,
  responses: { 200: ComparisonResponse },
  policy: electionStaff,
});

export const listMatches = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/analysis/matches",
  summary: "The analyst's mapping of indicators across missions",
  tags: ["analysis"],
  params: ElectionParams,
  responses: { 200: Matches },
  policy: electionStaff,
});

export const saveMatch = defineRoute({
  method: "PUT",
  path: "/api/v1/elections/:electionId/analysis/matches/:code",
  summary: "Create or replace one cross-mission match",
  tags: ["analysis"],
  params: MatchParams,
  body: IndicatorMatch,
  responses: { 200: Matches },
  // A match is the mission's that made it; the election's defaults, its administrators'.
  policy: roles(
    ["coordinator", "analyst"],
    resource("indicatorMatch", "code", "write", { absent: ownElection() }),
  ),
});

export const deleteMatch = defineRoute({
  method: "DELETE",
  path: "/api/v1/elections/:electionId/analysis/matches/:code",
  summary: "Delete one cross-mission match",
  tags: ["analysis"],
  params: MatchParams,
  responses: { 200: Matches },
  policy: roles(["coordinator", "analyst"], resource("indicatorMatch", "code", "write")),
});

export const regions = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/analysis/regions",
  summary:
    "Top-level areas as GeoJSON for the breakdown map: uploaded boundaries, else their stations' extent",
  tags: ["analysis"],
  params: ElectionParams,
  // The same features as the coverage map's (uploaded shapes may be MultiPolygons).
  responses: { 200: AreaShapes },
  policy: electionStaff,
});
