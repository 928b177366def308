// Indicator estimates for one mission: reports (as distinct answer patterns from the store) are
// turned into observations per indicator, then estimated overall, per phase and per area with the
// design-based estimators of @scrutiny/stats. Exclusions are counted, never silently dropped:
// quarantined reports, reports at stations outside the deployment plan, and (counted by the
// estimators) units without an answer.
import { type AnswerLike, type EvalContext, evaluateBoolean, toNumber } from "@scrutiny/domain";
import {
  countIncidents,
  type Estimate,
  estimateMean,
  estimateMedian,
  estimateProportion,
  type IncidentReport,
  type IncidentSummary,
  type Observation,
  type SamplingDesign,
  type VisitedStation,
} from "@scrutiny/stats";
import type { CompiledIndicator } from "./definitions.ts";
import { domainDesign, type MissionDesign, type Places } from "./frame.ts";
import type { ObservationPattern } from "./store-types.ts";

export interface Exclusions {
  readonly quarantined: number;
  readonly "outside-plan": number;
}

export interface Cell {
  /** Phase code, area id, or "all". */
  readonly key: string;
  readonly estimate: Estimate | null;
  readonly incidents: IncidentSummary | null;
  /** Why there is no estimate (no data, ...). */
  readonly issue: string | null;
  /** Reports excluded before estimation (the estimate's own `exclusions` add missing answers). */
  readonly excluded: Exclusions;
}

export interface IndicatorEstimates {
  readonly code: string;
  readonly version: number;
  readonly definition: CompiledIndicator["definition"];
  readonly overall: Cell;
  readonly byPhase: readonly Cell[];
  readonly byArea: { readonly level: string; readonly cells: readonly Cell[] };
}

export interface EngineOptions {
  readonly areaLevel: string;
  readonly minCellUnits: number;
  /** Phase codes in election order (the breakdown's order). */
  readonly phaseOrder: readonly string[];
}

/** Answers of one pattern as the expression language sees them. */
export function patternContext(
  pattern: ObservationPattern,
  questionIndex: ReadonlyMap<string, number>,
): EvalContext {
  return {
    answer: (name: string) => {
      const i = questionIndex.get(name);
      if (i === undefined) return undefined;
      return toAnswer(pattern.answers[i]);
    },
  };
}

function toAnswer(v: unknown): AnswerLike {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map(String);
  return String(v);
}

interface Prepared {
  readonly observations: Observation<boolean | number>[];
  readonly phaseOf: string[];
  readonly quarantined: Map<string, number>;
  readonly outside: Map<string, number>;
  readonly incidents: IncidentReport[];
  readonly visits: VisitedStation[];
}

