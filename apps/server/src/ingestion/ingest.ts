import { hash } from "node:crypto";
import type { ErrorCode, ErrorParams, FORBIDDEN_WHAT } from "@scrutiny/contract";
import {
  answersToStore,
  attachmentHashes,
  canonicalJson,
  type FormDefinition,
  type InputIssue,
  questionsOf,
  type SubmissionChannel,
  type SubmissionEnvelope,
  safeParseSubmissionEnvelope,
  submissionContentJson,
  type User,
  utcOffsetOf,
  validateSubmission,
} from "@scrutiny/domain";
import type { AppendOutcome, Store, SubmissionRow } from "@scrutiny/store";
import { GroupCommitter } from "./group-commit.ts";
import { ReferenceCache } from "./references.ts";

/** The receipt an observer's device keeps: proof that the report is stored durably. */
export interface Receipt {
  readonly id: string;
  readonly receivedAt: string;
  readonly contentHash: string;
  readonly revision: number;
  /** True when this id was already stored with the same content (a retry). */
  readonly duplicate: boolean;
  readonly flags: readonly { checkId: string; message: string; params?: Record<string, string | number> }[];
  /** SHA-256 of every attachment the report refers to (its content hash covers them, via the answers). */
  readonly attachments: readonly string[];
}

export type IngestResult =
  | { readonly status: 201 | 200; readonly receipt: Receipt }
  | {
      readonly status: 400 | 403 | 409 | 422;
      /** A code the contract declares, with its params (the phone says it in its language). */
      readonly error: {
        code: ErrorCode;
        message: string;
        params?: Readonly<Record<string, string | number | readonly string[]>>;
        details?: unknown;
      };
    };

/** Validates, authorises and durably appends observers' reports, many requests per commit. */
export class SubmissionIngestion {
  readonly references: ReferenceCache;
  private readonly committer: GroupCommitter<SubmissionRow, AppendOutcome>;
  private readonly createdListeners = new Set<(rows: readonly SubmissionRow[]) => void>();

  constructor(private readonly store: Store) {
    this.references = new ReferenceCache(store);
    this.committer = new GroupCommitter((rows) => store.submissions.append(rows), {
      maxBatch: 1000,
      // PGlite runs one query at a time. On PostgreSQL every commit appends to the transparency
      // log and holds its head row from that append to the commit, so commits are serial whatever
      // the pool: a second one in flight writes its batch while the first holds the head; more
      // would only split the waiting reports into smaller batches (more statements per report).
      maxConcurrentCommits: store.kind === "postgres" ? 2 : 1,
      // A second commit only for a backlog of a full wave of clients: below that, on a server
      // short of CPU, two commits in flight halve the batches and cost about 10% more CPU per
      // report (measured over HTTP at 64 connections, docs/BENCHMARKS.md); a deep backlog (a
      // slow or distant database) still overlaps its round trips.
      overlapFrom: 64,
    });
  }

  async ingest(user: User, bodies: readonly unknown[], channel: SubmissionChannel): Promise<IngestResult[]> {
    const prepared = await Promise.all(bodies.map((body) => this.prepare(user, body, channel)));
    const rows = prepared.flatMap((p) => ("row" in p ? [p.row] : []));
    const outcomes = await this.committer.submit(rows);
    if (this.createdListeners.size > 0) {
      const created = rows.filter((_row, i) => outcomes[i]?.kind === "created");
      if (created.length > 0) for (const listener of this.createdListeners) listener(created);
    }
    let next = 0;
    return prepared.map((p): IngestResult => {
      if (!("row" in p)) return p.result;
      const outcome = outcomes[next++];
      if (outcome === undefined) throw new Error("missing outcome");
      if (outcome.kind === "rejected") {
        return invalid(422, "refused_by_database", outcome.message, [
          { path: [outcome.field], code: "refused_by_database", message: outcome.message },
        ]).result;
      }
      if (outcome.kind === "conflict") {
        return {
          status: 409,
          error: {
            code: "conflict",
            params: { what: "submission" },
            message: `submission ${p.row.id} was already received with different content; send a correction as an amendment`,
            details: { existingContentHash: outcome.existingHash, sentContentHash: p.row.contentHash },
          },
        };
      }
      return {
        status: outcome.kind === "created" ? 201 : 200,
        receipt: {
          ...outcome.receipt,
          duplicate: outcome.kind === "duplicate",
          flags: p.row.flags ?? [],
          attachments: p.attachments,
        },
      };
    });
  }

