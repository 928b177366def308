import type { FormDefinition } from "../forms/definition.ts";
import { canonicalJson, contentHash as formContentHash, sha256HexOfString } from "../forms/hash.ts";
import { submissionContent } from "../submissions/envelope.ts";
import { planContentHash } from "./digests.ts";
import { decodeLogEntry, type LogEntry } from "./entries.ts";
import { type PublicationFileDigest, publicationFileProblems } from "./publication-digest.ts";

/**
 * Audit of the stored rows against the transparency log: replays the entries, then checks that
 * every row that the log records still matches its entry (recomputing content hashes from the
 * rows' own content) and that no row exists without an entry. Pure: the store reads the rows.
 */

export interface AuditSubmission {
  readonly id: string;
  readonly missionId: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly observerId: string | null;
  readonly teamId: string | null;
  readonly stationId: string;
  readonly visitId: string | null;
  readonly phaseCode: string;
  readonly answers: Record<string, unknown>;
  /** ISO 8601 in UTC. */
  readonly submittedAt: string;
  readonly contentHash: string;
  readonly revision: number;
  readonly status: string;
}

export interface AuditRows {
  readonly submissions: readonly AuditSubmission[];
  readonly revisions: readonly {
    submissionId: string;
    revision: number;
    answers: Record<string, unknown>;
    contentHash: string;
  }[];
  readonly reviews: readonly { id: string; submissionId: string; decision: string }[];
  readonly formVersions: readonly {
    formId: string;
    electionId: string;
    missionId: string | null;
    version: number;
    definition: unknown;
    contentHash: string;
  }[];
  readonly plans: readonly {
    id: string;
    missionId: string;
    design: string;
    stations: {
      stationId: string;
      stratum: string | null;
      inclusionProbability: number | null;
      reserve: boolean;
      order: number;
    }[];
  }[];
  readonly resultsSets: readonly { id: string; electionId: string; fileSha256: string; dataSha256: string }[];
  readonly publications: readonly {
    id: string;
    missionId: string;
    contentHash: string;
    files: readonly PublicationFileDigest[];
  }[];
  readonly users: readonly { id: string; role: string; missionId: string | null }[];
}

export interface AuditProblem {
  /** The log entry that no longer matches; undefined for a row that has no entry at all. */
  readonly entry: number | undefined;
  readonly subject: string;
  readonly message: string;
}

/** The SHA-256 of canonical JSON that submissions' and amendments' content hashes use. */
export function canonicalHash(value: unknown): string {
  return sha256HexOfString(canonicalJson(value));
}

/** What an amendment's content hash covers: which submission it corrects and the new answers. */
export function amendmentContent(
  submissionId: string,
  answers: Record<string, unknown>,
): Record<string, unknown> {
  return { amendmentOf: submissionId, answers };
}

export function originalContentHash(
  row: Omit<AuditSubmission, "answers">,
  answers: Record<string, unknown>,
): string {
  const content = submissionContent(
    {
      id: row.id,
      formId: row.formId,
      formVersion: row.formVersion,
      stationId: row.stationId,
      phaseCode: row.phaseCode,
      submittedAt: row.submittedAt,
      answers,
      ...(row.teamId === null ? {} : { teamId: row.teamId }),
      ...(row.visitId === null ? {} : { visitId: row.visitId }),
    } as Parameters<typeof submissionContent>[0],
    row.observerId ?? "",
  );
  return canonicalHash(content);
}

/** Decoded entries by kind, in log order. */
interface Replayed {
  readonly submissions: Map<string, { index: number; entry: Extract<LogEntry, { kind: "submission" }> }>;
  readonly revisions: Map<string, { index: number; entry: Extract<LogEntry, { kind: "revision" }> }>;
  readonly reviews: Map<string, { index: number; entry: Extract<LogEntry, { kind: "review" }> }>;
  /** The last review entry of each submission. */
  readonly lastReview: Map<string, { index: number; status: string }>;
  readonly lastRevision: Map<string, { index: number; revision: number; contentHash: string }>;
  readonly formVersions: Map<string, { index: number; entry: Extract<LogEntry, { kind: "form_version" }> }>;
  readonly plans: Map<string, { index: number; entry: Extract<LogEntry, { kind: "plan" }> }>;
  readonly resultsSets: Map<string, { index: number; entry: Extract<LogEntry, { kind: "results_set" }> }>;
  readonly publications: Map<string, { index: number; entry: Extract<LogEntry, { kind: "publication" }> }>;
  readonly permissions: Map<string, { index: number; entry: Extract<LogEntry, { kind: "permission" }> }>;
}

