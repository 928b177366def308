import { findQuestion, SubmissionChannel } from "@scrutiny/domain";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { isApiError, type MissionOverview, type SubmissionDetail } from "../api/client.ts";
import { useDirectory, useFormVersion, useOverview, useSubmission } from "../api/queries.ts";
import { formLanguage, pickText } from "../forms/formText.ts";
import { useFormat } from "../i18n/format.ts";
import { WithOwnMission } from "../session/missionAccess.tsx";
import { useSignedInUser } from "../session/session.tsx";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { AnswerList, Changes } from "./AnswerList.tsx";
import { FlagsBadge, StatusBadge } from "./badges.tsx";
import { phaseLabel } from "./phase.ts";
import { ReviewActions } from "./ReviewActions.tsx";
import type { ListState } from "./SubmissionTable.tsx";

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
  const from = useLocation().state as ListState | null;
  const back = (
    <Link
      to={{ pathname: `/elections/${electionId}/submissions`, search: from?.listSearch ?? "" }}
      className="back-link"
    >
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
      ...reviews.flatMap((review) => (review.reviewerUserId === null ? [] : [review.reviewerUserId])),
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
  /** A flag the product raises (a location far from the station), said from its values, the question by its label. */
  const distanceText = (params: Readonly<Record<string, string | number>>) =>
    t("submission.distanceFlag", {
      question:
        (form === undefined
          ? undefined
          : pickText(findQuestion(form, String(params["name"] ?? ""))?.label, language, form)?.text) ??
        String(params["question"] ?? ""),
      metres: params["metres"] ?? "",
      maximum: params["maximum"] ?? "",
    });
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
          <Link to={`/elections/${electionId}/stations/${submission.stationId}`} className="heading-link">
            <span className="station-code">{station?.code ?? "…"}</span>
            {station !== undefined && <span className="heading-sub"> {station.name}</span>}
          </Link>
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
            <dt>{t("submission.channel")}</dt>
            <dd>{t(`submission.channels.${channelKey(submission.channel)}`)}</dd>
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
              const raised = flag.params?.["metres"] === undefined ? undefined : distanceText(flag.params);
              return (
                <li key={flag.checkId}>
                  {raised !== undefined ? (
                    <span>{raised}</span>
                  ) : (
                    <span lang={message?.lang}>{message?.text ?? flag.message}</span>
                  )}{" "}
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
                      <span>
                        {(review.reviewerUserId === null ? undefined : people.get(review.reviewerUserId)) ??
                          t("submission.someone")}
                      </span>
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

/** The channel's key in the catalogue ("api" for one this version does not know). */
function channelKey(channel: string): SubmissionChannel {
  const known = SubmissionChannel.safeParse(channel);
  return known.success ? known.data : "api";
}
