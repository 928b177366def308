import type { ObserverStop } from "@scrutiny/domain";
import { useState } from "react";
import type { ObserverDatabase, OutboxEntry, ReportEntry } from "./db.ts";
import { formatTime, localized } from "./format.ts";
import { failureText, useT } from "./i18n.ts";
import {
  currentPhase,
  draftKey,
  formsForPhase,
  localDate,
  type Phase,
  reportsOfVisit,
  type UsableForm,
  withLocalVisitTimes,
} from "./model.ts";
import type { ObserverData } from "./useObserverData.ts";

/** The route by phase: each stop with check-in/out, its forms (with drafts) and its reports. */
export function RouteScreen({
  db,
  data,
  forms,
  onChanged,
}: {
  db: ObserverDatabase;
  data: ObserverData;
  forms: readonly UsableForm[];
  onChanged: () => void;
}) {
  const { t, language } = useT();
  const assignment = data.assignment;
  const phases = assignment?.election.phases ?? [];
  const [phaseCode, setPhaseCode] = useState(() => currentPhase(phases, localDate())?.code);
  if (assignment === undefined)
    return (
      <main className="ob-main" aria-busy="true">
        {t("loading")}
      </main>
    );
  const phase = phases.find((p) => p.code === phaseCode) ?? currentPhase(phases, localDate());
  const stops = withLocalVisitTimes(assignment.stops, data.entries).filter(
    (s) => s.phaseCode === phase?.code,
  );
  const phaseForms = formsForPhase(forms, phase);

  async function record(stop: ObserverStop, event: "arrival" | "departure") {
    const entry: OutboxEntry = {
      kind: "visit",
      id: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      status: "pending",
      attempts: 0,
      nextAttemptAt: 0,
      visitId: stop.visitId,
      event,
      at: new Date().toISOString(),
      label: { formTitle: {}, stationCode: stop.stationCode, stationName: stop.stationName },
    };
    await db.put("outbox", entry);
    onChanged();
  }

  return (
    <main className="ob-main">
      <h1 className="ob-title">{t("route.title")}</h1>
      {phases.length > 1 && (
        <nav className="ob-tabs" aria-label={t("route.phases")}>
          {phases.map((p: Phase) => (
            <button
              key={p.code}
              type="button"
              className="ob-tab"
              aria-pressed={p.code === phase?.code}
              onClick={() => setPhaseCode(p.code)}
            >
              {localized(p.name, language)}
            </button>
          ))}
        </nav>
      )}
      {stops.length === 0 && <p className="ob-callout">{t("route.none")}</p>}
      <ol className="ob-stops">
        {stops.map((stop) => (
          <li key={stop.visitId} className="ob-stop">
            <h2 className="ob-stop__title">
              <span className="ob-stop__code">{stop.stationCode}</span> {stop.stationName}
            </h2>
            {stop.address !== null && <p className="ob-muted">{stop.address}</p>}
            <p className="ob-muted">{t("route.team", { code: stop.teamCode })}</p>
            <div className="ob-times">
              {stop.arrivedAt === null ? (
                <button type="button" className="ob-button" onClick={() => void record(stop, "arrival")}>
                  {t("route.checkIn")}
                </button>
              ) : (
                <span className="ob-time">
                  {t("route.arrived", { time: formatTime(stop.arrivedAt, language) })}
                </span>
              )}
              {stop.arrivedAt !== null &&
                (stop.departedAt === null ? (
                  <button type="button" className="ob-button" onClick={() => void record(stop, "departure")}>
                    {t("route.checkOut")}
                  </button>
                ) : (
                  <span className="ob-time">
                    {t("route.departed", { time: formatTime(stop.departedAt, language) })}
                  </span>
                ))}
            </div>
            <h3 className="ob-subtitle">{t("route.forms")}</h3>
            {phaseForms.length === 0 && <p className="ob-muted">{t("route.noForms")}</p>}
            <ul className="ob-formlist">
              {phaseForms.map((form) => (
                <li key={form.formId}>
                  <a className="ob-button ob-button--wide" href={`#/form/${stop.visitId}/${form.formId}`}>
                    {localized(form.definition.title, language)}
                    {data.draftKeys.has(draftKey(stop.visitId, form.formId)) && (
                      <span className="ob-pill">{t("route.draft")}</span>
                    )}
                  </a>
                </li>
              ))}
            </ul>
            <Reports entries={data.entries} reports={reportsOfVisit(data.entries, stop.visitId)} />
          </li>
        ))}
      </ol>
    </main>
  );
}

function Reports({ entries, reports }: { entries: readonly OutboxEntry[]; reports: readonly ReportEntry[] }) {
  const { t, language } = useT();
  if (reports.length === 0) return null;
  return (
    <>
      <h3 className="ob-subtitle">{t("reports.title")}</h3>
      <ul className="ob-reports">
        {reports.map((report) => {
          const corrections = entries.filter((e) => e.kind === "amendment" && e.submissionId === report.id);
          return (
            <li key={report.id} className={`ob-report ob-report--${report.status}`} data-report={report.id}>
              <span className="ob-report__title">
                {localized(report.label.formTitle, language)} ·{" "}
                {formatTime(report.body.submittedAt, language)}
              </span>
              <Status entry={report} />
              {corrections.map((correction) => (
                <span key={correction.id} className="ob-report__correction">
                  {t("reports.correction")} · <Status entry={correction} />
                </span>
              ))}
              {report.status === "rejected" ? (
                <a
                  className="ob-link"
                  href={`#/form/${report.body.visitId}/${report.body.formId}/${report.id}`}
                >
                  {t("reports.fix")}
                </a>
              ) : (
                <a className="ob-link" href={`#/amend/${report.id}`}>
                  {t("reports.amend")}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Status({ entry }: { entry: OutboxEntry }) {
  const { t, language } = useT();
  if (entry.status === "pending")
    return (
      <span className="ob-status ob-status--pending" data-status="pending">
        {t("reports.pending")}
      </span>
    );
  if (entry.status === "rejected")
    return (
      <span className="ob-status ob-status--rejected" data-status="rejected">
        {t("reports.rejected", { reason: failureText(entry.lastError ?? "", language) })}
      </span>
    );
  const receipt = entry.receipt;
  return (
    <span className="ob-status ob-status--sent" data-status="sent">
      {t("reports.sent")}
      {receipt !== undefined && (
        <>
          {" · "}
          <span className="ob-receipt" data-receipt={receipt.id}>
            {t("reports.receipt", {
              hash: receipt.contentHash.slice(0, 8) || `#${receipt.revision}`,
              time: formatTime(receipt.receivedAt, language),
            })}
          </span>
          {receipt.revision > 1 && ` · ${t("reports.revision", { n: receipt.revision })}`}
          {receipt.duplicate === true && ` · ${t("reports.duplicate")}`}
        </>
      )}
    </span>
  );
}
