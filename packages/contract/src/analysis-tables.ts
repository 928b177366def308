// Every analysis figure as a table: the rows its table view shows, its CSV and XLSX downloads in
// the browser and the server's analysis export are all built here, so they cannot differ.
// Headers in English or Russian; codes stay beside their names (a spreadsheet filters on codes).
import type { ExportTable, TableCell } from "@scrutiny/domain";
import type {
  Cell,
  ComparisonResponse,
  EstimatesResponse,
  IndicatorEstimates,
  ObserverEffects,
  PvtResponse,
} from "./analysis-results.ts";

export type TableLanguage = "en" | "ru";

/** The answers as read: the server's own values are readonly, the browser's parsed JSON is not. */
type Ro<T> = T extends readonly (infer U)[]
  ? readonly Ro<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Ro<T[K]> }
    : T;

const HEADERS = {
  indicator: { en: "Indicator", ru: "Показатель" },
  indicatorName: { en: "Indicator name", ru: "Название показателя" },
  version: { en: "Version", ru: "Версия" },
  unit: { en: "Unit", ru: "Единица" },
  phase: { en: "Phase", ru: "Этап" },
  phaseName: { en: "Phase name", ru: "Название этапа" },
  area: { en: "Area code", ru: "Код территории" },
  areaName: { en: "Area", ru: "Территория" },
  value: { en: "Estimate", ru: "Оценка" },
  lower: { en: "95% interval, lower", ru: "95% интервал, от" },
  upper: { en: "95% interval, upper", ru: "95% интервал, до" },
  numerator: { en: "Numerator", ru: "Числитель" },
  denominator: { en: "Denominator", ru: "Знаменатель" },
  stations: { en: "Stations", ru: "Участки" },
  missing: { en: "Missing answers", ru: "Без ответа" },
  quarantined: { en: "Quarantined reports", ru: "Отчёты на карантине" },
  outsidePlan: { en: "Reports outside the plan", ru: "Отчёты вне плана" },
  smallCell: { en: "Small cell", ru: "Малая ячейка" },
  generalises: { en: "Generalises", ru: "Обобщается" },
  category: { en: "Category", ru: "Категория" },
  categoryName: { en: "Category name", ru: "Название категории" },
  reports: { en: "Reports", ru: "Отчёты" },
  stationsWithIncident: { en: "Stations with incident", ru: "Участки с нарушением" },
  share: { en: "Share of stations", ru: "Доля участков" },
  team: { en: "Team", ru: "Группа" },
  visits: { en: "Visits", ru: "Посещения" },
  sharedStations: { en: "Shared stations", ru: "Общие участки" },
  severity: { en: "Severity (points)", ru: "Строгость (баллы)" },
  severitySe: { en: "Severity, standard error", ru: "Строгость, стандартная ошибка" },
  z: { en: "z", ru: "z" },
  holmP: { en: "p (Holm)", ru: "p (Холм)" },
  flag: { en: "Flag", ru: "Отметка" },
  latentSeverity: { en: "Latent severity", ru: "Латентная строгость" },
  latentSe: { en: "Latent severity, standard error", ru: "Латентная строгость, стандартная ошибка" },
  figure: { en: "Figure", ru: "Показатель" },
  estimate: { en: "PVT estimate", ru: "Оценка ППГ" },
  margin: { en: "Margin of error (95%)", ru: "Погрешность (95%)" },
  official: { en: "Official", ru: "Официально" },
  inside: { en: "Official inside the interval", ru: "Официальное значение в интервале" },
  day: { en: "Day", ru: "День" },
  observed: { en: "Counted by observers", ru: "Подсчитано наблюдателями" },
  reported: { en: "Reported", ru: "Объявлено" },
  gap: { en: "Relative gap", ru: "Относительный разрыв" },
  flagged: { en: "Flagged stations", ru: "Отмеченные участки" },
  mission: { en: "Mission", ru: "Миссия" },
} as const satisfies Record<string, Record<TableLanguage, string>>;

type Key = keyof typeof HEADERS;

const TITLES = {
  indicators: { en: "Indicators", ru: "Показатели" },
  areas: { en: "By area", ru: "По территориям" },
  incidents: { en: "Incidents", ru: "Нарушения" },
  teams: { en: "Team severity", ru: "Строгость групп" },
  pvt: { en: "PVT", ru: "ППГ" },
  turnout: { en: "Turnout check", ru: "Проверка явки" },
  comparison: { en: "Missions side by side", ru: "Миссии рядом" },
} as const satisfies Record<string, Record<TableLanguage, string>>;

