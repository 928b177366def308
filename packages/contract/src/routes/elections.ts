import { z } from "zod";
import { signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { ElectionParams, Undescribed } from "./common.ts";

export const listElections = defineRoute({
  method: "GET",
  path: "/api/v1/elections",
  summary: "Elections on this server",
  tags: ["elections"],
  responses: { 200: z.object({ elections: z.array(Undescribed) }) },
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
      election: Undescribed,
      missions: z.array(Undescribed),
      totals: z.object({ observers: z.number(), teams: z.number(), submissions: z.number() }),
    }),
  },
  policy: signedIn(),
});
