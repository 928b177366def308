// Analysis of a mission: indicators by phase with denominators, exclusions and 95% intervals; the
// breakdown by area on a map of regions; team severity (observer effects); the PVT and turnout
// check; and every mission of the election side by side. Every figure downloads as CSV (and the
// charts as SVG/PNG).
import * as Plot from "@observablehq/plot";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import {
  type ComparisonResponse,
  type Estimate,
  type EstimatesResponse,
  type IndicatorDefinition,
  type IndicatorEstimates,
  type ObserverEffects,
  type PvtResponse,
  useComparison,
  useEstimates,
  useObserverEffects,
  usePvt,
  useRegions,
  useSaveIndicator,
} from "../analysis/api.ts";
import { Figure, PlotChart } from "../analysis/Figure.tsx";
import { RegionMap, type RegionValue } from "../analysis/RegionMap.tsx";
import { useOverview } from "../api/queries.ts";
import "../analysis/analysis.css";
import { useFormat } from "../i18n/format.ts";
import { useSignedInUser } from "../session/session.tsx";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";

type T = ReturnType<typeof useTranslation>["t"];
type Format = ReturnType<typeof useFormat>;

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

function useNumbers(language: string) {
  return useMemo(() => {
    const f = (digits: number) =>
      new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const f0 = f(0);
    const f1 = f(1);
    const f2 = f(2);
    return {
      n0: (x: number | null | undefined) => (finite(x) ? f0.format(x) : "–"),
      n1: (x: number | null | undefined) => (finite(x) ? f1.format(x) : "–"),
      n2: (x: number | null | undefined) => (finite(x) ? f2.format(x) : "–"),
      pct: (x: number | null | undefined) => (finite(x) ? `${f1.format(100 * x)}%` : "–"),
    };
  }, [language]);
}
type Numbers = ReturnType<typeof useNumbers>;

/** Value and interval of an estimate in its own units (percent for shares). */
function show(e: Estimate | null, n: Numbers): { value: string; ci: string } {
  if (!e) return { value: "–", ci: "–" };
  const f = e.kind === "proportion" ? n.pct : n.n1;
  return { value: f(e.value), ci: `${f(e.ci.lower)} – ${f(e.ci.upper)}` };
}

function designName(design: string, t: T): string {
  if (design === "stratified") return t("analysis.design.stratified");
  if (design === "simple-random") return t("analysis.design.simple-random");
  if (design === "convenience") return t("analysis.design.convenience");
  return design;
}

function levelName(level: string, t: T): string {
  if (level === "region") return t("analysis.level.region");
  if (level === "constituency") return t("analysis.level.constituency");
  return level;
}

function unitName(unit: "visit" | "station", t: T): string {
  return unit === "visit" ? t("analysis.unit.visit") : t("analysis.unit.station");
}

