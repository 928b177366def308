// A map of areas drawn as SVG from GeoJSON (equirectangular, longitudes scaled by cos(latitude);
// no tiles), each area shaded by its response rate; areas without planned stations are hatched.
import type { AreaFeature, AreaShapes, Ring } from "../deployment/api.ts";

export interface AreaRate {
  readonly rate: number | null;
  readonly label: string;
  readonly name: string;
}

const WIDTH = 640;
const HEIGHT = 420;
const PAD = 12;

function rings(feature: AreaFeature): readonly Ring[] {
  return feature.geometry.type === "Polygon"
    ? feature.geometry.coordinates
    : feature.geometry.coordinates.flat();
}

/** Red (nothing reported) through amber to green (everything reported). */
export function rateColour(rate: number): string {
  const hue = Math.round(Math.max(0, Math.min(1, rate)) * 125);
  return `hsl(${hue} 62% 46%)`;
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
  const points = shapes.features.flatMap((f) => rings(f).flat());
  if (points.length === 0) return null;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = Math.min(
    (WIDTH - 2 * PAD) / ((maxLon - minLon) * k || 1),
    (HEIGHT - 2 * PAD) / (maxLat - minLat || 1),
  );
  const width = Math.ceil((maxLon - minLon) * k * scale + 2 * PAD);
  const height = Math.ceil((maxLat - minLat) * scale + 2 * PAD);
  const x = (lon: number) => PAD + (lon - minLon) * k * scale;
  const y = (lat: number) => PAD + (maxLat - lat) * scale;
  // Larger areas first, so that an area inside another (a capital in its region) stays visible.
  const area = (f: AreaFeature) => {
    const ring = rings(f)[0] ?? [];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
  };
  const ordered = [...shapes.features].sort((a, b) => area(b) - area(a));
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="coverage-map">
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
      {ordered.map((f) => {
        const value = rates.get(f.properties.areaId);
        const d = rings(f)
          .map(
            (ring) =>
              `${ring.map((p, i) => `${i === 0 ? "M" : "L"}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join("")}Z`,
          )
          .join("");
        const outer = rings(f)[0] ?? [];
        const xs = outer.map((p) => x(p[0]));
        const ys = outer.map((p) => y(p[1]));
        const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
        const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
        const fill = value?.rate == null ? "url(#coverage-hatch)" : rateColour(value.rate);
        return (
          <g key={f.properties.areaId} data-area={f.properties.code} className="coverage-map__area">
            <title>{`${value?.name ?? f.properties.code}: ${value?.label ?? "–"}`}</title>
            <path d={d} fill={fill} stroke="#ffffff" strokeWidth={2} fillRule="evenodd" />
            <text x={cx} y={cy - 3} textAnchor="middle" className="coverage-map__code">
              {f.properties.code}
            </text>
            <text x={cx} y={cy + 13} textAnchor="middle" className="coverage-map__value">
              {value?.label ?? "–"}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
