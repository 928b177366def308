// The phone's own storage (IndexedDB): the assignment downloaded at sign-in, drafts, and the
// outbox of reports, corrections and check-in times. Everything is written here before any
// attempt to send, so closing the tab, reloading or restarting the phone loses nothing.
import type { auth, ResponseOf, submissions } from "@scrutiny/contract";
import type { AnswerValue, LocalizedText, ObserverAssignment } from "@scrutiny/domain";
import { type DBSchema, type IDBPDatabase, openDB } from "idb";

/** What the phone keeps of the signed-in user (the contract's `/me` answer, in part). */
export type SignedInUser = Pick<
  ResponseOf<typeof auth.me>["user"],
  "id" | "username" | "displayName" | "observerId"
>;

export interface Draft {
  /** `visitId|formId`, or `amend|submissionId` for a correction. */
  readonly key: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly answers: Record<string, AnswerValue>;
  readonly reason?: string;
  readonly updatedAt: string;
}

/** What the phone keeps of a report's receipt (the contract's, in part). */
export type Receipt = Pick<submissions.SubmissionReceipt, "id" | "receivedAt" | "contentHash" | "revision"> &
  Partial<Pick<submissions.SubmissionReceipt, "duplicate">>;

/** A report as the batch endpoint takes it (SubmissionEnvelope). */
export interface ReportBody {
  readonly id: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly stationId: string;
  readonly phaseCode: string;
  readonly teamId: string;
  readonly visitId: string;
  readonly submittedAt: string;
  readonly answers: Record<string, AnswerValue>;
}

/** A failed try as the outbox keeps it (ui/apiError.ts's RequestFailure). */
export interface KeptFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly details?: unknown;
}

interface EntryBase {
  readonly id: string;
  readonly createdAt: string;
  status: "pending" | "sent" | "rejected";
  attempts: number;
  /** Epoch milliseconds; retries wait with exponential back-off. */
  nextAttemptAt: number;
  /**
   * Why the last try failed: the server's code and params (said in the phone's language when
   * shown), or the English sentence an older version of the app kept.
   */
  lastError?: KeptFailure | string;
  receipt?: Receipt;
  /** For lists: where and what, without looking the assignment up again. */
  readonly label: {
    readonly formTitle: LocalizedText;
    readonly stationCode: string;
    readonly stationName: string;
  };
}
export interface ReportEntry extends EntryBase {
  readonly kind: "report";
  body: ReportBody;
  /** SHA-256 of each photo or file the answers refer to; uploaded before the report is sent. */
  attachments?: readonly string[];
}
export interface AmendmentEntry extends EntryBase {
  readonly kind: "amendment";
  readonly submissionId: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly answers: Record<string, AnswerValue>;
  readonly reason: string;
  readonly attachments?: readonly string[];
}
export interface VisitEntry extends EntryBase {
  readonly kind: "visit";
  readonly visitId: string;
  readonly event: "arrival" | "departure";
  readonly at: string;
}
export type OutboxEntry = ReportEntry | AmendmentEntry | VisitEntry;

/** A photo (or other file) kept on the phone until the server has it. */
export interface StoredAttachment {
  readonly sha256: string;
  readonly blob: Blob;
  readonly type: string;
  uploaded: boolean;
}

interface ObserverSchema extends DBSchema {
  attachments: { key: string; value: StoredAttachment };
  kv: { key: string; value: unknown };
  drafts: { key: string; value: Draft };
  outbox: { key: string; value: OutboxEntry; indexes: { byCreated: string } };
}

export type ObserverDatabase = IDBPDatabase<ObserverSchema>;

export function openObserverDatabase(name = "scrutiny-observer"): Promise<ObserverDatabase> {
  return openDB<ObserverSchema>(name, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore("kv");
        db.createObjectStore("drafts", { keyPath: "key" });
        db.createObjectStore("outbox", { keyPath: "id" }).createIndex("byCreated", "createdAt");
      }
      if (oldVersion < 2) db.createObjectStore("attachments", { keyPath: "sha256" });
    },
  });
}

export async function getUser(db: ObserverDatabase): Promise<SignedInUser | undefined> {
  return (await db.get("kv", "user")) as SignedInUser | undefined;
}
export async function getAssignment(db: ObserverDatabase): Promise<ObserverAssignment | undefined> {
  return (await db.get("kv", "assignment")) as ObserverAssignment | undefined;
}

export async function allEntries(db: ObserverDatabase): Promise<OutboxEntry[]> {
  return db.getAllFromIndex("outbox", "byCreated");
}