function exclusionsText(e: Estimate | null, t: T): string {
  if (!e) return "–";
  const label: Record<string, string> = {
    missing: t("analysis.exclusion.missing"),
    quarantined: t("analysis.exclusion.quarantined"),
    "outside-plan": t("analysis.exclusion.outside-plan"),
  };
  const parts = Object.entries(e.exclusions)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${label[k] ?? k} ${v}`);
  return parts.length === 0 ? t("analysis.none") : parts.join(", ");
}

export function AnalysisPage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  const user = useSignedInUser();
  const overview = useOverview(electionId);
  const [params, setParams] = useSearchParams();

  useEffect(() => {
    document.title = `${t("analysis.title")} · ${t("app.name")}`;
  }, [t]);

  if (overview.isPending) return <LoadingPanel />;
  if (overview.isError) return <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />;
  const missions = overview.data.missions;
  const allowed = user.role === "admin" ? missions : missions.filter((m) => m.id === user.missionId);
  const missionId = params.get("mission") ?? allowed[0]?.id;
  if (user.role !== "admin" && user.role !== "coordinator" && user.role !== "analyst") {
    return (
      <EmptyState title={t("analysis.notForRoleTitle")}>
        <p>{t("analysis.notForRoleText")}</p>
      </EmptyState>
    );
  }
  return (
    <div className="page analysis-page">
      <header className="page-header">
        <p className="eyebrow">{t("analysis.eyebrow")}</p>
        <h1>{t("analysis.title")}</h1>
        <p className="lede">{t("analysis.lede")}</p>
        {allowed.length > 1 && (
          <label className="analysis-select">
            <span>{t("analysis.mission")}</span>
            <select
              value={missionId}
              onChange={(event) => setParams({ mission: event.target.value }, { replace: true })}
            >
              {allowed.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.code}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {missionId !== undefined && (
        <MissionAnalysis key={missionId} electionId={electionId} missionId={missionId} />
      )}
      <Comparison electionId={electionId} />
    </div>
  );
}

function MissionAnalysis({ electionId, missionId }: { electionId: string; missionId: string }) {
  const { t } = useTranslation();
  const estimates = useEstimates(missionId, undefined);
  if (estimates.isPending) return <LoadingPanel />;
  if (estimates.isError)
    return <ErrorPanel error={estimates.error} onRetry={() => void estimates.refetch()} />;
  const data = estimates.data;
  return (
    <>
      <section aria-labelledby="mission-heading" className="analysis-section">
        <h2 id="mission-heading">
          {data.mission.code} · {designName(data.mission.design, t)}
        </h2>
        {!data.mission.generalises && <p className="analysis-warning">{t("analysis.convenienceNote")}</p>}
        <IndicatorTable data={data} />
        <AreaBreakdown electionId={electionId} data={data} />
      </section>
      <ObserverSection missionId={missionId} />
      <PvtSection missionId={missionId} />
      <IndicatorEditor missionId={missionId} phases={data.phases.map((p) => p.code)} />
    </>
  );
}

function IndicatorTable({ data }: { data: EstimatesResponse }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = useNumbers(format.language);
  const phaseName = (code: string) => {
    if (code === "all") return t("analysis.allPhases");
    const p = data.phases.find((x) => x.code === code);
    return p ? format.localized(p.name).text : code;
  };
  const rows = data.indicators.filter((i) => i.definition.kind !== "incidents");
  const csv = rows.flatMap((i) =>
    [i.overall, ...i.byPhase].map((c) => ({
      indicator: i.code,
      version: i.version,
      unit: i.definition.unit,
      phase: c.key,
      value: c.estimate?.value,
      lower: c.estimate?.ci.lower,
      upper: c.estimate?.ci.upper,
      numerator: c.estimate?.numerator,
      denominator: c.estimate?.denominator,
      stations: c.estimate?.stations,
      missing: c.estimate?.exclusions["missing"] ?? 0,
      quarantined: c.excluded.quarantined,
      outside_plan: c.excluded["outside-plan"],
      small_cell: c.estimate?.smallCell,
      generalises: c.estimate?.generalises,
    })),
  );
  const incidents = data.indicators.filter((i) => i.definition.kind === "incidents");
  return (
    <>
      <Figure
        id="indicators"
        title={t("analysis.indicators")}
        hint={t("analysis.indicatorsHint", { min: data.minCellUnits })}
        rows={csv}
        fileName={`indicators-${data.mission.code}`}
      >
        <div className="table-wrap">
          <table className="table analysis-table">
            <thead>
              <tr>
                <th scope="col">{t("analysis.indicator")}</th>
                <th scope="col">{t("analysis.phase")}</th>
                <th scope="col" className="num">
                  {t("analysis.value")}
                </th>
                <th scope="col" className="num">
                  {t("analysis.ci")}
                </th>
                <th scope="col" className="num">
                  {t("analysis.nOfN")}
                </th>
                <th scope="col">{t("analysis.excluded")}</th>
              </tr>
            </thead>
            {rows.map((i) => (
              <tbody key={i.code} data-indicator={i.code}>
                {[i.overall, ...(i.byPhase.length > 1 ? i.byPhase : [])].map((c, k) => {
                  const s = show(c.estimate, n);
                  return (
                    <tr key={c.key} className={k === 0 ? "analysis-row--overall" : "analysis-row--phase"}>
                      {k === 0 && (
                        <th scope="rowgroup" rowSpan={1 + (i.byPhase.length > 1 ? i.byPhase.length : 0)}>
                          {format.localized(i.definition.name).text}
                          <span className="analysis-unit">
                            {unitName(i.definition.unit, t)} · v{i.version}
                          </span>
                        </th>
                      )}
                      <td>{phaseName(c.key)}</td>
                      <td className="num">
                        <strong>{s.value}</strong>
                        {c.estimate?.smallCell && (
                          <span className="badge badge--warning" title={t("analysis.smallCell")}>
                            {t("analysis.small")}
                          </span>
                        )}
                      </td>
                      <td className="num">{s.ci}</td>
                      <td className="num">
                        {c.estimate
                          ? `${i.definition.kind === "share" ? n.n1(c.estimate.numerator).replace(/[.,]0$/, "") : ""}${i.definition.kind === "share" ? " / " : ""}${n.n0(c.estimate.denominator)}`
                          : (c.issue ?? "–")}
                      </td>
                      <td>{exclusionsText(c.estimate, t)}</td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </div>
      </Figure>
      {incidents.map((i) => (
        <Figure
          key={i.code}
          id={`incidents-${i.code}`}
          title={format.localized(i.definition.name).text}
          rows={(i.overall.incidents?.categories ?? []).map((c) => ({
            category: c.category,
            reports: c.reports,
            stations_with_incident: c.stationsWithIncident,
            share: c.stationShare.value,
            lower: c.stationShare.ci.lower,
            upper: c.stationShare.ci.upper,
          }))}
          fileName={`incidents-${data.mission.code}`}
        >
          <div className="table-wrap">
            <table className="table analysis-table">
              <thead>
                <tr>
                  <th scope="col">{t("analysis.category")}</th>
                  <th scope="col" className="num">
                    {t("analysis.reports")}
                  </th>
                  <th scope="col" className="num">
                    {t("analysis.stationsWithIncident")}
                  </th>
                  <th scope="col" className="num">
                    {t("analysis.shareOfStations")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {(i.overall.incidents?.categories ?? []).map((c) => (
                  <tr key={c.category}>
                    <td>{c.category.replaceAll("_", " ")}</td>
                    <td className="num">{c.reports}</td>
                    <td className="num">
                      {c.stationsWithIncident} / {i.overall.incidents?.stationsObserved}
                    </td>
                    <td className="num">
                      {n.pct(c.stationShare.value)} ({n.pct(c.stationShare.ci.lower)} –{" "}
                      {n.pct(c.stationShare.ci.upper)})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Figure>
      ))}
    </>
  );
}

function AreaBreakdown({ electionId, data }: { electionId: string; data: EstimatesResponse }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = useNumbers(format.language);
  const regions = useRegions(electionId);
  const candidates = data.indicators.filter((i) => i.definition.kind !== "incidents");
  const [code, setCode] = useState(candidates[0]?.code ?? "");
  const indicator = candidates.find((i) => i.code === code) ?? candidates[0];
  if (!indicator) return null;
  const areaName = (id: string) => {
    const a = data.areas.find((x) => x.id === id);
    return a ? format.localized(a.name).text : id;
  };
  const values = new Map<string, RegionValue>(
    indicator.byArea.cells.map((c) => [
      c.key,
      {
        value: c.estimate?.value ?? null,
        label: show(c.estimate, n).value,
        smallCell: c.estimate?.smallCell ?? false,
      },
    ]),
  );
  const rows = indicator.byArea.cells.map((c) => ({
    area: data.areas.find((a) => a.id === c.key)?.code ?? c.key,
    name: areaName(c.key),
    value: c.estimate?.value,
    lower: c.estimate?.ci.lower,
    upper: c.estimate?.ci.upper,
    numerator: c.estimate?.numerator,
    denominator: c.estimate?.denominator,
    small_cell: c.estimate?.smallCell,
  }));
  return (
    <Figure
      id="areas"
      title={t("analysis.byArea")}
      hint={t("analysis.byAreaHint")}
      rows={rows}
      fileName={`areas-${data.mission.code}-${indicator.code}`}
      chart
    >
      <label className="analysis-select">
        <span>{t("analysis.indicator")}</span>
        <select value={indicator.code} onChange={(event) => setCode(event.target.value)}>
          {candidates.map((i) => (
            <option key={i.code} value={i.code}>
              {format.localized(i.definition.name).text}
            </option>
          ))}
        </select>
      </label>
      <div className="analysis-map-layout">
        {regions.data && (
          <RegionMap
            geo={regions.data}
            values={values}
            nameOf={(name) => format.localized(name).text}
            label={t("analysis.mapLabel", { indicator: format.localized(indicator.definition.name).text })}
            legend={t("analysis.mapLegend")}
          />
        )}
        <table className="table analysis-table">
          <thead>
            <tr>
              <th scope="col">{levelName(indicator.byArea.level, t)}</th>
              <th scope="col" className="num">
                {t("analysis.value")}
              </th>
              <th scope="col" className="num">
                {t("analysis.ci")}
              </th>
              <th scope="col" className="num">
                {t("analysis.units")}
              </th>
            </tr>
          </thead>
          <tbody>
            {indicator.byArea.cells.map((c) => {
              const s = show(c.estimate, n);
              return (
                <tr key={c.key}>
                  <td>{areaName(c.key)}</td>
                  <td className="num">
                    {s.value}
                    {c.estimate?.smallCell && (
                      <span className="badge badge--warning">{t("analysis.small")}</span>
                    )}
                  </td>
                  <td className="num">{s.ci}</td>
                  <td className="num">{c.estimate?.denominator ?? "–"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Figure>
  );
}

function severityOptions(effects: ObserverEffects, t: T): Plot.PlotOptions {
  const teams = effects.teams
    .filter((x) => finite(x.latentSeverity) && finite(x.latentStandardError))
    .map((x) => ({
      team: x.teamCode,
      severity: x.latentSeverity ?? 0,
      lower: (x.latentSeverity ?? 0) - 1.96 * (x.latentStandardError ?? 0),
      upper: (x.latentSeverity ?? 0) + 1.96 * (x.latentStandardError ?? 0),
      flag: x.flag ?? "normal",
    }))
    .sort((a, b) => a.severity - b.severity)
    .map((x, rank) => ({ ...x, rank }));
  const colour = { harsh: "#c0392b", lenient: "#1f6fb2", normal: "#9aa3b2" };
  return {
    width: 900,
    height: 320,
    marginLeft: 50,
    x: { label: t("analysis.teamsRanked"), ticks: 0 },
    y: { label: t("analysis.severityAxis"), grid: true },
    color: { domain: ["harsh", "lenient", "normal"], range: [colour.harsh, colour.lenient, colour.normal] },
    marks: [
      Plot.ruleY([0], { stroke: "#555" }),
      Plot.ruleX(teams, { x: "rank", y1: "lower", y2: "upper", stroke: "flag", strokeOpacity: 0.5 }),
      Plot.dot(teams, {
        x: "rank",
        y: "severity",
        fill: "flag",
        r: (d: { flag: string }) => (d.flag === "normal" ? 2.5 : 5),
        title: (d: { team: string; severity: number; flag: string }) =>
          `${d.team}: ${d.severity.toFixed(2)} ${d.flag}`,
      }),
      Plot.text(
        teams.filter((d) => d.flag !== "normal"),
        { x: "rank", y: "upper", text: "team", dy: -8, fill: "flag" },
      ),
    ],
  };
}

function ObserverSection({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = useNumbers(format.language);
  const effects = useObserverEffects(missionId);
  const list = effects.data?.effects ?? [];
  const [code, setCode] = useState<string | undefined>(undefined);
  const chosen =
    list.find((e) => e.indicatorCode === code) ??
    list.find((e) => e.indicatorCode === "voting-bad") ??
    list[0];
  const options = useMemo(() => (chosen ? severityOptions(chosen, t) : null), [chosen, t]);
  return (
    <section aria-labelledby="observer-heading" className="analysis-section">
      <h2 id="observer-heading">{t("analysis.observerEffects")}</h2>
      {effects.isPending && <LoadingPanel />}
      {effects.isError && <ErrorPanel error={effects.error} onRetry={() => void effects.refetch()} />}
      {chosen && options && (
        <>
          <label className="analysis-select">
            <span>{t("analysis.indicator")}</span>
            <select value={chosen.indicatorCode} onChange={(event) => setCode(event.target.value)}>
              {list.map((e) => (
                <option key={e.indicatorCode} value={e.indicatorCode}>
                  {e.indicatorCode}
                </option>
              ))}
            </select>
          </label>
          <dl className="stats analysis-stats" data-testid="observer-summary">
            <div>
              <dt>{t("analysis.rawValue")}</dt>
              <dd>
                {show(chosen.raw, n).value} <small>({show(chosen.raw, n).ci})</small>
              </dd>
            </div>
            <div>
              <dt>{t("analysis.adjustedValue")}</dt>
              <dd>
                {show(chosen.adjusted, n).value} <small>({show(chosen.adjusted, n).ci})</small>
              </dd>
            </div>
            <div>
              <dt>{t("analysis.flaggedHarsh")}</dt>
              <dd data-flag-count="harsh">{chosen.flagged.harsh}</dd>
            </div>
            <div>
              <dt>{t("analysis.flaggedLenient")}</dt>
              <dd data-flag-count="lenient">{chosen.flagged.lenient}</dd>
            </div>
            <div>
              <dt>{t("analysis.kappa")}</dt>
              <dd>
                {n.n2(chosen.agreement.kappa?.value)}{" "}
                <small>
                  ({t("analysis.alpha")} {n.n2(chosen.agreement.alphaOrdinal)};{" "}
                  {chosen.agreement.doublyObservedStations} {t("analysis.doubly")})
                </small>
              </dd>
            </div>
          </dl>
          <Figure
            id="severity"
            title={t("analysis.severityTitle")}
            hint={t("analysis.severityHint")}
            rows={chosen.teams.map((x) => ({
              team: x.teamCode,
              visits: x.visits,
              shared_stations: x.sharedStations,
              severity_points: x.severity,
              severity_se: x.standardError,
              z: x.z,
              holm_p: x.adjustedPValue,
              flag: x.flag ?? "",
              latent_severity: x.latentSeverity,
              latent_se: x.latentStandardError,
            }))}
            fileName={`team-severity-${chosen.indicatorCode}`}
            chart
          >
            <PlotChart options={options} label={t("analysis.severityTitle")} />
            <FlaggedTeams effects={chosen} />
          </Figure>
        </>
      )}
    </section>
  );
}

function FlaggedTeams({ effects }: { effects: ObserverEffects }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = useNumbers(format.language);
  const flagged = effects.teams.filter((x) => x.flag !== null);
  if (flagged.length === 0)
    return (
      <p className="analysis-note" data-testid="no-flags">
        {t("analysis.noFlags")}
      </p>
    );
  return (
    <ul className="analysis-flags" data-testid="flagged-teams">
      {flagged.map((x) => (
        <li
          key={x.teamId}
          className={`analysis-flag analysis-flag--${x.flag}`}
          data-team={x.teamCode}
          data-flag={x.flag}
        >
          <strong>{x.teamCode}</strong>{" "}
          {x.flag === "harsh" ? t("analysis.flag.harsh") : t("analysis.flag.lenient")} · {n.n2(x.severity)} (
          {n.n2(x.lower)} – {n.n2(x.upper)}) · p(Holm) {n.n2(x.adjustedPValue)}
        </li>
      ))}
    </ul>
  );
}

function PvtSection({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = useNumbers(format.language);
  const pvt = usePvt(missionId);
  if (pvt.isPending) return <LoadingPanel />;
  if (pvt.isError) return <ErrorPanel error={pvt.error} onRetry={() => void pvt.refetch()} />;
  const { pvt: p, turnout } = pvt.data;
  const r = p.result;
  return (
    <section aria-labelledby="pvt-heading" className="analysis-section">
      <h2 id="pvt-heading">{t("analysis.pvt")}</h2>
      {p.issue && <p className="analysis-note">{p.issue}</p>}
      {r && (
        <Figure
          id="pvt"
          title={t("analysis.pvtTitle", { stations: r.stations })}
          hint={t("analysis.pvtHint")}
          rows={[
            ...(r.turnout
              ? [
                  {
                    figure: "turnout",
                    estimate: r.turnout.value,
                    margin: r.turnout.marginOfError,
                    official: r.turnoutOfficial?.official,
                    inside: r.turnoutOfficial?.inside,
                  },
                ]
              : []),
            ...r.shares.map((s) => ({
              figure: s.contestantId,
              estimate: s.estimate.value,
              margin: s.estimate.marginOfError,
              official: s.official?.official,
              inside: s.official?.inside,
            })),
          ]}
          fileName={`pvt-${pvt.data.mission.code}`}
        >
          <table className="table analysis-table">
            <thead>
              <tr>
                <th scope="col">{t("analysis.party")}</th>
                <th scope="col" className="num">
                  {t("analysis.pvtEstimate")}
                </th>
                <th scope="col" className="num">
                  {t("analysis.official")}
                </th>
                <th scope="col">{t("analysis.verdict")}</th>
              </tr>
            </thead>
            <tbody>
              {r.turnout && (
                <tr>
                  <th scope="row">{t("analysis.turnout")}</th>
                  <td className="num">
                    {n.pct(r.turnout.value)} ± {n.pct(r.turnout.marginOfError)}
                  </td>
                  <td className="num">{n.pct(r.turnoutOfficial?.official)}</td>
                  <td>{r.turnoutOfficial && <Verdict inside={r.turnoutOfficial.inside} />}</td>
                </tr>
              )}
              {[...r.shares]
                .sort((a, b) => b.estimate.value - a.estimate.value)
                .map((s) => (
                  <tr key={s.contestantId}>
                    <th scope="row">{s.contestantId}</th>
                    <td className="num">
                      {n.pct(s.estimate.value)} ± {n.pct(s.estimate.marginOfError)}
                    </td>
                    <td className="num">{n.pct(s.official?.official)}</td>
                    <td>{s.official && <Verdict inside={s.official.inside} />}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <h4>{t("analysis.discrepancies", { count: p.discrepancies.length })}</h4>
          <ul className="analysis-list">
            {p.discrepancies.map((d) => (
              <li key={d.stationId}>
                <strong>{d.stationCode}</strong>:{" "}
                {d.fields.map((f) => `${f.field} ${f.observed ?? "–"} → ${f.published ?? "–"}`).join("; ")}
              </li>
            ))}
          </ul>
        </Figure>
      )}
      {turnout?.result && (
        <Figure
          id="turnout"
          title={t("analysis.turnoutCheck")}
          hint={t("analysis.turnoutHint", {
            gap: n.pct(turnout.result.relativeGap.value),
            lower: n.pct(turnout.result.relativeGap.lower),
            upper: n.pct(turnout.result.relativeGap.upper),
          })}
          rows={turnout.byDay.map((d) => ({ ...d }))}
          fileName={`turnout-${pvt.data.mission.code}`}
        >
          <table className="table analysis-table">
            <thead>
              <tr>
                <th scope="col">{t("analysis.day")}</th>
                <th scope="col" className="num">
                  {t("analysis.observedVoters")}
                </th>
                <th scope="col" className="num">
                  {t("analysis.reportedVoters")}
                </th>
                <th scope="col" className="num">
                  {t("analysis.gap")}
                </th>
                <th scope="col" className="num">
                  {t("analysis.flaggedStations")}
                </th>
              </tr>
            </thead>
            <tbody>
              {turnout.byDay.map((d) => (
                <tr key={d.day}>
                  <td>{d.day}</td>
                  <td className="num">{n.n0(d.observed)}</td>
                  <td className="num">{n.n0(d.reported)}</td>
                  <td className="num">{n.pct(d.observed > 0 ? d.reported / d.observed - 1 : null)}</td>
                  <td className="num">
                    {d.flagged} / {d.stations}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Figure>
      )}
    </section>
  );
}

function Verdict({ inside }: { inside: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${inside ? "badge--ok" : "badge--danger"}`}>
      {inside ? t("analysis.inside") : t("analysis.outside")}
    </span>
  );
}

