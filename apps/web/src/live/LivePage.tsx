import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import type { MissionOverview } from "../api/client.ts";
import { areaRates } from "../coverage/areaRates.ts";
import { CoverageMap } from "../coverage/CoverageMap.tsx";
import { PhaseSelect, usePhaseName } from "../coverage/PhaseSelect.tsx";
import { useAreaShapes } from "../deployment/api.ts";
import { useAnswerText } from "../forms/useAnswerText.ts";
import { useFormat } from "../i18n/format.ts";
import { WithOwnMission } from "../session/missionAccess.tsx";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { askForNotifications, notificationsAllowed, notify, soundAlarm, unlockSound } from "./alarm.ts";
import { type LiveEvent, type LiveSummary, useLiveEvents, useLiveSummary } from "./api.ts";
import "../deployment/deployment.css";
import "./live.css";

/** `/elections/:electionId/live`: the coordinators' election-day view, updated as reports arrive. */
export function LivePage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t("live.title"));
  return (
    <WithOwnMission electionId={electionId} coordinatorsOnly>
      {(mission) => <LiveView electionId={electionId} mission={mission} />}
    </WithOwnMission>
  );
}

function LiveView({ electionId, mission }: { electionId: string; mission: MissionOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const phase = params.get("phase") ?? undefined;
  const summary = useLiveSummary(mission.id, phase);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [sound, setSound] = useState(false);
  const [notifications, setNotifications] = useState(notificationsAllowed);
  const phaseName = usePhaseName(electionId);

  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.critical.length === 0) return;
      setFresh((previous) => new Set([...previous, ...event.critical.map((c) => c.submissionId)]));
      if (sound) soundAlarm();
      notify(
        t("live.criticalNotification", { count: event.critical.length }),
        event.critical.flatMap((c) => c.questions.map((q) => format.localized(q.label).text)).join("; "),
      );
    },
    [sound, t, format],
  );
  const connection = useLiveEvents(mission.id, onEvent);

  return (
    <div className="page live">
      <header className="page-header">
        <p className="eyebrow">{t("live.eyebrow")}</p>
        <h1>{t("live.title")}</h1>
        <p className="live-connection" data-connection={connection}>
          <span className={`live-dot live-dot--${connection}`} aria-hidden="true" />
          {t(`live.connection.${connection}`)}
          {summary.data !== undefined && (
            <span className="muted">
              {" "}
              · {t("live.updated", { time: format.dateTime(summary.data.generatedAt) })}
            </span>
          )}
        </p>
      </header>
      <div className="live-toolbar">
        <PhaseSelect
          phases={summary.data?.phases ?? []}
          value={summary.data?.phaseCode ?? phase ?? ""}
          phaseName={phaseName}
          onChange={(code) => setParams({ phase: code })}
        />
        <button
          type="button"
          className="button button--secondary"
          aria-pressed={sound}
          onClick={() => {
            unlockSound();
            setSound((on) => !on);
          }}
        >
          {sound ? t("live.soundOn") : t("live.soundOff")}
        </button>
        {!notifications && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void askForNotifications().then(setNotifications)}
          >
            {t("live.notifications")}
          </button>
        )}
      </div>
      {summary.isPending ? (
        <LoadingPanel />
      ) : summary.isError ? (
        <ErrorPanel error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <>
          <Critical electionId={electionId} summary={summary.data} fresh={fresh} />
          <PerHour summary={summary.data} phaseName={phaseName} />
          <CoverageSection electionId={electionId} summary={summary.data} />
          <NotReported missionId={mission.id} summary={summary.data} phaseName={phaseName} />
        </>
      )}
    </div>
  );
}

