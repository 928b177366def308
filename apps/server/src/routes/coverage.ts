import { coverage as routes } from "@scrutiny/contract";
import { REGIONS } from "@scrutiny/fixtures";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { requireElection, requireMission, requirePhase } from "../deployment/access.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

type Box = readonly [number, number, number, number];

function boxPolygon([minLon, minLat, maxLon, maxLat]: Box) {
  return {
    type: "Polygon" as const,
    coordinates: [
      [
        [minLon, minLat],
        [maxLon, minLat],
        [maxLon, maxLat],
        [minLon, maxLat],
        [minLon, minLat],
      ],
    ],
  };
}

/** The demo election ships no GeoJSON: its regions' bounding boxes stand in for their shapes. */
const demoRegionBoxes = new Map<string, Box>(
  REGIONS.map((r) => [r.code, [r.lon[0], r.lat[0], r.lon[1], r.lat[1]]]),
);

/**
 * Coverage of a mission's deployment (planned stations with reports per phase, response rate by
 * area, missing reports with the team's contacts) and area shapes as GeoJSON for the map.
 */
export function coverageRoutes(app: FastifyInstance, store: Store): void {
  registerRoute(app, routes.coverage, async ({ params, query }) => {
    const { missionId } = params;
    const mission = await requireMission(store, missionId);
    const phaseCode =
      query.phaseCode ??
      mission.phases.find((p) => p.kind === "election_day")?.code ??
      mission.phases[0]?.code ??
      "";
    requirePhase(mission, phaseCode);
    const report = await store.coverage.report(missionId, phaseCode, query.missingLimit);
    if (report === undefined) throw notFound("mission");
    return report;
  });

  registerRoute(app, routes.areaShapes, async ({ reply, params, query }) => {
    const { electionId } = params;
    const { level } = query;
    const shapes = await store.coverage.areaShapes(electionId, level);
    const features = shapes.flatMap((shape) => {
      const box = demoRegionBoxes.get(shape.code) ?? shape.stationBounds;
      const geometry = shape.geometry ?? (box === null ? null : boxPolygon(box));
      if (geometry === null) return [];
      return [
        {
          type: "Feature" as const,
          id: shape.id,
          properties: {
            areaId: shape.id,
            code: shape.code,
            level: shape.level,
            name: shape.name,
            source:
              shape.geometry !== null
                ? "stored"
                : demoRegionBoxes.has(shape.code)
                  ? "region-box"
                  : "station-extent",
          },
          geometry,
        },
      ];
    });
    return reply.header("content-type", "application/geo+json").send({ type: "FeatureCollection", features });
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
        {
          unknown: saved.unknown,
        },
      );
    return { saved: saved.saved };
  });
}
