// A map of regions drawn as SVG from GeoJSON polygons (equirectangular, scaled by cos(latitude)),
// shaded by an indicator's value; regions without an estimate are hatched grey.
import type { LocalizedText } from "../api/client.ts";
import type { RegionsGeoJson } from "./api.ts";

export interface RegionValue {
  readonly value: number | null;
  readonly label: string;
  readonly smallCell: boolean;
}

const WIDTH = 560;
const HEIGHT = 380;

function colour(t: number): string {
  // light yellow -> deep red
  const a = [255, 247, 188];
  const b = [189, 0, 38];
  const mix = (i: number) =>
    Math.round((a[i] ?? 0) + ((b[i] ?? 0) - (a[i] ?? 0)) * Math.min(1, Math.max(0, t)));
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
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
  const points = geo.features.flatMap((f) => f.geometry.coordinates.flat());
  if (points.length === 0) return null;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const pad = 16;
  const scale = Math.min(
    (WIDTH - 2 * pad) / ((maxLon - minLon) * k || 1),
    (HEIGHT - 40 - 2 * pad) / (maxLat - minLat || 1),
  );
  const x = (lon: number) => pad + (lon - minLon) * k * scale;
  const y = (lat: number) => pad + (maxLat - lat) * scale;
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
      {geo.features.map((f) => {
        const v = values.get(f.properties.id);
        const ring = f.geometry.coordinates[0] ?? [];
        const d = `${ring.map((p, i) => `${i === 0 ? "M" : "L"}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join("")}Z`;
        const xs = ring.map((p) => x(p[0]));
        const ys = ring.map((p) => y(p[1]));
        const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
        const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
        const fill = v?.value == null ? "url(#hatch)" : colour(v.value / max);
        return (
          <g key={f.properties.id} data-region={f.properties.code}>
            <title>{`${nameOf(f.properties.name)}: ${v?.label ?? "–"}`}</title>
            <path d={d} fill={fill} stroke="#ffffff" strokeWidth={2} />
            <text x={cx} y={cy - 4} textAnchor="middle" className="region-map__code">
              {f.properties.code}
            </text>
            <text x={cx} y={cy + 10} textAnchor="middle" className="region-map__value">
              {v?.label ?? "–"}
              {v?.smallCell ? " *" : ""}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${pad},${HEIGHT - 22})`}>
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