function Critical({
  electionId,
  summary,
  fresh,
}: {
  electionId: string;
  summary: LiveSummary;
  fresh: ReadonlySet<string>;
}) {
  const answer = useAnswerText(electionId);
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card live-critical" aria-labelledby="live-critical" data-live="critical">
      <h2 id="live-critical" className="card__title">
        {t("live.critical")}{" "}
        <span className="badge badge--critical">{format.number(summary.critical.length)}</span>
      </h2>
      {summary.critical.length === 0 ? (
        <p className="muted">{t("live.noCritical")}</p>
      ) : (
        <ul className="live-incidents">
          {summary.critical.map((incident) => (
            <li
              key={incident.id}
              className={fresh.has(incident.id) ? "live-incident is-new" : "live-incident"}
              data-submission={incident.id}
            >
              <p className="live-incident__where">
                <strong>{incident.stationCode}</strong> {incident.stationName}
                {incident.teamCode !== null && <span className="muted"> · {incident.teamCode}</span>}
                <span className="muted"> · {format.dateTime(incident.submittedAt)}</span>
              </p>
              <ul className="live-incident__what">
                {incident.questions.map((q) => (
                  <li key={q.name}>
                    {format.localized(q.label).text}:{" "}
                    <strong>{answer(incident.formId, q.name, q.answer)}</strong>
                  </li>
                ))}
              </ul>
              {incident.observerName !== null && (
                <p className="live-incident__who">
                  {incident.observerName}
                  {incident.observerPhone !== null && (
                    <>
                      {" · "}
                      <a href={`tel:${incident.observerPhone}`}>{incident.observerPhone}</a>
                    </>
                  )}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PerHour({ summary, phaseName }: { summary: LiveSummary; phaseName: (code: string) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const hour = (iso: string) =>
    format.instant(iso, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  const max = Math.max(1, ...summary.perHour.map((row) => row.reports));
  const phases = [...new Set(summary.perHour.map((row) => row.phaseCode))];
  return (
    <section className="card" aria-labelledby="live-hours" data-live="per-hour">
      <h2 id="live-hours" className="card__title">
        {t("live.perHour")}
      </h2>
      {phases.length === 0 && <p className="muted">{t("live.noReports")}</p>}
      {phases.map((code) => (
        <table key={code} className="table live-hours">
          <caption>{phaseName(code)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("live.hour")}</th>
              <th scope="col">{t("live.reports")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.perHour
              .filter((row) => row.phaseCode === code)
              .map((row) => (
                <tr key={row.hour}>
                  <th scope="row">{hour(row.hour)}</th>
                  <td>
                    <span
                      className="live-bar"
                      style={{ width: `${(100 * row.reports) / max}%` }}
                      aria-hidden="true"
                    />
                    <span className="live-bar__value">{format.number(row.reports)}</span>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

function CoverageSection({ electionId, summary }: { electionId: string; summary: LiveSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shapes = useAreaShapes(electionId);
  const { coverage } = summary;
  const current = coverage.phases.find((p) => p.code === coverage.phaseCode);
  const rates = areaRates(coverage.byArea, format.localized);
  return (
    <section className="card" aria-labelledby="live-coverage" data-live="coverage">
      <h2 id="live-coverage" className="card__title">
        {t("live.coverage")}
      </h2>
      <p className="live-coverage-figure" data-reported={current?.reported ?? 0}>
        {t("live.reportedOf", {
          reported: format.number(current?.reported ?? 0),
          planned: format.number(current?.planned ?? 0),
        })}
      </p>
      {shapes.data !== undefined && shapes.data.features.length > 0 && (
        <CoverageMap shapes={shapes.data} rates={rates} label={t("deployment.coverage.mapLabel")} />
      )}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("live.area")}</th>
            <th scope="col">{t("live.reportedColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {coverage.byArea.map((area) => (
            <tr key={area.areaId}>
              <th scope="row">{format.localized(area.name).text}</th>
              <td>
                {format.number(area.reported)} / {format.number(area.planned)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function NotReported({
  missionId,
  summary,
  phaseName,
}: {
  missionId: string;
  summary: LiveSummary;
  phaseName: (code: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { coverage } = summary;
  // The call list is built by the server, every missing station (not only those shown here).
  const callList = `/api/v1/missions/${missionId}/coverage/missing/export?phaseCode=${encodeURIComponent(coverage.phaseCode)}&format=csv&language=${format.language}`;
  return (
    <section className="card" aria-labelledby="live-missing" data-live="not-reported">
      <h2 id="live-missing" className="card__title">
        {t("live.notReported", { phase: phaseName(coverage.phaseCode) })}{" "}
        <span className="badge">{format.number(coverage.missingTotal)}</span>
      </h2>
      {coverage.missing.length > 0 && (
        <a className="button" href={callList} download data-export="call-list">
          {t("live.callList")}
        </a>
      )}
      {coverage.missing.length === 0 ? (
        <p className="muted">{t("live.allReported")}</p>
      ) : (
        <table className="table live-missing">
          <thead>
            <tr>
              <th scope="col">{t("live.csv.station")}</th>
              <th scope="col">{t("live.csv.team")}</th>
              <th scope="col">{t("live.csv.phone")}</th>
            </tr>
          </thead>
          <tbody>
            {coverage.missing.map((station) => (
              <tr key={station.stationId} data-station={station.code}>
                <th scope="row">
                  {station.code} <span className="muted">{station.name}</span>
                </th>
                <td>{station.teams.map((team) => team.code).join(", ") || "–"}</td>
                <td>
                  {station.teams
                    .flatMap((team) => team.observers)
                    .map((o) => (
                      <span key={`${o.name}${o.phone ?? ""}`} className="live-phone">
                        {o.name}
                        {o.phone !== null && (
                          <>
                            {" "}
                            <a href={`tel:${o.phone}`}>{o.phone}</a>
                          </>
                        )}
                      </span>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {coverage.missingTotal > coverage.missing.length && (
        <p className="muted">
          {t("live.moreMissing", {
            shown: format.number(coverage.missing.length),
            total: format.number(coverage.missingTotal),
          })}
        </p>
      )}
    </section>
  );
}
