import { randomUUID } from "node:crypto";
import { type ResponseOf, submissions } from "@scrutiny/contract";
import { canonicalJson, statusAfter, validateSubmission } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";
import { hashContent, type IngestResult, type SubmissionIngestion } from "../ingestion/ingest.ts";

export function submissionRoutes(app: FastifyInstance, store: Store, ingestion: SubmissionIngestion): void {
  registerRoute(
    app,
    submissions.submit,
    async ({ user, body, reply }) => {
      const [result] = await ingestion.ingest(user, [body], "api");
      if (result === undefined) throw new Error("no ingestion result");
      return sendResult(reply, result);
    },
    // The envelope is validated inside ingestion, which reports every issue with its path.
    { validateBodyInHandler: true, bodyTextCheckedBySchema: true },
  );

  registerRoute(
    app,
    submissions.submitPaper,
    async ({ user, params, body, reply }) => {
      // A paper checklist names its observer, who must be of this mission (an admin's entry too).
      const envelope = body as { observerId?: unknown };
      if (typeof envelope === "object" && envelope !== null && UUID.test(String(envelope.observerId))) {
        const observer = await store.roster.observerInMission(params.missionId, String(envelope.observerId));
        if (observer === undefined)
          throw new HttpError(422, "unknown_observer", "the observer is not one of this mission's", {
            issues: [
              {
                path: ["body", "observerId"],
                code: "unknown_observer",
                message: "not an observer of this mission",
              },
            ],
          });
      }
      const [result] = await ingestion.ingest(user, [body], "paper");
      if (result === undefined) throw new Error("no ingestion result");
      return sendResult(reply, result);
    },
    { validateBodyInHandler: true, bodyTextCheckedBySchema: true },
  );

  registerRoute(
    app,
    submissions.submitBatch,
    async ({ user, body }) => {
      const results = await ingestion.ingest(user, body.submissions, "app");
      return {
        results: results.map((result, index) =>
          "receipt" in result
            ? { index, status: result.status, receipt: result.receipt }
            : { index, status: result.status, error: result.error },
        ),
      };
    },
    { bodyTextCheckedBySchema: true },
  );

  registerRoute(app, submissions.listSubmissions, async ({ params, query }) => {
    const { rows, total } = await store.submissions.list({
      missionId: params.missionId,
      status: query.status,
      formId: query.formId,
      stationId: query.stationId,
      observerId: query.observerId,
      phaseCode: query.phaseCode,
      flagged: query.flagged === undefined ? undefined : query.flagged === "true",
      limit: query.limit,
      offset: query.offset,
    });
    // The store's text columns hold the contract's enums (written only through it).
    return { total, limit: query.limit, offset: query.offset, submissions: rows as submissions.Submission[] };
  });

  registerRoute(app, submissions.getSubmission, async ({ params }) => {
    const submission = await loadSubmission(store, params.submissionId);
    const [revisions, reviews] = await Promise.all([
      store.submissions.revisions(submission.id),
      store.submissions.reviews(submission.id),
    ]);
    return {
      submission: submission as submissions.Submission,
      revisions,
      reviews: reviews as ResponseOf<typeof submissions.getSubmission>["reviews"],
    };
  });

  registerRoute(app, submissions.amendSubmission, async ({ user, params, body, reply }) => {
    const submission = await loadSubmission(store, params.submissionId);
    const { answers, reason } = body;
    const form = await ingestion.references.formVersion(submission.formId, submission.formVersion);
    if (form === undefined) throw new Error(`form of submission ${submission.id} is missing`);
    const validated = validateSubmission(form.definition, answers);
    if (!validated.ok) {
      throw new HttpError(
        422,
        "invalid_answers",
        `${validated.error.length} answer(s) failed validation`,
        { issues: validated.error },
        { count: validated.error.length },
      );
    }
    const flags = validated.value.flags.map((flag) => ({
      checkId: flag.checkId,
      message: flag.message,
      ...(flag.params === undefined ? {} : { params: flag.params }),
    }));
    const amended = await store.submissions.amend({
      id: submission.id,
      answers,
      contentHash: hashContent({ amendmentOf: submission.id, answers: JSON.parse(canonicalJson(answers)) }),
      flags,
      authorUserId: user.id,
      reason,
    });
    if (amended === undefined) throw notFound("submission");
    return reply.status(201).send({ id: submission.id, revision: amended.revision, flags });
  });

  registerRoute(app, submissions.reviewSubmission, async ({ user, params, body, reply }) => {
    const submission = await loadSubmission(store, params.submissionId);
    const { decision, reason } = body;
    const status = statusAfter(decision);
    await store.submissions.review({
      id: submission.id,
      reviewId: randomUUID(),
      decision,
      status,
      reviewerUserId: user.id,
      reason,
    });
    return reply.status(201).send({ id: submission.id, status });
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sendResult(reply: import("fastify").FastifyReply, result: IngestResult) {
  if ("receipt" in result) return reply.status(result.status).send({ receipt: result.receipt });
  return reply.status(result.status).send({ error: result.error });
}

/** A submission the route's policy has let the caller reach (its mission's staff, its author). */
export async function loadSubmission(store: Store, submissionId: string) {
  const submission = await store.submissions.get(submissionId);
  if (submission === undefined) throw notFound("submission");
  return submission;
}
