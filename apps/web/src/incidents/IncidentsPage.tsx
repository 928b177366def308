import {
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  type IncidentSeverity,
  type IncidentStatus,
} from "@scrutiny/domain";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { MissionOverview } from "../api/client.ts";
import { useFormat } from "../i18n/format.ts";
import { WithOwnMission } from "../session/missionAccess.tsx";
import { Pager } from "../submissions/SubmissionTable.tsx";
import { useAddressFilters } from "../ui/addressFilters.ts";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { StationSearchField } from "../ui/StationSearchField.tsx";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";
import { type Incident, useIncidents } from "./api.ts";
import { IncidentPanel } from "./IncidentPanel.tsx";
import "./incidents.css";

const PAGE_SIZE = 50;

/** `/elections/:electionId/incidents`: the mission's incident inbox, critical and open first. */
export function IncidentsPage() {
  const { electionId = "" } = useParams();
  return (
    <WithOwnMission electionId={electionId}>
      {(mission) => <Inbox electionId={electionId} mission={mission} />}
    </WithOwnMission>
  );
}

const isStatus = (value: string | null): value is IncidentStatus =>
  (INCIDENT_STATUSES as readonly (string | null)[]).includes(value);
const isSeverity = (value: string | null): value is IncidentSeverity =>
  (INCIDENT_SEVERITIES as readonly (string | null)[]).includes(value);

/** Filters and the open incident live in the address: a view can be bookmarked and shared. */
function useInboxAddress() {
  const { params, page, update } = useAddressFilters(["incident"]);
  const status = params.get("status");
  const severity = params.get("severity");
  return {
    status: isStatus(status) ? status : undefined,
    severity: isSeverity(severity) ? severity : undefined,
    station: params.get("station")?.trim() || undefined,
    page,
    open: params.get("incident") ?? undefined,
    change: update,
  };
}

/** Every incident the filters keep (not only this page), built by the server. */
function exportHref(
  missionId: string,
  format: "csv" | "xlsx",
  language: string,
  filters: { status?: string | undefined; severity?: string | undefined; station?: string | undefined },
): string {
  const query = new URLSearchParams({ format, language });
  if (filters.status !== undefined) query.set("status", filters.status);
  if (filters.severity !== undefined) query.set("severity", filters.severity);
  if (filters.station !== undefined) query.set("station", filters.station);
  return `/api/v1/missions/${missionId}/incidents/export?${query}`;
}

