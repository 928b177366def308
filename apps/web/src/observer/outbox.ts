// Sending what the outbox holds. Reports travel with the UUID minted on the phone through the
// batch endpoint, which is idempotent on it: a report whose answer was lost on the way is sent
// again and the server answers with the original receipt, so it is stored exactly once.
// Corrections are not idempotent on the server, so before resending one the phone asks whether
// the last revision already has these answers. Failures without an answer (offline, timeout,
// 5xx, an ended session) wait with exponential back-off; the server's "no" (4xx) is kept and
// shown, never retried blindly.
import { canonicalJson } from "@scrutiny/domain";
import { ApiError } from "../api/failure.ts";
import {
  type BatchResult,
  fetchSubmission,
  sendAmendment,
  sendReports,
  sendVisitTime,
  uploadAttachment,
} from "./api.ts";
import {
  type AmendmentEntry,
  allEntries,
  type KeptFailure,
  type ObserverDatabase,
  type OutboxEntry,
  type ReportEntry,
} from "./db.ts";

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;
const BATCH_SIZE = 100;

/** Exponential back-off with jitter: 2 s, 4 s, 8 s … up to 5 minutes. */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay * (0.75 + 0.5 * random()));
}

export interface SyncOutcome {
  readonly sent: number;
  readonly rejected: number;
  readonly failed: number;
  /** The server said the session has ended: sign in again, nothing is lost. */
  readonly signInNeeded: boolean;
}

/** Only one sender at a time, across this phone's tabs (Web Locks) and within one tab. */
let running: Promise<SyncOutcome> | undefined;

export function syncOutbox(db: ObserverDatabase, now: () => number = Date.now): Promise<SyncOutcome> {
  running ??= withLock(() => syncOnce(db, now)).finally(() => {
    running = undefined;
  });
  return running;
}

/** Runs `work` while no other tab or sync touches the outbox. */
export function withLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (locks === undefined) return work();
  return locks.request("scrutiny-observer-outbox", work) as Promise<T>;
}

/** Makes every waiting entry due now (the connection just came back, or "send now"). */
export async function retryNow(db: ObserverDatabase): Promise<void> {
  const tx = db.transaction("outbox", "readwrite");
  for (const entry of await tx.store.getAll()) {
    if (entry.status === "pending" && entry.nextAttemptAt > 0)
      await tx.store.put({ ...entry, nextAttemptAt: 0 });
  }
  await tx.done;
}

async function syncOnce(db: ObserverDatabase, now: () => number): Promise<SyncOutcome> {
  const outcome = { sent: 0, rejected: 0, failed: 0, signInNeeded: false };
  // No connection: nothing to try (a request started now could hang until its timeout and hold
  // up the next attempt); the `online` event starts the next round.
  if (typeof navigator !== "undefined" && !navigator.onLine) return outcome;
  const due = (await allEntries(db)).filter((e) => e.status === "pending" && e.nextAttemptAt <= now());

  // Photos first: the server accepts a report only when it has every attachment it names.
  const reports: ReportEntry[] = [];
  for (const entry of due) {
    if (entry.kind !== "report") continue;
    try {
      await uploadAttachments(db, entry.attachments ?? []);
      reports.push(entry);
    } catch (error) {
      if (!(await failAll(db, [entry], error, now, outcome))) return outcome;
    }
  }
  for (let start = 0; start < reports.length; start += BATCH_SIZE) {
    const batch = reports.slice(start, start + BATCH_SIZE);
    try {
      const results = await sendReports(batch.map((entry) => entry.body));
      for (const result of results) {
        const entry = batch[result.index];
        if (entry !== undefined) count(outcome, await settleReport(db, entry, result));
      }
    } catch (error) {
      if (!(await failAll(db, batch, error, now, outcome))) return outcome;
    }
  }

  for (const entry of due.filter((e) => e.kind !== "report")) {
    // A correction waits until its report has its receipt.
    if (entry.kind === "amendment" && !(await reportIsSent(db, entry.submissionId))) continue;
    try {
      if (entry.kind === "visit") {
        await sendVisitTime(entry.visitId, entry.event, entry.at);
        await db.put("outbox", { ...entry, status: "sent", lastError: undefined });
      } else {
        await uploadAttachments(db, entry.attachments ?? []);
        await db.put("outbox", {
          ...entry,
          ...(await sendCorrection(entry)),
          status: "sent",
          lastError: undefined,
        });
      }
      outcome.sent += 1;
    } catch (error) {
      if (!(await failAll(db, [entry], error, now, outcome))) return outcome;
    }
  }
  return outcome;
}

