import { z } from "zod";
import { err, type InputIssue, ok, type Result } from "../common/result.ts";
import { Id } from "../election/ids.ts";
import { AnswersSchema } from "../forms/validate.ts";

/** Where a submission came from; kept for audit and for channel-specific replies. */
export const SubmissionChannel = z.enum(["api", "web", "app", "sms", "import"]);
export type SubmissionChannel = z.infer<typeof SubmissionChannel>;

/**
 * What a client sends: the filled form plus where and when. The id is minted by the client
 * (offline phones, SMS gateways) so that a retry can never create a duplicate.
 */
export const SubmissionEnvelope = z.strictObject({
  id: Id,
  formId: Id,
  formVersion: z.number().int().positive(),
  stationId: Id,
  phaseCode: z.string().trim().min(1).max(64),
  /** Defaults to the signed-in observer; coordinators may submit on an observer's behalf. */
  observerId: Id.optional(),
  teamId: Id.optional(),
  visitId: Id.optional(),
  /** When the observer filled it (device clock), not when it arrived. */
  submittedAt: z.iso.datetime({ offset: true }),
  answers: AnswersSchema,
});
export type SubmissionEnvelope = z.infer<typeof SubmissionEnvelope>;

export const MAX_BATCH_SUBMISSIONS = 500;

export const SubmissionBatch = z.strictObject({
  submissions: z.array(z.unknown()).min(1).max(MAX_BATCH_SUBMISSIONS),
});

/** A correction: a new revision of the answers, with the reason for it. */
export const SubmissionAmendment = z.strictObject({
  answers: AnswersSchema,
  reason: z.string().trim().min(3).max(1000),
});
export type SubmissionAmendment = z.infer<typeof SubmissionAmendment>;

export const ReviewDecision = z.enum(["verify", "quarantine", "release"]);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const SubmissionReview = z.strictObject({
  decision: ReviewDecision,
  reason: z.string().trim().min(3).max(1000),
});
export type SubmissionReview = z.infer<typeof SubmissionReview>;

/** The status a review decision leaves the submission in. */
export function statusAfter(decision: ReviewDecision): "verified" | "quarantined" | "accepted" {
  return decision === "verify" ? "verified" : decision === "quarantine" ? "quarantined" : "accepted";
}

export function safeParseSubmissionEnvelope(value: unknown): Result<SubmissionEnvelope, InputIssue[]> {
  const parsed = SubmissionEnvelope.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.map((issue) => ({
      path: issue.path.map((part) => (typeof part === "number" ? part : String(part))),
      code: issue.code,
      message: issue.message,
    })),
  );
}

/**
 * The fields whose equality makes a retry "the same submission". Canonical JSON of these is
 * hashed; a retry with the same id but another hash is a conflict, never an overwrite.
 */
export function submissionContent(envelope: SubmissionEnvelope, observerId: string): Record<string, unknown> {
  return {
    answers: envelope.answers,
    formId: envelope.formId,
    formVersion: envelope.formVersion,
    observerId,
    phaseCode: envelope.phaseCode,
    stationId: envelope.stationId,
    submittedAt: new Date(envelope.submittedAt).toISOString(),
    teamId: envelope.teamId ?? null,
    visitId: envelope.visitId ?? null,
  };
}
