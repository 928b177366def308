import * as Plot from "@observablehq/plot";
import { analysisTables } from "@scrutiny/contract";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Translate, useFormat } from "../i18n/format.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { type IndicatorEstimates, type ObserverEffects, useObserverEffects } from "./api.ts";
import { Figure, PlotChart } from "./Figure.tsx";
import { finite, show, useNumbers } from "./numbers.ts";

// Observer effects: team severity with its chart and the flagged teams.
function flagName(flag: string, t: Translate): string {
  if (flag === "harsh") return t("analysis.flag.harsh");
  if (flag === "lenient") return t("analysis.flag.lenient");
  return t("analysis.flag.normal");
}

function severityOptions(effects: ObserverEffects, t: Translate): Plot.PlotOptions {
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
          `${d.team}: ${d.severity.toFixed(2)} ${flagName(d.flag, t)}`,
      }),
      Plot.text(
        teams.filter((d) => d.flag !== "normal"),
        { x: "rank", y: "upper", text: "team", dy: -8, fill: "flag" },
      ),
    ],
  };
}

export function ObserverSection({
  missionId,
  indicators,
}: {
  missionId: string;
  indicators: readonly IndicatorEstimates[];
}) {
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
  const indicatorName = (code: string) => {
    const found = indicators.find((i) => i.code === code);
    return found ? format.localized(found.definition.name).text : code;
  };
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
                  {indicatorName(e.indicatorCode)}
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
            table={analysisTables.teamsTable([chosen], analysisTables.tableLanguage(format.language))}
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
