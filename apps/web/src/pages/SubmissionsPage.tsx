import { type FormEvent, useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import {
  type DirectoryStation,
  type ElectionPhase,
  type FormSummary,
  type MissionOverview,
  SUBMISSION_STATUSES,
  type Submission,
  type SubmissionFilter,
  type SubmissionStatus,
} from "../api/client.ts";
import { useDirectory, useForms, useOverview, useSubmissions } from "../api/queries.ts";
import { pickText } from "../forms/formText.ts";
import { useFormat } from "../i18n/format.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { FlagsBadge, StatusBadge, useDocumentTitle } from "../ui/submission.tsx";
import { WithOwnMission } from "./missionAccess.tsx";

export const PAGE_SIZE = 50;

type Format = ReturnType<typeof useFormat>;

/** `/elections/:electionId/submissions`: the mission's reports, newest first, filtered and paged. */
export function SubmissionsPage() {
  const { electionId = "" } = useParams();
  return (
    <WithOwnMission electionId={electionId}>
      {(mission) => <Submissions electionId={electionId} mission={mission} />}
    </WithOwnMission>
  );
}

function isStatus(value: string | null): value is SubmissionStatus {
  return value !== null && (SUBMISSION_STATUSES as readonly string[]).includes(value);
}

/** The filters live in the address, so a filtered list can be bookmarked, shared and reloaded. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const status = params.get("status");
  const pageNumber = Number.parseInt(params.get("page") ?? "1", 10);
  const filters = {
    status: isStatus(status) ? status : undefined,
    formId: params.get("form") ?? undefined,
    phaseCode: params.get("phase") ?? undefined,
    flagged: params.get("flagged") === "1" ? true : undefined,
    stationCode: params.get("station")?.trim() || undefined,
    page: Number.isFinite(pageNumber) && pageNumber > 0 ? pageNumber : 1,
  };
  /** Changes some filters and goes back to the first page (or to the page given). */
  const update = (changes: Record<string, string | undefined>) => {
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (!("page" in changes)) next.delete("page");
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === "" || (key === "page" && value === "1")) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  };
  return { filters, update };
}

