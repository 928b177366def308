// Indicator estimates from per-station totals, overall, per phase and per area, with the
// design-based estimators of @scrutiny/stats: the one implementation of exclusions (quarantined
// reports, stations outside the plan; units without an answer counted by the estimators), phase
// order and station weights. The totals come from SQL (store.analysis.stationTotals, conditions
// compiled from the domain's syntax tree) or, for an indicator some of whose reports the SQL does
// not decide, from the same evaluation in JavaScript (engine.ts totalsFromPatterns).
import {
  countIncidentsFromStations,
  type Estimate,
  estimateFromStationTotals,
  estimateMedianFromStations,
  type IncidentSummary,
  type SamplingDesign,
  type StationTotal,
  type StationValues,
  type StatsIssue,
} from "@scrutiny/stats";
import type { CompiledIndicator } from "./definitions.ts";
import type { Cell, EngineOptions, Exclusions, IndicatorEstimates } from "./engine.ts";
import { answeringInclusion, domainDesign, type MissionDesign, type Places } from "./frame.ts";
import { NO_ISSUE, whyOf } from "./reasons.ts";
import type { StationColumn, StationTotalsRow } from "./store-types.ts";

/** The store column of an indicator: what SQL totals per station for it. */
export function columnOf(indicator: CompiledIndicator): StationColumn {
  const d = indicator.definition;
  if (d.kind === "share") {
    if (indicator.condition === null) throw new Error("share indicator without a condition");
    return {
      kind: "share",
      formKind: d.formKind,
      questions: indicator.questions,
      answeredBy: indicator.answeredBy,
      condition: indicator.condition,
    };
  }
  if (d.kind === "mean") return { kind: "sum", formKind: d.formKind, question: d.question };
  if (d.kind === "median") return { kind: "values", formKind: d.formKind, question: d.question };
  return { kind: "labels", formKind: d.formKind, question: d.question };
}

/** Whether the SQL decided column `col` for every report of the indicator's own form. */
export function decidedInSql(
  indicator: CompiledIndicator,
  rows: readonly StationTotalsRow[],
  col: number,
): boolean {
  return rows.every((r) => r.formKind !== indicator.definition.formKind || (r.u[col] ?? 0) === 0);
}

interface StationAcc {
  readonly stratumId: string | null;
  y: number;
  x: number;
  values: Map<number, number> | null;
}

interface CellAcc {
  readonly stations: Map<string, StationAcc>;
  missing: number;
  readonly categories: Map<string, Map<string, number>>;
}

const newCell = (): CellAcc => ({ stations: new Map(), missing: 0, categories: new Map() });

