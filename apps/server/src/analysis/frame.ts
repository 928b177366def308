// A mission's sampling design and where each station lies, from the stored plan version and the
// election's stations. Stratum sizes N_h are the plan's stored ones (plan_strata), never counted
// from station codes or names; planned stations stored without a plan record (no N_h) fall back
// to n_h / π_h from their stored inclusion probabilities.
import type { SamplingDesign } from "@scrutiny/stats";
import type { ElectionGeography, MissionFrame } from "./store-types.ts";

export type DesignKind = SamplingDesign["kind"];

export interface StationPlace {
  readonly stationId: string;
  readonly code: string;
  /** Area ids from the top level down (region, constituency, ...). */
  readonly areaIds: readonly string[];
  readonly registeredVoters: number;
}

export interface AreaInfo {
  readonly id: string;
  readonly parentId: string | null;
  readonly level: string;
  readonly code: string;
  readonly name: Record<string, string>;
}

export interface Places {
  readonly stations: ReadonlyMap<string, StationPlace>;
  readonly areas: ReadonlyMap<string, AreaInfo>;
  /** Area levels from the top down, e.g. ["region", "constituency"]. */
  readonly levels: readonly string[];
  /** Stations in the sampling frame (not abroad). */
  readonly frameSize: number;
}

export function placesOf(geography: ElectionGeography): Places {
  const areas = new Map<string, AreaInfo>(geography.areas.map((a) => [a.id, a]));
  const pathOf = new Map<string, string[]>();
  const path = (id: string): string[] => {
    const known = pathOf.get(id);
    if (known) return known;
    const area = areas.get(id);
    const up = area?.parentId ? path(area.parentId) : [];
    const result = [...up, id];
    pathOf.set(id, result);
    return result;
  };
  const depthLevels = new Map<number, Map<string, number>>();
  for (const a of geography.areas) {
    const depth = path(a.id).length - 1;
    const m = depthLevels.get(depth) ?? new Map<string, number>();
    m.set(a.level, (m.get(a.level) ?? 0) + 1);
    depthLevels.set(depth, m);
  }
  const levels: string[] = [];
  for (const depth of [...depthLevels.keys()].sort((x, y) => x - y)) {
    const m = depthLevels.get(depth);
    if (!m) continue;
    for (const level of [...m.entries()].sort((x, y) => y[1] - x[1]).map(([l]) => l))
      if (!levels.includes(level)) levels.push(level);
  }
  const stations = new Map<string, StationPlace>();
  let frameSize = 0;
  for (const s of geography.stations) {
    const areaIds = path(s.areaId);
    stations.set(s.id, { stationId: s.id, code: s.code, areaIds, registeredVoters: s.registeredVoters });
    if (s.kind !== "abroad") frameSize++;
  }
  return { stations, areas, levels, frameSize };
}

export interface MissionDesign {
  readonly design: SamplingDesign;
  /** Stratum of every station in the plan (null for unstratified plans). */
  readonly stratumOf: ReadonlyMap<string, string | null>;
  /** True when a station outside the plan cannot enter estimates. */
  readonly planBound: boolean;
  readonly strata: readonly { id: string; populationSize: number; plannedSampleSize: number }[];
  /**
   * The stored π_i when they differ within a stratum (an imported sample with unequal
   * probabilities): weights then follow them, not N_h / n_h. Null otherwise.
   */
  readonly stationProbabilities: StationProbabilities | null;
}

export interface StationProbabilities {
  /** π_i of each sampled (not reserve) station. */
  readonly of: ReadonlyMap<string, number>;
  /** Σ 1/π_i over the sampled stations of each stratum. */
  readonly plannedWeight: ReadonlyMap<string, number>;
}

/** The planned stations' π_i, when some stratum holds unequal ones. */
function unequalProbabilities(frame: MissionFrame): StationProbabilities | null {
  const of = new Map<string, number>();
  const plannedWeight = new Map<string, number>();
  const range = new Map<string, { min: number; max: number }>();
  for (const p of frame.planned) {
    if (p.reserve || p.stratum === null || p.inclusionProbability === null) continue;
    const pi = p.inclusionProbability;
    of.set(p.stationId, pi);
    plannedWeight.set(p.stratum, (plannedWeight.get(p.stratum) ?? 0) + 1 / pi);
    const r = range.get(p.stratum) ?? { min: pi, max: pi };
    range.set(p.stratum, { min: Math.min(r.min, pi), max: Math.max(r.max, pi) });
  }
  const unequal = [...range.values()].some((r) => r.max - r.min > 1e-9 * r.max);
  return unequal ? { of, plannedWeight } : null;
}