  drain(): Promise<void> {
    return this.committer.drain();
  }

  /** Calls `listener` with the reports each commit stored for the first time (the live view). */
  onCreated(listener: (rows: readonly SubmissionRow[]) => void): () => void {
    this.createdListeners.add(listener);
    return () => this.createdListeners.delete(listener);
  }

  private async prepare(
    user: User,
    body: unknown,
    channel: SubmissionChannel,
  ): Promise<{ row: SubmissionRow; attachments: string[] } | { result: IngestResult }> {
    const parsed = safeParseSubmissionEnvelope(body);
    if (!parsed.ok)
      return invalid(400, "invalid_submission", "the submission is malformed", parsed.error, {
        count: parsed.error.length,
      });
    const envelope = parsed.value;

    const observer = await this.resolveObserver(user, envelope);
    if ("result" in observer) return observer;

    const form = await this.references.formVersion(envelope.formId, envelope.formVersion);
    if (form === undefined) {
      return invalid(
        422,
        "unknown_form",
        `form ${envelope.formId} has no version ${envelope.formVersion}`,
        [{ path: ["formVersion"], code: "unknown_form", message: "unknown form or version" }],
        { form: envelope.formId, version: envelope.formVersion },
      );
    }
    const stationElection = await this.references.stationElection(envelope.stationId);
    if (stationElection === undefined) {
      return invalid(
        422,
        "unknown_station",
        `polling station ${envelope.stationId} does not exist`,
        [{ path: ["stationId"], code: "unknown_station", message: "unknown polling station" }],
        { codes: [envelope.stationId] },
      );
    }
    if (stationElection !== observer.electionId || form.electionId !== observer.electionId) {
      return forbidden(
        "observers report only on stations and forms of their mission's election",
        "other_election",
      );
    }
    if (form.missionId !== null && form.missionId !== observer.missionId) {
      return forbidden("this form belongs to another mission", "other_mission");
    }

    const unknownReference = await this.checkDeployment(envelope, observer);
    if (unknownReference !== undefined) return unknownReference;

    // Attachments are uploaded first (POST /api/v1/attachments); answers refer to them by hash.
    const hashes = attachmentHashes(form.definition, envelope.answers);
    const attachments = new Map(
      (await this.store.attachments.infoMany(hashes)).map((a) => [a.sha256, a] as const),
    );
    // The observer's position against the station's: only for forms that ask for the check, read
    // afresh (a new station file may move a station), and a flag, never a refusal.
    const stationLocation = checksStationDistance(form.definition)
      ? await this.store.elections.stationLocation(envelope.stationId)
      : undefined;
    const validated = validateSubmission(form.definition, envelope.answers, {
      attachments,
      ...(stationLocation === undefined ? {} : { stationLocation }),
      now: new Date(envelope.submittedAt),
      utcOffsetMinutes: utcOffsetOf(envelope.submittedAt),
    });
    if (!validated.ok) {
      return invalid(
        422,
        "invalid_answers",
        `${validated.error.length} answer${validated.error.length === 1 ? "" : "s"} failed validation`,
        validated.error,
        { count: validated.error.length },
      );
    }
    const contentHash = hash("sha256", submissionContentJson(envelope, observer.observerId));
    return {
      row: {
        id: envelope.id,
        missionId: observer.missionId,
        formId: envelope.formId,
        formVersion: envelope.formVersion,
        observerId: observer.observerId,
        teamId: envelope.teamId ?? null,
        stationId: envelope.stationId,
        visitId: envelope.visitId ?? null,
        phaseCode: envelope.phaseCode,
        answers: answersToStore(form.definition, envelope.answers, validated.value.answers),
        submittedAt: envelope.submittedAt,
        contentHash,
        flags: validated.value.flags.map((flag) => ({
          checkId: flag.checkId,
          message: flag.message,
          ...(flag.params === undefined ? {} : { params: flag.params }),
        })),
        channel,
      },
      attachments: hashes,
    };
  }

