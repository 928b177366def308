// Every published figure, computed from a snapshot's data with the analysis engine the dashboard
// uses (apps/server/src/analysis over @scrutiny/stats), and written as the rows of estimates.csv
// and incidents.csv. `scrutiny recompute` runs the same two steps on a downloaded package and
// compares the rows cell by cell, so "the same figure" means the same text, digit for digit.
import { publications } from "@scrutiny/contract";
import { canonicalJson, err, ok, type Result } from "@scrutiny/domain";
import type { Estimate } from "@scrutiny/stats";
import { type CompiledIndicator, compileIndicator, IndicatorDefinition } from "../analysis/definitions.ts";
import { type Cell, type IndicatorEstimates, totalsFromPatterns } from "../analysis/engine.ts";
import { missionDesign, placesOf } from "../analysis/frame.ts";
import { assessmentObservations, type ObserverEffectsResult, observerEffects } from "../analysis/observer.ts";
import type { MissionFrame, ObservationPattern } from "../analysis/store-types.ts";
import { estimateIndicatorFromTotals } from "../analysis/totals.ts";
import { numberText } from "./csv.ts";
import type { SnapshotData } from "./snapshot.ts";

// The columns of estimates.csv and incidents.csv are the public API's rows (packages/contract).
export const { ESTIMATE_COLUMNS, INCIDENT_COLUMNS } = publications;

/** The columns that name a row (the rest are its figures). */
export const ESTIMATE_KEY = ["indicator", "breakdown", "key"] as const;
export const INCIDENT_KEY = ["indicator", "breakdown", "key", "category"] as const;

export interface FigureTables {
  readonly estimates: string[][];
  readonly incidents: string[][];
}

/** The analysis' view of a package: places, design, compiled indicators, the reports as patterns. */
function packageModel(data: SnapshotData) {
  const places = placesOf({
    areas: data.areas.map((a) => ({ ...a })),
    stations: data.stations.map((s) => ({ ...s, settlement: null, latitude: null, longitude: null })),
  });
  const frame: MissionFrame = {
    mission: {
      id: data.meta.mission.id,
      electionId: data.meta.election.id,
      code: data.meta.mission.code,
      name: data.meta.mission.name,
      kind: data.meta.mission.kind,
      design: data.meta.design,
    },
    phases: data.phases.map((p) => ({ ...p })),
    planned: data.planned.map((p) => ({ ...p })),
    teams: [],
    plan:
      data.meta.plan === null
        ? null
        : {
            id: "",
            design: data.meta.design,
            ...data.meta.plan,
            strata: data.strata.map((s) => ({ ...s })),
          },
  };
  const design = missionDesign(frame, places);
  const compiled: CompiledIndicator[] = [];
  for (const stored of data.indicators) {
    const parsed = IndicatorDefinition.safeParse(stored.definition);
    if (!parsed.success) return err(`indicator ${stored.code}: ${parsed.error.issues[0]?.message}`);
    const c = compileIndicator({ code: stored.code, version: stored.version, definition: parsed.data });
    if (!c.ok) return err(`indicator ${stored.code}: ${c.error.path}: ${c.error.message}`);
    compiled.push(c.value);
  }
  const index = new Map(data.questions.map((q, i) => [q, i]));
  for (const indicator of compiled)
    for (const q of indicator.questions)
      if (!index.has(q)) return err(`indicator ${indicator.code} reads ${q}, which the reports do not carry`);
  const patterns = (withTeams: boolean): ObservationPattern[] =>
    data.reports.map((r) => ({
      stationId: r.stationId,
      teamId: withTeams ? r.teamId : null,
      phaseCode: r.phaseCode,
      formKind: r.formKind,
      status: r.status,
      answers: r.answers,
      count: 1,
    }));
  return ok({ places, design, compiled, index, patterns });
}

/** The indicators estimated overall, by phase and by area, exactly as the dashboard does. */
export function computeFigures(data: SnapshotData): Result<IndicatorEstimates[], string> {
  const model = packageModel(data);
  if (!model.ok) return model;
  const { places, design, compiled, index } = model.value;
  // As the dashboard's estimates: teams play no part in them (observer effects are separate).
  const patterns = model.value.patterns(false);
  const options = {
    areaLevel: data.meta.areaLevel,
    minCellUnits: data.meta.minCellUnits,
    phaseOrder: data.phases.map((p) => p.code),
  };
  return ok(
    compiled.map((i) =>
      estimateIndicatorFromTotals(i, totalsFromPatterns(i, patterns, index), 0, design, places, options),
    ),
  );
}