function Inbox({ electionId, mission }: { electionId: string; mission: MissionOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const address = useInboxAddress();
  useDocumentTitle(t("incidents.title"));
  const inbox = useIncidents(mission.id, {
    status: address.status,
    severity: address.severity,
    ...(address.station === undefined ? {} : { station: address.station }),
    limit: PAGE_SIZE,
    offset: (address.page - 1) * PAGE_SIZE,
  });
  const missionName = format.localized(mission.name);

  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow" lang={missionName.lang === format.language ? undefined : missionName.lang}>
          {missionName.text}
        </p>
        <h1>{t("incidents.title")}</h1>
        <p className="page-header__lead">{t("incidents.lead")}</p>
      </header>

      {inbox.data !== undefined && (
        <ul className="incident-counts" aria-label={t("incidents.openBySeverity")}>
          {INCIDENT_SEVERITIES.map((severity) => (
            <li key={severity} className={`incident-count incident-count--${severity}`}>
              <span className="incident-count__value">{format.number(inbox.data.open[severity] ?? 0)}</span>{" "}
              {t(`incidents.severity.${severity}`)}
            </li>
          ))}
        </ul>
      )}

      <section className="card filters" aria-labelledby="incident-filters">
        <h2 id="incident-filters" className="visually-hidden">
          {t("incidents.filters")}
        </h2>
        <div className="filters__grid">
          <div className="field">
            <label htmlFor="incident-status">{t("incidents.status")}</label>
            <select
              id="incident-status"
              className="select"
              value={address.status ?? ""}
              onChange={(event) => address.change({ status: event.target.value || undefined })}
            >
              <option value="">{t("incidents.anyStatus")}</option>
              {INCIDENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`incidents.statusName.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="incident-severity">{t("incidents.severityLabel")}</label>
            <select
              id="incident-severity"
              className="select"
              value={address.severity ?? ""}
              onChange={(event) => address.change({ severity: event.target.value || undefined })}
            >
              <option value="">{t("incidents.anySeverity")}</option>
              {INCIDENT_SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {t(`incidents.severity.${severity}`)}
                </option>
              ))}
            </select>
          </div>
          <StationSearchField
            id="incident-station"
            value={address.station}
            onChange={(station) => address.change({ station })}
          />
        </div>
      </section>

      <div className="incident-layout">
        <section className="card card--flush" aria-labelledby="incident-list">
          <div className="card__header results-header">
            <h2 id="incident-list" className="card__title">
              {t("incidents.list")}
            </h2>
            {inbox.data !== undefined && (
              <p className="results-count" aria-live="polite">
                {t("incidents.count", { number: format.number(inbox.data.total) })}
              </p>
            )}
          </div>
          {inbox.isPending ? (
            <LoadingPanel />
          ) : inbox.isError ? (
            <ErrorPanel error={inbox.error} onRetry={() => void inbox.refetch()} />
          ) : inbox.data.incidents.length === 0 ? (
            <p className="card__body muted">
              {address.status !== undefined || address.severity !== undefined || address.station !== undefined
                ? t("incidents.noneMatching")
                : t("incidents.noneYet")}
            </p>
          ) : (
            <IncidentTable
              incidents={inbox.data.incidents}
              selected={address.open}
              onOpen={(id) => address.change({ incident: id })}
            />
          )}
          {inbox.data !== undefined && inbox.data.total > 0 && (
            <p className="card__body">
              {(["csv", "xlsx"] as const).map((kind) => (
                <a
                  key={kind}
                  className="button button--secondary"
                  href={exportHref(mission.id, kind, format.language, address)}
                  download
                  data-export={`incidents-${kind}`}
                >
                  {t(kind === "csv" ? "incidents.exportCsv" : "incidents.exportXlsx")}
                </a>
              ))}
            </p>
          )}
          {inbox.data !== undefined && inbox.data.total > PAGE_SIZE && (
            <Pager
              page={address.page}
              pages={Math.ceil(inbox.data.total / PAGE_SIZE)}
              onPage={(page) => address.change({ page: String(page) })}
              format={format}
            />
          )}
        </section>
        {address.open !== undefined && (
          <IncidentPanel
            electionId={electionId}
            missionId={mission.id}
            submissionId={address.open}
            assignees={inbox.data?.assignees ?? []}
            onClose={() => address.change({ incident: undefined })}
          />
        )}
      </div>
    </div>
  );
}

function IncidentTable({
  incidents,
  selected,
  onOpen,
}: {
  incidents: readonly Incident[];
  selected: string | undefined;
  onOpen: (submissionId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableRegion>
      <table className="table table--stack table--rows incident-table">
        <thead>
          <tr>
            <th scope="col">{t("incidents.station")}</th>
            <th scope="col">{t("incidents.severityLabel")}</th>
            <th scope="col">{t("incidents.status")}</th>
            <th scope="col">{t("incidents.what")}</th>
            <th scope="col">{t("incidents.submitted")}</th>
            <th scope="col">{t("incidents.assignee")}</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr
              key={incident.submissionId}
              data-incident={incident.submissionId}
              aria-current={incident.submissionId === selected ? "true" : undefined}
            >
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(incident.submissionId)}>
                  <strong>{incident.stationCode}</strong> {incident.stationName}
                </button>
              </th>
              <td data-label={t("incidents.severityLabel")}>
                <span className={`badge badge--severity-${incident.severity}`}>
                  {t(`incidents.severity.${incident.severity}`)}
                </span>
              </td>
              <td data-label={t("incidents.status")}>
                <span className={`badge badge--incident-${incident.status}`}>
                  {t(`incidents.statusName.${incident.status}`)}
                </span>
              </td>
              <td data-label={t("incidents.what")}>
                <span>
                  {format.localized(incident.formTitle).text}
                  {incident.critical.length > 0 && (
                    <ul className="incident-critical">
                      {incident.critical.map((answer) => (
                        <li key={answer.name}>{format.localized(answer.label).text}</li>
                      ))}
                    </ul>
                  )}
                </span>
              </td>
              <td data-label={t("incidents.submitted")} className="nowrap">
                {format.dateTime(incident.submittedAt)}
              </td>
              <td data-label={t("incidents.assignee")}>
                {incident.assigneeName ?? <span className="muted">{t("incidents.unassigned")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
