import { z } from "zod";
import { publicAccess } from "../policy.ts";
import { defineRoute } from "../route.ts";

export const health = defineRoute({
  method: "GET",
  path: "/health",
  summary: "Liveness and database reachability",
  tags: ["system"],
  responses: {
    200: z.object({ status: z.literal("ok"), database: z.string() }),
    503: z.object({ status: z.literal("unavailable"), database: z.string() }),
  },
  policy: publicAccess,
});
