// Incident counts by category: raw counts of reports, the number of observed stations with at
// least one report, the share of stations with such an incident (design-based, see
// proportion.ts) and, for probability samples, the estimated population total of incidents
// Ŷ = Σ w_i y_i with stratified cluster variance (Lohr, "Sampling: Design and Analysis",
// 3rd ed., §3.2 and §5.2; Horvitz & Thompson, JASA 47, 1952, for weights 1/π).

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import type { ClusterTotals } from "../design/survey.ts";
import { applyDesign, totalEstimate } from "../design/survey.ts";
import type { Estimate, EstimateOptions, SamplingDesign, StatsIssue } from "../design/types.ts";
import { zForLevel } from "../math/normal.ts";
import { estimateFromStationTotals } from "./totals.ts";

export interface IncidentReport {
  readonly stationId: string;
  readonly stratumId?: string | null;
  readonly teamId: string;
  readonly phase: string;
  readonly category: string;
}

/** A visited station (the denominator: stations observed, whether or not incidents occurred). */
export interface VisitedStation {
  readonly stationId: string;
  readonly stratumId?: string | null;
  readonly teamId: string;
  readonly phase: string;
}

export interface IncidentCategoryCount {
  readonly category: string;
  /** Incident reports received in this category. */
  readonly reports: number;
  /** Observed stations with at least one report in this category. */
  readonly stationsWithIncident: number;
  /** Share of observed stations with at least one such incident. */
  readonly stationShare: Estimate;
  /** Estimated incidents in the whole population (probability designs only). */
  readonly populationTotal: { value: number; standardError: number; lower: number; upper: number } | null;
}

export interface IncidentSummary {
  readonly stationsObserved: number;
  readonly categories: readonly IncidentCategoryCount[];
  /** Reports at stations no visit in the denominator covers (counted, not estimated). */
  readonly reportsAtUnvisitedStations: number;
}

/** Counts incidents by category with station shares and (where valid) population totals. */
export function countIncidents(
  incidents: readonly IncidentReport[],
  visits: readonly VisitedStation[],
  design: SamplingDesign,
  options: EstimateOptions = {},
): Result<IncidentSummary, StatsIssue> {
  const stations = new Map<string, string | null>();
  for (const v of visits) if (!stations.has(v.stationId)) stations.set(v.stationId, v.stratumId ?? null);
  if (stations.size === 0)
    return err({ code: "no-data", reason: "no_visits", message: "no visited stations" });
  const byCategory = new Map<string, Map<string, number>>();
  let unvisited = 0;
  for (const inc of incidents) {
    if (!stations.has(inc.stationId)) {
      unvisited++;
      continue;
    }
    let m = byCategory.get(inc.category);
    if (m === undefined) {
      m = new Map();
      byCategory.set(inc.category, m);
    }
    m.set(inc.stationId, (m.get(inc.stationId) ?? 0) + 1);
  }
  return countIncidentsFromStations(stations, byCategory, unvisited, design, options);
}

/**
 * Incident counts from per-station tallies: the visited stations (id -> stratum, in a stable
 * order) and, per category, reports per station; the same summary as countIncidents.
 */
export function countIncidentsFromStations(
  stations: ReadonlyMap<string, string | null>,
  byCategory: ReadonlyMap<string, ReadonlyMap<string, number>>,
  unvisited: number,
  design: SamplingDesign,
  options: EstimateOptions = {},
): Result<IncidentSummary, StatsIssue> {
  if (stations.size === 0)
    return err({ code: "no-data", reason: "no_visits", message: "no visited stations" });
  const level = options.level ?? 0.95;
  const z = zForLevel(level);
  const categories: IncidentCategoryCount[] = [];
  for (const category of [...byCategory.keys()].sort()) {
    const counts = byCategory.get(category) ?? new Map<string, number>();
    let reports = 0;
    for (const c of counts.values()) reports += c;
    const stationTotals = [...stations].map(([stationId, stratumId]) => ({
      stationId,
      stratumId,
      y: (counts.get(stationId) ?? 0) > 0 ? 1 : 0,
      x: 1,
    }));
    const share = estimateFromStationTotals("proportion", stationTotals, design, {
      ...options,
      unit: "station",
    });
    if (!share.ok) return share;
    let populationTotal: IncidentCategoryCount["populationTotal"] = null;
    if (design.kind !== "convenience") {
      const clusters: ClusterTotals[] = [...stations].map(([stationId, stratumId]) => ({
        stationId,
        stratumId,
        y: counts.get(stationId) ?? 0,
        x: 1,
        units: 1,
      }));
      const designed = applyDesign(clusters, design, options.fpc ?? false);
      if (!designed.ok) return designed;
      const t = totalEstimate(designed.value);
      const se = Math.sqrt(t.variance);
      populationTotal = {
        value: t.total,
        standardError: se,
        lower: Math.max(0, t.total - z * se),
        upper: t.total + z * se,
      };
    }
    categories.push({
      category,
      reports,
      stationsWithIncident: counts.size,
      stationShare: share.value,
      populationTotal,
    });
  }
  return ok({ stationsObserved: stations.size, categories, reportsAtUnvisitedStations: unvisited });
}
