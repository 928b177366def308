import { coverage as routes } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { coveragePhase, requireElection, requireMission } from "../deployment/access.ts";
import { areaFeatures } from "../deployment/shapes.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

/**
 * Coverage of a mission's deployment (planned stations with reports per phase, response rate by
 * area, missing reports with the team's contacts) and area shapes as GeoJSON for the map.
 */
export function coverageRoutes(app: FastifyInstance, store: Store): void {
  registerRoute(app, routes.coverage, async ({ params, query }) => {
    const { missionId } = params;
    const mission = await requireMission(store, missionId);
    const phaseCode = coveragePhase(mission, query.phaseCode);
    const report = await store.coverage.report(missionId, phaseCode, {
      limit: query.missingLimit,
      offset: query.missingOffset,
      station: query.station,
    });
    if (report === undefined) throw notFound("mission");
    return report;
  });

  registerRoute(app, routes.areaShapes, async ({ reply, params, query }) => {
    const { electionId } = params;
    const { level } = query;
    return reply
      .header("content-type", "application/geo+json")
      .send(await areaFeatures(store, electionId, level));
  });

  registerRoute(app, routes.saveAreaShapes, async ({ params, body }) => {
    const { electionId } = params;
    await requireElection(store, electionId);
    const { features } = body;
    const saved = await store.coverage.saveGeometries(
      electionId,
      features.map((f) => ({ code: f.properties.code, geometry: f.geometry as Record<string, unknown> })),
    );
    if (saved.unknown.length > 0)
      throw new HttpError(
        422,
        "unknown_area",
        `no area ${saved.unknown.slice(0, 10).join(", ")} in this election`,
        { unknown: saved.unknown },
        { codes: saved.unknown.slice(0, 10) },
      );
    return { saved: saved.saved };
  });
}