function count(outcome: { sent: number; rejected: number }, status: OutboxEntry["status"]): void {
  if (status === "sent") outcome.sent += 1;
  else if (status === "rejected") outcome.rejected += 1;
}

async function settleReport(
  db: ObserverDatabase,
  entry: OutboxEntry,
  result: BatchResult,
): Promise<OutboxEntry["status"]> {
  const settled: OutboxEntry =
    "receipt" in result
      ? { ...entry, status: "sent", receipt: result.receipt, lastError: undefined }
      : { ...entry, status: "rejected", lastError: { status: result.status, ...result.error } };
  await db.put("outbox", settled);
  return settled.status;
}

/**
 * Records a failed attempt. A 4xx other than 401/408/429 is the server's final word about this
 * entry (rejected, shown to the observer); anything else is retried later. Returns false when
 * sending should stop for now (offline or signed out: the rest would fail the same way).
 */
async function failAll(
  db: ObserverDatabase,
  entries: readonly OutboxEntry[],
  error: unknown,
  now: () => number,
  outcome: { rejected: number; failed: number; signInNeeded: boolean },
): Promise<boolean> {
  const status = error instanceof ApiError ? error.status : 0;
  const message: KeptFailure | string =
    error instanceof ApiError
      ? {
          status: error.status,
          code: error.code,
          message: error.message,
          ...(error.params === undefined ? {} : { params: error.params }),
          ...(error.details === undefined ? {} : { details: error.details }),
        }
      : error instanceof Error
        ? error.message
        : String(error);
  const final = status >= 400 && status < 500 && ![401, 408, 429].includes(status);
  for (const entry of entries) {
    const attempts = entry.attempts + 1;
    await db.put(
      "outbox",
      final
        ? { ...entry, attempts, status: "rejected", lastError: message }
        : { ...entry, attempts, nextAttemptAt: now() + retryDelay(attempts), lastError: message },
    );
    if (final) outcome.rejected += 1;
    else outcome.failed += 1;
  }
  if (status === 401) outcome.signInNeeded = true;
  return final;
}

async function uploadAttachments(db: ObserverDatabase, hashes: readonly string[]): Promise<void> {
  for (const sha256 of hashes) {
    const stored = await db.get("attachments", sha256);
    if (stored === undefined || stored.uploaded) continue;
    await uploadAttachment(stored.blob, stored.type);
    await db.put("attachments", { ...stored, uploaded: true });
  }
}

async function reportIsSent(db: ObserverDatabase, submissionId: string): Promise<boolean> {
  const report = await db.get("outbox", submissionId);
  // A correction of a report this phone did not send (another device) can go at once.
  return report === undefined || report.status === "sent";
}

async function sendCorrection(entry: AmendmentEntry): Promise<Pick<AmendmentEntry, "receipt">> {
  if (entry.attempts > 0) {
    // The last try may have arrived with its answer lost: do not make a second revision.
    const { revisions } = await fetchSubmission(entry.submissionId);
    const last = revisions.at(-1);
    if (last !== undefined && canonicalJson(last.answers) === canonicalJson(entry.answers))
      return {
        receipt: receiptOfRevision(entry.submissionId, last.revision, last.contentHash, last.createdAt),
      };
  }
  const { revision } = await sendAmendment(entry.submissionId, entry.answers, entry.reason);
  return { receipt: receiptOfRevision(entry.submissionId, revision, "", new Date().toISOString()) };
}

function receiptOfRevision(id: string, revision: number, contentHash: string, at: string | undefined) {
  return { id, revision, contentHash, receivedAt: at ?? new Date().toISOString() };
}
