// The accreditation list to print and hand out: each observer with their accreditation number,
// team and phone-app username, and the access code when it was issued on this page (the server
// keeps only hashes, so a code issued earlier cannot be printed again, only reissued).
import { useTranslation } from "react-i18next";
import type { LocalizedText } from "../api/client.ts";
import { useFormat } from "../i18n/format.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";
import { type IssuedAccess, useObservers } from "./api.ts";

export function AccreditationList({
  missionId,
  missionName,
  electionName,
  issued,
}: {
  missionId: string;
  missionName: LocalizedText;
  electionName: LocalizedText;
  issued: ReadonlyMap<string, IssuedAccess>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const observers = useObservers(missionId);
  if (observers.isPending) return <LoadingPanel />;
  if (observers.isError)
    return <ErrorPanel error={observers.error} onRetry={() => void observers.refetch()} />;
  if (observers.data.length === 0) return null;
  return (
    <section className="card accreditation" aria-labelledby="accreditation">
      <h2 id="accreditation" className="card__title">
        {t("people.accreditation.title", {
          mission: format.localized(missionName).text,
          election: format.localized(electionName).text,
        })}
      </h2>
      <p className="card__hint no-print">{t("people.accreditation.hint")}</p>
      <div className="people-buttons no-print">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t("people.accreditation.print")}
        </button>
      </div>
      <TableRegion>
        <table className="table accreditation__table">
          <thead>
            <tr>
              <th scope="col">{t("people.column.code")}</th>
              <th scope="col">{t("people.column.name")}</th>
              <th scope="col">{t("people.column.accreditation")}</th>
              <th scope="col">{t("people.column.team")}</th>
              <th scope="col">{t("people.column.username")}</th>
              <th scope="col">{t("people.column.accessCode")}</th>
              <th scope="col">{t("people.column.signature")}</th>
            </tr>
          </thead>
          <tbody>
            {observers.data.map((observer) => {
              const code = observer.access === "active" ? issued.get(observer.id) : undefined;
              return (
                <tr key={observer.id}>
                  <th scope="row">{observer.code}</th>
                  <td>{observer.name}</td>
                  <td>{observer.accreditation ?? "—"}</td>
                  <td>{observer.teamCodes.join(", ") || "—"}</td>
                  <td>{code?.username ?? observer.username ?? "—"}</td>
                  <td>
                    {code !== undefined ? (
                      <code>{code.accessCode}</code>
                    ) : observer.access === "active" ? (
                      t("people.accreditation.issuedEarlier")
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="accreditation__signature" />
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
