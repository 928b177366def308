// A map of regions from their uploaded boundaries (Polygon or MultiPolygon, d3-geo's conic
// equal-area projection), shaded by an indicator's value; regions without an estimate are hatched
// grey. Labels never overlap. Without uploaded boundaries there is no map: the table beside it
// is the breakdown (a box around a region's stations is no boundary and is not drawn).
import { useMemo } from "react";
import type { LocalizedText } from "../api/client.ts";
import { MapLabels } from "../ui/geo/MapLabels.tsx";
import { projectAreas } from "../ui/geo/projection.ts";
import "../ui/geo/geo.css";
import type { RegionsGeoJson } from "./api.ts";

export interface RegionValue {
  readonly value: number | null;
  readonly label: string;
  readonly smallCell: boolean;
}

const WIDTH = 560;
const HEIGHT = 380;
const LEGEND_HEIGHT = 34;

function colour(t: number): string {
  // light yellow -> deep red
  const a = [255, 247, 188];
  const b = [189, 0, 38];
  const mix = (i: number) =>
    Math.round((a[i] ?? 0) + ((b[i] ?? 0) - (a[i] ?? 0)) * Math.min(1, Math.max(0, t)));
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
}

/** The regions with an uploaded boundary: the only ones a map can draw. */
export function boundariesOf(geo: RegionsGeoJson): RegionsGeoJson["features"] {
  return geo.features.filter((f) => f.properties.source === "stored");
}

export function RegionMap({
  geo,
  values,
  nameOf,
  label,
  legend,
}: {
  geo: RegionsGeoJson;
  values: ReadonlyMap<string, RegionValue>;
  nameOf: (name: LocalizedText) => string;
  label: string;
  legend: string;
}) {
  const features = useMemo(() => boundariesOf(geo), [geo]);
  const areas = useMemo(
    () =>
      projectAreas(
        features.map((f) => ({ id: f.properties.id, geometry: f.geometry })),
        WIDTH,
        HEIGHT - LEGEND_HEIGHT,
      ),
    [features],
  );
  if (areas.length === 0) return null;
  const byId = new Map(features.map((f) => [f.properties.id, f]));
  const known = [...values.values()].map((v) => v.value).filter((v): v is number => v !== null);
  const max = Math.max(1e-9, ...known);
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      className="region-map"
    >
      <defs>
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#f1f3f6" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#c5cbd6" strokeWidth="2" />
        </pattern>
      </defs>
      {areas.map((area) => {
        const f = byId.get(area.id);
        const v = values.get(area.id);
        const fill = v?.value == null ? "url(#hatch)" : colour(v.value / max);
        return (
          <g key={area.id} data-region={f?.properties.code}>
            <title>{`${f === undefined ? "" : nameOf(f.properties.name)}: ${v?.label ?? "–"}`}</title>
            <path d={area.d} fill={fill} stroke="#ffffff" strokeWidth={1.5} fillRule="evenodd" />
          </g>
        );
      })}
      <MapLabels
        width={WIDTH}
        height={HEIGHT - LEGEND_HEIGHT}
        labels={areas.map((area) => {
          const v = values.get(area.id);
          return {
            id: area.id,
            anchor: area.anchor,
            priority: area.area,
            lines: [
              { text: byId.get(area.id)?.properties.code ?? "", className: "region-map__code" },
              { text: `${v?.label ?? "–"}${v?.smallCell ? " *" : ""}`, className: "region-map__value" },
            ],
          };
        })}
      />
      <g transform={`translate(16,${HEIGHT - 22})`}>
        {Array.from({ length: 10 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed legend steps
          <rect key={i} x={i * 18} y={0} width={18} height={10} fill={colour(i / 9)} />
        ))}
        <text x={0} y={-4} className="region-map__legend">
          {legend}
        </text>
      </g>
    </svg>
  );
}