const ALL_PHASES = { en: "All phases", ru: "Все этапы" } as const;
const TURNOUT = { en: "Turnout", ru: "Явка" } as const;
const FLAGS = {
  harsh: { en: "harsh", ru: "строгая" },
  lenient: { en: "lenient", ru: "снисходительная" },
} as const;

/** `en` unless the language is Russian: the two languages the headers are written in. */
export function tableLanguage(language: string | undefined): TableLanguage {
  return language === "ru" ? "ru" : "en";
}

function table(
  id: keyof typeof TITLES,
  language: TableLanguage,
  keys: readonly Key[],
  rows: Record<string, TableCell>[],
): ExportTable {
  return {
    id,
    name: TITLES[id][language],
    columns: keys.map((key) => ({ key, label: HEADERS[key][language] })),
    rows,
  };
}

/** A name in the language, else English, else any. */
function nameIn(name: Readonly<Record<string, string>>, language: string): string {
  return name[language] || name["en"] || Object.values(name).find((v) => v !== "") || "";
}

function estimateCells(c: Ro<Cell>): Record<string, TableCell> {
  const e = c.estimate;
  return {
    value: e?.value,
    lower: e?.ci.lower,
    upper: e?.ci.upper,
    numerator: e?.numerator,
    denominator: e?.denominator,
    stations: e?.stations,
    smallCell: e?.smallCell,
  };
}

const ESTIMATE_KEYS = ["value", "lower", "upper", "numerator", "denominator", "stations"] as const;

const counted = (data: Ro<EstimatesResponse>) =>
  data.indicators.filter((i) => i.definition.kind !== "incidents");

/** Every indicator but incidents, overall (the phases it counts) and by phase. */
export function indicatorsTable(data: Ro<EstimatesResponse>, language: TableLanguage): ExportTable {
  const phaseName = (code: string) => {
    const p = data.phases.find((x) => x.code === code);
    return p ? nameIn(p.name, language) || code : code;
  };
  return table(
    "indicators",
    language,
    [
      "indicator",
      "indicatorName",
      "version",
      "unit",
      "phase",
      "phaseName",
      ...ESTIMATE_KEYS,
      "missing",
      "quarantined",
      "outsidePlan",
      "smallCell",
      "generalises",
    ],
    counted(data).flatMap((i) =>
      [i.overall, ...i.byPhase].map((c, k) => ({
        indicator: i.code,
        indicatorName: nameIn(i.definition.name, language),
        version: i.version,
        unit: i.definition.unit,
        phase: c.key,
        phaseName:
          k > 0
            ? phaseName(c.key)
            : i.definition.phases === null
              ? ALL_PHASES[language]
              : i.definition.phases.map(phaseName).join(", "),
        ...estimateCells(c),
        missing: c.estimate?.exclusions["missing"] ?? 0,
        quarantined: c.excluded.quarantined,
        outsidePlan: c.excluded["outside-plan"],
        generalises: c.estimate?.generalises,
      })),
    ),
  );
}

/** Indicators by area (each indicator's breakdown level); by default every indicator but incidents. */
export function areasTable(
  data: Ro<EstimatesResponse>,
  language: TableLanguage,
  indicators: readonly Ro<IndicatorEstimates>[] = counted(data),
): ExportTable {
  return table(
    "areas",
    language,
    ["indicator", "indicatorName", "area", "areaName", ...ESTIMATE_KEYS, "smallCell"],
    indicators.flatMap((i) =>
      i.byArea.cells.map((c) => {
        const area = data.areas.find((a) => a.id === c.key);
        return {
          indicator: i.code,
          indicatorName: nameIn(i.definition.name, language),
          area: area?.code ?? c.key,
          areaName: area ? nameIn(area.name, language) : c.key,
          ...estimateCells(c),
        };
      }),
    ),
  );
}

/**
 * A category's label (the choice's label in the language) by the indicator's form kind and
 * question: the forms know it, the answers do not.
 */
export type CategoryName = (formKind: string, question: string, category: string) => string;

/** Incident categories of the incident indicators (or those given): reports and the share of stations. */
export function incidentsTable(
  data: Ro<EstimatesResponse>,
  language: TableLanguage,
  categoryName: CategoryName = (_kind, _question, category) => category,
  indicators: readonly Ro<IndicatorEstimates>[] = data.indicators.filter(
    (i) => i.definition.kind === "incidents",
  ),
): ExportTable {
  return table(
    "incidents",
    language,
    [
      "indicator",
      "indicatorName",
      "category",
      "categoryName",
      "reports",
      "stationsWithIncident",
      "share",
      "lower",
      "upper",
    ],
    indicators.flatMap((i) =>
      (i.overall.incidents?.categories ?? []).map((c) => ({
        indicator: i.code,
        indicatorName: nameIn(i.definition.name, language),
        category: c.category,
        categoryName: categoryName(
          i.definition.formKind,
          i.definition.kind === "incidents" ? i.definition.question : "",
          c.category,
        ),
        reports: c.reports,
        stationsWithIncident: c.stationsWithIncident,
        share: c.stationShare.value,
        lower: c.stationShare.ci.lower,
        upper: c.stationShare.ci.upper,
      })),
    ),
  );
}

