import { Code as CodeSchema } from "@scrutiny/domain";
import { REGIONS } from "@scrutiny/fixtures";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireUser } from "../auth/authenticate.ts";
import { requireElectionCoordinator, requireMission, requirePhase } from "../deployment/access.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";

const MissionParams = z.object({ missionId: z.uuid() });
const ElectionParams = z.object({ electionId: z.uuid() });
const CoverageQuery = z.object({
  phaseCode: CodeSchema.optional(),
  missingLimit: z.coerce.number().int().min(0).max(1000).default(200),
});
const ShapesQuery = z.object({ level: z.string().trim().min(1).max(40).optional() });

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Ring = z.array(Position).min(4);
const Geometry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Polygon"), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
const FeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z
    .array(
      z.object({
        type: z.literal("Feature"),
        /** Areas are matched by `properties.code`. */
        properties: z.looseObject({ code: CodeSchema }),
        geometry: Geometry,
      }),
    )
    .min(1)
    .max(5000),
});

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
  app.get(
    "/api/v1/missions/:missionId/coverage",
    {
      schema: routeSchema({
        params: MissionParams,
        querystring: CoverageQuery,
        summary:
          "Planned stations with reports per phase, response rate by top-level area, missing reports with the observers' contacts",
        tags: ["coverage"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      const { mission } = await requireMission(store, request, missionId, "coordinator");
      const query = request.query as z.infer<typeof CoverageQuery>;
      const phaseCode =
        query.phaseCode ??
        mission.phases.find((p) => p.kind === "election_day")?.code ??
        mission.phases[0]?.code ??
        "";
      requirePhase(mission, phaseCode);
      const report = await store.coverage.report(missionId, phaseCode, query.missingLimit);
      if (report === undefined) throw notFound("mission");
      return report;
    },
  );

  app.get(
    "/api/v1/elections/:electionId/areas/shapes",
    {
      schema: routeSchema({
        params: ElectionParams,
        querystring: ShapesQuery,
        summary:
          "Areas of one level (default: the top one) as a GeoJSON FeatureCollection: stored shapes, else the extent of their stations",
        tags: ["coverage"],
      }),
    },
    async (request, reply) => {
      requireUser(request);
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      const { level } = request.query as z.infer<typeof ShapesQuery>;
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
      return reply
        .header("content-type", "application/geo+json")
        .send({ type: "FeatureCollection", features });
    },
  );

  app.put(
    "/api/v1/elections/:electionId/areas/shapes",
    {
      bodyLimit: 32 * 1024 * 1024,
      schema: routeSchema({
        params: ElectionParams,
        body: FeatureCollection,
        summary: "Store area shapes from a GeoJSON FeatureCollection (features matched by properties.code)",
        tags: ["coverage"],
      }),
    },
    async (request) => {
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      await requireElectionCoordinator(store, request, electionId);
      const { features } = request.body as z.infer<typeof FeatureCollection>;
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
    },
  );
}
