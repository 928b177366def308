// Areas on a map: uploaded GeoJSON boundaries (Polygon or MultiPolygon) projected with d3-geo's
// conic equal-area projection, its standard parallels and centre taken from the areas' own
// extent, fitted to the drawing. Equal-area, so that the eye compares areas fairly.

import { geoArea, geoBounds, geoConicEqualArea, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";

export type AreaGeometry = Polygon | MultiPolygon;
export type Ring = readonly (readonly [number, number])[];

/** An area's boundary as the API sends it. */
export interface BoundaryInput {
  readonly id: string;
  readonly geometry:
    | { readonly type: "Polygon"; readonly coordinates: readonly Ring[] }
    | { readonly type: "MultiPolygon"; readonly coordinates: readonly (readonly Ring[])[] };
}

export interface ProjectedArea {
  readonly id: string;
  /** SVG path data. */
  readonly d: string;
  /** Where its label belongs: the centroid of its largest part, in drawing coordinates. */
  readonly anchor: readonly [number, number];
  /** Projected area in square pixels (the larger areas are labelled first). */
  readonly area: number;
}

/**
 * d3-geo reads rings on the sphere, where the winding decides which side is inside: GeoJSON files
 * (RFC 7946: exterior counter-clockwise) come out as the whole globe but the area. A polygon whose
 * spherical area exceeds a hemisphere is turned round.
 */
function rewound(coordinates: readonly Ring[]): Position[][] {
  const rings = coordinates.map((ring) => ring.map((p) => [p[0], p[1]]));
  const polygon: Polygon = { type: "Polygon", coordinates: rings };
  return geoArea(polygon) > 2 * Math.PI ? rings.map((ring) => [...ring].reverse()) : rings;
}

function parts(geometry: BoundaryInput["geometry"]): Position[][][] {
  return geometry.type === "Polygon"
    ? [rewound(geometry.coordinates)]
    : geometry.coordinates.map((polygon) => rewound(polygon));
}

/** Projects the areas into a width × height drawing (a margin kept), with label anchors. */
export function projectAreas(
  boundaries: readonly BoundaryInput[],
  width: number,
  height: number,
  margin = 8,
): ProjectedArea[] {
  const features: Feature<MultiPolygon, { id: string }>[] = boundaries.map((b) => ({
    type: "Feature",
    properties: { id: b.id },
    geometry: { type: "MultiPolygon", coordinates: parts(b.geometry) },
  }));
  if (features.length === 0) return [];
  const collection: FeatureCollection<MultiPolygon> = { type: "FeatureCollection", features };
  const [[west, south], [east, north]] = geoBounds(collection);
  const centre = east >= west ? (west + east) / 2 : (west + east + 360) / 2;
  // Standard parallels at 1/6 and 5/6 of the latitude span (a common rule of thumb).
  const span = north - south;
  const projection = geoConicEqualArea()
    .rotate([-centre, 0])
    .parallels([south + span / 6, north - span / 6])
    .fitExtent(
      [
        [margin, margin],
        [width - margin, height - margin],
      ],
      collection,
    );
  const path = geoPath(projection);
  return features.map((feature) => {
    // The label goes on the largest part (a mainland, not an island).
    let anchor: [number, number] = path.centroid(feature);
    let largest = -1;
    for (const polygon of feature.geometry.coordinates) {
      const part: Polygon = { type: "Polygon", coordinates: polygon };
      const size = path.area(part);
      if (size > largest) {
        largest = size;
        anchor = path.centroid(part);
      }
    }
    return { id: feature.properties.id, d: path(feature) ?? "", anchor, area: path.area(feature) };
  });
}