function comparisonOptions(data: ComparisonResponse, language: string, t: T): Plot.PlotOptions {
  const points = data.rows.flatMap((r) =>
    r.members
      .filter((m) => m.estimate !== null && m.estimate.kind === "proportion")
      .map((m) => ({
        indicator: r.name[language] ?? r.name["en"] ?? r.code,
        mission: m.missionCode,
        value: 100 * (m.estimate?.value ?? 0),
        lower: 100 * (m.estimate?.ci.lower ?? 0),
        upper: 100 * (m.estimate?.ci.upper ?? 0),
        generalises: m.estimate?.generalises ? t("analysis.generalises") : t("analysis.doesNotGeneralise"),
      })),
  );
  return {
    width: 900,
    height: 60 + 34 * new Set(points.map((p) => p.indicator)).size * 1.2,
    marginLeft: 300,
    marginRight: 60,
    x: { label: "%", grid: true },
    y: { label: null, axis: "right" },
    fy: { label: null, axis: "left" },
    color: { legend: true },
    symbol: { legend: true },
    marks: [
      Plot.ruleY(points, { fy: "indicator", y: "mission", x1: "lower", x2: "upper", stroke: "mission" }),
      Plot.dot(points, {
        fy: "indicator",
        y: "mission",
        x: "value",
        fill: "mission",
        symbol: "generalises",
        r: 4,
      }),
    ],
  };
}

