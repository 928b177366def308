import { Code } from "@scrutiny/domain";
import { z } from "zod";
import { electionAdmin, ownElection, ownMission, roles, signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { ElectionParams, Localized, MissionParams, StationSearch } from "./common.ts";

export const CoverageQuery = z.object({
  phaseCode: Code.optional(),
  missingLimit: z.coerce.number().int().min(0).max(1000).default(200),
  /** How many missing reports to skip: pages through them in code order. */
  missingOffset: z.coerce.number().int().min(0).default(0),
  /** Only missing stations whose code or name contains this (case-insensitive). */
  station: StationSearch.optional(),
});
export const ShapesQuery = z.object({ level: z.string().trim().min(1).max(40).optional() });

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const Ring = z.array(Position).min(4);
export const Geometry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Polygon"), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);
export const AreaShapesUpload = z.object({
  type: z.literal("FeatureCollection"),
  features: z
    .array(
      z.object({
        type: z.literal("Feature"),
        /** Areas are matched by `properties.code`. */
        properties: z.looseObject({ code: Code }),
        geometry: Geometry,
      }),
    )
    .min(1)
    .max(5000),
});

/** Planned stations and reports per phase, by top-level area, and the stations not yet reported. */
export const Coverage = z.object({
  phaseCode: z.string(),
  phases: z.array(z.object({ code: z.string(), planned: z.number().int(), reported: z.number().int() })),
  byArea: z.array(
    z.object({
      areaId: z.uuid(),
      code: z.string(),
      name: Localized,
      planned: z.number().int(),
      reported: z.number().int(),
    }),
  ),
  missing: z.array(
    z.object({
      stationId: z.uuid(),
      code: z.string(),
      name: z.string(),
      areaCode: z.string(),
      teams: z.array(
        z.object({
          code: z.string(),
          observers: z.array(z.object({ name: z.string(), phone: z.string().nullable() })),
        }),
      ),
    }),
  ),
  missingTotal: z.number().int(),
  /** Position of `missing[0]` among all `missingTotal`. */
  missingOffset: z.number().int(),
});
export type Coverage = z.infer<typeof Coverage>;

/** An area as a GeoJSON feature: its stored shape, or the extent of its stations. */
export const AreaFeature = z.object({
  type: z.literal("Feature"),
  id: z.uuid(),
  properties: z.object({
    id: z.uuid(),
    areaId: z.uuid(),
    code: z.string(),
    level: z.string(),
    name: Localized,
    source: z.enum(["stored", "station-extent"]),
  }),
  geometry: Geometry,
});
export type AreaFeature = z.infer<typeof AreaFeature>;
export const AreaShapes = z.object({ type: z.literal("FeatureCollection"), features: z.array(AreaFeature) });
export type AreaShapes = z.infer<typeof AreaShapes>;

export const coverage = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/coverage",
  summary:
    "Planned stations with reports per phase, response rate by top-level area, missing reports with the observers' contacts",
  tags: ["coverage"],
  params: MissionParams,
  query: CoverageQuery,
  responses: { 200: Coverage },
  policy: roles(["coordinator"], ownMission()),
});

export const areaShapes = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/areas/shapes",
  summary:
    "Areas of one level (default: the top one) as a GeoJSON FeatureCollection: stored shapes, else the extent of their stations",
  tags: ["coverage"],
  params: ElectionParams,
  query: ShapesQuery,
  responses: { 200: AreaShapes },
  policy: signedIn(ownElection()),
});

export const saveAreaShapes = defineRoute({
  method: "PUT",
  path: "/api/v1/elections/:electionId/areas/shapes",
  summary: "Store area shapes from a GeoJSON FeatureCollection (features matched by properties.code)",
  tags: ["coverage"],
  params: ElectionParams,
  body: AreaShapesUpload,
  bodyLimit: 32 * 1024 * 1024,
  responses: { 200: z.object({ saved: z.number() }) },
  // Areas are the election's: only its administrators change their shapes.
  policy: roles(["coordinator"], electionAdmin()),
});