/** Checks the entries' own form and position; problems of malformed or misplaced entries. */
export function replayEntries(bodies: readonly { index: number; body: string }[]): {
  replayed: Replayed;
  problems: AuditProblem[];
} {
  const problems: AuditProblem[] = [];
  const replayed: Replayed = {
    submissions: new Map(),
    revisions: new Map(),
    reviews: new Map(),
    lastReview: new Map(),
    lastRevision: new Map(),
    formVersions: new Map(),
    plans: new Map(),
    resultsSets: new Map(),
    publications: new Map(),
    permissions: new Map(),
  };
  for (const { index, body } of bodies) {
    const decoded = decodeLogEntry(body);
    if (decoded === undefined) {
      problems.push({ entry: index, subject: "entry", message: "is not a well-formed log entry" });
      continue;
    }
    if (decoded.index !== index) {
      problems.push({
        entry: index,
        subject: "entry",
        message: `stands at position ${index} but was written at position ${decoded.index} (entries moved, inserted or deleted)`,
      });
    }
    const { entry } = decoded;
    switch (entry.kind) {
      case "submission":
        if (replayed.submissions.has(entry.id))
          problems.push({ entry: index, subject: `submission ${entry.id}`, message: "is logged twice" });
        else replayed.submissions.set(entry.id, { index, entry });
        break;
      case "revision":
        replayed.revisions.set(`${entry.submission}/${entry.revision}`, { index, entry });
        replayed.lastRevision.set(entry.submission, {
          index,
          revision: entry.revision,
          contentHash: entry.contentHash,
        });
        break;
      case "review":
        replayed.reviews.set(entry.id, { index, entry });
        replayed.lastReview.set(entry.submission, { index, status: entry.status });
        break;
      case "form_version":
        replayed.formVersions.set(`${entry.form}/${entry.version}`, { index, entry });
        break;
      case "plan":
        replayed.plans.set(entry.id, { index, entry });
        break;
      case "results_set":
        replayed.resultsSets.set(entry.id, { index, entry });
        break;
      case "publication":
        replayed.publications.set(entry.id, { index, entry });
        break;
      case "permission":
        replayed.permissions.set(entry.user, { index, entry });
        break;
    }
  }
  return { replayed, problems };
}

