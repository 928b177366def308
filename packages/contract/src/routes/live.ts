import { Code, PhaseKind } from "@scrutiny/domain";
import { z } from "zod";
import { ownMission, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { AnyJson, Instant, Localized, MissionParams } from "./common.ts";
import { Coverage } from "./coverage.ts";

/** A report that raises a critical flag, with who sent it and how to call them. */
export const CriticalIncident = z.object({
  id: z.uuid(),
  formId: z.uuid(),
  formVersion: z.number().int(),
  phaseCode: z.string(),
  stationId: z.uuid(),
  stationCode: z.string(),
  stationName: z.string(),
  teamCode: z.string().nullable(),
  observerName: z.string().nullable(),
  observerPhone: z.string().nullable(),
  submittedAt: Instant,
  receivedAt: Instant,
  status: z.string(),
  questions: z.array(z.object({ name: z.string(), label: Localized, answer: AnyJson })),
});
export type CriticalIncident = z.infer<typeof CriticalIncident>;

/** What the event stream's `reports` events carry. */
export const LiveEvent = z.object({
  submissionIds: z.array(z.uuid()),
  critical: z.array(
    z.object({
      submissionId: z.uuid(),
      stationId: z.uuid(),
      questions: z.array(z.object({ name: z.string(), label: Localized })),
    }),
  ),
});
export type LiveEvent = z.infer<typeof LiveEvent>;

export const SummaryQuery = z.object({
  phaseCode: Code.optional(),
  missingLimit: z.coerce.number().int().min(0).max(5000).default(1000),
});

export const liveSummary = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/live",
  summary:
    "Election-day summary: reports per hour by phase, critical incidents first, coverage by area, stations not reported with phone numbers",
  tags: ["live"],
  params: MissionParams,
  query: SummaryQuery,
  responses: {
    200: z.object({
      phaseCode: z.string(),
      phases: z.array(z.object({ code: z.string(), kind: PhaseKind })),
      /** Reports by the hour (UTC, ISO 8601) in which the observers filled them in. */
      perHour: z.array(z.object({ phaseCode: z.string(), hour: Instant, reports: z.number().int() })),
      critical: z.array(CriticalIncident),
      coverage: Coverage,
      generatedAt: z.string(),
    }),
  },
  policy: roles(["coordinator"], ownMission()),
});

export const liveEvents = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/live/events",
  summary: "Server-sent events: `reports` whenever new reports of the mission are stored",
  tags: ["live"],
  params: MissionParams,
  responses: { 200: { contentType: "text/event-stream" } },
  policy: roles(["coordinator"], ownMission()),
});
