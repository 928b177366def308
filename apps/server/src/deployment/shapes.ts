// Area shapes as GeoJSON: the boundaries uploaded for the election, else (marked as such) the
// extent of the area's located stations, which is no boundary and is not drawn as a map.
import type { coverage } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";

type Box = readonly [number, number, number, number];

function boxPolygon([minLon, minLat, maxLon, maxLat]: Box): AreaFeature["geometry"] {
  return {
    type: "Polygon",
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

/** The contract's feature: "stored" an uploaded boundary, "station-extent" the box around its stations. */
export type AreaFeature = coverage.AreaFeature;

/** Areas of one level (default: the top one) as a FeatureCollection. */
export async function areaFeatures(
  store: Store,
  electionId: string,
  level?: string,
): Promise<{ type: "FeatureCollection"; features: AreaFeature[] }> {
  const shapes = await store.coverage.areaShapes(electionId, level);
  const features = shapes.flatMap((shape): AreaFeature[] => {
    const geometry =
      // A stored shape passed the contract's Geometry schema when it was uploaded.
      (shape.geometry as AreaFeature["geometry"] | null) ??
      (shape.stationBounds === null ? null : boxPolygon(shape.stationBounds));
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
