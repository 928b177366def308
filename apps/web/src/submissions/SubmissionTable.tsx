import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import type { DirectoryStation, ElectionPhase, FormSummary, Submission } from "../api/client.ts";
import { pickText } from "../forms/formText.ts";
import type { Format } from "../i18n/format.ts";
import { TableRegion } from "../ui/TableRegion.tsx";
import { FlagsBadge, StatusBadge } from "./badges.tsx";
import { phaseLabel } from "./phase.ts";

/** One page of reports as a table, and the pager below it. */
export function SubmissionTable({
  rows,
  electionId,
  stations,
  observers,
  forms,
  phases,
  format,
  busy,
}: {
  rows: readonly Submission[];
  electionId: string;
  stations: ReadonlyMap<string, DirectoryStation>;
  observers: ReadonlyMap<string, { code: string; name: string }>;
  forms: ReadonlyMap<string, FormSummary>;
  phases: readonly ElectionPhase[];
  format: Format;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The list's filters go along to the report, so its back link returns to the same list.
  const listState: ListState = { listSearch: useLocation().search };
  const phaseByCode = useMemo(() => new Map(phases.map((phase) => [phase.code, phase])), [phases]);
  const columns = {
    station: t("submissions.station"),
    form: t("submissions.form"),
    phase: t("submissions.phase"),
    observer: t("submissions.observer"),
    received: t("submissions.received"),
    status: t("submissions.status"),
    flags: t("submissions.flags"),
  };
  return (
    <TableRegion busy={busy}>
      <table className={busy ? "table table--stack table--rows is-busy" : "table table--stack table--rows"}>
        <caption className="visually-hidden">{t("submissions.results")}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.station}</th>
            <th scope="col">{columns.form}</th>
            <th scope="col">{columns.phase}</th>
            <th scope="col">{columns.observer}</th>
            <th scope="col">{columns.received}</th>
            <th scope="col">{columns.status}</th>
            <th scope="col">{columns.flags}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const station = stations.get(row.stationId);
            const observer = row.observerId === null ? undefined : observers.get(row.observerId);
            const form = forms.get(row.formId);
            const href = `/elections/${electionId}/submissions/${row.id}`;
            return (
              <tr
                key={row.id}
                className={row.flags.length > 0 ? "is-flagged" : undefined}
                onClick={(event) => {
                  if (event.target instanceof Element && event.target.closest("a")) return;
                  navigate(href, { state: listState });
                }}
              >
                <th scope="row" data-label={columns.station}>
                  <Link to={href} state={listState} className="row-link">
                    <span className="station-code">{station?.code ?? "…"}</span>
                    {station !== undefined && <span className="station-name">{station.name}</span>}
                  </Link>
                </th>
                <td data-label={columns.form}>
                  <span>
                    {form === undefined
                      ? "…"
                      : (pickText(form.definition.title, format.language, form.definition)?.text ??
                        form.code)}
                    <span className="muted"> · v{row.formVersion}</span>
                  </span>
                </td>
                <td data-label={columns.phase}>
                  {phaseLabel(phaseByCode.get(row.phaseCode), format, row.phaseCode)}
                </td>
                <td data-label={columns.observer}>
                  {row.observerId === null ? (
                    <span className="muted">{t("submissions.noObserver")}</span>
                  ) : (
                    (observer?.name ?? "…")
                  )}
                </td>
                <td data-label={columns.received} className="nowrap">
                  <time dateTime={row.receivedAt}>{format.dateTime(row.receivedAt)}</time>
                </td>
                <td data-label={columns.status} className="cell-status">
                  <StatusBadge status={row.status} />
                </td>
                <td data-label={columns.flags} className="cell-flags">
                  {row.flags.length === 0 ? (
                    <span className="muted">
                      <span className="dash" aria-hidden="true">
                        –
                      </span>
                      <span className="visually-hidden">{t("submissions.noFlags")}</span>
                    </span>
                  ) : (
                    <FlagsBadge count={row.flags.length} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** What a report's page is given by the list it was opened from (router state). */
export interface ListState {
  readonly listSearch: string;
}

export function Pager({
  page,
  pages,
  onPage,
  format,
  label,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  format: Format;
  /** What is paged, for screen readers (reports unless said). */
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={label ?? t("submissions.paging")}>
      <button
        type="button"
        className="button button--secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        <span aria-hidden="true">←</span> {t("submissions.previous")}
      </button>
      <span className="pager__where">
        {t("submissions.pageOf", { page: format.number(page), pages: format.number(pages) })}
      </span>
      <button
        type="button"
        className="button button--secondary"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t("submissions.next")} <span aria-hidden="true">→</span>
      </button>
    </nav>
  );
}
