import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireRole } from "../auth/authenticate.ts";
import { forbidden, notFound } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";

const MissionParams = z.object({ missionId: z.uuid() });
/** Comma-separated UUIDs, at most 500 (ten pages of reports). */
const idList = z
  .string()
  .max(500 * 37)
  .transform((text) => [...new Set(text.split(",").filter((id) => id !== ""))])
  .pipe(z.array(z.uuid()).max(500))
  .optional();
const DirectoryQuery = z.object({
  stationIds: idList,
  observerIds: idList,
  userIds: idList,
  stationCode: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * Names behind ids in a mission's reports: stations (of the mission's election), observers and
 * people (of the mission) asked for by id, and stations found by the start of their code.
 * Nothing is listed without being asked for, so the answer stays small for 100,000 stations.
 */
export function directoryRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    "/api/v1/missions/:missionId/directory",
    {
      schema: routeSchema({
        params: MissionParams,
        querystring: DirectoryQuery,
        summary: "Codes and names of the stations, observers and people a mission's reports refer to",
        tags: ["submissions"],
      }),
    },
    async (request) => {
      const user = requireRole(request, "coordinator", "analyst");
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      if (user.role !== "admin" && user.missionId !== missionId)
        throw forbidden("this is another mission's data");
      const query = request.query as z.infer<typeof DirectoryQuery>;
      const directory = await store.directory.lookup({
        missionId,
        stationIds: query.stationIds ?? [],
        observerIds: query.observerIds ?? [],
        userIds: query.userIds ?? [],
        stationCode: query.stationCode,
        limit: query.limit,
      });
      if (directory === undefined) throw notFound("mission");
      return directory;
    },
  );
}
