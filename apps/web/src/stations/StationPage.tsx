import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePhaseName } from "../coverage/PhaseSelect.tsx";
import { type Format, useFormat } from "../i18n/format.ts";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";
import { levelName } from "../ui/variableNames.ts";
import { type StationPage as Page, useStationPage } from "./api.ts";
import "./stations.css";

/** `/elections/:electionId/stations/:stationId`: one station across phases and missions. */
export function StationPage() {
  const { electionId = "", stationId = "" } = useParams();
  const { t } = useTranslation();
  const page = useStationPage(electionId, stationId);
  useDocumentTitle(
    page.data ? `${page.data.station.code} · ${page.data.station.name}` : t("stationPage.title"),
  );
  if (page.isPending) return <LoadingPanel />;
  if (page.isError) return <ErrorPanel error={page.error} onRetry={() => void page.refetch()} />;
  return <StationView electionId={electionId} page={page.data} />;
}

function StationView({ electionId, page }: { electionId: string; page: Page }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { station } = page;
  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">{t("stationPage.eyebrow")}</p>
        <h1>
          <span className="station-code">{station.code}</span>{" "}
          <span className="heading-sub">{station.name}</span>
        </h1>
        <dl className="meta">
          {station.areas.map((area) => (
            <div key={area.code}>
              <dt>{levelName(area.level, t)}</dt>
              <dd>{format.localized(area.name).text}</dd>
            </div>
          ))}
          <div>
            <dt>{t("stationPage.registered")}</dt>
            <dd>{format.number(station.registeredVoters)}</dd>
          </div>
          {station.address !== null && (
            <div>
              <dt>{t("stationPage.address")}</dt>
              <dd>{station.address}</dd>
            </div>
          )}
        </dl>
      </header>
      <Visits electionId={electionId} page={page} />
      <Reports electionId={electionId} page={page} />
      <Protocols page={page} format={format} />
    </div>
  );
}

/** A card listing rows of one kind, or saying there are none. */
function ListSection({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: string | undefined;
  children: ReactNode;
}) {
  return (
    <section className="card card--flush" aria-labelledby={id}>
      <div className="card__header">
        <h2 id={id} className="card__title">
          {title}
        </h2>
      </div>
      {empty !== undefined ? <p className="card__body muted">{empty}</p> : children}
    </section>
  );
}

function missionName(page: Page, format: Format, missionId: string): string {
  const mission = page.missions.find((m) => m.id === missionId);
  return mission === undefined ? missionId : format.localized(mission.name).text;
}

