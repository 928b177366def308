// Grouping visits into station clusters. Several visits to one station are not independent
// (same station conditions), so every estimator treats the station as the primary sampling
// unit: Lohr, "Sampling: Design and Analysis" (3rd ed.), ch. 5 (one-stage cluster sampling,
// unequal cluster sizes, ratio estimation) and ch. 6.

import type { ClusterTotals } from "../design/survey.ts";
import type { Observation, UnitKind } from "../design/types.ts";

export type StationRule = "mean" | "any" | "all";

export interface Grouped {
  readonly clusters: ClusterTotals[];
  readonly missing: number;
  readonly warnings: string[];
}

/**
 * Builds per-station totals from per-visit numeric values (booleans as 0/1).
 * unit "visit": y = Σ values, x = visits; unit "station": y = station summary, x = 1.
 */
export function groupByStation<V>(
  observations: readonly Observation<V>[],
  toNumber: (v: V) => number,
  unit: UnitKind,
  rule: StationRule = "mean",
): Grouped {
  const byStation = new Map<
    string,
    { stratumId: string | null; sum: number; n: number; any: boolean; all: boolean }
  >();
  const warnings: string[] = [];
  let missing = 0;
  let inconsistent = 0;
  for (const o of observations) {
    if (o.value === null) {
      missing++;
      continue;
    }
    const v = toNumber(o.value);
    if (!Number.isFinite(v)) {
      missing++;
      continue;
    }
    const s = byStation.get(o.stationId);
    const stratumId = o.stratumId ?? null;
    if (s === undefined) {
      byStation.set(o.stationId, { stratumId, sum: v, n: 1, any: v !== 0, all: v !== 0 });
    } else {
      if (s.stratumId !== stratumId) inconsistent++;
      s.sum += v;
      s.n += 1;
      s.any ||= v !== 0;
      s.all &&= v !== 0;
    }
  }
  if (inconsistent > 0)
    warnings.push(
      `${inconsistent} visits name a different stratum than earlier visits to the same station; the first was used`,
    );
  const clusters: ClusterTotals[] = [];
  for (const [stationId, s] of byStation) {
    if (unit === "visit") clusters.push({ stationId, stratumId: s.stratumId, y: s.sum, x: s.n, units: s.n });
    else {
      const y = rule === "any" ? Number(s.any) : rule === "all" ? Number(s.all) : s.sum / s.n;
      clusters.push({ stationId, stratumId: s.stratumId, y, x: 1, units: 1 });
    }
  }
  return { clusters, missing, warnings };
}

/** Adds counts into an exclusions record. */
export function mergeExclusions(
  base: Readonly<Record<string, number>> | undefined,
  extra: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(extra)) {
    if (v > 0) out[k] = (out[k] ?? 0) + v;
  }
  return out;
}