/** Observations of one indicator from the mission's patterns (one object per pattern, repeated). */
function prepare(
  indicator: CompiledIndicator,
  patterns: readonly ObservationPattern[],
  questionIndex: ReadonlyMap<string, number>,
  md: MissionDesign,
): Prepared {
  const d = indicator.definition;
  const phases = d.phases === null ? null : new Set(d.phases);
  const observations: Observation<boolean | number>[] = [];
  const phaseOf: string[] = [];
  const quarantined = new Map<string, number>();
  const outside = new Map<string, number>();
  const incidents: IncidentReport[] = [];
  const visits: VisitedStation[] = [];
  const refs = indicator.questions.map((q) => questionIndex.get(q) ?? -1);
  const bump = (m: Map<string, number>, phase: string, n: number) => m.set(phase, (m.get(phase) ?? 0) + n);
  for (const p of patterns) {
    if (phases !== null && !phases.has(p.phaseCode)) continue;
    const isIncidentVisit = d.kind === "incidents";
    if (p.formKind !== d.formKind && !isIncidentVisit) continue;
    if (p.status === "quarantined") {
      if (p.formKind === d.formKind) bump(quarantined, p.phaseCode, p.count);
      continue;
    }
    if (md.planBound && !md.stratumOf.has(p.stationId)) {
      if (p.formKind === d.formKind) bump(outside, p.phaseCode, p.count);
      continue;
    }
    const stratumId = md.stratumOf.get(p.stationId) ?? null;
    const base = { stationId: p.stationId, stratumId, teamId: p.teamId ?? "", phase: p.phaseCode };
    if (d.kind === "incidents") {
      visits.push(base);
      if (p.formKind !== d.formKind) continue;
      const category = toAnswer(p.answers[refs[0] ?? -1]);
      const label = category === undefined ? "unspecified" : String(category);
      for (let k = 0; k < p.count; k++) incidents.push({ ...base, category: label });
      continue;
    }
    let value: boolean | number | null;
    if (d.kind === "share") {
      const answered = refs.some((i) => i >= 0 && p.answers[i] !== null && p.answers[i] !== undefined);
      value =
        answered && indicator.condition !== null
          ? evaluateBoolean(indicator.condition, patternContext(p, questionIndex))
          : null;
    } else {
      const raw = toAnswer(p.answers[refs[0] ?? -1]);
      const n =
        raw === undefined || raw === null
          ? Number.NaN
          : toNumber(typeof raw === "object" ? raw.join(" ") : raw);
      value = Number.isFinite(n) ? n : null;
    }
    const o: Observation<boolean | number> = { ...base, value };
    for (let k = 0; k < p.count; k++) {
      observations.push(o);
      phaseOf.push(p.phaseCode);
    }
  }
  return { observations, phaseOf, quarantined, outside, incidents, visits };
}

function sumOf(m: ReadonlyMap<string, number>, keys?: Iterable<string>): number {
  let s = 0;
  if (keys === undefined) for (const v of m.values()) s += v;
  else for (const k of keys) s += m.get(k) ?? 0;
  return s;
}

function estimateCell(
  key: string,
  indicator: CompiledIndicator,
  observations: readonly Observation<boolean | number>[],
  incidents: readonly IncidentReport[],
  visits: readonly VisitedStation[],
  design: SamplingDesign,
  excluded: Exclusions,
  minCellUnits: number,
): Cell {
  const d = indicator.definition;
  const options = {
    unit: d.unit,
    minCellUnits,
    exclusions: { quarantined: excluded.quarantined, "outside-plan": excluded["outside-plan"] },
  };
  const done = (
    estimate: Estimate | null,
    incidentSummary: IncidentSummary | null,
    issue: string | null,
  ) => ({
    key,
    estimate,
    incidents: incidentSummary,
    issue,
    excluded,
  });
  if (d.kind === "incidents") {
    const r = countIncidents(incidents, visits, design, options);
    return r.ok ? done(null, r.value, null) : done(null, null, r.error.message);
  }
  const r =
    d.kind === "share"
      ? estimateProportion(observations as readonly Observation<boolean>[], design, options)
      : d.kind === "mean"
        ? estimateMean(observations as readonly Observation<number>[], design, options)
        : estimateMedian(observations as readonly Observation<number>[], design, options);
  return r.ok ? done(r.value, null, null) : done(null, null, r.error.message);
}

/** Inclusion probabilities n_h / N_h from the stations that answered (the whole sample). */
function realisedInclusion(
  observations: readonly Observation<unknown>[],
  visits: readonly VisitedStation[],
  md: MissionDesign,
): Record<string, number> {
  const stationsByStratum = new Map<string, Set<string>>();
  const add = (stationId: string, stratumId: string | null | undefined) => {
    if (stratumId == null) return;
    const s = stationsByStratum.get(stratumId) ?? new Set<string>();
    s.add(stationId);
    stationsByStratum.set(stratumId, s);
  };
  for (const o of observations) if (o.value !== null) add(o.stationId, o.stratumId);
  for (const v of visits) add(v.stationId, v.stratumId);
  const population = new Map(md.strata.map((s) => [s.id, s.populationSize]));
  const out: Record<string, number> = {};
  for (const [h, stations] of stationsByStratum) {
    const N = population.get(h);
    if (N === undefined || N <= 0) continue;
    const pi = Math.min(1, stations.size / N);
    for (const s of stations) out[s] = pi;
  }
  return out;
}