  /**
   * The phase must be one of the election's, and a team or visit must be one of the observer's
   * mission (another mission's is answered as unknown: its existence is not this caller's to learn).
   * Checked before the commit, so a bad reference never reaches the group's statement.
   */
  private async checkDeployment(
    envelope: SubmissionEnvelope,
    observer: { missionId: string; electionId: string },
  ): Promise<{ result: IngestResult } | undefined> {
    if (!(await this.references.hasPhase(observer.electionId, envelope.phaseCode))) {
      return invalid(
        422,
        "unknown_phase",
        `the election has no phase "${envelope.phaseCode}"`,
        [{ path: ["phaseCode"], code: "unknown_phase", message: "not a phase of this election" }],
        { phase: envelope.phaseCode },
      );
    }
    if (
      envelope.teamId !== undefined &&
      (await this.references.teamMission(envelope.teamId)) !== observer.missionId
    ) {
      return invalid(422, "unknown_team", `team ${envelope.teamId} is not a team of this mission`, [
        { path: ["teamId"], code: "unknown_team", message: "not a team of this mission" },
      ]);
    }
    if (
      envelope.visitId !== undefined &&
      (await this.references.visitMission(envelope.visitId)) !== observer.missionId
    ) {
      return invalid(422, "unknown_visit", `visit ${envelope.visitId} is not a visit of this mission`, [
        { path: ["visitId"], code: "unknown_visit", message: "not a visit of this mission" },
      ]);
    }
    return undefined;
  }

  /** Observers report only as themselves; coordinators may report on behalf of their mission's observers. */
  private async resolveObserver(
    user: User,
    envelope: SubmissionEnvelope,
  ): Promise<{ observerId: string; missionId: string; electionId: string } | { result: IngestResult }> {
    if (user.role === "observer") {
      if (user.observerId === null)
        return forbidden("this account is not linked to an observer", "not_observer");
      if (envelope.observerId !== undefined && envelope.observerId !== user.observerId) {
        return forbidden("observers submit only as themselves", "own_reports_only");
      }
      const context = await this.references.observer(user.observerId);
      if (context === undefined)
        return forbidden("this account's observer no longer exists", "observer_gone");
      return { observerId: user.observerId, ...context };
    }
    if (user.role === "coordinator" || user.role === "admin") {
      if (envelope.observerId === undefined) {
        return invalid(422, "observer_required", "say which observer made this report", [
          {
            path: ["observerId"],
            code: "required",
            message: "observerId is required when a coordinator submits",
          },
        ]);
      }
      const context = await this.references.observer(envelope.observerId);
      if (context === undefined) {
        return invalid(422, "unknown_observer", `observer ${envelope.observerId} does not exist`, [
          { path: ["observerId"], code: "unknown_observer", message: "unknown observer" },
        ]);
      }
      if (user.role === "coordinator" && context.missionId !== user.missionId) {
        return forbidden("coordinators submit only for observers of their own mission", "other_mission");
      }
      return { observerId: envelope.observerId, ...context };
    }
    return forbidden(`the role ${user.role} cannot submit reports`, "role");
  }
}

const distanceChecked = new WeakMap<FormDefinition, boolean>();
/** Whether a form has a geopoint with a largest distance from the station (max_distance). */
function checksStationDistance(form: FormDefinition): boolean {
  const known = distanceChecked.get(form);
  if (known !== undefined) return known;
  const checks = questionsOf(form).some(
    (q) => q.type === "geopoint" && q.maxDistanceFromStation !== undefined,
  );
  distanceChecked.set(form, checks);
  return checks;
}

export function hashContent(content: unknown): string {
  return hash("sha256", canonicalJson(content));
}

function invalid<C extends ErrorCode>(
  status: 400 | 422,
  code: C,
  message: string,
  issues: readonly InputIssue[],
  params?: ErrorParams<C>,
): { result: IngestResult } {
  return {
    result: {
      status,
      error: { code, message, ...(params === undefined ? {} : { params }), details: { issues } },
    },
  } as { result: IngestResult };
}

function forbidden(message: string, what: (typeof FORBIDDEN_WHAT)[number]): { result: IngestResult } {
  return { result: { status: 403, error: { code: "forbidden", message, params: { what } } } };
}