/**
 * Observer effects of every assessment indicator, as the dashboard fits them, from the reports'
 * pseudonymous team ids (the ids stand for the teams' codes, which are not published).
 */
/**
 * The observer effects as observer-effects.json holds them: without the reason's code (`reason`),
 * which is for pages; the package keeps the English `issue`, so a package published before codes
 * existed still recomputes leaf for leaf.
 */
export function computeObserverEffects(
  data: SnapshotData,
): Result<Omit<ObserverEffectsResult, "reason">[], string> {
  const model = packageModel(data);
  if (!model.ok) return model;
  const { design, compiled, index } = model.value;
  const patterns = model.value.patterns(true);
  const teams = new Map(
    data.reports.flatMap((r) => (r.teamId === null ? [] : [[r.teamId, r.teamId] as const])),
  );
  return ok(
    compiled
      .filter((i) => i.definition.kind === "share" && i.definition.assessment)
      .map((i) =>
        observerEffects(
          i,
          assessmentObservations(i, patterns, index, design),
          design,
          teams,
          data.meta.minCellUnits,
        ),
      )
      .map(({ reason: _, ...kept }) => kept),
  );
}

const bool = (b: boolean): string => (b ? "true" : "false");

/** The rows of estimates.csv and incidents.csv (area cells keyed by the area's code). */
export function figureTables(estimates: readonly IndicatorEstimates[], data: SnapshotData): FigureTables {
  const areaCode = new Map(data.areas.map((a) => [a.id, a.code]));
  const rows: string[][] = [];
  const incidents: string[][] = [];
  for (const indicator of estimates) {
    const cells: [string, Cell][] = [
      ["overall", indicator.overall],
      ...indicator.byPhase.map((c): [string, Cell] => ["phase", c]),
      ...indicator.byArea.cells.map((c): [string, Cell] => ["area", c]),
    ];
    for (const [breakdown, cell] of cells) {
      const key = breakdown === "area" ? (areaCode.get(cell.key) ?? cell.key) : cell.key;
      const head = [indicator.code, String(indicator.version), breakdown, key];
      rows.push([
        ...head,
        ...estimateFields(indicator, cell),
        numberText(cell.excluded.quarantined),
        numberText(cell.excluded["outside-plan"]),
        cell.estimate?.note ?? "",
        cell.estimate === null ? "" : canonicalJson(cell.estimate.warnings),
        cell.issue ?? "",
      ]);
      for (const category of cell.incidents?.categories ?? []) {
        const share = category.stationShare;
        const total = category.populationTotal;
        incidents.push([
          ...head,
          category.category,
          numberText(category.reports),
          numberText(category.stationsWithIncident),
          numberText(cell.incidents?.stationsObserved),
          numberText(cell.incidents?.reportsAtUnvisitedStations),
          numberText(share.value),
          numberText(share.ci.lower),
          numberText(share.ci.upper),
          numberText(share.denominator),
          numberText(total?.value),
          numberText(total?.standardError),
          numberText(total?.lower),
          numberText(total?.upper),
        ]);
      }
    }
  }
  return { estimates: rows, incidents };
}

/** kind ... exclusions: the estimate's own fields (incident cells: stations observed, reports). */
function estimateFields(indicator: IndicatorEstimates, cell: Cell): string[] {
  const e: Estimate | null = cell.estimate;
  if (e === null) {
    const summary = cell.incidents;
    const reports = summary?.categories.reduce((n, c) => n + c.reports, 0);
    return [
      indicator.definition.kind === "incidents" ? "incidents" : "",
      indicator.definition.unit,
      "",
      "",
      "",
      "",
      "",
      numberText(reports),
      "",
      numberText(summary?.stationsObserved),
      "",
      "",
      "",
      "",
      "",
      "",
      "",
    ];
  }
  return [
    e.kind,
    e.unit,
    numberText(e.value),
    numberText(e.ci.lower),
    numberText(e.ci.upper),
    numberText(e.ci.level),
    e.ci.method,
    numberText(e.numerator),
    numberText(e.denominator),
    numberText(e.stations),
    numberText(e.standardError),
    e.design,
    bool(e.generalises),
    bool(e.smallCell),
    numberText(e.designEffect),
    numberText(e.effectiveSampleSize),
    canonicalJson(e.exclusions),
  ];
}
