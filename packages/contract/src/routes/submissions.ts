import { SubmissionAmendment, SubmissionBatch, SubmissionEnvelope, SubmissionReview } from "@scrutiny/domain";
import { z } from "zod";
import { ownMission, resource, roles, signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { MissionParams, Undescribed } from "./common.ts";

export const SubmissionParams = z.object({ submissionId: z.uuid() });
export const SubmissionQuery = z.object({
  status: z.enum(["accepted", "verified", "quarantined"]).optional(),
  formId: z.uuid().optional(),
  stationId: z.uuid().optional(),
  observerId: z.uuid().optional(),
  phaseCode: z.string().max(64).optional(),
  flagged: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const BATCH_BODY_LIMIT = 8 * 1024 * 1024;

const Receipt = z.object({ receipt: Undescribed });

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
  responses: { 200: z.object({ results: z.array(Undescribed) }) },
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
      submissions: z.array(Undescribed),
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
      submission: Undescribed,
      revisions: z.array(Undescribed),
      reviews: z.array(Undescribed),
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
    201: z.object({ id: z.uuid(), revision: z.number(), flags: z.array(Undescribed) }),
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
  responses: { 201: z.object({ id: z.uuid(), status: z.string() }) },
  policy: roles(["coordinator"], resource("submission", "submissionId", "write")),
});