/** The stored design name ("stratified", "simple_random", "convenience") as a stats design. */
export function missionDesign(frame: MissionFrame, places: Places): MissionDesign {
  const stratumOf = new Map<string, string | null>();
  for (const p of frame.planned) stratumOf.set(p.stationId, p.stratum);
  const kind = frame.mission.design;
  const stored = new Map((frame.plan?.strata ?? []).map((s) => [s.stratum, s.populationSize]));
  if (kind === "stratified") {
    const planned = new Map<string, { n: number; piSum: number; piCount: number }>();
    for (const p of frame.planned) {
      if (p.stratum === null) continue;
      const s = planned.get(p.stratum) ?? { n: 0, piSum: 0, piCount: 0 };
      if (!p.reserve) s.n++;
      if (p.inclusionProbability !== null && !p.reserve) {
        s.piSum += p.inclusionProbability;
        s.piCount++;
      }
      planned.set(p.stratum, s);
    }
    const strata = [...planned.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, s]) => {
        const pi = s.piCount > 0 ? s.piSum / s.piCount : Number.NaN;
        const fromProbabilities = Number.isFinite(pi) && pi > 0 ? Math.round(s.n / pi) : s.n;
        return { id, populationSize: stored.get(id) ?? fromProbabilities, plannedSampleSize: s.n };
      });
    return {
      design: { kind: "stratified", strata },
      stratumOf,
      planBound: true,
      strata,
      stationProbabilities: unequalProbabilities(frame),
    };
  }
  if (kind === "simple_random" || kind === "simple-random") {
    const n = frame.planned.filter((p) => !p.reserve).length;
    // One stratum; a plan record stores its N, planned stations without one use the frame.
    const populationSize =
      frame.plan === null ? places.frameSize : [...stored.values()].reduce((a, b) => a + b, 0);
    const strata = [{ id: "all", populationSize, plannedSampleSize: n }];
    return {
      design: { kind: "simple-random", populationSize, plannedSampleSize: n },
      stratumOf,
      planBound: true,
      strata,
      stationProbabilities: null,
    };
  }
  return {
    design: { kind: "convenience" },
    stratumOf,
    planBound: false,
    strata: [],
    stationProbabilities: null,
  };
}

/**
 * Inclusion probabilities of the stations that answered an indicator, by stratum: m_h / N_h
 * (each answering station weighs N_h / m_h); with unequal stored π_i, π_i scaled so that the
 * answering stations carry their stratum's planned weight Σ 1/π (a weighting-class adjustment for
 * those that did not answer; with every station answering the weights are 1/π_i exactly).
 */
export function answeringInclusion(
  md: MissionDesign,
  answered: ReadonlyMap<string, readonly string[]>,
): Record<string, number> {
  const population = new Map(md.strata.map((s) => [s.id, s.populationSize]));
  const stored = md.stationProbabilities;
  const out: Record<string, number> = {};
  for (const [h, stations] of answered) {
    if (stored !== null) {
      const planned = stored.plannedWeight.get(h) ?? 0;
      const answering = stations.reduce((sum, s) => sum + 1 / (stored.of.get(s) ?? Number.NaN), 0);
      if (planned > 0 && answering > 0 && Number.isFinite(answering)) {
        for (const s of stations) out[s] = Math.min(1, ((stored.of.get(s) ?? 1) * answering) / planned);
        continue;
      }
    }
    const N = population.get(h);
    if (N === undefined || N <= 0) continue;
    const pi = Math.min(1, stations.length / N);
    for (const s of stations) out[s] = pi;
  }
  return out;
}

/**
 * The design restricted to some of its strata with station weights fixed from the full sample
 * (domain estimation: a cell's stations keep the weight N_h / n_h of their whole stratum).
 */
export function domainDesign(
  base: SamplingDesign,
  presentStrata: ReadonlySet<string>,
  inclusion: Readonly<Record<string, number>>,
): SamplingDesign {
  if (base.kind !== "stratified") return base;
  const strata = base.strata.filter((s) => presentStrata.has(s.id));
  return { kind: "stratified", strata, inclusionProbabilities: inclusion };
}

/**
 * The design an analysis of these stations' observations uses: the plan's own, or with unequal
 * stored π_i the stations' inclusion probabilities (answeringInclusion) over every stratum, as
 * the indicator estimates weigh them. PVT, turnout checks and observer effects go through this,
 * so that an imported unequal-probability sample weighs them alike.
 */
export function weightedDesign(
  md: MissionDesign,
  observed: Iterable<{ readonly stationId: string; readonly stratumId?: string | null | undefined }>,
): SamplingDesign {
  if (md.stationProbabilities === null) return md.design;
  const answered = new Map<string, Set<string>>();
  for (const o of observed) {
    if (o.stratumId === null || o.stratumId === undefined) continue;
    const set = answered.get(o.stratumId) ?? new Set<string>();
    set.add(o.stationId);
    answered.set(o.stratumId, set);
  }
  const inclusion = answeringInclusion(md, new Map([...answered].map(([h, stations]) => [h, [...stations]])));
  return domainDesign(md.design, new Set(md.strata.map((s) => s.id)), inclusion);
}
