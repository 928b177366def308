import { type ElectionsResponse, getJson, urls } from "./api.ts";
import { nameIn, usePortalText } from "./i18n.ts";
import { Status } from "./Status.tsx";
import { useLoad } from "./useLoad.ts";

export function ElectionsPage() {
  const { t, language } = usePortalText();
  const loaded = useLoad("elections", () => getJson<ElectionsResponse>(urls.elections));
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="portal-lead">{t("elections.lead")}</p>
      <Status loaded={loaded}>
        {({ elections }) =>
          elections.length === 0 ? (
            <p className="muted">{t("elections.none")}</p>
          ) : (
            <ul className="portal-list">
              {elections.map((election) => (
                <li key={election.id} className="card">
                  <h2>
                    <a href={`#/elections/${election.id}`}>{nameIn(election.name, language)}</a>
                  </h2>
                  <p className="muted">
                    {election.date} · {election.country}
                  </p>
                  <p>
                    {t("elections.missions")}:{" "}
                    {election.missions
                      .map(
                        (m) =>
                          `${nameIn(m.name, language)} (${t("elections.snapshots", { count: m.publications.length })})`,
                      )
                      .join("; ")}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Status>
    </>
  );
}