function Visits({ electionId, page }: { electionId: string; page: Page }) {
  const { t } = useTranslation();
  const format = useFormat();
  const phaseName = usePhaseName(electionId);
  const many = page.missions.length > 1;
  return (
    <ListSection
      id="station-visits"
      title={t("stationPage.visits")}
      empty={page.visits.length === 0 ? t("stationPage.noVisits") : undefined}
    >
      <TableRegion>
        <table className="table table--stack">
          <thead>
            <tr>
              <th scope="col">{t("stationPage.phase")}</th>
              {many && <th scope="col">{t("stationPage.mission")}</th>}
              <th scope="col">{t("stationPage.team")}</th>
              <th scope="col">{t("stationPage.arrived")}</th>
              <th scope="col">{t("stationPage.departed")}</th>
            </tr>
          </thead>
          <tbody>
            {page.visits.map((visit) => (
              <tr key={`${visit.missionId}:${visit.phaseCode}:${visit.teamCode}:${visit.routeOrder}`}>
                <th scope="row">{phaseName(visit.phaseCode)}</th>
                {many && (
                  <td data-label={t("stationPage.mission")}>{missionName(page, format, visit.missionId)}</td>
                )}
                <td data-label={t("stationPage.team")}>{visit.teamCode}</td>
                <td data-label={t("stationPage.arrived")}>
                  {visit.arrivedAt === null ? "—" : format.dateTime(visit.arrivedAt)}
                </td>
                <td data-label={t("stationPage.departed")}>
                  {visit.departedAt === null ? "—" : format.dateTime(visit.departedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </ListSection>
  );
}

function Reports({ electionId, page }: { electionId: string; page: Page }) {
  const { t } = useTranslation();
  const format = useFormat();
  const phaseName = usePhaseName(electionId);
  const many = page.missions.length > 1;
  return (
    <ListSection
      id="station-reports"
      title={t("stationPage.reports")}
      empty={page.reports.length === 0 ? t("stationPage.noReports") : undefined}
    >
      <TableRegion>
        <table className="table table--stack">
          <thead>
            <tr>
              <th scope="col">{t("stationPage.form")}</th>
              <th scope="col">{t("stationPage.phase")}</th>
              {many && <th scope="col">{t("stationPage.mission")}</th>}
              <th scope="col">{t("stationPage.submitted")}</th>
              <th scope="col">{t("stationPage.status")}</th>
              <th scope="col">{t("stationPage.flags")}</th>
            </tr>
          </thead>
          <tbody>
            {page.reports.map((report) => (
              <tr key={report.submissionId} data-report={report.submissionId}>
                <th scope="row">
                  <Link to={`/elections/${electionId}/submissions/${report.submissionId}`}>
                    {format.localized(report.formTitle).text}
                  </Link>
                </th>
                <td data-label={t("stationPage.phase")}>{phaseName(report.phaseCode)}</td>
                {many && (
                  <td data-label={t("stationPage.mission")}>{missionName(page, format, report.missionId)}</td>
                )}
                <td data-label={t("stationPage.submitted")}>{format.dateTime(report.submittedAt)}</td>
                <td data-label={t("stationPage.status")}>
                  <span className={`badge badge--status-${report.status}`}>
                    {t(`submissionStatus.${report.status as "accepted"}`, { defaultValue: report.status })}
                  </span>
                </td>
                <td data-label={t("stationPage.flags")}>{format.number(report.flags)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </ListSection>
  );
}

const FIELD_KEYS = {
  registered: "stationPage.field.registered",
  ballotsIssued: "stationPage.field.ballotsIssued",
  valid: "stationPage.field.valid",
  invalid: "stationPage.field.invalid",
} as const;

function Protocols({ page, format }: { page: Page; format: Format }) {
  const { t } = useTranslation();
  const fieldName = (field: string, contestId: string | null) => {
    if (field in FIELD_KEYS) return t(FIELD_KEYS[field as keyof typeof FIELD_KEYS]);
    const code = field.slice("votes:".length);
    const candidate = page.protocols
      .find((p) => p.contestId === contestId)
      ?.votes.find((v) => v.code === code);
    return t("stationPage.votesFor", { name: candidate?.name ?? code });
  };
  return (
    <section className="card" aria-labelledby="station-protocols">
      <h2 id="station-protocols" className="card__title">
        {t("stationPage.protocols")}
      </h2>
      {page.protocols.length === 0 ? (
        <p className="muted">{t("stationPage.noProtocol")}</p>
      ) : (
        page.protocols.map((protocol) => (
          <div key={protocol.contestId} className="station-protocol">
            <h3 className="station-protocol__title">{format.localized(protocol.contestName).text}</h3>
            <p className="muted">
              {t("stationPage.turnout", {
                turnout: protocol.turnout === null ? "—" : format.percent(protocol.turnout),
                issued: format.number(protocol.ballotsIssued),
                registered: format.number(protocol.registeredVoters),
              })}
            </p>
            <TableRegion>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("stationPage.candidate")}</th>
                    <th scope="col">{t("stationPage.party")}</th>
                    <th scope="col" className="num">
                      {t("stationPage.votes")}
                    </th>
                    <th scope="col" className="num">
                      {t("stationPage.share")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {protocol.votes.map((vote) => (
                    <tr key={vote.code}>
                      <th scope="row">{vote.name}</th>
                      <td>{vote.party ?? "—"}</td>
                      <td className="num">{format.number(vote.votes)}</td>
                      <td className="num">
                        {protocol.valid > 0 ? format.percent(vote.votes / protocol.valid) : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </div>
        ))
      )}
      <h3 className="station-protocol__title">{t("stationPage.comparison")}</h3>
      {page.comparison.length === 0 ? (
        <p className="muted">{t("stationPage.noComparison")}</p>
      ) : (
        page.comparison.map((report) => (
          <div key={report.submissionId} className="station-comparison" data-comparison={report.submissionId}>
            <p className={report.differences > 0 ? "callout callout--warning" : "muted"}>
              {report.differences > 0
                ? t("stationPage.differences", { number: format.number(report.differences) })
                : t("stationPage.noDifferences")}
            </p>
            <TableRegion>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("stationPage.figure")}</th>
                    <th scope="col" className="num">
                      {t("stationPage.observed")}
                    </th>
                    <th scope="col" className="num">
                      {t("stationPage.published")}
                    </th>
                    <th scope="col" className="num">
                      {t("stationPage.difference")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.fields.map((field) => (
                    <tr key={field.field} className={field.difference ? "is-different" : undefined}>
                      <th scope="row">{fieldName(field.field, report.contestId)}</th>
                      <td className="num">{field.observed === null ? "—" : format.number(field.observed)}</td>
                      <td className="num">
                        {field.published === null ? "—" : format.number(field.published)}
                      </td>
                      <td className="num">
                        {field.difference === null
                          ? "—"
                          : `${field.difference > 0 ? "+" : ""}${format.number(field.difference)}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </div>
        ))
      )}
    </section>
  );
}
