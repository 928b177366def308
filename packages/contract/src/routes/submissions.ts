import { SubmissionAmendment, SubmissionBatch, SubmissionEnvelope, SubmissionReview } from "@scrutiny/domain";
import { z } from "zod";
import { ownMission, resource, roles, signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { AnyJson, Instant, MissionParams } from "./common.ts";

export const SUBMISSION_STATUSES = ["accepted", "verified", "quarantined"] as const;
export const SubmissionStatus = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** A data-quality check a report failed (it is stored, and flagged). */
export const SubmissionFlag = z.object({
  checkId: z.string(),
  message: z.string(),
  /** A flag the product raises (a location far from the station) names its values. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** Answers as stored: choice names, numbers, text, lists of choice names, repeats. */
export const StoredAnswers = z.record(z.string(), AnyJson);

/** A report as stored, at its latest revision. */
export const Submission = z.object({
  id: z.uuid(),
  missionId: z.uuid(),
  formId: z.uuid(),
  formVersion: z.number().int(),
  observerId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  stationId: z.uuid(),
  visitId: z.uuid().nullable(),
  phaseCode: z.string(),
  answers: StoredAnswers,
  submittedAt: Instant,
  receivedAt: Instant,
  contentHash: z.string(),
  revision: z.number().int(),
  status: SubmissionStatus,
  flags: z.array(SubmissionFlag),
  /** How it arrived: api, app (the observer app's outbox), odk, import, ... */
  channel: z.string(),
});
export type Submission = z.infer<typeof Submission>;

export const SubmissionRevision = z.object({
  submissionId: z.uuid(),
  revision: z.number().int(),
  answers: StoredAnswers,
  contentHash: z.string(),
  authorUserId: z.uuid().nullable(),
  reason: z.string().nullable(),
  createdAt: Instant,
});

export const SubmissionReviewEntry = z.object({
  id: z.uuid(),
  submissionId: z.uuid(),
  decision: z.enum(["verify", "quarantine", "release"]),
  reviewerUserId: z.uuid().nullable(),
  reason: z.string().nullable(),
  createdAt: Instant,
});

/** Proof a device keeps that its report is stored durably. */
export const SubmissionReceipt = z.object({
  id: z.uuid(),
  receivedAt: Instant,
  contentHash: z.string(),
  revision: z.number().int(),
  /** This id was already stored with the same content (a retry). */
  duplicate: z.boolean(),
  flags: z.array(SubmissionFlag),
  /** SHA-256 of every attachment the report refers to. */
  attachments: z.array(z.string()),
});
export type SubmissionReceipt = z.infer<typeof SubmissionReceipt>;

/** One item of a batch: its receipt, or why it was refused (the others are still stored). */
export const BatchResult = z.union([
  z.object({
    index: z.number().int(),
    status: z.union([z.literal(200), z.literal(201)]),
    receipt: SubmissionReceipt,
  }),
  z.object({
    index: z.number().int(),
    status: z.number().int(),
    error: z.object({
      code: z.string(),
      message: z.string(),
      /** What the refusal names (`ERROR_PARAMS` of its code). */
      params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
      details: AnyJson.optional(),
    }),
  }),
]);

export const SubmissionParams = z.object({ submissionId: z.uuid() });
/** Which reports a list or an export of them holds (the reports page's filters). */
export const SubmissionSelectionQuery = z.object({
  status: z.enum(["accepted", "verified", "quarantined"]).optional(),
  stationId: z.uuid().optional(),
  observerId: z.uuid().optional(),
  phaseCode: z.string().max(64).optional(),
  flagged: z.enum(["true", "false"]).optional(),
});

export const SubmissionQuery = SubmissionSelectionQuery.extend({
  formId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const BATCH_BODY_LIMIT = 8 * 1024 * 1024;

const Receipt = z.object({ receipt: SubmissionReceipt });

export const submit = defineRoute({
  method: "POST",
  path: "/api/v1/submissions",
  summary: "Submit one report; idempotent on its client-supplied id; the receipt follows the commit",
  tags: ["submissions"],
  body: SubmissionEnvelope,
  responses: { 200: Receipt, 201: Receipt },
  policy: signedIn(undefined, { tokenScopes: ["submit"] }),
});

export const submitPaper = defineRoute({
  method: "POST",
  path: "/api/v1/missions/:missionId/paper-reports",
  summary:
    "Enter a paper checklist on behalf of one of the mission's observers (channel: paper); the same validation and receipt as any report",
  tags: ["submissions"],
  params: MissionParams,
  body: SubmissionEnvelope,
  responses: { 200: Receipt, 201: Receipt },
  // Data entry is the coordinators' work (a mission's data clerks are coordinator accounts).
  policy: roles(["coordinator"], ownMission()),
});

export const submitBatch = defineRoute({
  method: "POST",
  path: "/api/v1/submissions/batch",
  summary: "Submit up to 500 reports (offline sync); one result per item, in order",
  tags: ["submissions"],
  body: SubmissionBatch,
  bodyLimit: BATCH_BODY_LIMIT,
  responses: { 200: z.object({ results: z.array(BatchResult) }) },
  policy: signedIn(undefined, { tokenScopes: ["submit"] }),
});

export const listSubmissions = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/submissions",
  summary: "List a mission's submissions, newest first, with filters",
  tags: ["submissions"],
  params: MissionParams,
  query: SubmissionQuery,
  responses: {
    200: z.object({
      total: z.number(),
      limit: z.number(),
      offset: z.number(),
      submissions: z.array(Submission),
    }),
  },
  policy: roles(["coordinator", "analyst"], ownMission()),
});

export const getSubmission = defineRoute({
  method: "GET",
  path: "/api/v1/submissions/:submissionId",
  summary: "One submission with every revision and review decision",
  tags: ["submissions"],
  params: SubmissionParams,
  responses: {
    200: z.object({
      submission: Submission,
      revisions: z.array(SubmissionRevision),
      reviews: z.array(SubmissionReviewEntry),
    }),
  },
  // Staff of its mission; an observer, only their own report.
  policy: signedIn(resource("submission", "submissionId", "read")),
});

export const amendSubmission = defineRoute({
  method: "POST",
  path: "/api/v1/submissions/:submissionId/amendments",
  summary: "Correct a submission: a new revision, the old ones kept with who, when and why",
  tags: ["submissions"],
  params: SubmissionParams,
  body: SubmissionAmendment,
  responses: {
    201: z.object({ id: z.uuid(), revision: z.number(), flags: z.array(SubmissionFlag) }),
  },
  policy: roles(["coordinator", "observer"], resource("submission", "submissionId", "write")),
});

export const reviewSubmission = defineRoute({
  method: "POST",
  path: "/api/v1/submissions/:submissionId/reviews",
  summary: "Verify, quarantine (kept but excluded from statistics) or release a submission",
  tags: ["submissions"],
  params: SubmissionParams,
  body: SubmissionReview,
  responses: { 201: z.object({ id: z.uuid(), status: SubmissionStatus }) },
  policy: roles(["coordinator"], resource("submission", "submissionId", "write")),
});
