import { z } from "zod";
import { err, type InputIssue, ok, type Result } from "../common/result.ts";
import { Id } from "../election/ids.ts";
import type { AnswerValue } from "../forms/answer-types.ts";
import { canonicalJson } from "../forms/hash.ts";
import { AnswersSchema } from "../forms/validate.ts";

/**
 * Where a submission came from; kept for audit and for channel-specific replies. "paper": a
 * checklist filled on paper and entered by the mission's staff on the observer's behalf.
 */
export const SubmissionChannel = z.enum(["api", "web", "app", "sms", "import", "odk", "paper"]);
export type SubmissionChannel = z.infer<typeof SubmissionChannel>;

/**
 * What a client sends: the filled form plus where and when. The id is minted by the client
 * (offline phones, SMS gateways) so that a retry can never create a duplicate.
 */
export const SubmissionEnvelope = z
  .strictObject({
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
  })
  .superRefine((envelope, context) => {
    for (const issue of unstorableText(envelope)) {
      context.addIssue({ code: "custom", path: [...(issue.path ?? [])], message: issue.message });
    }
  });
export type SubmissionEnvelope = z.infer<typeof SubmissionEnvelope>;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a database cannot hold this text, if it cannot: PostgreSQL refuses NUL characters in text
 * and JSON, and JSON with lone UTF-16 surrogates.
 */
export function unstorableTextProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "text must not contain NUL (\\u0000) characters";
  if (LONE_SURROGATE.test(text)) return "text contains a lone UTF-16 surrogate";
  return undefined;
}

/**
 * Every piece of text in `value` (strings and object keys, at any depth) that a database cannot
 * hold, with its path. Found at the edge, such a report is refused with the path to the field,
 * instead of failing in the database (and, before, failing everyone's reports with it).
 */
export function unstorableText(value: unknown, path: (string | number)[] = []): InputIssue[] {
  const issues: InputIssue[] = [];
  // One path, pushed and popped on the way down, copied only for an issue: this walks every
  // report, and a path array per value was most of its cost.
  collectUnstorable(value, [...path], issues);
  return issues;
}

function collectUnstorable(value: unknown, path: (string | number)[], issues: InputIssue[]): void {
  if (typeof value === "string") {
    const problem = unstorableTextProblem(value);
    if (problem !== undefined) issues.push({ path: [...path], code: "unstorable_text", message: problem });
    return;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      collectUnstorable(value[index], path, issues);
      path.pop();
    }
    return;
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      path.push(key);
      collectUnstorable(key, path, issues);
      collectUnstorable(record[key], path, issues);
      path.pop();
    }
  }
}

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
  const fast = plainEnvelope(value);
  if (fast !== undefined) return ok(fast);
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

/**
 * `canonicalJson(submissionContent(envelope, observerId))`, written directly: the keys are fixed
 * and already in sorted order, so only the answers go through the general canonical form (this
 * runs for every report; a test holds the two equal).
 */
export function submissionContentJson(envelope: SubmissionEnvelope, observerId: string): string {
  const text = (value: string | undefined) => (value === undefined ? "null" : JSON.stringify(value));
  return `{"answers":${canonicalJson(envelope.answers)},"formId":${text(envelope.formId)},"formVersion":${canonicalJson(
    envelope.formVersion,
  )},"observerId":${text(observerId)},"phaseCode":${text(envelope.phaseCode)},"stationId":${text(
    envelope.stationId,
  )},"submittedAt":${text(new Date(envelope.submittedAt).toISOString())},"teamId":${text(
    envelope.teamId,
  )},"visitId":${text(envelope.visitId)}}`;
}

// The schemas' own patterns (zod tests a UUID or a date-time by exactly these), so the fast path
// below cannot accept a string the schema would refuse.
const ID_PATTERN = (Id._zod.def as { pattern?: RegExp }).pattern;
const DATETIME_PATTERN = (z.iso.datetime({ offset: true })._zod.def as { pattern?: RegExp }).pattern;
const OPTIONAL_IDS = ["observerId", "teamId", "visitId"] as const;
const ENVELOPE_KEYS = new Set([
  "id",
  "formId",
  "formVersion",
  "stationId",
  "phaseCode",
  "observerId",
  "teamId",
  "visitId",
  "submittedAt",
  "answers",
]);

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN !== undefined && ID_PATTERN.test(value);
}

function isStorable(text: string): boolean {
  return unstorableTextProblem(text) === undefined;
}

/**
 * The envelope as `SubmissionEnvelope` parses it, for the common case only: a plain JSON object
 * with nothing but valid fields, answers that are text, finite numbers, lists of text or null
 * (no repeats), and no text a database cannot hold. Anything else (an error, a repeat, a key the
 * schema strips, an input that is not plain JSON) is undefined and goes through the schema, which
 * alone says what is wrong. Every value accepted here the schema accepts with the same output (a
 * property test holds them equal); it runs on every report, and zod's walk was its largest cost.
 */
export function plainEnvelope(value: unknown): SubmissionEnvelope | undefined {
  if (!isPlainRecord(value)) return undefined;
  for (const key in value) if (!ENVELOPE_KEYS.has(key)) return undefined;
  const { id, formId, formVersion, stationId, phaseCode, submittedAt, answers } = value;
  if (!isId(id) || !isId(formId) || !isId(stationId)) return undefined;
  if (typeof formVersion !== "number" || !Number.isSafeInteger(formVersion) || formVersion <= 0)
    return undefined;
  if (
    typeof phaseCode !== "string" ||
    phaseCode.length < 1 ||
    phaseCode.length > 64 ||
    phaseCode.trim() !== phaseCode ||
    !isStorable(phaseCode)
  )
    return undefined;
  if (
    typeof submittedAt !== "string" ||
    DATETIME_PATTERN === undefined ||
    !DATETIME_PATTERN.test(submittedAt)
  )
    return undefined;
  const copied = plainAnswers(answers);
  if (copied === undefined) return undefined;
  const envelope: Record<string, unknown> = { id, formId, formVersion, stationId, phaseCode };
  for (const key of OPTIONAL_IDS) {
    if (!(key in value)) continue;
    const given = value[key];
    if (!isId(given)) return undefined;
    envelope[key] = given;
  }
  envelope["submittedAt"] = submittedAt;
  envelope["answers"] = copied;
  return envelope as SubmissionEnvelope;
}

/** A copy of answers without repeats, or undefined where the schema must decide. */
function plainAnswers(answers: unknown): Record<string, AnswerValue> | undefined {
  if (!isPlainRecord(answers)) return undefined;
  const copy: Record<string, AnswerValue> = {};
  for (const key in answers) {
    // The schema strips a `__proto__` key; assigning it here would set the copy's prototype.
    if (key === "__proto__" || !isStorable(key)) return undefined;
    const answer = answers[key];
    if (typeof answer === "string") {
      if (!isStorable(answer)) return undefined;
      copy[key] = answer;
    } else if (typeof answer === "number") {
      if (!Number.isFinite(answer)) return undefined;
      copy[key] = answer;
    } else if (answer === null) {
      copy[key] = null;
    } else if (Array.isArray(answer)) {
      const items: string[] = [];
      for (const item of answer) {
        if (typeof item !== "string" || !isStorable(item)) return undefined;
        items.push(item);
      }
      copy[key] = items;
    } else return undefined;
  }
  return copy;
}
