import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import type { MissionOverview } from "../api/client.ts";
import { type AreaShapes, type Coverage, useAreaShapes, useCoverage } from "../deployment/api.ts";
import { useFormat } from "../i18n/format.ts";
import { WithOwnMission } from "../session/missionAccess.tsx";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { StationSearchField } from "../ui/StationSearchField.tsx";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { areaRates, reportedShare } from "./areaRates.ts";
import { boundariesOf, CoverageMap, rateColour } from "./CoverageMap.tsx";
import { PhaseSelect, usePhaseName } from "./PhaseSelect.tsx";
import "../deployment/deployment.css";
import { Pager } from "../submissions/SubmissionTable.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";

/** Missing reports per page: what the coverage route gives without `missingLimit`. */
const MISSING_PAGE = 200;

/** `/elections/:electionId/coverage`: which planned stations have reported, by phase and area. */
export function CoveragePage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t("deployment.coverage.title"));
  return (
    <WithOwnMission electionId={electionId} coordinatorsOnly>
      {(mission) => <CoverageView electionId={electionId} mission={mission} />}
    </WithOwnMission>
  );
}

function CoverageView({ electionId, mission }: { electionId: string; mission: MissionOverview }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const phase = params.get("phase") ?? undefined;
  const missingPage = Math.max(1, Number(params.get("missing")) || 1);
  const station = params.get("station")?.trim() || undefined;
  const coverage = useCoverage(mission.id, phase, (missingPage - 1) * MISSING_PAGE, station);
  const shapes = useAreaShapes(electionId);
  const phaseName = usePhaseName(electionId);

  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow">{t("deployment.eyebrow")}</p>
        <h1>{t("deployment.coverage.title")}</h1>
        <p className="muted">{t("deployment.coverage.intro")}</p>
      </header>
      {coverage.isPending ? (
        <LoadingPanel />
      ) : coverage.isError ? (
        <ErrorPanel error={coverage.error} onRetry={() => void coverage.refetch()} />
      ) : (
        <>
          <PhaseSelect
            className="field deployment-phase"
            phases={coverage.data.phases}
            value={coverage.data.phaseCode}
            phaseName={phaseName}
            onChange={(code) =>
              setParams(() => {
                const next = new URLSearchParams({ phase: code });
                if (station !== undefined) next.set("station", station);
                return next;
              })
            }
          />
          <PhaseStats coverage={coverage.data} phaseName={phaseName} />
          <div className="deployment-columns">
            <section className="card" aria-labelledby="coverage-map">
              <h2 id="coverage-map" className="card__title">
                {t("deployment.coverage.map")}
              </h2>
              <p className="card__hint">{t("deployment.coverage.mapHint")}</p>
              {shapes.isPending ? (
                <LoadingPanel />
              ) : shapes.isError ? (
                <ErrorPanel error={shapes.error} onRetry={() => void shapes.refetch()} />
              ) : (
                <MapOf coverage={coverage.data} shapes={shapes.data} />
              )}
            </section>
            <AreaTable coverage={coverage.data} />
          </div>
          <MissingTable
            missionId={mission.id}
            coverage={coverage.data}
            phaseName={phaseName(coverage.data.phaseCode)}
            busy={coverage.isPlaceholderData}
            station={station}
            onStation={(text) =>
              setParams((current) => {
                // A new search starts at its first page.
                const next = new URLSearchParams(current);
                next.delete("missing");
                if (text === undefined) next.delete("station");
                else next.set("station", text);
                return next;
              })
            }
            onPage={(page) =>
              setParams((current) => {
                const next = new URLSearchParams(current);
                next.set("missing", String(page));
                return next;
              })
            }
          />
        </>
      )}
    </div>
  );
}

function MapOf({ coverage, shapes }: { coverage: Coverage; shapes: AreaShapes }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rates = areaRates(coverage.byArea, format.localized);
  if (boundariesOf(shapes).length === 0) return <p className="muted">{t("deployment.coverage.noShapes")}</p>;
  return (
    <>
      <CoverageMap shapes={shapes} rates={rates} label={t("deployment.coverage.mapLabel")} />
      <p className="coverage-legend" aria-hidden="true">
        <span style={{ background: rateColour(0) }} /> 0%
        <span style={{ background: rateColour(0.5) }} /> 50%
        <span style={{ background: rateColour(1) }} /> 100%
      </p>
    </>
  );
}