function Submissions({ electionId, mission }: { electionId: string; mission: MissionOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { filters, update } = useFilters();
  const forms = useForms(electionId);
  const overview = useOverview(electionId);
  const phases = overview.data?.election.phases ?? [];
  useDocumentTitle(t("submissions.title"));

  // A station code in the filter becomes the station's id (an exact, case-insensitive match).
  const stationLookup = useDirectory(mission.id, { stationCode: filters.stationCode ?? "" });
  let stationId: string | undefined;
  let stationMissing = false;
  if (filters.stationCode !== undefined) {
    const wanted = filters.stationCode.toLowerCase();
    const match = stationLookup.data?.stations.find((station) => station.code.toLowerCase() === wanted);
    stationId = match?.id;
    stationMissing = stationLookup.isSuccess && !stationLookup.isPlaceholderData && match === undefined;
  }
  const waitingForStation = filters.stationCode !== undefined && stationId === undefined;

  const filter: SubmissionFilter = {
    status: filters.status,
    formId: filters.formId,
    phaseCode: filters.phaseCode,
    flagged: filters.flagged,
    stationId,
    limit: PAGE_SIZE,
    offset: (filters.page - 1) * PAGE_SIZE,
  };
  const page = useSubmissions(waitingForStation ? null : mission.id, filter);
  const rows = waitingForStation ? [] : (page.data?.submissions ?? []);

  const stationIds = unique(rows.map((row) => row.stationId));
  const observerIds = unique(rows.flatMap((row) => (row.observerId === null ? [] : [row.observerId])));
  const names = useDirectory(mission.id, { stationIds, observerIds });
  const stations = new Map(names.data?.stations.map((station) => [station.id, station]));
  const observers = new Map(names.data?.observers.map((observer) => [observer.id, observer]));
  const formsById = new Map(forms.data?.map((form) => [form.formId, form]));
  const missionName = format.localized(mission.name);

  const anyFilter =
    filters.status !== undefined ||
    filters.formId !== undefined ||
    filters.phaseCode !== undefined ||
    filters.flagged !== undefined ||
    filters.stationCode !== undefined;

  return (
    <div className="page">
      <header className="page-header">
        <p className="eyebrow" lang={missionName.lang === format.language ? undefined : missionName.lang}>
          {missionName.text}
        </p>
        <h1>{t("submissions.title")}</h1>
        <p className="page-header__lead">{t("submissions.lead")}</p>
      </header>

      <Filters
        filters={filters}
        forms={forms.data ?? []}
        phases={phases}
        missionId={mission.id}
        format={format}
        onChange={update}
        anyFilter={anyFilter}
      />

      <section className="card card--flush" aria-labelledby="submission-results">
        <div className="card__header results-header">
          <h2 id="submission-results" className="card__title">
            {t("submissions.results")}
          </h2>
          <p className="results-count" aria-live="polite">
            {page.data !== undefined && !waitingForStation && page.data.total > 0
              ? t("submissions.showing", {
                  from: format.number(page.data.offset + 1),
                  to: format.number(page.data.offset + page.data.submissions.length),
                  total: format.number(page.data.total),
                })
              : null}
          </p>
        </div>
        {stationMissing ? (
          <p className="card__body">
            <span className="callout callout--warning results-note">
              {t("submissions.noStation", { code: filters.stationCode ?? "" })}
            </span>
          </p>
        ) : stationLookup.isError ? (
          <ErrorPanel error={stationLookup.error} onRetry={() => void stationLookup.refetch()} />
        ) : page.isError ? (
          <ErrorPanel error={page.error} onRetry={() => void page.refetch()} />
        ) : page.isPending || waitingForStation ? (
          <LoadingPanel />
        ) : rows.length === 0 ? (
          <p className="card__body muted">
            {anyFilter ? t("submissions.noneMatching") : t("submissions.noneYet")}
          </p>
        ) : (
          <SubmissionTable
            rows={rows}
            electionId={electionId}
            stations={stations}
            observers={observers}
            forms={formsById}
            phases={phases}
            format={format}
            busy={page.isPlaceholderData}
          />
        )}
        {page.data !== undefined && !waitingForStation && page.data.total > PAGE_SIZE && (
          <Pager
            page={filters.page}
            pages={Math.ceil(page.data.total / PAGE_SIZE)}
            onPage={(next) => update({ page: String(next) })}
            format={format}
          />
        )}
      </section>
    </div>
  );
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function Filters({
  filters,
  forms,
  phases,
  missionId,
  format,
  onChange,
  anyFilter,
}: {
  filters: ReturnType<typeof useFilters>["filters"];
  forms: readonly FormSummary[];
  phases: readonly ElectionPhase[];
  missionId: string;
  format: Format;
  onChange: (changes: Record<string, string | undefined>) => void;
  anyFilter: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  // Controls show a change at once; the address (and so the list) follows in a transition.
  const [shown, setShown] = useState<{
    status?: string | undefined;
    formId?: string | undefined;
    phaseCode?: string | undefined;
    flagged?: boolean | undefined;
  }>(filters);
  const { status, formId, phaseCode, flagged } = filters;
  useEffect(() => setShown({ status, formId, phaseCode, flagged }), [status, formId, phaseCode, flagged]);
  const change = (key: "status" | "formId" | "phaseCode", param: string, value: string) => {
    setShown((previous) => ({ ...previous, [key]: value || undefined }));
    onChange({ [param]: value || undefined });
  };
  const [stationText, setStationText] = useState(filters.stationCode ?? "");
  useEffect(() => setStationText(filters.stationCode ?? ""), [filters.stationCode]);
  // Suggestions for the code being typed, after a short pause.
  const [typed, setTyped] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setTyped(stationText.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [stationText]);
  const suggestions = useDirectory(missionId, { stationCode: typed });

  const applyStation = (event: FormEvent) => {
    event.preventDefault();
    onChange({ station: stationText.trim() || undefined });
  };

  return (
    <section className="card filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t("submissions.filters")}
      </h2>
      <div className="filters__grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("submissions.status")}</label>
          <select
            id={`${id}-status`}
            className="select"
            value={shown.status ?? ""}
            onChange={(event) => change("status", "status", event.target.value)}
          >
            <option value="">{t("submissions.anyStatus")}</option>
            {SUBMISSION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`submissionStatus.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-form`}>{t("submissions.form")}</label>
          <select
            id={`${id}-form`}
            className="select"
            value={shown.formId ?? ""}
            onChange={(event) => change("formId", "form", event.target.value)}
          >
            <option value="">{t("submissions.anyForm")}</option>
            {forms.map((form) => (
              <option key={form.formId} value={form.formId}>
                {pickText(form.definition.title, format.language, form.definition)?.text ?? form.code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-phase`}>{t("submissions.phase")}</label>
          <select
            id={`${id}-phase`}
            className="select"
            value={shown.phaseCode ?? ""}
            onChange={(event) => change("phaseCode", "phase", event.target.value)}
          >
            <option value="">{t("submissions.anyPhase")}</option>
            {phases.map((phase) => (
              <option key={phase.code} value={phase.code}>
                {phaseLabel(phase, format)}
              </option>
            ))}
          </select>
        </div>
        <form className="field" onSubmit={applyStation}>
          <label htmlFor={`${id}-station`}>{t("submissions.stationCode")}</label>
          <div className="input-group">
            <input
              id={`${id}-station`}
              className="input"
              type="search"
              list={`${id}-stations`}
              autoComplete="off"
              spellCheck={false}
              placeholder={t("submissions.stationCodePlaceholder")}
              value={stationText}
              onChange={(event) => setStationText(event.target.value)}
            />
            <button type="submit" className="button button--secondary">
              {t("submissions.find")}
            </button>
          </div>
          <datalist id={`${id}-stations`}>
            {(typed === "" ? [] : (suggestions.data?.stations ?? [])).map((station: DirectoryStation) => (
              <option key={station.id} value={station.code}>
                {station.name}
              </option>
            ))}
          </datalist>
        </form>
      </div>
      <div className="filters__row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={shown.flagged === true}
            onChange={(event) => {
              const checked = event.target.checked;
              setShown((previous) => ({ ...previous, flagged: checked ? true : undefined }));
              onChange({ flagged: checked ? "1" : undefined });
            }}
          />
          <span>{t("submissions.flaggedOnly")}</span>
        </label>
        {anyFilter && (
          <button
            type="button"
            className="button button--link"
            onClick={() =>
              onChange({
                status: undefined,
                form: undefined,
                phase: undefined,
                flagged: undefined,
                station: undefined,
              })
            }
          >
            {t("submissions.clearFilters")}
          </button>
        )}
      </div>
    </section>
  );
}

export function phaseLabel(phase: ElectionPhase | undefined, format: Format, code?: string): string {
  if (phase === undefined) return code ?? "";
  const name = format.localized(phase.name).text;
  return name === "" ? phase.code : name;
}

function SubmissionTable({
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
    <div className="table-wrap" aria-busy={busy}>
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
                  navigate(href);
                }}
              >
                <th scope="row" data-label={columns.station}>
                  <Link to={href} className="row-link">
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
    </div>
  );
}

function Pager({
  page,
  pages,
  onPage,
  format,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  format: Format;
}) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t("submissions.paging")}>
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
