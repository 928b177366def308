// Turnout check: observers' head-counts of voters at a station on a day against the turnout
// the commission reported for the same station and day. Per station-day: gap = reported -
// observed and relative gap = gap / observed. National: ratio estimator
// R̂ = Σ w·reported / Σ w·observed over stations (days summed within station, so a station is
// one cluster), with stratified linearised variance; R̂ - 1 is the relative excess of
// reported over observed voters (Lohr, "Sampling: Design and Analysis", 3rd ed., §4.1, §6;
// for the practice of observer voter counts see Estok, Nevitte & Cowan, NDI 2002, ch. 7).

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import type { ClusterTotals } from "../design/survey.ts";
import type { SamplingDesign, StatsIssue } from "../design/types.ts";
import { CONVENIENCE_NOTE } from "../design/types.ts";
import type { RatioEstimate } from "./ratio.ts";
import { ratioFromClusters } from "./ratio.ts";

export interface HeadCount {
  readonly stationId: string;
  readonly stratumId?: string | null;
  readonly day: string;
  /** Voters counted by observers. */
  readonly observed: number;
  /** Voters (turnout) the commission reported for the same station and day. */
  readonly reported: number;
}

export interface StationDayGap {
  readonly stationId: string;
  readonly day: string;
  readonly observed: number;
  readonly reported: number;
  readonly gap: number;
  readonly relativeGap: number | null;
  /** Reported exceeds observed by more than both thresholds. */
  readonly flagged: boolean;
}

export interface TurnoutGapResult {
  readonly perStationDay: readonly StationDayGap[];
  /** Σ reported / Σ observed. */
  readonly ratio: RatioEstimate;
  /** Relative excess R̂ - 1 with its interval. */
  readonly relativeGap: { value: number; lower: number; upper: number };
  readonly flaggedStations: readonly string[];
  readonly generalises: boolean;
  readonly note: string | null;
}

export interface TurnoutGapOptions {
  readonly level?: number;
  readonly fpc?: boolean;
  /** Flag a station-day when reported/observed - 1 exceeds this (default 0.1) ... */
  readonly relativeThreshold?: number;
  /** ... and reported - observed exceeds this many voters (default 20). */
  readonly absoluteThreshold?: number;
}

/** Per-station gaps and the national ratio of reported to observed voters. */
export function turnoutGap(
  counts: readonly HeadCount[],
  design: SamplingDesign,
  options: TurnoutGapOptions = {},
): Result<TurnoutGapResult, StatsIssue> {
  const rel = options.relativeThreshold ?? 0.1;
  const abs = options.absoluteThreshold ?? 20;
  const perStationDay: StationDayGap[] = [];
  const byStation = new Map<
    string,
    { stratumId: string | null; observed: number; reported: number; days: number }
  >();
  for (const c of counts) {
    if (!(c.observed >= 0 && c.reported >= 0)) {
      return err({
        code: "invalid-input",
        reason: "negative_counts",
        params: { station: c.stationId },
        message: `station ${c.stationId}: counts must be non-negative`,
      });
    }
    const gap = c.reported - c.observed;
    const relativeGap = c.observed > 0 ? gap / c.observed : null;
    perStationDay.push({
      stationId: c.stationId,
      day: c.day,
      observed: c.observed,
      reported: c.reported,
      gap,
      relativeGap,
      flagged: gap > abs && (relativeGap === null || relativeGap > rel),
    });
    const s = byStation.get(c.stationId) ?? {
      stratumId: c.stratumId ?? null,
      observed: 0,
      reported: 0,
      days: 0,
    };
    s.observed += c.observed;
    s.reported += c.reported;
    s.days += 1;
    byStation.set(c.stationId, s);
  }
  const clusters: ClusterTotals[] = [...byStation].map(([stationId, s]) => ({
    stationId,
    stratumId: s.stratumId,
    y: s.reported,
    x: s.observed,
    units: s.days,
  }));
  const r = ratioFromClusters(clusters, design, options.fpc ?? true, options.level ?? 0.95);
  if (!r.ok) return r;
  const convenience = design.kind === "convenience";
  return ok({
    perStationDay,
    ratio: r.value,
    relativeGap: { value: r.value.value - 1, lower: r.value.ci.lower - 1, upper: r.value.ci.upper - 1 },
    flaggedStations: [...new Set(perStationDay.filter((g) => g.flagged).map((g) => g.stationId))],
    generalises: !convenience,
    note: convenience ? CONVENIENCE_NOTE : null,
  });
}