/** Team severity of each assessment indicator's fit (or of those given). */
export function teamsTable(effects: readonly Ro<ObserverEffects>[], language: TableLanguage): ExportTable {
  return table(
    "teams",
    language,
    [
      "indicator",
      "team",
      "visits",
      "sharedStations",
      "severity",
      "severitySe",
      "lower",
      "upper",
      "z",
      "holmP",
      "flag",
      "latentSeverity",
      "latentSe",
    ],
    effects.flatMap((e) =>
      e.teams.map((x) => ({
        indicator: e.indicatorCode,
        team: x.teamCode,
        visits: x.visits,
        sharedStations: x.sharedStations,
        severity: x.severity,
        severitySe: x.standardError,
        lower: x.lower,
        upper: x.upper,
        z: x.z,
        holmP: x.adjustedPValue,
        flag: x.flag === null ? null : FLAGS[x.flag][language],
        latentSeverity: x.latentSeverity,
        latentSe: x.latentStandardError,
      })),
    ),
  );
}

/** The PVT's turnout and shares against the official results. */
export function pvtTable(data: Ro<PvtResponse>, language: TableLanguage): ExportTable {
  const r = data.pvt.result;
  const rows: Record<string, TableCell>[] = [];
  if (r?.turnout)
    rows.push({
      figure: TURNOUT[language],
      estimate: r.turnout.value,
      margin: r.turnout.marginOfError,
      lower: r.turnout.ci.lower,
      upper: r.turnout.ci.upper,
      stations: r.turnout.stations,
      official: r.turnoutOfficial?.official,
      inside: r.turnoutOfficial?.inside,
    });
  for (const s of r?.shares ?? [])
    rows.push({
      figure: s.contestantId,
      estimate: s.estimate.value,
      margin: s.estimate.marginOfError,
      lower: s.estimate.ci.lower,
      upper: s.estimate.ci.upper,
      stations: s.estimate.stations,
      official: s.official?.official,
      inside: s.official?.inside,
    });
  return table(
    "pvt",
    language,
    ["figure", "estimate", "margin", "lower", "upper", "stations", "official", "inside"],
    rows,
  );
}

/** The turnout check by day: voters counted by observers against those reported. */
export function turnoutTable(data: Ro<PvtResponse>, language: TableLanguage): ExportTable {
  return table(
    "turnout",
    language,
    ["day", "observed", "reported", "gap", "stations", "flagged"],
    (data.turnout?.byDay ?? []).map((d) => ({
      day: d.day,
      observed: d.observed,
      reported: d.reported,
      gap: d.observed > 0 ? d.reported / d.observed - 1 : null,
      stations: d.stations,
      flagged: d.flagged,
    })),
  );
}

/** Every mission of the election side by side: each matched indicator's estimate per mission. */
export function comparisonTable(data: Ro<ComparisonResponse>, language: TableLanguage): ExportTable {
  return table(
    "comparison",
    language,
    [
      "indicator",
      "indicatorName",
      "mission",
      "value",
      "lower",
      "upper",
      "denominator",
      "stations",
      "generalises",
    ],
    data.rows.flatMap((r) =>
      r.members.map((m) => ({
        indicator: r.code,
        indicatorName: nameIn(r.name, language),
        mission: m.missionCode,
        value: m.estimate?.value,
        lower: m.estimate?.ci.lower,
        upper: m.estimate?.ci.upper,
        denominator: m.estimate?.denominator,
        stations: m.estimate?.stations,
        generalises: m.estimate?.generalises,
      })),
    ),
  );
}

/** The whole analysis of a mission, one table per figure, in the page's order. */
export function analysisTables(
  estimates: Ro<EstimatesResponse>,
  effects: readonly Ro<ObserverEffects>[],
  pvt: Ro<PvtResponse>,
  language: TableLanguage,
  categoryName?: CategoryName,
): ExportTable[] {
  return [
    indicatorsTable(estimates, language),
    areasTable(estimates, language),
    incidentsTable(estimates, language, categoryName),
    teamsTable(effects, language),
    pvtTable(pvt, language),
    turnoutTable(pvt, language),
  ];
}