/** Estimates one indicator overall, by phase and by area. */
export function estimateIndicator(
  indicator: CompiledIndicator,
  patterns: readonly ObservationPattern[],
  questionIndex: ReadonlyMap<string, number>,
  md: MissionDesign,
  places: Places,
  options: EngineOptions,
): IndicatorEstimates {
  const prepared = prepare(indicator, patterns, questionIndex, md);
  const { observations, phaseOf, quarantined, outside, incidents, visits } = prepared;
  const inclusion = realisedInclusion(observations, visits, md);
  const excludedFor = (phases?: Iterable<string>): Exclusions => ({
    quarantined: sumOf(quarantined, phases),
    "outside-plan": sumOf(outside, phases),
  });
  const cellDesign = (stationStrata: Iterable<string | null | undefined>): SamplingDesign => {
    const present = new Set<string>();
    for (const s of stationStrata) if (s != null) present.add(s);
    return domainDesign(md.design, present, inclusion);
  };
  const overall = estimateCell(
    "all",
    indicator,
    observations,
    incidents,
    visits,
    md.design,
    excludedFor(),
    options.minCellUnits,
  );

  // By phase.
  const phaseCodes = new Set<string>([...phaseOf, ...visits.map((v) => v.phase), ...quarantined.keys()]);
  const ordered = [
    ...options.phaseOrder.filter((p) => phaseCodes.has(p)),
    ...[...phaseCodes].filter((p) => !options.phaseOrder.includes(p)).sort(),
  ];
  const byPhase = ordered.map((phase) => {
    const obs = observations.filter((_, i) => phaseOf[i] === phase);
    const inc = incidents.filter((x) => x.phase === phase);
    const vis = visits.filter((v) => v.phase === phase);
    const design = cellDesign([...obs.map((o) => o.stratumId), ...vis.map((v) => v.stratumId)]);
    return estimateCell(phase, indicator, obs, inc, vis, design, excludedFor([phase]), options.minCellUnits);
  });

  // By area at the requested level.
  const depth = options.areaLevel === "" ? 0 : Math.max(0, places.levels.indexOf(options.areaLevel));
  const level = places.levels[depth] ?? options.areaLevel;
  const areaOf = (stationId: string) => places.stations.get(stationId)?.areaIds[depth] ?? "unknown";
  const groups = new Map<
    string,
    { obs: Observation<boolean | number>[]; inc: IncidentReport[]; vis: VisitedStation[] }
  >();
  const group = (area: string) => {
    let g = groups.get(area);
    if (g === undefined) {
      g = { obs: [], inc: [], vis: [] };
      groups.set(area, g);
    }
    return g;
  };
  for (const o of observations) group(areaOf(o.stationId)).obs.push(o);
  for (const x of incidents) group(areaOf(x.stationId)).inc.push(x);
  for (const v of visits) group(areaOf(v.stationId)).vis.push(v);
  const areaCells = [...groups.entries()]
    .map(([area, g]) =>
      estimateCell(
        area,
        indicator,
        g.obs,
        g.inc,
        g.vis,
        cellDesign([...g.obs.map((o) => o.stratumId), ...g.vis.map((v) => v.stratumId)]),
        { quarantined: 0, "outside-plan": 0 },
        options.minCellUnits,
      ),
    )
    .sort((a, b) =>
      (places.areas.get(a.key)?.code ?? a.key).localeCompare(places.areas.get(b.key)?.code ?? b.key),
    );
  return {
    code: indicator.code,
    version: indicator.version,
    definition: indicator.definition,
    overall,
    byPhase,
    byArea: { level, cells: areaCells },
  };
}

/** Every question the indicators read, with each one's position in the store's answer arrays. */
export function questionsOf(indicators: readonly CompiledIndicator[]): {
  questions: string[];
  index: Map<string, number>;
} {
  const questions = [...new Set(indicators.flatMap((i) => i.questions))].sort();
  return { questions, index: new Map(questions.map((q, i) => [q, i])) };
}
