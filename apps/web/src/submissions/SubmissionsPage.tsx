import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import {
  type MissionOverview,
  SUBMISSION_STATUSES,
  type SubmissionFilter,
  type SubmissionStatus,
} from "../api/client.ts";
import { useDirectory, useForms, useOverview, useSubmissions } from "../api/queries.ts";
import { useFormat } from "../i18n/format.ts";
import { WithOwnMission } from "../session/missionAccess.tsx";
import { useAddressFilters } from "../ui/addressFilters.ts";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { ExportLinks } from "./ExportLinks.tsx";
import { Filters, unique } from "./Filters.tsx";
import { Pager, SubmissionTable } from "./SubmissionTable.tsx";

export const PAGE_SIZE = 50;
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
export function useFilters() {
  const { params, page, update } = useAddressFilters();
  const status = params.get("status");
  const filters = {
    status: isStatus(status) ? status : undefined,
    formId: params.get("form") ?? undefined,
    phaseCode: params.get("phase") ?? undefined,
    flagged: params.get("flagged") === "1" ? true : undefined,
    stationCode: params.get("station")?.trim() || undefined,
    page,
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

  // The station text in the filter becomes the station's id: an exact code, or the only match.
  const stationLookup = useDirectory(mission.id, { stationCode: filters.stationCode ?? "" });
  let stationId: string | undefined;
  let stationMissing = false;
  let stationChoices: readonly { code: string; name: string }[] = [];
  if (filters.stationCode !== undefined) {
    const wanted = filters.stationCode.toLowerCase();
    // An exact code wins; otherwise a text that names one station only (part of its name) finds it.
    const found = stationLookup.data?.stations ?? [];
    const match =
      found.find((station) => station.code.toLowerCase() === wanted) ??
      (found.length === 1 ? found[0] : undefined);
    stationId = match?.id;
    stationMissing = stationLookup.isSuccess && !stationLookup.isPlaceholderData && match === undefined;
    if (stationMissing) stationChoices = found;
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

      {/* While the station text is not one station the list shows nothing, and so would the export. */}
      {!waitingForStation && (
        <ExportLinks
          missionId={mission.id}
          forms={forms.data ?? []}
          formId={filters.formId}
          selection={{
            status: filters.status,
            phaseCode: filters.phaseCode,
            flagged: filters.flagged === undefined ? undefined : String(filters.flagged),
            stationId,
          }}
        />
      )}

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
              {stationChoices.length === 0
                ? t("submissions.noStation", { code: filters.stationCode ?? "" })
                : t("submissions.severalStations", { code: filters.stationCode ?? "" })}
              {stationChoices.length > 0 && (
                <span className="station-choices">
                  {stationChoices.map((station) => (
                    <button
                      key={station.code}
                      type="button"
                      className="button button--secondary"
                      onClick={() => update({ station: station.code })}
                    >
                      {station.code} · {station.name}
                    </button>
                  ))}
                </span>
              )}
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