/** Estimates one indicator from station totals (column `col` of the rows, all decided). */
export function estimateIndicatorFromTotals(
  indicator: CompiledIndicator,
  rows: readonly StationTotalsRow[],
  col: number,
  md: MissionDesign,
  places: Places,
  options: EngineOptions,
): IndicatorEstimates {
  const d = indicator.definition;
  const phases = d.phases === null ? null : new Set(d.phases);
  const incidents = d.kind === "incidents";
  const depth = options.areaLevel === "" ? 0 : Math.max(0, places.levels.indexOf(options.areaLevel));
  const level = places.levels[depth] ?? options.areaLevel;
  const quarantined = new Map<string, number>();
  const outside = new Map<string, number>();
  const bump = (m: Map<string, number>, phase: string, n: number) => m.set(phase, (m.get(phase) ?? 0) + n);
  const overall = newCell();
  const byPhase = new Map<string, CellAcc>();
  const byArea = new Map<string, CellAcc>();
  const cellOf = (m: Map<string, CellAcc>, key: string) => {
    let c = m.get(key);
    if (c === undefined) {
      c = newCell();
      m.set(key, c);
    }
    return c;
  };
  for (const r of rows) {
    if (phases !== null && !phases.has(r.phaseCode)) continue;
    const own = r.formKind === d.formKind;
    if (!own && !incidents) continue;
    if (r.status === "quarantined") {
      if (own) bump(quarantined, r.phaseCode, r.n);
      continue;
    }
    if (md.planBound && !md.stratumOf.has(r.stationId)) {
      if (own) bump(outside, r.phaseCode, r.n);
      continue;
    }
    const stratumId = md.stratumOf.get(r.stationId) ?? null;
    const area = places.stations.get(r.stationId)?.areaIds[depth] ?? "unknown";
    const value = r.value[col] ?? null;
    const x = r.x[col] ?? 0;
    const y = r.y[col] ?? 0;
    for (const cell of [overall, cellOf(byPhase, r.phaseCode), cellOf(byArea, area)]) {
      let s = cell.stations.get(r.stationId);
      if (s === undefined) {
        s = { stratumId, y: 0, x: 0, values: null };
        cell.stations.set(r.stationId, s);
      }
      if (incidents) {
        if (!own || value === null || x === 0) continue;
        const category = String(value);
        let m = cell.categories.get(category);
        if (m === undefined) {
          m = new Map();
          cell.categories.set(category, m);
        }
        m.set(r.stationId, (m.get(r.stationId) ?? 0) + x);
        continue;
      }
      s.y += y;
      s.x += x;
      cell.missing += r.n - x;
      if (d.kind === "median" && value !== null && x > 0) {
        const values = s.values ?? new Map<number, number>();
        s.values = values;
        const v = Number(value);
        values.set(v, (values.get(v) ?? 0) + x);
      }
    }
  }

  // Inclusion probabilities of the stations that answered (frame.ts answeringInclusion).
  const answered = new Map<string, string[]>();
  for (const [stationId, s] of overall.stations) {
    if (s.stratumId === null || (!incidents && s.x <= 0)) continue;
    const list = answered.get(s.stratumId) ?? [];
    list.push(stationId);
    answered.set(s.stratumId, list);
  }
  const inclusion = answeringInclusion(md, answered);
  const cellDesign = (cell: CellAcc): SamplingDesign => {
    const present = new Set<string>();
    for (const s of cell.stations.values()) if (s.stratumId !== null) present.add(s.stratumId);
    return domainDesign(md.design, present, inclusion);
  };
  const sumOf = (m: ReadonlyMap<string, number>, keys?: readonly string[]) => {
    let s = 0;
    if (keys === undefined) for (const v of m.values()) s += v;
    else for (const k of keys) s += m.get(k) ?? 0;
    return s;
  };
  const excludedFor = (keys?: readonly string[]): Exclusions => ({
    quarantined: sumOf(quarantined, keys),
    "outside-plan": sumOf(outside, keys),
  });
  const estimate = (key: string, cell: CellAcc, design: SamplingDesign, excluded: Exclusions): Cell => {
    const opts = {
      unit: d.unit,
      minCellUnits: options.minCellUnits,
      exclusions: { quarantined: excluded.quarantined, "outside-plan": excluded["outside-plan"] },
    };
    const done = (e: Estimate | null, inc: IncidentSummary | null, failure?: StatsIssue): Cell => ({
      key,
      estimate: e,
      incidents: inc,
      ...(failure === undefined ? NO_ISSUE : whyOf(failure)),
      excluded,
    });
    if (incidents) {
      const stations = new Map<string, string | null>();
      for (const [id, s] of cell.stations) stations.set(id, s.stratumId);
      const r = countIncidentsFromStations(stations, cell.categories, 0, design, opts);
      return r.ok ? done(null, r.value) : done(null, null, r.error);
    }
    if (d.kind === "median") {
      const stations: StationValues[] = [];
      for (const [stationId, s] of cell.stations) {
        if (s.values === null) continue;
        stations.push({
          stationId,
          stratumId: s.stratumId,
          values: [...s.values.keys()],
          counts: [...s.values.values()],
        });
      }
      const r = estimateMedianFromStations(stations, design, { ...opts, missing: cell.missing });
      return r.ok ? done(r.value, null) : done(null, null, r.error);
    }
    const totals: StationTotal[] = [];
    for (const [stationId, s] of cell.stations)
      totals.push({ stationId, stratumId: s.stratumId, y: s.y, x: s.x });
    const r = estimateFromStationTotals(d.kind === "share" ? "proportion" : "mean", totals, design, {
      ...opts,
      missing: cell.missing,
    });
    return r.ok ? done(r.value, null) : done(null, null, r.error);
  };

  const phaseCodes = new Set<string>([...byPhase.keys(), ...quarantined.keys()]);
  const ordered = [
    ...options.phaseOrder.filter((p) => phaseCodes.has(p)),
    ...[...phaseCodes].filter((p) => !options.phaseOrder.includes(p)).sort(),
  ];
  const phaseCells = ordered.map((phase) => {
    const cell = byPhase.get(phase) ?? newCell();
    return estimate(phase, cell, cellDesign(cell), excludedFor([phase]));
  });
  const areaCells = [...byArea.entries()]
    .map(([area, cell]) => estimate(area, cell, cellDesign(cell), { quarantined: 0, "outside-plan": 0 }))
    .sort((a, b) =>
      (places.areas.get(a.key)?.code ?? a.key).localeCompare(places.areas.get(b.key)?.code ?? b.key),
    );
  return {
    code: indicator.code,
    version: indicator.version,
    definition: indicator.definition,
    overall: estimate(
      "all",
      overall,
      // Unequal stored π_i weigh every estimate, the overall one too.
      md.stationProbabilities === null
        ? md.design
        : domainDesign(md.design, new Set(md.strata.map((s) => s.id)), inclusion),
      excludedFor(),
    ),
    byPhase: phaseCells,
    byArea: { level, cells: areaCells },
  };
}
