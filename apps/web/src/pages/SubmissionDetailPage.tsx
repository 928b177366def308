import type { FormDefinition, FormItem } from "@scrutiny/domain";
import { isQuestion } from "@scrutiny/domain";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  isApiError,
  type MissionOverview,
  type ReviewDecision,
  type StoredAnswer,
  type Submission,
  type SubmissionDetail,
} from "../api/client.ts";
import { useDirectory, useFormVersion, useOverview, useReview, useSubmission } from "../api/queries.ts";
import {
  answerText,
  checkReferences,
  formLanguage,
  pickText,
  questionIndex,
  sameAnswer,
} from "../forms/formText.ts";
import { useFormat } from "../i18n/format.ts";
import { useSignedInUser } from "../session/session.tsx";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { FlagsBadge, StatusBadge, useDocumentTitle } from "../ui/submission.tsx";
import { WithOwnMission } from "./missionAccess.tsx";
import { phaseLabel } from "./SubmissionsPage.tsx";

type Format = ReturnType<typeof useFormat>;
type Answers = Readonly<Record<string, StoredAnswer>>;

/** `/elections/:electionId/submissions/:submissionId`: one report, its history, and review. */
export function SubmissionDetailPage() {
  const { electionId = "", submissionId = "" } = useParams();
  return (
    <WithOwnMission electionId={electionId}>
      {(mission) => <Detail electionId={electionId} submissionId={submissionId} mission={mission} />}
    </WithOwnMission>
  );
}

