import { directory } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

/**
 * Names behind ids in a mission's reports: stations (of the mission's election), observers and
 * people (of the mission) asked for by id, and stations found by the start of their code.
 * Nothing is listed without being asked for, so the answer stays small for 100,000 stations.
 */
export function directoryRoutes(app: FastifyInstance, store: Store): void {
  registerRoute(app, directory.missionDirectory, async ({ params, query }) => {
    const found = await store.directory.lookup({
      missionId: params.missionId,
      stationIds: query.stationIds ?? [],
      observerIds: query.observerIds ?? [],
      userIds: query.userIds ?? [],
      stationCode: query.stationCode,
      limit: query.limit,
    });
    if (found === undefined) throw notFound("mission");
    return found;
  });
}
