import { Code } from "@scrutiny/domain";
import { z } from "zod";
import { ownMission, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { MissionParams, Undescribed } from "./common.ts";

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
      phases: z.array(Undescribed),
      perHour: z.array(Undescribed),
      critical: z.array(Undescribed),
      coverage: Undescribed,
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
