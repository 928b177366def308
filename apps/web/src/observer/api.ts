// The few server calls the phone makes; every one has a timeout so a dead connection in a
// basement fails fast and the outbox tries again later.
import type { attachments, observer, ResponseOf, submissions } from "@scrutiny/contract";
import type { ObserverAssignment } from "@scrutiny/domain";
import { failureOf, networkFailure } from "../api/failure.ts";
import type { ReportBody, SignedInUser } from "./db.ts";

const TIMEOUT_MS = 20_000;

/**
 * Every failure is the staff app's ApiError (api/failure.ts), said to the observer by apiErrorText
 * (ui/apiError.ts); status 0: no answer at all (offline, timeout, connection dropped).
 */
async function call<T>(
  path: string,
  init: RequestInit & { contentType?: string; timeoutMs?: number } = {},
): Promise<T> {
  let response: Response;
  const { contentType, timeoutMs, ...rest } = init;
  try {
    response = await fetch(path, {
      ...rest,
      credentials: "same-origin",
      headers: init.body === undefined ? {} : { "content-type": contentType ?? "application/json" },
      signal: AbortSignal.timeout(timeoutMs ?? TIMEOUT_MS),
    });
  } catch (error) {
    throw networkFailure(error);
  }
  const text = await response.text().catch(() => "");
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) throw failureOf(response, body);
  return body as T;
}

export async function signIn(username: string, accessCode: string): Promise<SignedInUser> {
  const { user } = await call<{ user: SignedInUser }>("/api/v1/auth/sign-in", {
    method: "POST",
    body: JSON.stringify({ username, password: accessCode }),
  });
  return user;
}

export function signOut(): Promise<unknown> {
  return call("/api/v1/auth/sign-out", { method: "POST" });
}

export function fetchAssignment(): Promise<ObserverAssignment> {
  return call<ResponseOf<typeof observer.assignment>>("/api/v1/observer/assignment");
}

export type BatchResult = ResponseOf<typeof submissions.submitBatch>["results"][number];

export async function sendReports(bodies: readonly ReportBody[]): Promise<BatchResult[]> {
  const { results } = await call<ResponseOf<typeof submissions.submitBatch>>("/api/v1/submissions/batch", {
    method: "POST",
    body: JSON.stringify({ submissions: bodies }),
  });
  return results;
}

export function sendAmendment(
  submissionId: string,
  answers: unknown,
  reason: string,
): Promise<ResponseOf<typeof submissions.amendSubmission>> {
  return call(`/api/v1/submissions/${submissionId}/amendments`, {
    method: "POST",
    body: JSON.stringify({ answers, reason }),
  });
}

export type StoredRevision = ResponseOf<typeof submissions.getSubmission>["revisions"][number];

export function fetchSubmission(submissionId: string): Promise<ResponseOf<typeof submissions.getSubmission>> {
  return call(`/api/v1/submissions/${submissionId}`);
}

/** Uploads a photo or file before the report that refers to it by SHA-256 (idempotent: same bytes, same hash). */
export async function uploadAttachment(blob: Blob, type: string): Promise<{ sha256: string }> {
  const { attachment } = await call<ResponseOf<typeof attachments.uploadAttachment>>("/api/v1/attachments", {
    method: "POST",
    body: blob,
    contentType: type,
    // A phone photo over a slow link takes a while (allow 16 KB/s); a stalled one still fails.
    timeoutMs: TIMEOUT_MS + Math.ceil(blob.size / 16),
  });
  return attachment;
}

export function sendVisitTime(visitId: string, event: "arrival" | "departure", at: string): Promise<unknown> {
  return call(`/api/v1/visits/${visitId}/${event}`, { method: "POST", body: JSON.stringify({ at }) });
}
