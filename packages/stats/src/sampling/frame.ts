// The sampling frame of a deployment plan: each station with its stratum label built from
// stratification variables, each one an area level (region) or a station attribute (settlement).
import type { FrameStation } from "./draw.ts";
import { stratumLabel } from "./draw.ts";

export interface FrameSource {
  readonly id: string;
  /** Area code by level, e.g. `{ region: "R1", constituency: "R1-04" }`. */
  readonly areas: Readonly<Record<string, string>>;
  readonly attributes: Readonly<Record<string, string>>;
}

export type FrameResult =
  | { ok: true; value: FrameStation[] }
  | {
      ok: false;
      error: {
        code: "unknown_variable";
        message: string;
        /** The variable asked for, and the area levels and attributes the stations have. */
        params: { variable: string; known: string[] };
      };
    };

/** Value a station lacks for a variable: its own stratum, so that no station is left out. */
export const MISSING_VALUE = "(none)";

/**
 * Labels every station's stratum by `variables` (area levels first, then attributes). A variable
 * that no station has is an error; a station lacking a value joins the "(none)" group.
 */
export function buildFrame(stations: readonly FrameSource[], variables: readonly string[]): FrameResult {
  const levels = new Set<string>();
  const attributes = new Set<string>();
  for (const station of stations) {
    for (const level of Object.keys(station.areas)) levels.add(level);
    for (const key of Object.keys(station.attributes)) attributes.add(key);
  }
  for (const variable of variables) {
    if (!levels.has(variable) && !attributes.has(variable)) {
      const known = [...levels, ...attributes].join(", ") || "none";
      return {
        ok: false,
        error: {
          code: "unknown_variable",
          message: `"${variable}" is neither an area level nor a station attribute (known: ${known})`,
          params: { variable, known: [...levels, ...attributes] },
        },
      };
    }
  }
  return {
    ok: true,
    value: stations.map((station) => ({
      id: station.id,
      stratum: stratumLabel(
        variables.map((v) => (levels.has(v) ? station.areas[v] : station.attributes[v]) ?? MISSING_VALUE),
      ),
    })),
  };
}
