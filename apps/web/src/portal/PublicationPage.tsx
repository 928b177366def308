import { TableRegion } from "../ui/TableRegion.tsx";
import { getJson, type SnapshotResponse, urls } from "./api.ts";
import { FigureTable, IncidentTable } from "./Figures.tsx";
import { ForensicsSection } from "./ForensicsSection.tsx";
import { nameIn, usePortalText } from "./i18n.ts";
import { ObserverEffectsSection } from "./ObserverEffectsSection.tsx";
import { Status } from "./Status.tsx";
import { useLoad } from "./useLoad.ts";

const DESIGNS = new Set(["stratified", "simple_random", "convenience"]);

export function PublicationPage({ id }: { id: string }) {
  const { t, language } = usePortalText();
  const loaded = useLoad(`publication/${id}`, () => getJson<SnapshotResponse>(urls.publication(id)));
  return (
    <Status loaded={loaded}>
      {(s) => {
        const phaseName = new Map(s.phases.map((p) => [p.code, nameIn(p.name, language)]));
        const areaName = new Map(s.areas.map((a) => [a.code, nameIn(a.name, language)]));
        const zip = urls.zip(s.publication.id);
        return (
          <>
            <p className="muted">
              <a href={`#/elections/${s.election.id}`}>{nameIn(s.election.name, language)}</a>
            </p>
            <h1>{s.publication.title}</h1>
            <p>
              {t("publication.by", {
                mission: nameIn(s.mission.name, language),
                date: s.publication.publishedAt.slice(0, 10),
              })}
            </p>
            <dl className="portal-facts">
              <dt>{t("publication.design")}</dt>
              <dd>{DESIGNS.has(s.design) ? t(`design.${s.design as "stratified"}`) : s.design}</dd>
              {s.plan === null ? null : (
                <>
                  <dt>{t("publication.plan")}</dt>
                  <dd>{s.plan.version}</dd>
                </>
              )}
              <dt>{t("publication.reports")}</dt>
              <dd>{s.reports}</dd>
              <dt>{t("publication.licence")}</dt>
              <dd>{s.licence}</dd>
              <dt>{t("publication.log")}</dt>
              <dd>
                <a href="#/verify">#{s.publication.logIndex}</a>
              </dd>
              <dt>{t("publication.hash")}</dt>
              <dd>
                <code className="portal-hash">{s.publication.contentHash}</code>
              </dd>
            </dl>
            {s.indicators.length === 0 ? null : (
              <section aria-labelledby="indicators">
                <h2 id="indicators">{t("publication.indicators")}</h2>
                {s.indicators.map((indicator) => (
                  <article
                    key={indicator.code}
                    className="card portal-indicator"
                    data-indicator={indicator.code}
                  >
                    <h3>{nameIn(indicator.definition.name, language)}</h3>
                    <p className="muted">
                      <code>{indicator.code}</code> v{indicator.version}
                      {/* The estimate's note (English, in estimates.csv) says it is a convenience sample. */}
                      {indicator.overall?.generalises === false ? ` · ${t("design.convenience")}` : ""}
                    </p>
                    {indicator.definition.kind === "incidents" ? (
                      <IncidentTable rows={indicator.incidents} categories={indicator.categories} />
                    ) : (
                      <>
                        <FigureTable
                          rows={indicator.overall ? [indicator.overall] : []}
                          label={t("publication.overall")}
                          keyLabel={() => t("publication.overall")}
                        />
                        <FigureTable
                          rows={indicator.byPhase}
                          label={t("publication.byPhase")}
                          keyLabel={(row) => phaseName.get(row.key) ?? row.key}
                        />
                        <FigureTable
                          rows={indicator.byArea}
                          label={t("publication.byArea", { level: s.areaLevel })}
                          keyLabel={(row) => areaName.get(row.key) ?? row.key}
                        />
                      </>
                    )}
                  </article>
                ))}
              </section>
            )}
            <ObserverEffectsSection
              effects={s.observerEffects}
              indicatorName={(code) =>
                nameIn(s.indicators.find((i) => i.code === code)?.definition.name, language) || code
              }
            />
            <ForensicsSection analyses={s.forensics} fileUrl={(name) => urls.file(s.publication.id, name)} />
            <section aria-labelledby="downloads">
              <h2 id="downloads">{t("publication.downloads")}</h2>
              <p>
                <a className="button button--primary" href={zip} download>
                  {t("publication.zip")}
                </a>
              </p>
              <TableRegion>
                <table className="table portal-files">
                  <tbody>
                    {s.publication.files.map((f) => (
                      <tr key={f.name}>
                        <th scope="row">
                          <a href={urls.file(s.publication.id, f.name)}>{f.name}</a>
                        </th>
                        <td>{f.bytes.toLocaleString(language)} B</td>
                        <td>
                          <code className="portal-hash">sha256:{f.sha256}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
              <p>{t("publication.recompute")}</p>
              <pre className="portal-command">scrutiny recompute {`${window.location.origin}${zip}`}</pre>
            </section>
          </>
        );
      }}
    </Status>
  );
}
