import {
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  type IncidentSeverity,
  type IncidentStatus,
} from "@scrutiny/domain";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAnswerText } from "../forms/useAnswerText.ts";
import { useFormat } from "../i18n/format.ts";
import { coordinates } from "../session/missionAccess.tsx";
import { useSignedInUser } from "../session/session.tsx";
import { apiErrorText } from "../ui/apiError.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { type Incident, type IncidentChange, useFollowUp, useIncident } from "./api.ts";

interface Assignee {
  readonly id: string;
  readonly name: string;
}

/** One incident: where and what, who reported it, every change so far, and the next change. */
export function IncidentPanel({
  electionId,
  missionId,
  submissionId,
  assignees,
  onClose,
}: {
  electionId: string;
  missionId: string;
  submissionId: string;
  assignees: readonly Assignee[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useSignedInUser();
  const one = useIncident(missionId, submissionId);
  const panel = useRef<HTMLElement>(null);
  // Opening another incident brings its panel into view (it sits above the list on most screens).
  useEffect(() => {
    if (submissionId !== "") panel.current?.scrollIntoView({ block: "nearest" });
  }, [submissionId]);
  return (
    <section
      ref={panel}
      className="card incident-panel"
      aria-labelledby="incident-panel-title"
      data-incident-panel={submissionId}
    >
      <div className="incident-panel__top">
        <h2 id="incident-panel-title" className="card__title">
          {one.data !== undefined ? (
            <Link to={`/elections/${electionId}/stations/${one.data.incident.stationId}`}>
              <strong>{one.data.incident.stationCode}</strong> {one.data.incident.stationName}
            </Link>
          ) : (
            t("incidents.incident")
          )}
        </h2>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("incidents.close")}
        </button>
      </div>
      {one.isPending ? (
        <LoadingPanel />
      ) : one.isError ? (
        <ErrorPanel error={one.error} onRetry={() => void one.refetch()} />
      ) : (
        <>
          <Summary incident={one.data.incident} electionId={electionId} />
          <h3 className="incident-panel__heading">{t("incidents.history")}</h3>
          <History changes={one.data.changes} />
          {coordinates(user.role) ? (
            <FollowUpForm
              key={submissionId}
              missionId={missionId}
              incident={one.data.incident}
              assignees={assignees}
            />
          ) : (
            <p className="muted">{t("incidents.readOnly")}</p>
          )}
        </>
      )}
      <p className="visually-hidden" aria-live="polite">
        {one.data !== undefined ? format.localized(one.data.incident.formTitle).text : ""}
      </p>
    </section>
  );
}

function Summary({ incident, electionId }: { incident: Incident; electionId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const answerOf = useAnswerText(electionId);
  return (
    <dl className="incident-facts">
      <dt>{t("incidents.severityLabel")}</dt>
      <dd>
        <span className={`badge badge--severity-${incident.severity}`}>
          {t(`incidents.severity.${incident.severity}`)}
        </span>
      </dd>
      <dt>{t("incidents.status")}</dt>
      <dd data-incident-status={incident.status}>{t(`incidents.statusName.${incident.status}`)}</dd>
      <dt>{t("incidents.what")}</dt>
      <dd>
        {format.localized(incident.formTitle).text}
        {incident.critical.map((answer) => (
          <span key={answer.name} className="incident-facts__critical">
            {format.localized(answer.label).text}:{" "}
            <strong>{answerOf(incident.formId, answer.name, answer.answer)}</strong>
          </span>
        ))}
      </dd>
      <dt>{t("incidents.submitted")}</dt>
      <dd>{format.dateTime(incident.submittedAt)}</dd>
      <dt>{t("incidents.reporter")}</dt>
      <dd>
        {incident.observerName ?? t("incidents.unknownReporter")}
        {incident.teamCode !== null && <span className="muted"> · {incident.teamCode}</span>}
        {incident.observerPhone !== null && (
          <>
            {" · "}
            <a href={`tel:${incident.observerPhone}`}>{incident.observerPhone}</a>
          </>
        )}
      </dd>
      <dt>{t("incidents.report")}</dt>
      <dd>
        <Link to={`/elections/${electionId}/submissions/${incident.submissionId}`}>
          {t("incidents.openReport")}
        </Link>
      </dd>
    </dl>
  );
}

function History({ changes }: { changes: readonly IncidentChange[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (changes.length === 0) return <p className="muted">{t("incidents.noChanges")}</p>;
  return (
    <ol className="incident-history">
      {changes.map((change) => (
        <li key={change.id} className="incident-history__entry">
          <p className="incident-history__what">
            <strong>{t(`incidents.statusName.${change.status}`)}</strong>
            {" · "}
            {t(`incidents.severity.${change.severity}`)}
            {change.assigneeName !== null && (
              <> · {t("incidents.assignedTo", { name: change.assigneeName })}</>
            )}
          </p>
          <p className="incident-history__note">{change.note}</p>
          <p className="muted incident-history__who">
            {t("incidents.changedBy", {
              name: change.authorName ?? t("incidents.unknownReporter"),
              time: format.dateTime(change.at),
            })}
          </p>
        </li>
      ))}
    </ol>
  );
}

function FollowUpForm({
  missionId,
  incident,
  assignees,
}: {
  missionId: string;
  incident: Incident;
  assignees: readonly Assignee[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const save = useFollowUp(missionId, incident.submissionId);
  const [status, setStatus] = useState<IncidentStatus>(
    incident.status === "new" ? "in_follow_up" : incident.status,
  );
  const [severity, setSeverity] = useState<IncidentSeverity>(incident.severity);
  const [assignee, setAssignee] = useState(incident.assigneeId ?? "");
  const [note, setNote] = useState("");
  const [touched, setTouched] = useState(false);
  const missingNote = note.trim() === "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (missingNote) return;
    save.mutate(
      { status, severity, assigneeId: assignee === "" ? null : assignee, note: note.trim() },
      {
        onSuccess: () => {
          setNote("");
          setTouched(false);
        },
      },
    );
  };

  return (
    <form className="form incident-follow-up" onSubmit={submit} noValidate>
      <h3 className="incident-panel__heading">{t("incidents.followUp")}</h3>
      <div className="incident-follow-up__grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("incidents.status")}</label>
          <select
            id={`${id}-status`}
            className="select"
            value={status}
            onChange={(event) => setStatus(event.target.value as IncidentStatus)}
          >
            {INCIDENT_STATUSES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`incidents.statusName.${candidate}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-severity`}>{t("incidents.severityLabel")}</label>
          <select
            id={`${id}-severity`}
            className="select"
            value={severity}
            onChange={(event) => setSeverity(event.target.value as IncidentSeverity)}
          >
            {INCIDENT_SEVERITIES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`incidents.severity.${candidate}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-assignee`}>{t("incidents.assignee")}</label>
          <select
            id={`${id}-assignee`}
            className="select"
            value={assignee}
            onChange={(event) => setAssignee(event.target.value)}
          >
            <option value="">{t("incidents.unassigned")}</option>
            {assignees.map((staff) => (
              <option key={staff.id} value={staff.id}>
                {staff.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("incidents.note")}</label>
        <textarea
          id={`${id}-note`}
          className="input textarea"
          rows={3}
          maxLength={4000}
          required
          aria-invalid={touched && missingNote}
          aria-describedby={`${id}-note-hint`}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <p id={`${id}-note-hint`} className={touched && missingNote ? "field__error" : "field__hint"}>
          {touched && missingNote ? t("incidents.noteRequired") : t("incidents.noteHint")}
        </p>
      </div>
      {save.isError && (
        <p className="callout callout--danger" role="alert">
          {apiErrorText(save.error, t)}
        </p>
      )}
      <div className="incident-follow-up__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t("incidents.saving") : t("incidents.save")}
        </button>
        <p role="status" className="incident-follow-up__done">
          {save.isSuccess ? t("incidents.saved") : ""}
        </p>
      </div>
    </form>
  );
}