/** Every problem found, the first bad entry first (rows without any entry last). */
export function auditRows(
  bodies: readonly { index: number; body: string }[],
  rows: AuditRows,
): AuditProblem[] {
  const { replayed, problems } = replayEntries(bodies);
  const bad = (entry: number | undefined, subject: string, message: string) =>
    problems.push({ entry, subject, message });

  const storedSubmissions = new Set<string>();
  const revisionRows = new Map(rows.revisions.map((r) => [`${r.submissionId}/${r.revision}`, r]));
  for (const row of rows.submissions) {
    storedSubmissions.add(row.id);
    const subject = `submission ${row.id}`;
    const logged = replayed.submissions.get(row.id);
    if (logged === undefined) {
      bad(undefined, subject, "is stored but has no log entry (inserted outside Scrutiny)");
      continue;
    }
    const original = row.revision === 1 ? row.answers : revisionRows.get(`${row.id}/1`)?.answers;
    if (original === undefined) {
      bad(logged.index, subject, "has lost its original revision");
    } else if (originalContentHash(row, original) !== logged.entry.contentHash) {
      bad(logged.index, subject, "no longer matches its logged content hash (its content was edited)");
    }
    if (row.missionId !== logged.entry.mission) bad(logged.index, subject, "was moved to another mission");
    const lastRevision = replayed.lastRevision.get(row.id);
    const expectedRevision = lastRevision?.revision ?? 1;
    const expectedHash = lastRevision?.contentHash ?? logged.entry.contentHash;
    const revisionIndex = lastRevision?.index ?? logged.index;
    if (row.revision !== expectedRevision) {
      bad(
        revisionIndex,
        subject,
        `is at revision ${row.revision} but the log's last revision is ${expectedRevision}`,
      );
    } else if (row.contentHash !== expectedHash) {
      bad(revisionIndex, subject, "holds a content hash the log never recorded");
    } else if (row.revision > 1 && canonicalHash(amendmentContent(row.id, row.answers)) !== expectedHash) {
      bad(revisionIndex, subject, "no longer matches its last logged revision (its answers were edited)");
    }
    const review = replayed.lastReview.get(row.id);
    if (row.status !== (review?.status ?? "accepted")) {
      bad(
        review?.index ?? logged.index,
        subject,
        `has status ${row.status} but the log says ${review?.status ?? "accepted"}`,
      );
    }
  }
  for (const [id, logged] of replayed.submissions) {
    if (!storedSubmissions.has(id))
      bad(logged.index, `submission ${id}`, "is logged but no longer stored (deleted)");
  }

  for (const row of rows.revisions) {
    if (row.revision === 1) continue;
    const key = `${row.submissionId}/${row.revision}`;
    const logged = replayed.revisions.get(key);
    if (logged === undefined) bad(undefined, `revision ${key}`, "is stored but has no log entry");
    else if (canonicalHash(amendmentContent(row.submissionId, row.answers)) !== logged.entry.contentHash) {
      bad(logged.index, `revision ${key}`, "no longer matches its logged content hash");
    }
  }
  for (const [key, logged] of replayed.revisions) {
    if (!revisionRows.has(key)) bad(logged.index, `revision ${key}`, "is logged but no longer stored");
  }

  const reviewRows = new Set(rows.reviews.map((r) => r.id));
  for (const row of rows.reviews) {
    const logged = replayed.reviews.get(row.id);
    if (logged === undefined) bad(undefined, `review ${row.id}`, "is stored but has no log entry");
    else if (logged.entry.submission !== row.submissionId || logged.entry.decision !== row.decision) {
      bad(logged.index, `review ${row.id}`, "no longer matches its log entry");
    }
  }
  for (const [id, logged] of replayed.reviews) {
    if (!reviewRows.has(id)) bad(logged.index, `review ${id}`, "is logged but no longer stored");
  }

  const formRows = new Set<string>();
  for (const row of rows.formVersions) {
    const key = `${row.formId}/${row.version}`;
    formRows.add(key);
    const logged = replayed.formVersions.get(key);
    if (logged === undefined) {
      bad(undefined, `form version ${key}`, "is stored but has no log entry");
      continue;
    }
    const recomputed = formContentHash(row.definition as FormDefinition);
    if (row.contentHash !== logged.entry.contentHash || recomputed !== logged.entry.contentHash) {
      bad(logged.index, `form version ${key}`, "no longer matches its logged content hash");
    }
  }
  for (const [key, logged] of replayed.formVersions) {
    if (!formRows.has(key)) bad(logged.index, `form version ${key}`, "is logged but no longer stored");
  }

  checkById(
    rows.plans,
    replayed.plans,
    "plan",
    (row, entry) =>
      row.missionId === entry.mission &&
      row.design === entry.design &&
      planContentHash(row.stations) === entry.contentHash,
  );
  checkById(
    rows.resultsSets,
    replayed.resultsSets,
    "results set",
    (row, entry) =>
      row.electionId === entry.election &&
      row.fileSha256 === entry.fileSha256 &&
      row.dataSha256 === entry.dataSha256,
  );
  checkById(
    rows.publications,
    replayed.publications,
    "publication",
    (row, entry) => row.missionId === entry.mission && row.contentHash === entry.contentHash,
  );
  for (const row of rows.publications) {
    const logged = replayed.publications.get(row.id);
    if (logged === undefined) continue;
    for (const message of publicationFileProblems(logged.entry.contentHash, row.files))
      bad(logged.index, `publication ${row.id}`, message);
  }
  for (const row of rows.users) {
    const logged = replayed.permissions.get(row.id);
    if (logged === undefined) bad(undefined, `account ${row.id}`, "exists but its role was never logged");
    else if (logged.entry.role !== row.role || logged.entry.mission !== row.missionId) {
      bad(
        logged.index,
        `account ${row.id}`,
        `has role ${row.role} but the log last granted ${logged.entry.role}`,
      );
    }
  }

  function checkById<R extends { id: string }, E>(
    stored: readonly R[],
    logged: Map<string, { index: number; entry: E }>,
    what: string,
    matches: (row: R, entry: E) => boolean,
  ): void {
    const ids = new Set(stored.map((row) => row.id));
    for (const row of stored) {
      const entry = logged.get(row.id);
      if (entry === undefined) bad(undefined, `${what} ${row.id}`, "is stored but has no log entry");
      else if (!matches(row, entry.entry))
        bad(entry.index, `${what} ${row.id}`, "no longer matches its log entry");
    }
    for (const [id, entry] of logged)
      if (!ids.has(id)) bad(entry.index, `${what} ${id}`, "is logged but no longer stored");
  }

  return problems.sort(
    (a, b) => (a.entry ?? Number.POSITIVE_INFINITY) - (b.entry ?? Number.POSITIVE_INFINITY),
  );
}
