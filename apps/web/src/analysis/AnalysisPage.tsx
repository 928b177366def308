// Analysis of a mission: indicators by phase with denominators, exclusions and 95% intervals; the
// breakdown by area on a map of regions; team severity (observer effects); the PVT and turnout
// check; and every mission of the election side by side. Every figure downloads as CSV (and the
// charts as SVG/PNG).
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { useOverview } from "../api/queries.ts";
import { useFormat } from "../i18n/format.ts";
import { useEstimates } from "./api.ts";
import "./analysis.css";
import { useSignedInUser } from "../session/session.tsx";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { AreaBreakdown } from "./AreaBreakdown.tsx";
import { Comparison } from "./Comparison.tsx";
import { type EditedIndicator, IndicatorEditor } from "./IndicatorEditor.tsx";
import { IndicatorTable } from "./IndicatorTable.tsx";
import { MissionName } from "./MissionName.tsx";
import { designName } from "./numbers.ts";
import { ObserverSection } from "./ObserverSection.tsx";
import { PvtSection } from "./PvtSection.tsx";

export function AnalysisPage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  const user = useSignedInUser();
  const format = useFormat();
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
                  {format.localized(m.name).text || m.code}
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
  const format = useFormat();
  const estimates = useEstimates(missionId, undefined);
  // The indicator loaded into the editor, and how many times Edit was pressed (each loads anew).
  const [editing, setEditing] = useState<{ indicator: EditedIndicator; n: number } | undefined>();
  const edit = (indicator: EditedIndicator) =>
    setEditing((previous) => ({ indicator, n: (previous?.n ?? 0) + 1 }));
  if (estimates.isPending) return <LoadingPanel />;
  if (estimates.isError)
    return <ErrorPanel error={estimates.error} onRetry={() => void estimates.refetch()} />;
  const data = estimates.data;
  return (
    <>
      <section aria-labelledby="mission-heading" className="analysis-section">
        <h2 id="mission-heading">
          <MissionName mission={data.mission} /> · {designName(data.mission.design, t)}
        </h2>
        {!data.mission.generalises && <p className="analysis-warning">{t("analysis.convenienceNote")}</p>}
        <p>
          <a
            className="button button--secondary"
            href={`/api/v1/missions/${missionId}/analysis/export?format=xlsx&language=${format.language}`}
            download
            data-export="analysis-xlsx"
          >
            {t("analysis.exportAll")}
          </a>
        </p>
        <IndicatorTable data={data} electionId={electionId} onEdit={edit} />
        <AreaBreakdown electionId={electionId} data={data} />
      </section>
      <ObserverSection missionId={missionId} indicators={data.indicators} />
      <PvtSection missionId={missionId} />
      <IndicatorEditor
        key={editing === undefined ? "new" : `${editing.indicator.code}-${editing.n}`}
        electionId={electionId}
        missionId={missionId}
        phases={data.phases}
        editing={editing?.indicator}
        onNew={() => setEditing(undefined)}
      />
    </>
  );
}
