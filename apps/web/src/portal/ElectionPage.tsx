import { TableRegion } from "../ui/TableRegion.tsx";
import { type ElectionResponse, getJson, urls } from "./api.ts";
import { counts, figure, interval } from "./format.ts";
import { nameIn, usePortalText } from "./i18n.ts";
import { Status } from "./Status.tsx";
import { useLoad } from "./useLoad.ts";

export function ElectionPage({ id }: { id: string }) {
  const { t, language } = usePortalText();
  const loaded = useLoad(`election/${id}`, () => getJson<ElectionResponse>(urls.election(id)));
  return (
    <Status loaded={loaded}>
      {({ election, comparison }) => {
        const missionCode = new Map(election.missions.map((m) => [m.id, nameIn(m.name, language)]));
        return (
          <>
            <h1>{nameIn(election.name, language)}</h1>
            <p className="muted">
              {election.date} · {election.country}
            </p>
            <section aria-labelledby="missions">
              <h2 id="missions">{t("election.missions")}</h2>
              <ul className="portal-list">
                {election.missions.map((m) => (
                  <li key={m.id} className="card">
                    <h3>{nameIn(m.name, language)}</h3>
                    <ul>
                      {m.publications.map((p) => (
                        <li key={p.id}>
                          <a href={`#/publications/${p.id}`}>{p.title}</a>{" "}
                          <span className="muted">{p.publishedAt.slice(0, 10)}</span>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="compare">
              <h2 id="compare">{t("election.compare")}</h2>
              <p className="muted">{t("election.compareLead")}</p>
              {comparison.length === 0 ? (
                <p className="muted">{t("election.noCompare")}</p>
              ) : (
                <TableRegion>
                  <table className="table portal-compare">
                    <thead>
                      <tr>
                        <th scope="col">{t("election.indicator")}</th>
                        {election.missions.map((m) => (
                          <th scope="col" key={m.id}>
                            {nameIn(m.name, language)}
                          </th>
                        ))}
                        <th scope="col">{t("election.difference")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {comparison.map((row) => (
                        <tr key={row.code} data-match={row.code}>
                          <th scope="row">{nameIn(row.name, language)}</th>
                          {row.members.map((m) => (
                            <td key={m.missionId} data-mission={m.missionCode}>
                              {m.estimate === null ? (
                                <span className="muted">{t("election.notPublished")}</span>
                              ) : (
                                <>
                                  <strong>{figure(m.estimate, m.estimate.value)}</strong>
                                  <br />
                                  <span className="muted">
                                    [{interval(m.estimate)}] · {counts(m.estimate)}
                                  </span>
                                </>
                              )}
                            </td>
                          ))}
                          <td>
                            {row.differences.map((d) => {
                              const scale = row.members.find((m) => m.estimate !== null)?.estimate;
                              const show = (v: number) => (scale ? figure(scale, v) : v.toFixed(3));
                              return (
                                <div key={`${d.a}/${d.b}`}>
                                  {missionCode.get(d.a)} − {missionCode.get(d.b)}: {show(d.difference)} [
                                  {show(d.lower)}, {show(d.upper)}], p = {d.pValue.toFixed(3)}
                                </div>
                              );
                            })}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableRegion>
              )}
            </section>
          </>
        );
      }}
    </Status>
  );
}