function Detail({
  electionId,
  submissionId,
  mission,
}: {
  electionId: string;
  submissionId: string;
  mission: MissionOverview;
}) {
  const { t } = useTranslation();
  const detail = useSubmission(submissionId);
  const back = (
    <Link to={`/elections/${electionId}/submissions`} className="back-link">
      <span aria-hidden="true">← </span>
      {t("submission.back")}
    </Link>
  );
  if (detail.isPending) return <LoadingPanel />;
  if (detail.isError) {
    if (isApiError(detail.error, 404) || isApiError(detail.error, 400) || isApiError(detail.error, 403)) {
      return (
        <EmptyState title={t("submission.notFoundTitle")}>
          <p>{t("submission.notFoundText")}</p>
          {back}
        </EmptyState>
      );
    }
    return <ErrorPanel error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return <Loaded electionId={electionId} data={detail.data} mission={mission} back={back} />;
}

function Loaded({
  electionId,
  data,
  mission,
  back,
}: {
  electionId: string;
  data: SubmissionDetail;
  mission: MissionOverview;
  back: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useSignedInUser();
  const { submission, revisions, reviews } = data;
  const formVersion = useFormVersion(submission.formId, submission.formVersion);
  const overview = useOverview(electionId);
  const userIds = [
    ...new Set([
      ...revisions.flatMap((revision) => (revision.authorUserId === null ? [] : [revision.authorUserId])),
      ...reviews.map((review) => review.reviewerUserId),
    ]),
  ].sort();
  const names = useDirectory(mission.id, {
    stationIds: [submission.stationId],
    observerIds: submission.observerId === null ? [] : [submission.observerId],
    userIds,
  });
  const station = names.data?.stations.find((candidate) => candidate.id === submission.stationId);
  const observer = names.data?.observers.find((candidate) => candidate.id === submission.observerId);
  const people = new Map(names.data?.users.map((person) => [person.id, person.displayName]));
  const form = formVersion.data?.form.definition;
  const language = form === undefined ? format.language : formLanguage(form, format.language);
  const formTitle = form === undefined ? undefined : pickText(form.title, language, form);
  const phase = overview.data?.election.phases.find((candidate) => candidate.code === submission.phaseCode);
  const heading = `${formTitle?.text ?? t("submission.report")} · ${station?.code ?? "…"}`;
  useDocumentTitle(heading);

  return (
    <div className="page">
      {back}
      <header className="page-header">
        <p className="eyebrow">{t("submission.eyebrow")}</p>
        <h1>
          <span lang={formTitle && formTitle.lang !== format.language ? formTitle.lang : undefined}>
            {formTitle?.text ?? t("submission.report")}
          </span>
          {" · "}
          <span className="station-code">{station?.code ?? "…"}</span>
          {station !== undefined && <span className="heading-sub"> {station.name}</span>}
        </h1>
        <div className="status-line">
          <StatusBadge status={submission.status} />
          <FlagsBadge count={submission.flags.length} />
          {submission.revision > 1 && (
            <span className="badge">{t("submission.revisionBadge", { revision: submission.revision })}</span>
          )}
        </div>
        <dl className="meta">
          <div>
            <dt>{t("submissions.observer")}</dt>
            <dd>
              {submission.observerId === null
                ? t("submissions.noObserver")
                : observer === undefined
                  ? "…"
                  : `${observer.name} (${observer.code})`}
            </dd>
          </div>
          <div>
            <dt>{t("submissions.phase")}</dt>
            <dd>{phaseLabel(phase, format, submission.phaseCode)}</dd>
          </div>
          <div>
            <dt>{t("submission.submitted")}</dt>
            <dd>
              <time dateTime={submission.submittedAt}>{format.dateTime(submission.submittedAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{t("submissions.received")}</dt>
            <dd>
              <time dateTime={submission.receivedAt}>{format.dateTime(submission.receivedAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{t("submission.formVersion")}</dt>
            <dd>
              <Link
                to={`/elections/${electionId}/forms/${submission.formId}?version=${submission.formVersion}`}
              >
                v{submission.formVersion}
              </Link>
            </dd>
          </div>
        </dl>
      </header>

      {(user.role === "coordinator" || user.role === "admin") && (
        <ReviewActions submission={submission} missionId={mission.id} />
      )}

      {submission.flags.length > 0 && (
        <section className="callout callout--warning" aria-labelledby="flags-title">
          <h2 id="flags-title" className="callout__title">
            {t("submission.flagsTitle")}
          </h2>
          <ul className="flag-list">
            {submission.flags.map((flag) => {
              const check = form?.checks.find((candidate) => candidate.id === flag.checkId);
              const message =
                check === undefined || form === undefined
                  ? undefined
                  : pickText(check.message, language, form);
              return (
                <li key={flag.checkId}>
                  <span lang={message?.lang}>{message?.text ?? flag.message}</span>{" "}
                  <code className="muted">{flag.checkId}</code>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <div className="detail-columns">
        <section className="card card--flush" aria-labelledby="answers-title">
          <div className="card__header">
            <h2 id="answers-title" className="card__title">
              {t("submission.answers")}
            </h2>
          </div>
          {formVersion.isPending ? (
            <LoadingPanel />
          ) : formVersion.isError || form === undefined ? (
            <ErrorPanel error={formVersion.error} onRetry={() => void formVersion.refetch()} />
          ) : (
            <AnswerList form={form} submission={submission} language={language} format={format} />
          )}
        </section>

        <div className="detail-side">
          <section className="card" aria-labelledby="reviews-title">
            <h2 id="reviews-title" className="card__title">
              {t("submission.reviews")}
            </h2>
            {reviews.length === 0 ? (
              <p className="card__hint">{t("submission.noReviews")}</p>
            ) : (
              <ol className="history" aria-label={t("submission.reviews")}>
                {[...reviews].reverse().map((review) => (
                  <li key={review.id} className="history__item">
                    <p className="history__head">
                      <span className={`badge badge--decision-${review.decision}`}>
                        {t(`reviewDecision.${review.decision}`)}
                      </span>
                      <span>{people.get(review.reviewerUserId) ?? t("submission.someone")}</span>
                    </p>
                    <p className="history__when">
                      <time dateTime={review.createdAt}>{format.dateTime(review.createdAt)}</time>
                    </p>
                    <blockquote className="history__reason">{review.reason}</blockquote>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="card" aria-labelledby="revisions-title">
            <h2 id="revisions-title" className="card__title">
              {t("submission.revisions")}
            </h2>
            {revisions.length === 0 ? (
              <p className="card__hint">{t("submission.noRevisions")}</p>
            ) : (
              <ol className="history" aria-label={t("submission.revisions")}>
                {[...revisions].reverse().map((revision) => {
                  const previous = revisions.find(
                    (candidate) => candidate.revision === revision.revision - 1,
                  );
                  return (
                    <li key={revision.revision} className="history__item">
                      <p className="history__head">
                        <span className="badge">
                          {t("submission.revisionBadge", { revision: revision.revision })}
                        </span>
                        <span>
                          {revision.authorUserId === null
                            ? t("submission.originalAuthor")
                            : (people.get(revision.authorUserId) ?? t("submission.someone"))}
                        </span>
                      </p>
                      <p className="history__when">
                        <time dateTime={revision.createdAt}>{format.dateTime(revision.createdAt)}</time>
                      </p>
                      <blockquote className="history__reason">{revision.reason}</blockquote>
                      {previous !== undefined && form !== undefined && (
                        <Changes
                          form={form}
                          before={previous.answers}
                          after={revision.answers}
                          language={language}
                          format={format}
                        />
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

/** The answers in the form's order, grouped as the form groups them, flagged ones marked. */
function AnswerList({
  form,
  submission,
  language,
  format,
}: {
  form: FormDefinition;
  submission: Submission;
  language: string;
  format: Format;
}) {
  const { t } = useTranslation();
  const flagged = new Set(submission.flags.flatMap((flag) => checkReferences(form, flag.checkId)));
  const known = questionIndex(form);
  const unknown = Object.keys(submission.answers).filter((name) => !known.has(name));

  const renderItems = (items: readonly FormItem[]): ReactNode[] =>
    items.flatMap((item) => {
      if (item.type === "note") return [];
      if (item.type === "group") {
        const inner = renderItems(item.items);
        if (inner.length === 0) return [];
        const label = pickText(item.label, language, form);
        return [
          <div key={item.name} className="answer-group">
            {label !== undefined && (
              <h3 className="answer-group__title" lang={label.lang}>
                {label.text}
              </h3>
            )}
            <dl className="answers">{inner}</dl>
          </div>,
        ];
      }
      if (!isQuestion(item)) return [];
      const label = pickText(item.label, language, form);
      const value = submission.answers[item.name];
      const text = answerText(form, item, value, language, format.number);
      const isFlagged = flagged.has(item.name);
      return [
        <div
          key={item.name}
          className={isFlagged ? "answer is-flagged" : text === undefined ? "answer is-empty" : "answer"}
        >
          <dt lang={label?.lang}>
            {label?.text ?? item.name}
            {item.critical === true && <span className="badge badge--critical">{t("forms.critical")}</span>}
          </dt>
          <dd>
            {text === undefined ? <span className="muted">{t("submission.noAnswer")}</span> : text}
            {isFlagged && (
              <span className="answer__flag">
                <span aria-hidden="true">⚑ </span>
                {t("submission.flaggedAnswer")}
              </span>
            )}
          </dd>
        </div>,
      ];
    });

  // Top-level questions go into their own list; groups carry theirs.
  const blocks: ReactNode[] = [];
  let loose: ReactNode[] = [];
  const flush = () => {
    if (loose.length > 0) {
      blocks.push(
        <dl key={`loose-${blocks.length}`} className="answers">
          {loose}
        </dl>,
      );
      loose = [];
    }
  };
  for (const item of form.items) {
    const rendered = renderItems([item]);
    if (item.type === "group") {
      flush();
      blocks.push(...rendered);
    } else loose.push(...rendered);
  }
  flush();

  return (
    <div className="card__body answer-blocks">
      {blocks}
      {unknown.length > 0 && (
        <div className="answer-group">
          <h3 className="answer-group__title">{t("submission.unknownQuestions")}</h3>
          <dl className="answers">
            {unknown.map((name) => (
              <div key={name} className="answer">
                <dt>
                  <code>{name}</code>
                </dt>
                <dd>{JSON.stringify(submission.answers[name])}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}

/** What a revision changed: each question whose answer differs from the previous revision. */
function Changes({
  form,
  before,
  after,
  language,
  format,
}: {
  form: FormDefinition;
  before: Answers;
  after: Answers;
  language: string;
  format: Format;
}) {
  const { t } = useTranslation();
  const index = questionIndex(form);
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (name) => !sameAnswer(before[name], after[name]),
  );
  if (names.length === 0) return <p className="history__changes muted">{t("submission.noChanges")}</p>;
  const shown = (name: string, value: StoredAnswer | undefined, Tag: "del" | "ins") => {
    const question = index.get(name)?.question;
    const text =
      question === undefined
        ? value == null
          ? undefined
          : String(value)
        : answerText(form, question, value, language, format.number);
    return text === undefined ? <span className="muted">{t("submission.noAnswer")}</span> : <Tag>{text}</Tag>;
  };
  return (
    <ul className="history__changes" aria-label={t("submission.changes")}>
      {names.map((name) => {
        const question = index.get(name)?.question;
        const label = question === undefined ? undefined : pickText(question.label, language, form);
        return (
          <li key={name}>
            <span className="change__question">{label?.text ?? name}</span>
            <span className="change__values">
              {shown(name, before[name], "del")}
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden"> {t("submission.changedTo")} </span>
              {shown(name, after[name], "ins")}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

const decisionsFor: Record<Submission["status"], readonly ReviewDecision[]> = {
  accepted: ["verify", "quarantine"],
  verified: ["quarantine", "release"],
  quarantined: ["verify", "release"],
};

/** Verify / Quarantine / Release, each asking for a reason in a dialog. */
function ReviewActions({ submission, missionId }: { submission: Submission; missionId: string }) {
  const { t } = useTranslation();
  const review = useReview(submission.id, missionId);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const [done, setDone] = useState<ReviewDecision | null>(null);

  useEffect(() => {
    if (decision !== null && dialog.current !== null && !dialog.current.open) dialog.current.showModal();
  }, [decision]);

  const open = (next: ReviewDecision) => {
    review.reset();
    setReason("");
    setTouched(false);
    setDone(null);
    setDecision(next);
  };
  const close = () => {
    dialog.current?.close();
  };
  const tooShort = reason.trim().length < 3;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (decision === null || tooShort) return;
    review.mutate(
      { decision, reason: reason.trim() },
      {
        onSuccess: () => {
          setDone(decision);
          close();
        },
      },
    );
  };

  return (
    <section className="review-bar" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="review-bar__title">
        {t("review.title")}
      </h2>
      <div className="review-bar__actions">
        {decisionsFor[submission.status].map((candidate) => (
          <button
            key={candidate}
            type="button"
            className={`button ${candidate === "quarantine" ? "button--danger" : "button--secondary"}`}
            onClick={() => open(candidate)}
          >
            {t(`review.${candidate}`)}
          </button>
        ))}
      </div>
      <p className="review-bar__done" role="status">
        {done !== null ? t(`review.done.${done}`) : ""}
      </p>
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby={`${id}-dialog-title`}
        onClose={() => setDecision(null)}
      >
        {decision !== null && (
          <form className="form" onSubmit={submit} noValidate>
            <h2 id={`${id}-dialog-title`} className="dialog__title">
              {t(`review.dialogTitle.${decision}`)}
            </h2>
            <p className="muted">{t(`review.explain.${decision}`)}</p>
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t("review.reason")}</label>
              <textarea
                id={`${id}-reason`}
                className="input textarea"
                rows={3}
                maxLength={1000}
                required
                aria-invalid={touched && tooShort}
                aria-describedby={`${id}-reason-hint`}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
              <p id={`${id}-reason-hint`} className={touched && tooShort ? "field__error" : "field__hint"}>
                {touched && tooShort ? t("review.reasonRequired") : t("review.reasonHint")}
              </p>
            </div>
            {review.isError && (
              <p className="callout callout--danger" role="alert">
                {t("errors.server", { message: review.error.message })}
              </p>
            )}
            <div className="dialog__actions">
              <button type="button" className="button button--secondary" onClick={close}>
                {t("review.cancel")}
              </button>
              <button
                type="submit"
                className={`button ${decision === "quarantine" ? "button--danger" : "button--primary"}`}
                disabled={review.isPending}
              >
                {review.isPending ? t("review.saving") : t(`review.confirm.${decision}`)}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </section>
  );
}
