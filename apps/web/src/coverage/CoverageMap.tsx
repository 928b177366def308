// A map of areas from their uploaded boundaries (Polygon or MultiPolygon, d3-geo's conic
// equal-area projection; no tiles), each area shaded by its response rate; areas without planned
// stations are hatched. Labels never overlap. Without uploaded boundaries the page shows the
// table alone (a box around an area's stations is no boundary and is not drawn).
import { useMemo } from "react";
import type { AreaFeature, AreaShapes } from "../deployment/api.ts";
import { MapLabels } from "../ui/geo/MapLabels.tsx";
import { projectAreas } from "../ui/geo/projection.ts";
import "../ui/geo/geo.css";

export interface AreaRate {
  readonly rate: number | null;
  readonly label: string;
  readonly name: string;
}

const WIDTH = 640;
const HEIGHT = 420;

/** Red (nothing reported) through amber to green (everything reported). */
export function rateColour(rate: number): string {
  const hue = Math.round(Math.max(0, Math.min(1, rate)) * 125);
  return `hsl(${hue} 62% 46%)`;
}

/** The areas with an uploaded boundary: the only ones a map can draw. */
export function boundariesOf(shapes: AreaShapes): readonly AreaFeature[] {
  return shapes.features.filter((f) => f.properties.source === "stored");
}

export function CoverageMap({
  shapes,
  rates,
  label,
}: {
  shapes: AreaShapes;
  rates: ReadonlyMap<string, AreaRate>;
  label: string;
}) {
  const features = useMemo(() => boundariesOf(shapes), [shapes]);
  const areas = useMemo(
    () =>
      projectAreas(
        features.map((f) => ({ id: f.properties.areaId, geometry: f.geometry })),
        WIDTH,
        HEIGHT,
      ),
    [features],
  );
  if (areas.length === 0) return null;
  const byId = new Map(features.map((f) => [f.properties.areaId, f]));
  // Larger areas first, so that an area inside another (a capital in its region) stays visible.
  const ordered = [...areas].sort((a, b) => b.area - a.area);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="coverage-map">
      <defs>
        <pattern
          id="coverage-hatch"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#f1f3f6" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#c5cbd6" strokeWidth="2" />
        </pattern>
      </defs>
      {ordered.map((area) => {
        const f = byId.get(area.id);
        const value = rates.get(area.id);
        const fill = value?.rate == null ? "url(#coverage-hatch)" : rateColour(value.rate);
        return (
          <g key={area.id} data-area={f?.properties.code} className="coverage-map__area">
            <title>{`${value?.name ?? f?.properties.code ?? ""}: ${value?.label ?? "–"}`}</title>
            <path d={area.d} fill={fill} stroke="#ffffff" strokeWidth={1.5} fillRule="evenodd" />
          </g>
        );
      })}
      <MapLabels
        width={WIDTH}
        height={HEIGHT}
        labels={areas.map((area) => ({
          id: area.id,
          anchor: area.anchor,
          priority: area.area,
          lines: [
            { text: byId.get(area.id)?.properties.code ?? "", className: "coverage-map__code" },
            { text: rates.get(area.id)?.label ?? "–", className: "coverage-map__value" },
          ],
        }))}
      />
    </svg>
  );
}