function Comparison({ electionId }: { electionId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = useNumbers(format.language);
  const comparison = useComparison(electionId);
  const options = useMemo(
    () => (comparison.data ? comparisonOptions(comparison.data, format.language, t) : null),
    [comparison.data, format.language, t],
  );
  if (comparison.isPending) return <LoadingPanel />;
  if (comparison.isError)
    return <ErrorPanel error={comparison.error} onRetry={() => void comparison.refetch()} />;
  const data = comparison.data;
  const csv = data.rows.flatMap((r) =>
    r.members.map((m) => ({
      indicator: r.code,
      mission: m.missionCode,
      value: m.estimate?.value,
      lower: m.estimate?.ci.lower,
      upper: m.estimate?.ci.upper,
      denominator: m.estimate?.denominator,
      generalises: m.estimate?.generalises,
    })),
  );
  const codeOf = (id: string) => data.missions.find((m) => m.id === id)?.code ?? id;
  return (
    <section aria-labelledby="comparison-heading" className="analysis-section" data-testid="comparison">
      <h2 id="comparison-heading">{t("analysis.comparison")}</h2>
      <p className="analysis-note">{t("analysis.comparisonHint")}</p>
      <Figure
        id="comparison"
        title={t("analysis.sideBySide")}
        rows={csv}
        fileName="missions-side-by-side"
        chart
      >
        <div className="table-wrap">
          <table className="table analysis-table analysis-comparison">
            <thead>
              <tr>
                <th scope="col">{t("analysis.indicator")}</th>
                {data.missions.map((m) => (
                  <th scope="col" key={m.id} className="num" data-mission={m.code}>
                    {m.code}
                    <span className="analysis-unit">
                      {designName(m.design, t)}
                      {!m.generalises && ` · ${t("analysis.doesNotGeneralise")}`}
                    </span>
                  </th>
                ))}
                <th scope="col">{t("analysis.difference")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{format.localized(r.name).text}</th>
                  {r.members.map((m) => {
                    const s = show(m.estimate, n);
                    return (
                      <td
                        key={m.missionId}
                        className={`num${m.estimate && !m.estimate.generalises ? " analysis-nogen" : ""}`}
                      >
                        {s.value}
                        <small>{s.ci}</small>
                      </td>
                    );
                  })}
                  <td>
                    {r.differences
                      .filter((d) => d.pValue < 0.05)
                      .map(
                        (d) =>
                          `${codeOf(d.a)}–${codeOf(d.b)}: p ${d.pValue < 0.001 ? "< 0.001" : d.pValue.toFixed(3)}${d.generalises ? "" : " †"}`,
                      )
                      .join("; ") || t("analysis.noDifference")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="analysis-note">{t("analysis.daggerNote")}</p>
        {options && <PlotChart options={options} label={t("analysis.sideBySide")} />}
      </Figure>
    </section>
  );
}

function IndicatorEditor({ missionId, phases }: { missionId: string; phases: readonly string[] }) {
  const { t } = useTranslation();
  const save = useSaveIndicator(missionId);
  const kindNames = {
    share: t("analysis.kinds.share"),
    mean: t("analysis.kinds.mean"),
    median: t("analysis.kinds.median"),
    incidents: t("analysis.kinds.incidents"),
  };
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [kind, setKind] = useState<IndicatorDefinition["kind"]>("share");
  const [unit, setUnit] = useState<"visit" | "station">("visit");
  const [formKind, setFormKind] = useState("voting");
  const [expression, setExpression] = useState("${ballot_box_sealed} = 'no'");
  const [phase, setPhase] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const definition: IndicatorDefinition = {
      kind,
      name: { en: name, ru: name },
      unit,
      formKind,
      phases: phase === "" ? null : [phase],
      ...(kind === "share" ? { condition: expression, assessment: null } : { question: expression }),
    };
    save.mutate({ code, definition });
  };
  return (
    <section aria-labelledby="editor-heading" className="analysis-section">
      <details className="card analysis-editor">
        <summary id="editor-heading">{t("analysis.editor")}</summary>
        <form onSubmit={submit} className="analysis-editor__form">
          <label>
            <span>{t("analysis.code")}</span>
            <input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
              pattern="[a-z0-9][a-z0-9_-]*"
            />
          </label>
          <label>
            <span>{t("analysis.name")}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label>
            <span>{t("analysis.kind")}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as IndicatorDefinition["kind"])}>
              {(["share", "mean", "median", "incidents"] as const).map((k) => (
                <option key={k} value={k}>
                  {kindNames[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t("analysis.unitLabel")}</span>
            <select value={unit} onChange={(e) => setUnit(e.target.value as "visit" | "station")}>
              <option value="visit">{t("analysis.unit.visit")}</option>
              <option value="station">{t("analysis.unit.station")}</option>
            </select>
          </label>
          <label>
            <span>{t("analysis.formKind")}</span>
            <input value={formKind} onChange={(e) => setFormKind(e.target.value)} required />
          </label>
          <label>
            <span>{t("analysis.phase")}</span>
            <select value={phase} onChange={(e) => setPhase(e.target.value)}>
              <option value="">{t("analysis.allPhases")}</option>
              {phases.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label className="analysis-editor__wide">
            <span>{kind === "share" ? t("analysis.condition") : t("analysis.question")}</span>
            <input value={expression} onChange={(e) => setExpression(e.target.value)} required />
          </label>
          <div className="analysis-editor__actions">
            <button type="submit" className="button" disabled={save.isPending}>
              {t("analysis.save")}
            </button>
            {save.isError && <span className="analysis-warning">{save.error.message}</span>}
            {save.isSuccess && <span>{t("analysis.saved", { version: save.data.indicator.version })}</span>}
          </div>
        </form>
      </details>
    </section>
  );
}

export type { Format, IndicatorEstimates, PvtResponse };
