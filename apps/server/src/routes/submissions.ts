import { randomUUID } from "node:crypto";
import {
  canonicalJson,
  SubmissionAmendment,
  SubmissionBatch,
  SubmissionEnvelope,
  SubmissionReview,
  statusAfter,
  type User,
  validateSubmission,
} from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireRole, requireUser } from "../auth/authenticate.ts";
import { forbidden, HttpError, notFound } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";
import { hashContent, type IngestResult, type SubmissionIngestion } from "../ingestion/ingest.ts";

const SubmissionParams = z.object({ submissionId: z.uuid() });
const MissionParams = z.object({ missionId: z.uuid() });
const SubmissionQuery = z.object({
  status: z.enum(["accepted", "verified", "quarantined"]).optional(),
  formId: z.uuid().optional(),
  stationId: z.uuid().optional(),
  observerId: z.uuid().optional(),
  phaseCode: z.string().max(64).optional(),
  flagged: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const BATCH_BODY_LIMIT = 8 * 1024 * 1024;

export function submissionRoutes(app: FastifyInstance, store: Store, ingestion: SubmissionIngestion): void {
  app.post(
    "/api/v1/submissions",
    {
      schema: routeSchema({
        body: SubmissionEnvelope,
        summary: "Submit one report; idempotent on its client-supplied id; the receipt follows the commit",
        tags: ["submissions"],
      }),
      // The envelope is validated inside ingestion, which reports every issue with its path.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const user = requireUser(request);
      const [result] = await ingestion.ingest(user, [request.body], "api");
      if (result === undefined) throw new Error("no ingestion result");
      return sendResult(reply, result);
    },
  );

  app.post(
    "/api/v1/submissions/batch",
    {
      bodyLimit: BATCH_BODY_LIMIT,
      schema: routeSchema({
        body: SubmissionBatch,
        summary: "Submit up to 500 reports (offline sync); one result per item, in order",
        tags: ["submissions"],
      }),
    },
    async (request) => {
      const user = requireUser(request);
      const { submissions } = request.body as z.infer<typeof SubmissionBatch>;
      const results = await ingestion.ingest(user, submissions, "app");
      return {
        results: results.map((result, index) =>
          "receipt" in result
            ? { index, status: result.status, receipt: result.receipt }
            : { index, status: result.status, error: result.error },
        ),
      };
    },
  );

  app.get(
    "/api/v1/missions/:missionId/submissions",
    {
      schema: routeSchema({
        params: MissionParams,
        querystring: SubmissionQuery,
        summary: "List a mission's submissions, newest first, with filters",
        tags: ["submissions"],
      }),
    },
    async (request) => {
      const user = requireRole(request, "coordinator", "analyst");
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      assertOwnMission(user, missionId);
      const query = request.query as z.infer<typeof SubmissionQuery>;
      const { rows, total } = await store.submissions.list({
        missionId,
        status: query.status,
        formId: query.formId,
        stationId: query.stationId,
        observerId: query.observerId,
        phaseCode: query.phaseCode,
        flagged: query.flagged === undefined ? undefined : query.flagged === "true",
        limit: query.limit,
        offset: query.offset,
      });
      return { total, limit: query.limit, offset: query.offset, submissions: rows };
    },
  );

  app.get(
    "/api/v1/submissions/:submissionId",
    {
      schema: routeSchema({
        params: SubmissionParams,
        summary: "One submission with every revision and review decision",
        tags: ["submissions"],
      }),
    },
    async (request) => {
      const user = requireUser(request);
      const submission = await loadVisible(
        store,
        user,
        (request.params as z.infer<typeof SubmissionParams>).submissionId,
      );
      const [revisions, reviews] = await Promise.all([
        store.submissions.revisions(submission.id),
        store.submissions.reviews(submission.id),
      ]);
      return { submission, revisions, reviews };
    },
  );

  app.post(
    "/api/v1/submissions/:submissionId/amendments",
    {
      schema: routeSchema({
        params: SubmissionParams,
        body: SubmissionAmendment,
        summary: "Correct a submission: a new revision, the old ones kept with who, when and why",
        tags: ["submissions"],
      }),
    },
    async (request, reply) => {
      const user = requireUser(request);
      const submission = await loadVisible(
        store,
        user,
        (request.params as z.infer<typeof SubmissionParams>).submissionId,
      );
      if (user.role === "analyst") throw forbidden("analysts cannot change submissions");
      const { answers, reason } = request.body as SubmissionAmendment;
      const form = await ingestion.references.formVersion(submission.formId, submission.formVersion);
      if (form === undefined) throw new Error(`form of submission ${submission.id} is missing`);
      const validated = validateSubmission(form.definition, answers);
      if (!validated.ok) {
        throw new HttpError(422, "invalid_answers", `${validated.error.length} answer(s) failed validation`, {
          issues: validated.error,
        });
      }
      const flags = validated.value.flags.map((flag) => ({ checkId: flag.checkId, message: flag.message }));
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
    },
  );

  app.post(
    "/api/v1/submissions/:submissionId/reviews",
    {
      schema: routeSchema({
        params: SubmissionParams,
        body: SubmissionReview,
        summary: "Verify, quarantine (kept but excluded from statistics) or release a submission",
        tags: ["submissions"],
      }),
    },
    async (request, reply) => {
      const user = requireRole(request, "coordinator");
      const submission = await loadVisible(
        store,
        user,
        (request.params as z.infer<typeof SubmissionParams>).submissionId,
      );
      const { decision, reason } = request.body as SubmissionReview;
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
    },
  );
}

function sendResult(reply: import("fastify").FastifyReply, result: IngestResult) {
  if ("receipt" in result) return reply.status(result.status).send({ receipt: result.receipt });
  return reply.status(result.status).send({ error: result.error });
}

function assertOwnMission(user: User, missionId: string): void {
  if (user.role !== "admin" && user.missionId !== missionId)
    throw forbidden("this is another mission's data");
}

/** Coordinators and analysts see their mission's submissions; observers see their own. */
async function loadVisible(store: Store, user: User, submissionId: string) {
  const submission = await store.submissions.get(submissionId);
  if (submission === undefined) throw notFound("submission");
  if (user.role === "observer") {
    if (submission.observerId !== user.observerId) throw notFound("submission");
  } else {
    assertOwnMission(user, submission.missionId);
  }
  return submission;
}
