import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  type ElectionOverview,
  type ElectionPhase,
  isApiError,
  type MissionOverview,
} from "../api/client.ts";
import { useOverview } from "../api/queries.ts";
import en from "../i18n/en.json";
import { type Format, useFormat } from "../i18n/format.ts";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";

export function OverviewPage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  const overview = useOverview(electionId);

  if (overview.isPending) return <LoadingPanel />;
  if (overview.isError) {
    // 400 is a malformed id in the address; to the reader it is the same as an unknown election.
    if (isApiError(overview.error, 404) || isApiError(overview.error, 400)) {
      return (
        <EmptyState title={t("errors.electionNotFoundTitle")}>
          <p>{t("errors.electionNotFoundText")}</p>
          <Link to="/" className="button button--secondary">
            {t("errors.toStart")}
          </Link>
        </EmptyState>
      );
    }
    return <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  return <Overview data={overview.data} />;
}

function Overview({ data }: { data: ElectionOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { election, missions, totals } = data;
  const name = format.localized(election.name);

  useEffect(() => {
    document.title = `${name.text} · ${t("app.name")}`;
  }, [name.text, t]);

  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">{t("overview.eyebrow")}</p>
        <h1 lang={name.lang === format.language ? undefined : name.lang}>{name.text}</h1>
        <dl className="meta">
          <div>
            <dt>{t("overview.electionDay")}</dt>
            <dd>
              <time dateTime={election.electionDate}>{format.date(election.electionDate)}</time>
            </dd>
          </div>
          <div>
            <dt>{t("overview.country")}</dt>
            <dd>{format.country(election.country)}</dd>
          </div>
          <div>
            <dt>{t("overview.code")}</dt>
            <dd>
              <code>{election.code}</code>
            </dd>
          </div>
        </dl>
      </header>

      <section aria-labelledby="key-figures">
        <h2 id="key-figures" className="visually-hidden">
          {t("overview.keyFigures")}
        </h2>
        <dl className="stats">
          <Stat
            label={t("overview.stations")}
            value={format.number(election.stations)}
            hint={t("overview.stationsHint")}
          />
          <Stat
            label={t("overview.registeredVoters")}
            value={format.number(election.registeredVoters)}
            hint={t("overview.registeredVotersHint")}
          />
          <Stat
            label={t("overview.observers")}
            value={format.number(totals.observers)}
            hint={t("overview.observersHint")}
          />
          <Stat
            label={t("overview.reports")}
            value={format.number(totals.submissions)}
            hint={t("overview.reportsHint")}
          />
        </dl>
      </section>

      <div className="columns">
        <section className="card" aria-labelledby="phases">
          <h2 id="phases" className="card__title">
            {t("overview.phases")}
          </h2>
          <Phases phases={election.phases} format={format} />
        </section>
        <section className="card" aria-labelledby="areas">
          <h2 id="areas" className="card__title">
            {t("overview.areas")}
          </h2>
          <p className="card__hint">{t("overview.areasHint")}</p>
          <Areas areasByLevel={election.areasByLevel} format={format} />
        </section>
      </div>

      <section className="card card--flush" aria-labelledby="missions">
        <div className="card__header">
          <h2 id="missions" className="card__title">
            {t("overview.missions")}
          </h2>
          <p className="card__hint">{t("overview.missionsHint")}</p>
        </div>
        {missions.length === 0 ? (
          <p className="card__body muted">{t("overview.noMissions")}</p>
        ) : (
          <MissionTable missions={missions} totals={totals} format={format} />
        )}
      </section>
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="stat">
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
      {hint !== undefined && <dd className="stat__hint">{hint}</dd>}
    </div>
  );
}

function Phases({ phases, format }: { phases: readonly ElectionPhase[]; format: Format }) {
  const { t } = useTranslation();
  if (phases.length === 0) return <p className="muted">{t("overview.noPhases")}</p>;
  const ordered = [...phases].sort((a, b) => a.date.localeCompare(b.date));
  let earlyDay = 0;
  return (
    <ol className="timeline">
      {ordered.map((phase) => {
        if (phase.kind === "early_voting") earlyDay += 1;
        // The phase's own name in this language if the election has one; else one from its kind.
        const own = phase.name[format.language];
        const title = own ?? t(`phaseName.${phase.kind}`, { day: earlyDay });
        return (
          <li key={phase.code} className={`timeline__item timeline__item--${phase.kind}`}>
            <time className="timeline__date" dateTime={phase.date}>
              {format.day(phase.date)}
            </time>
            <span className="timeline__name">{title}</span>
            <span className={`badge badge--phase-${phase.kind}`}>{t(`phaseKind.${phase.kind}`)}</span>
          </li>
        );
      })}
    </ol>
  );
}

