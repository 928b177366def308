// The mission's roster: every observer with their team, accreditation and phone-app sign-in,
// and the access-code actions (issue, reissue, revoke). A new code is shown once, here and on
// the accreditation list, because the server keeps only its hash.
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";
import {
  type IssuedAccess,
  type RosterObserver,
  useIssueAccess,
  useObservers,
  useRevokeAccess,
} from "./api.ts";

export function ObserverList({
  missionId,
  issued,
  onIssued,
}: {
  missionId: string;
  issued: ReadonlyMap<string, IssuedAccess>;
  onIssued: (codes: ReadonlyMap<string, IssuedAccess>) => void;
}) {
  const { t } = useTranslation();
  const observers = useObservers(missionId);
  const issue = useIssueAccess(missionId);
  const revoke = useRevokeAccess(missionId);
  if (observers.isPending) return <LoadingPanel />;
  if (observers.isError)
    return <ErrorPanel error={observers.error} onRetry={() => void observers.refetch()} />;
  const list = observers.data;
  const withoutAccess = list.filter((o) => o.access !== "active").map((o) => o.id);
  const issueFor = (ids: readonly string[]) => issue.mutate(ids, { onSuccess: onIssued });
  const busy = issue.isPending || revoke.isPending;

  return (
    <section className="card" aria-labelledby="roster-list">
      <h2 id="roster-list" className="card__title">
        {t("people.roster.title", { count: list.length })}
      </h2>
      {list.length === 0 ? (
        <EmptyState title={t("people.roster.emptyTitle")}>
          <p>{t("people.roster.emptyText")}</p>
        </EmptyState>
      ) : (
        <>
          <div className="people-buttons">
            <button
              type="button"
              className="button button--secondary"
              disabled={busy || withoutAccess.length === 0}
              onClick={() => issueFor(withoutAccess)}
            >
              {t("people.access.issueAll", { count: withoutAccess.length })}
            </button>
          </div>
          {(issue.isError || revoke.isError) && (
            <p className="callout callout--danger" role="alert">
              {apiErrorText(issue.error ?? revoke.error, t)}
            </p>
          )}
          <TableRegion>
            <table className="table table--stack people-table">
              <caption className="visually-hidden">{t("people.roster.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("people.column.code")}</th>
                  <th scope="col">{t("people.column.name")}</th>
                  <th scope="col">{t("people.column.phone")}</th>
                  <th scope="col">{t("people.column.accreditation")}</th>
                  <th scope="col">{t("people.column.team")}</th>
                  <th scope="col">{t("people.column.access")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("people.column.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((observer) => (
                  <ObserverRow
                    key={observer.id}
                    observer={observer}
                    issued={issued.get(observer.id)}
                    busy={busy}
                    onIssue={() => issueFor([observer.id])}
                    onRevoke={() => revoke.mutate(observer.id)}
                  />
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </section>
  );
}

function ObserverRow({
  observer,
  issued,
  busy,
  onIssue,
  onRevoke,
}: {
  observer: RosterObserver;
  issued: IssuedAccess | undefined;
  busy: boolean;
  onIssue: () => void;
  onRevoke: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <tr>
      <th scope="row">{observer.code}</th>
      <td data-label={t("people.column.name")}>{observer.name}</td>
      <td data-label={t("people.column.phone")}>{observer.phone ?? "—"}</td>
      <td data-label={t("people.column.accreditation")}>{observer.accreditation ?? "—"}</td>
      <td data-label={t("people.column.team")}>{observer.teamCodes.join(", ") || "—"}</td>
      <td data-label={t("people.column.access")}>
        {issued !== undefined && observer.access === "active" ? (
          <span>
            {t("people.access.newCode", { username: issued.username })} <code>{issued.accessCode}</code>
          </span>
        ) : observer.access === "active" ? (
          t("people.access.active", {
            username: observer.username ?? "",
            at: observer.accessIssuedAt === null ? "" : format.dateTime(observer.accessIssuedAt),
          })
        ) : (
          t(`people.access.${observer.access}`)
        )}
      </td>
      <td>
        <div className="people-buttons people-actions">
          <button
            type="button"
            className="button button--secondary people-small"
            disabled={busy}
            aria-label={t(
              observer.access === "active" ? "people.access.reissueFor" : "people.access.issueFor",
              {
                name: observer.name,
              },
            )}
            onClick={onIssue}
          >
            {t(observer.access === "active" ? "people.access.reissue" : "people.access.issue")}
          </button>
          {observer.access === "active" && (
            <button
              type="button"
              className="button button--danger people-small"
              disabled={busy}
              aria-label={t("people.access.revokeFor", { name: observer.name })}
              onClick={onRevoke}
            >
              {t("people.access.revoke")}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
