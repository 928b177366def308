import * as Plot from "@observablehq/plot";
import { analysisTables } from "@scrutiny/contract";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { localized, type Translate, useFormat } from "../i18n/format.ts";
import { currentLanguage } from "../i18n/index.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";
import { type ComparisonResponse, useComparison } from "./api.ts";
import { Figure, PlotChart } from "./Figure.tsx";
import { MissionName } from "./MissionName.tsx";
import { designName, show, useNumbers } from "./numbers.ts";

/** A mission by its name in the page's language (else English, else its code): legends and differences. */
export function missionLabel(data: ComparisonResponse, missionId: string, language: string): string {
  const mission = data.missions.find((m) => m.id === missionId);
  if (mission === undefined) return missionId;
  return localized(mission.name, currentLanguage(language)).text || mission.code;
}

// Every mission of the election side by side.
function comparisonOptions(data: ComparisonResponse, language: string, t: Translate): Plot.PlotOptions {
  const points = data.rows.flatMap((r) =>
    r.members
      .filter((m) => m.estimate !== null && m.estimate.kind === "proportion")
      .map((m) => ({
        indicator: r.name[language] ?? r.name["en"] ?? r.code,
        mission: missionLabel(data, m.missionId, language),
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

export function Comparison({ electionId }: { electionId: string }) {
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
  const table = analysisTables.comparisonTable(data, analysisTables.tableLanguage(format.language));
  const nameOf = (id: string) => missionLabel(data, id, format.language);
  const codeOf = (id: string) => data.missions.find((m) => m.id === id)?.code ?? id;
  return (
    <section aria-labelledby="comparison-heading" className="analysis-section" data-testid="comparison">
      <h2 id="comparison-heading">{t("analysis.comparison")}</h2>
      <p className="analysis-note">{t("analysis.comparisonHint")}</p>
      <Figure
        id="comparison"
        title={t("analysis.sideBySide")}
        table={table}
        fileName="missions-side-by-side"
        chart
        tableView={false}
      >
        <TableRegion>
          <table className="table analysis-table analysis-comparison">
            <thead>
              <tr>
                <th scope="col">{t("analysis.indicator")}</th>
                {data.missions.map((m) => (
                  <th scope="col" key={m.id} className="num" data-mission={m.code}>
                    <MissionName mission={m} />
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
                    {/* Missions by their codes to keep the column short, each named in full on hover. */}
                    {r.differences.some((d) => d.pValue < 0.05)
                      ? r.differences
                          .filter((d) => d.pValue < 0.05)
                          .map((d, i) => (
                            <span key={`${d.a}-${d.b}`}>
                              {i > 0 && "; "}
                              <abbr title={nameOf(d.a)}>{codeOf(d.a)}</abbr>–
                              <abbr title={nameOf(d.b)}>{codeOf(d.b)}</abbr>: p{" "}
                              {d.pValue < 0.001 ? "< 0.001" : d.pValue.toFixed(3)}
                              {d.generalises ? "" : " †"}
                            </span>
                          ))
                      : t("analysis.noDifference")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <p className="analysis-note">{t("analysis.daggerNote")}</p>
        {options && <PlotChart options={options} label={t("analysis.sideBySide")} />}
      </Figure>
    </section>
  );
}