const levelOrder = Object.keys(en.areaLevel);

function isKnownLevel(level: string): level is keyof typeof en.areaLevel {
  return level in en.areaLevel;
}

function Areas({ areasByLevel, format }: { areasByLevel: Readonly<Record<string, number>>; format: Format }) {
  const { t } = useTranslation();
  const levels = Object.entries(areasByLevel).sort(([a], [b]) => {
    const rank = (level: string) => {
      const index = levelOrder.indexOf(level);
      return index === -1 ? levelOrder.length : index;
    };
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  if (levels.length === 0) return <p className="muted">{t("overview.noAreas")}</p>;
  return (
    <dl className="pairs">
      {levels.map(([level, count]) => (
        <div key={level} className="pairs__row">
          <dt>{isKnownLevel(level) ? t(`areaLevel.${level}`) : level}</dt>
          <dd>{format.number(count)}</dd>
        </div>
      ))}
    </dl>
  );
}

function MissionTable({
  missions,
  totals,
  format,
}: {
  missions: readonly MissionOverview[];
  totals: ElectionOverview["totals"];
  format: Format;
}) {
  const { t } = useTranslation();
  const plannedTotal = missions.reduce((sum, mission) => sum + mission.plannedStations, 0);
  const columns = {
    mission: t("table.mission"),
    kind: t("table.kind"),
    design: t("table.design"),
    observers: t("table.observers"),
    teams: t("table.teams"),
    planned: t("table.plannedStations"),
    reports: t("table.reports"),
  };
  return (
    <TableRegion>
      <table className="table table--stack">
        <caption className="visually-hidden">{t("overview.missions")}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.mission}</th>
            <th scope="col">{columns.kind}</th>
            <th scope="col">{columns.design}</th>
            <th scope="col" className="num">
              {columns.observers}
            </th>
            <th scope="col" className="num">
              {columns.teams}
            </th>
            <th scope="col" className="num">
              {columns.planned}
            </th>
            <th scope="col" className="num">
              {columns.reports}
            </th>
          </tr>
        </thead>
        <tbody>
          {missions.map((mission) => {
            const name = format.localized(mission.name);
            return (
              <tr key={mission.id}>
                <th scope="row" data-label={columns.mission}>
                  <span className="mission-name" lang={name.lang === format.language ? undefined : name.lang}>
                    {name.text}
                  </span>
                  <span className="mission-code">{mission.code}</span>
                </th>
                <td data-label={columns.kind}>
                  <span className={`badge badge--${mission.kind}`}>{t(`missionKind.${mission.kind}`)}</span>
                </td>
                <td data-label={columns.design} className="design-cell">
                  <span className={`design design--${mission.design}`}>
                    {t(`design.${mission.design}.label`)}
                  </span>
                  <span
                    className={
                      mission.design === "convenience" ? "design-note design-note--warn" : "design-note"
                    }
                  >
                    {t(`design.${mission.design}.note`)}
                  </span>
                </td>
                <td data-label={columns.observers} className="num">
                  {format.number(mission.observers)}
                </td>
                <td data-label={columns.teams} className="num">
                  {format.number(mission.teams)}
                </td>
                <td data-label={columns.planned} className="num">
                  {format.number(mission.plannedStations)}
                </td>
                <td data-label={columns.reports} className="num">
                  {format.number(mission.submissions)}
                </td>
              </tr>
            );
          })}
        </tbody>
        {missions.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t("overview.total")}
              </th>
              <td data-label={columns.observers} className="num">
                {format.number(totals.observers)}
              </td>
              <td data-label={columns.teams} className="num">
                {format.number(totals.teams)}
              </td>
              <td data-label={columns.planned} className="num">
                {format.number(plannedTotal)}
              </td>
              <td data-label={columns.reports} className="num">
                {format.number(totals.submissions)}
              </td>
            </tr>
          </tfoot>
        )}
      </table>
    </TableRegion>
  );
}
