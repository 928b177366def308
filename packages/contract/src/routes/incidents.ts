import {
  IncidentFollowUpInput,
  IncidentSeverity,
  IncidentStatus,
  LocalizedTextSchema,
} from "@scrutiny/domain";
import { z } from "zod";
import { ownMission, resource, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { AnyJson, MissionParams, StationSearch } from "./common.ts";

export const IncidentQuery = z.object({
  status: IncidentStatus.optional(),
  severity: IncidentSeverity.optional(),
  phaseCode: z.string().trim().min(1).max(64).optional(),
  /** Only incidents assigned to this account. */
  assigneeId: z.uuid().optional(),
  /** Only incidents at stations whose code or name contains this (case-insensitive). */
  station: StationSearch.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A question of the report that tripped its form's critical condition. */
export const CriticalAnswer = z.object({
  name: z.string(),
  label: LocalizedTextSchema,
  /** The answer as stored (a choice name, a number, text, a list of choice names). */
  answer: AnyJson,
});

export const Incident = z.object({
  submissionId: z.uuid(),
  formId: z.uuid(),
  formTitle: LocalizedTextSchema,
  formKind: z.string(),
  phaseCode: z.string(),
  stationId: z.uuid(),
  stationCode: z.string(),
  stationName: z.string(),
  teamCode: z.string().nullable(),
  observerName: z.string().nullable(),
  observerPhone: z.string().nullable(),
  submittedAt: z.string(),
  /** The report's review status (accepted, verified, quarantined). */
  reviewStatus: z.string(),
  critical: z.array(CriticalAnswer),
  status: IncidentStatus,
  severity: IncidentSeverity,
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  changes: z.number().int(),
  lastChangeAt: z.string().nullable(),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentChange = z.object({
  id: z.uuid(),
  status: IncidentStatus,
  severity: IncidentSeverity,
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  note: z.string(),
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  at: z.string(),
});
export type IncidentChange = z.infer<typeof IncidentChange>;

export const IncidentList = z.object({
  total: z.number().int(),
  /** Open (new or in follow-up) incidents by severity, whatever the filters. */
  open: z.record(IncidentSeverity, z.number().int()),
  limit: z.number().int(),
  offset: z.number().int(),
  incidents: z.array(Incident),
  /** Staff of the mission an incident can be assigned to. */
  assignees: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.string() })),
});
export type IncidentList = z.infer<typeof IncidentList>;

export const IncidentParams = z.object({ missionId: z.uuid(), submissionId: z.uuid() });

export const listIncidents = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/incidents",
  summary:
    "The incident inbox: reports of incident forms and reports raising a critical flag, open before resolved, by severity, newest first",
  tags: ["incidents"],
  params: MissionParams,
  query: IncidentQuery,
  responses: { 200: IncidentList },
  policy: roles(["coordinator", "analyst"], ownMission()),
});

export const getIncident = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/incidents/:submissionId",
  summary: "One incident with every change of its follow-up (status, severity, assignee, note)",
  tags: ["incidents"],
  params: IncidentParams,
  responses: { 200: z.object({ incident: Incident, changes: z.array(IncidentChange) }) },
  policy: roles(["coordinator", "analyst"], [ownMission(), resource("submission", "submissionId", "read")]),
});

export const followUpIncident = defineRoute({
  method: "POST",
  path: "/api/v1/missions/:missionId/incidents/:submissionId/follow-ups",
  summary: "Change an incident's status, severity or assignee, with a note; every change is kept",
  tags: ["incidents"],
  params: IncidentParams,
  body: IncidentFollowUpInput,
  responses: { 201: z.object({ incident: Incident, change: IncidentChange }) },
  policy: roles(["coordinator"], [ownMission(), resource("submission", "submissionId", "write")]),
});