function PhaseStats({ coverage, phaseName }: { coverage: Coverage; phaseName: (code: string) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const current = coverage.phases.find((p) => p.code === coverage.phaseCode);
  const planned = current?.planned ?? 0;
  const reported = current?.reported ?? 0;
  return (
    <section aria-labelledby="coverage-figures">
      <h2 id="coverage-figures" className="visually-hidden">
        {t("deployment.coverage.figures")}
      </h2>
      <dl className="stats">
        <div className="stat">
          <dt className="stat__label">{t("deployment.coverage.planned")}</dt>
          <dd className="stat__value">{format.number(planned)}</dd>
        </div>
        <div className="stat">
          <dt className="stat__label">{t("deployment.coverage.reported")}</dt>
          <dd className="stat__value">{format.number(reported)}</dd>
        </div>
        <div className="stat">
          <dt className="stat__label">{t("deployment.coverage.rate")}</dt>
          <dd className="stat__value">{reportedShare(reported, planned)}</dd>
        </div>
        <div className="stat">
          <dt className="stat__label">{t("deployment.coverage.missing")}</dt>
          <dd className="stat__value">{format.number(coverage.missingTotal)}</dd>
        </div>
      </dl>
      <ul className="coverage-phases">
        {coverage.phases.map((p) => (
          <li key={p.code} className={p.code === coverage.phaseCode ? "is-current" : undefined}>
            <span>{phaseName(p.code)}</span>
            <strong>
              {format.number(p.reported)} / {format.number(p.planned)}
            </strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AreaTable({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card card--flush" aria-labelledby="coverage-areas">
      <div className="card__header">
        <h2 id="coverage-areas" className="card__title">
          {t("deployment.coverage.byArea")}
        </h2>
      </div>
      <TableRegion>
        <table className="table table--stack deployment-compact">
          <thead>
            <tr>
              <th scope="col">{t("deployment.coverage.area")}</th>
              <th scope="col" className="num">
                {t("deployment.coverage.planned")}
              </th>
              <th scope="col" className="num">
                {t("deployment.coverage.reported")}
              </th>
              <th scope="col" className="num">
                {t("deployment.coverage.rate")}
              </th>
            </tr>
          </thead>
          <tbody>
            {coverage.byArea.map((a) => {
              const name = format.localized(a.name);
              return (
                <tr key={a.areaId}>
                  <th scope="row">
                    <span lang={name.lang}>{name.text}</span> <span className="muted">{a.code}</span>
                  </th>
                  <td className="num" data-label={t("deployment.coverage.planned")}>
                    {format.number(a.planned)}
                  </td>
                  <td className="num" data-label={t("deployment.coverage.reported")}>
                    {format.number(a.reported)}
                  </td>
                  <td className="num" data-label={t("deployment.coverage.rate")}>
                    {reportedShare(a.reported, a.planned)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

function MissingTable({
  missionId,
  coverage,
  phaseName,
  busy,
  station,
  onStation,
  onPage,
}: {
  missionId: string;
  coverage: Coverage;
  phaseName: string;
  busy: boolean;
  station: string | undefined;
  onStation: (station: string | undefined) => void;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(coverage.missingTotal / MISSING_PAGE));
  const page = Math.floor(coverage.missingOffset / MISSING_PAGE) + 1;
  const href = (kind: "csv" | "xlsx") => {
    const query = new URLSearchParams({
      phaseCode: coverage.phaseCode,
      format: kind,
      language: format.language,
    });
    if (station !== undefined) query.set("station", station);
    return `/api/v1/missions/${missionId}/coverage/missing/export?${query.toString()}`;
  };
  return (
    <section className="card card--flush" aria-labelledby="coverage-missing">
      <div className="card__header">
        <h2 id="coverage-missing" className="card__title">
          {t("deployment.coverage.missingTitle", { phase: phaseName })}
        </h2>
        {coverage.missingTotal > coverage.missing.length && (
          <p className="card__hint">
            {t("deployment.coverage.missingShown", {
              from: format.number(coverage.missingOffset + 1),
              to: format.number(coverage.missingOffset + coverage.missing.length),
              total: format.number(coverage.missingTotal),
            })}
          </p>
        )}
        {coverage.missingTotal > 0 && (
          <p className="coverage-missing__export">
            <a className="button button--secondary" href={href("csv")} download data-export="missing-csv">
              {t("deployment.coverage.exportCsv")}
            </a>{" "}
            <a className="button button--secondary" href={href("xlsx")} download data-export="missing-xlsx">
              {t("deployment.coverage.exportXlsx")}
            </a>
          </p>
        )}
      </div>
      <div className="card__body coverage-missing__search">
        <StationSearchField id="coverage-station" value={station} onChange={onStation} />
      </div>
      {coverage.missing.length === 0 ? (
        <p className="card__body muted">
          {station === undefined
            ? t("deployment.coverage.noneMissing")
            : t("workspace.stationSearch.noneMissing", { station })}
        </p>
      ) : (
        <TableRegion busy={busy}>
          <table className="table table--stack coverage-missing">
            <thead>
              <tr>
                <th scope="col">{t("deployment.coverage.station")}</th>
                <th scope="col">{t("deployment.coverage.area")}</th>
                <th scope="col">{t("deployment.coverage.contacts")}</th>
              </tr>
            </thead>
            <tbody>
              {coverage.missing.map((m) => (
                <tr key={m.stationId}>
                  <th scope="row">
                    {m.code} <span className="muted">{m.name}</span>
                  </th>
                  <td data-label={t("deployment.coverage.area")}>{m.areaCode}</td>
                  <td data-label={t("deployment.coverage.contacts")}>
                    {m.teams.length === 0 ? (
                      <span className="muted">{t("deployment.coverage.noTeam")}</span>
                    ) : (
                      <ul className="coverage-contacts">
                        {m.teams.flatMap((team) =>
                          team.observers.map((o) => (
                            <li key={`${team.code}-${o.name}`}>
                              <span className="badge">{team.code}</span> {o.name}
                              {o.phone !== null && (
                                <>
                                  {" "}
                                  <a href={`tel:${o.phone}`}>{o.phone}</a>
                                </>
                              )}
                            </li>
                          )),
                        )}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {pages > 1 && (
        <Pager
          page={page}
          pages={pages}
          onPage={onPage}
          format={format}
          label={t("deployment.coverage.missingPages")}
        />
      )}
    </section>
  );
}
