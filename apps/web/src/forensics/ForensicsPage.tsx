// Election forensics for one election: pick a results source (the election's own official results
// by party, or an uploaded results file), read the report with its plots, readings and caveats,
// upload a new results file, download the HTML report or the JSON.
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { isApiError } from "../api/client.ts";
import { useFormat } from "../i18n/format.ts";
import { useSignedInUser } from "../session/session.tsx";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import "./forensics.css";
import { forensicsPaths, type ResultsSources, useForensicsReport, useResultsSources } from "./api.ts";
import { Report } from "./Report.tsx";
import { Upload } from "./Upload.tsx";

export function ForensicsPage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  const sources = useResultsSources(electionId);

  useEffect(() => {
    document.title = `${t("forensics.title")} · ${t("app.name")}`;
  }, [t]);

  if (sources.isPending) return <LoadingPanel />;
  if (sources.isError) {
    if (isApiError(sources.error, 404) || isApiError(sources.error, 400)) {
      return <EmptyState title={t("errors.electionNotFoundTitle")} />;
    }
    return <ErrorPanel error={sources.error} onRetry={() => void sources.refetch()} />;
  }
  return <Forensics electionId={electionId} sources={sources.data} />;
}

function Forensics({ electionId, sources }: { electionId: string; sources: ResultsSources }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useSignedInUser();
  const [params, setParams] = useSearchParams();
  const options = [
    ...(sources.official.available
      ? [
          {
            id: "official",
            label: t("forensics.sourceOfficial", { protocols: format.number(sources.official.protocols) }),
          },
        ]
      : []),
    ...sources.resultsSets.map((s) => ({
      id: s.id,
      label: t("forensics.sourceUploaded", { name: s.name, stations: format.number(s.stationCount) }),
    })),
  ];
  const requested = params.get("source");
  const source = options.find((o) => o.id === requested)?.id ?? options[0]?.id;
  const report = useForensicsReport(electionId, source, format.language);
  const canUpload = user.role === "coordinator" || user.role === "analyst" || user.role === "admin";

  return (
    <div className="page forensics-page">
      <header className="page-header">
        <p className="eyebrow">{t("forensics.eyebrow")}</p>
        <h1>{t("forensics.title")}</h1>
        <p>{t("forensics.intro")}</p>
      </header>

      <div className="callout forensics-warning" role="note">
        <h2 className="callout__title">{t("forensics.caveatTitle")}</h2>
        <p>{t("forensics.caveat")}</p>
      </div>

      <section className="card forensics-section" aria-label={t("forensics.source")}>
        {options.length === 0 ? (
          <p>{t("forensics.noSources")}</p>
        ) : (
          <div className="forensics-toolbar">
            <div className="field">
              <label htmlFor="forensics-source">{t("forensics.source")}</label>
              <select
                id="forensics-source"
                className="select"
                value={source}
                onChange={(e) => setParams({ source: e.target.value }, { replace: true })}
              >
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            {source && (
              <>
                <a
                  className="button button--secondary"
                  href={forensicsPaths.html(electionId, source, format.language)}
                >
                  {t("forensics.downloadHtml")}
                </a>
                <a
                  className="button button--secondary"
                  href={forensicsPaths.report(electionId, source, format.language)}
                  download={`forensics-${source}.json`}
                >
                  {t("forensics.downloadJson")}
                </a>
                <a
                  className="button button--secondary"
                  href={forensicsPaths.tables(electionId, source, format.language)}
                  download
                  data-export="forensics-xlsx"
                >
                  {t("workspace.forensics.downloadTables")}
                </a>
              </>
            )}
          </div>
        )}
      </section>

      {source &&
        (report.isPending ? (
          <div className="status" role="status" aria-live="polite">
            <span className="spinner" aria-hidden="true" />
            <span>{t("forensics.computing")}</span>
          </div>
        ) : report.isError ? (
          <ErrorPanel error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <Report report={report.data} />
        ))}

      {canUpload && (
        <Upload electionId={electionId} onDone={(id) => setParams({ source: id }, { replace: true })} />
      )}
    </div>
  );
}
