// Area shapes as GeoJSON: the boundaries uploaded for the election, else (marked as such) the
// extent of the area's located stations, which is no boundary and is not drawn as a map.
import type { Store } from "@scrutiny/store";

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

export interface AreaFeature {
  readonly type: "Feature";
  readonly id: string;
  readonly properties: {
    readonly id: string;
    readonly areaId: string;
    readonly code: string;
    readonly level: string;
    readonly name: Record<string, string>;
    /** "stored": an uploaded boundary; "station-extent": the box around the area's stations. */
    readonly source: "stored" | "station-extent";
  };
  readonly geometry: Record<string, unknown>;
}

/** Areas of one level (default: the top one) as a FeatureCollection. */
export async function areaFeatures(
  store: Store,
  electionId: string,
  level?: string,
): Promise<{ type: "FeatureCollection"; features: AreaFeature[] }> {
  const shapes = await store.coverage.areaShapes(electionId, level);
  const features = shapes.flatMap((shape): AreaFeature[] => {
    const geometry =
      shape.geometry ?? (shape.stationBounds === null ? null : boxPolygon(shape.stationBounds));
    if (geometry === null) return [];
    return [
      {
        type: "Feature",
        id: shape.id,
        properties: {
          id: shape.id,
          areaId: shape.id,
          code: shape.code,
          level: shape.level,
          name: shape.name,
          source: shape.geometry !== null ? "stored" : "station-extent",
        },
        geometry,
      },
    ];
  });
  return { type: "FeatureCollection", features };
}
