import { z } from "zod";
import { canonicalJson } from "../forms/hash.ts";

/**
 * What the transparency log records about each change that matters. Entries carry ids (UUIDs,
 * pseudonymous) and content hashes, never names, phones or answers: anyone may download them.
 */
// Content hashes as stored (SHA-256 hex in production; the log records whatever the row holds).
const Sha256 = z.string().min(1).max(256);
const Id = z.uuid();

export const LogEntry = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("submission"), id: Id, mission: Id, contentHash: Sha256 }),
  z.strictObject({
    kind: z.literal("revision"),
    submission: Id,
    revision: z.number().int().min(2),
    contentHash: Sha256,
  }),
  z.strictObject({
    kind: z.literal("review"),
    id: Id,
    submission: Id,
    decision: z.string().min(1).max(64),
    status: z.string().min(1).max(64),
  }),
  z.strictObject({
    kind: z.literal("form_version"),
    form: Id,
    election: Id,
    mission: Id.nullable(),
    version: z.number().int().min(1),
    contentHash: Sha256,
  }),
  z.strictObject({ kind: z.literal("plan"), id: Id, mission: Id, design: z.string(), contentHash: Sha256 }),
  z.strictObject({
    kind: z.literal("results_set"),
    id: Id,
    election: Id,
    fileSha256: Sha256,
    dataSha256: Sha256,
  }),
  z.strictObject({ kind: z.literal("publication"), id: Id, mission: Id, contentHash: Sha256 }),
  z.strictObject({
    kind: z.literal("permission"),
    user: Id,
    role: z.string().min(1).max(64),
    mission: Id.nullable(),
    change: z.enum(["granted", "revoked"]),
  }),
  // A password set by an administrator (reset) or by its owner: who and when, never the secret.
  z.strictObject({
    kind: z.literal("account"),
    user: Id,
    change: z.enum(["password_reset", "password_changed"]),
  }),
]);
export type LogEntry = z.infer<typeof LogEntry>;
export type LogEntryKind = LogEntry["kind"];

/**
 * The entry's bytes in the log: canonical JSON (sorted keys, no spaces) with its own position, so
 * a row moved to another index no longer matches where it stands.
 */
export function encodeLogEntry(index: number, entry: LogEntry): string {
  return submissionEntryText(index, entry) ?? canonicalJson({ ...LogEntry.parse(entry), index });
}

const ID_PATTERN = (Id._zod.def as { pattern?: RegExp }).pattern;

/**
 * `encodeLogEntry` of a submission's entry, the one written with every stored report, without
 * zod: the same checks (a UUID by the schema's own pattern, a hash of 1 to 256 characters, no
 * other key) and the same canonical text, keys in sorted order. Undefined for anything else,
 * which the schema then checks (and refuses). A test holds it equal to the general path.
 */
export function submissionEntryText(index: number, entry: unknown): string | undefined {
  if (typeof entry !== "object" || entry === null || Object.getPrototypeOf(entry) !== Object.prototype)
    return undefined;
  const { kind, id, mission, contentHash } = entry as Record<string, unknown>;
  if (kind !== "submission" || !Number.isSafeInteger(index) || ID_PATTERN === undefined) return undefined;
  let keys = 0;
  for (const _key in entry) keys++;
  if (keys !== 4 || !Object.hasOwn(entry, "kind")) return undefined;
  if (
    typeof id !== "string" ||
    !ID_PATTERN.test(id) ||
    typeof mission !== "string" ||
    !ID_PATTERN.test(mission)
  )
    return undefined;
  if (typeof contentHash !== "string" || contentHash.length < 1 || contentHash.length > 256) return undefined;
  // A UUID is hex digits and dashes: as JSON it is itself in quotes.
  return `{"contentHash":${JSON.stringify(contentHash)},"id":"${id}","index":${index},"kind":"submission","mission":"${mission}"}`;
}

/** The key of the row an entry records, for finding it again (`submission/revision` for revisions). */
export function logEntrySubject(entry: LogEntry): string {
  switch (entry.kind) {
    case "revision":
      return `${entry.submission}/${entry.revision}`;
    case "form_version":
      return `${entry.form}/${entry.version}`;
    case "permission":
    case "account":
      return entry.user;
    default:
      return entry.id;
  }
}

/** The entry and the position it claims; undefined when the bytes are not an entry in canonical form. */
export function decodeLogEntry(text: string): { index: number; entry: LogEntry } | undefined {
  try {
    const { index, ...rest } = JSON.parse(text) as { index?: unknown };
    const parsed = LogEntry.safeParse(rest);
    if (!parsed.success || typeof index !== "number" || !Number.isSafeInteger(index)) return undefined;
    return canonicalJson({ ...parsed.data, index }) === text ? { index, entry: parsed.data } : undefined;
  } catch {
    return undefined;
  }
}
