import { type Frontier, packFrontier, toHex } from "@scrutiny/tlog";
import { and, asc, count, desc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import { pollingStations, submissionReviews, submissionRevisions, submissions } from "../schema/index.ts";
import { insertInChunks } from "./bulk.ts";
import {
  appendToLog,
  insertPlannedRows,
  LogHeadHint,
  type PlannedAppend,
  planAppend,
  submissionLogEntry,
} from "./transparency-log.ts";

export type SubmissionRow = typeof submissions.$inferInsert;

/** What the server promises after the commit that holds a submission. */
export interface StoredReceipt {
  readonly id: string;
  readonly receivedAt: string;
  readonly contentHash: string;
  readonly revision: number;
}

export type AppendOutcome =
  | { readonly kind: "created"; readonly receipt: StoredReceipt }
  | { readonly kind: "duplicate"; readonly receipt: StoredReceipt }
  | { readonly kind: "conflict"; readonly existingHash: string }
  /** The database refused this row (a reference gone since it was checked, text it cannot hold). */
  | { readonly kind: "rejected"; readonly field: string; readonly message: string };

interface StoredReceiptRow {
  id: string;
  receivedAt: string | Date;
  contentHash: string;
  revision: number;
}

/** Which of a mission's reports a list or an export holds: the same filters for both. */
export interface SubmissionSelection {
  readonly missionId: string;
  readonly status?: string | undefined;
  readonly formId?: string | undefined;
  readonly stationId?: string | undefined;
  readonly observerId?: string | undefined;
  readonly phaseCode?: string | undefined;
  readonly flagged?: boolean | undefined;
}

export interface SubmissionFilter extends SubmissionSelection {
  readonly limit: number;
  readonly offset: number;
}

function selected(filter: SubmissionSelection): SQL | undefined {
  const conditions: SQL[] = [eq(submissions.missionId, filter.missionId)];
  if (filter.status) conditions.push(eq(submissions.status, filter.status));
  if (filter.formId) conditions.push(eq(submissions.formId, filter.formId));
  if (filter.stationId) conditions.push(eq(submissions.stationId, filter.stationId));
  if (filter.observerId) conditions.push(eq(submissions.observerId, filter.observerId));
  if (filter.phaseCode) conditions.push(eq(submissions.phaseCode, filter.phaseCode));
  if (filter.flagged === true) conditions.push(sql`jsonb_array_length(${submissions.flags}) > 0`);
  if (filter.flagged === false) conditions.push(sql`jsonb_array_length(${submissions.flags}) = 0`);
  return and(...conditions);
}

export class SubmissionRepository {
  constructor(
    private readonly db: Database,
    /** Shared by every repository of one store: the log head its last append wrote. */
    private readonly logHead: LogHeadHint = new LogHeadHint(),
  ) {}

  /** Bulk load for imports and the demo; live ingestion goes through `append`. */
  async insertMany(rows: readonly SubmissionRow[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await insertInChunks(tx, submissions, rows);
      await appendToLog(tx as unknown as Database, rows.map(submissionLogEntry));
    });
  }

  /**
   * Appends many submissions (group commit). Idempotent on the client's id: an id already stored
   * with the same content hash returns the original receipt; with another hash it is a conflict
   * and nothing changes. Outcomes are returned in input order.
   *
   * One row the database refuses must not fail its neighbours: the batch is split in halves until
   * the refused row is alone, and that row alone is "rejected" with the field at fault. Errors that
   * are not about a row's data (connection lost, database down) still fail the whole batch, so
   * nothing is acknowledged that was not stored.
   */
  async append(rows: readonly SubmissionRow[]): Promise<AppendOutcome[]> {
    if (rows.length === 0) return [];
    try {
      return await this.appendBatch(rows);
    } catch (error) {
      const refusal = rowRefusal(error);
      if (refusal === undefined) throw error;
      if (rows.length === 1) return [{ kind: "rejected", ...refusal }];
      const middle = Math.ceil(rows.length / 2);
      const first = await this.append(rows.slice(0, middle));
      const second = await this.append(rows.slice(middle));
      return [...first, ...second];
    }
  }

  /**
   * Writes one batch atomically: every row of it is stored, or none. This is the single insertion
   * path of live submissions (anything that must be written with each stored submission belongs
   * here, in the same statement or transaction).
   */
  private async appendBatch(rows: readonly SubmissionRow[]): Promise<AppendOutcome[]> {
    // The first occurrence of an id in a batch is the one written; later ones compare against it.
    const firstIndex = new Map<string, number>();
    const unique: SubmissionRow[] = [];
    rows.forEach((row, index) => {
      if (!firstIndex.has(row.id)) {
        firstIndex.set(row.id, index);
        unique.push(row);
      }
    });
    // The batch travels as a JSON array and is unpacked by the database. The transparency log's
    // entries for the rows created are appended in the same transaction, so a stored report is
    // always in the log and a logged one always stored. With the head known (this process wrote
    // it last), rows, entries and head go in one statement, on its own (no transaction around it),
    // that keeps anything only if every row was new and the head is still the one they were
    // numbered after; otherwise, in a transaction, the rows are inserted and the entries of the
    // rows created appended after reading the head under lock.
    let inserted: StoredReceiptRow[] | undefined;
    try {
      inserted = await this.appendAlone(unique);
    } catch (error) {
      this.logHead.forget();
      throw error;
    }
    try {
      inserted ??= await this.db.transaction((tx) =>
        this.logHead.inTurn(async () => {
          const db = tx as unknown as Database;
          const base = this.logHead.current();
          if (base !== undefined) {
            const planned = planAppend(base, unique.map(submissionLogEntry));
            // A second commit in flight numbers its entries after these.
            this.logHead.set(planned.next);
            const { created, logged } = await this.insertAndLog(db, unique, base, planned);
            if (logged) return created;
            const head = await appendToLog(db, this.rowsCreated(unique, created).map(submissionLogEntry));
            if (head !== undefined) this.logHead.set(head);
            else this.logHead.forget();
            return created;
          }
          const created = await this.insertReturning(db, unique);
          const head = await appendToLog(db, this.rowsCreated(unique, created).map(submissionLogEntry));
          if (head !== undefined) this.logHead.set(head);
          return created;
        }),
      );
    } catch (error) {
      this.logHead.forget();
      throw error;
    }
    const insertedById = new Map(inserted.map((row) => [row.id, row]));
    const existingIds = unique.filter((row) => !insertedById.has(row.id)).map((row) => row.id);
    const existing =
      existingIds.length === 0
        ? []
        : await this.db
            .select({
              id: submissions.id,
              receivedAt: submissions.receivedAt,
              // A retry is compared with what was first sent (revision 1), not with amendments.
              contentHash: sql<string>`coalesce((select ${submissionRevisions.contentHash} from ${submissionRevisions}
                where ${submissionRevisions.submissionId} = ${submissions.id} and ${submissionRevisions.revision} = 1),
                ${submissions.contentHash})`,
              revision: submissions.revision,
            })
            .from(submissions)
            .where(inArray(submissions.id, existingIds));
    const stored = { inserted: insertedById, existing: new Map(existing.map((r) => [r.id, r])) };
    return rows.map((row, index) => {
      const created = stored.inserted.get(row.id);
      if (created && firstIndex.get(row.id) === index)
        return { kind: "created", receipt: receiptOf(created) };
      const original = created ?? stored.existing.get(row.id);
      if (original === undefined) throw new Error(`submission ${row.id} neither inserted nor found`);
      return original.contentHash === row.contentHash
        ? { kind: "duplicate", receipt: receiptOf(original) }
        : { kind: "conflict", existingHash: original.contentHash };
    });
  }

  /**
   * The usual case in one statement and no transaction around it (a statement is atomic, and
   * its result arrives after its commit): rows, entries and head, numbered after the head this
   * process last wrote. Where that cannot be (no head known, a row already stored, the head
   * moved), the statement fails on purpose before its end, so nothing of it is kept, and the
   * answer is undefined: the caller then writes the batch in a transaction, reading the head.
   * Saves the `begin` and `commit` round trips, and their CPU, on every commit.
   */
  private async appendAlone(rows: readonly SubmissionRow[]): Promise<StoredReceiptRow[] | undefined> {
    return this.logHead.inTurn(async () => {
      const base = this.logHead.current();
      if (base === undefined) return undefined;
      const planned = planAppend(base, rows.map(submissionLogEntry));
      // A second commit in flight numbers its entries after these.
      this.logHead.set(planned.next);
      try {
        const { created, logged } = await this.insertAndLog(this.db, rows, base, planned, {
          orNothing: true,
        });
        if (!logged) {
          // Every row was already stored (no row came back, so the check above never ran):
          // nothing was written, the head did not move.
          this.logHead.forget();
          if (created.length > 0) throw new Error("submissions stored without their log entries");
        }
        return created;
      } catch (error) {
        if (!isNothingWritten(error)) throw error;
        this.logHead.forget();
        return undefined;
      }
    });
  }

  private rowsCreated(rows: readonly SubmissionRow[], created: readonly StoredReceiptRow[]): SubmissionRow[] {
    const ids = new Set(created.map((row) => row.id));
    return rows.filter((row) => ids.has(row.id));
  }

  private async insertReturning(db: Database, rows: readonly SubmissionRow[]): Promise<StoredReceiptRow[]> {
    const result = await db.execute(sql`
      with ${insertRows(rows)}
      select * from created`);
    return (result as unknown as { rows: StoredReceiptRow[] }).rows;
  }

  /**
   * Inserts the rows and, in the same statement, the planned log entries and head, the latter only
   * if every row was new and the head row still holds `base` (else nothing of the log is written
   * and `logged` is false).
   */
  private async insertAndLog(
    db: Database,
    rows: readonly SubmissionRow[],
    base: Frontier,
    planned: PlannedAppend,
    options: { orNothing?: boolean } = {},
  ): Promise<{ created: StoredReceiptRow[]; logged: boolean }> {
    // The head row is updated whatever it holds (the new head only where it still holds `base`):
    // an update whose condition were in its WHERE would skip the row as this statement's snapshot
    // sees it, so the second commit in flight would never wait for the first's new head.
    const applies = sql`(log_head.size = ${base.size} and log_head.frontier = decode(${toHex(packFrontier(base))}, 'hex')
      and (select count(*) from created) = ${rows.length})`;
    const nextFrontier = toHex(packFrontier(planned.next));
    const result = await db.execute(sql`
      with ${insertRows(rows)}, head as (
        update log_head set
          size = case when ${applies} then ${planned.next.size} else log_head.size end,
          frontier = case when ${applies} then decode(${nextFrontier}, 'hex') else log_head.frontier end
        where id = 1
        returning size = ${planned.next.size} and frontier = decode(${nextFrontier}, 'hex') as applied
      ), ${insertPlannedRows(planned, sql`(select applied from head)`)}${
        options.orNothing
          ? sql`, all_or_nothing as (
        -- Not applied: fail the whole statement (a cast that cannot succeed, built from the
        -- head's answer so that it is evaluated at run time, not when the statement is planned).
        select case when applied then true else (${NOTHING_WRITTEN}::text || applied::text)::boolean end as ok
        from head
      )`
          : sql``
      }
      select created.*, (select applied from head) as logged${options.orNothing ? sql`, (select ok from all_or_nothing) as ok` : sql``}
      from created`);
    const created = (result as unknown as { rows: (StoredReceiptRow & { logged: boolean })[] }).rows;
    return { created, logged: created.length === rows.length && created[0]?.logged === true };
  }

  async countForMission(missionId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(submissions)
      .where(eq(submissions.missionId, missionId));
    return row?.n ?? 0;
  }

  async get(id: string) {
    const [row] = await this.db.select().from(submissions).where(eq(submissions.id, id));
    return row;
  }

  async list(filter: SubmissionFilter) {
    const where = selected(filter);
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(submissions)
        .where(where)
        .orderBy(desc(submissions.receivedAt), asc(submissions.id))
        .limit(filter.limit)
        .offset(filter.offset),
      this.db.select({ n: count() }).from(submissions).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  }

  /**
   * Every report of one form in a mission that the list's filters keep, oldest first, with its
   * station and the latest review decision: what an export of the form's reports needs, in one query.
   */
  async forExport(filter: SubmissionSelection & { readonly formId: string }) {
    const lastReview = sql<string | null>`(
      select ${submissionReviews.decision} from ${submissionReviews}
      where ${submissionReviews.submissionId} = ${submissions.id}
      order by ${submissionReviews.createdAt} desc limit 1)`;
    return this.db
      .select({
        id: submissions.id,
        stationCode: pollingStations.code,
        stationName: pollingStations.name,
        phaseCode: submissions.phaseCode,
        formVersion: submissions.formVersion,
        submittedAt: submissions.submittedAt,
        receivedAt: submissions.receivedAt,
        revision: submissions.revision,
        status: submissions.status,
        lastReview,
        flags: sql<number>`jsonb_array_length(${submissions.flags})::int`,
        answers: submissions.answers,
      })
      .from(submissions)
      .innerJoin(pollingStations, eq(pollingStations.id, submissions.stationId))
      .where(selected(filter))
      .orderBy(asc(submissions.receivedAt), asc(submissions.id));
  }

  async revisions(id: string) {
    return this.db
      .select()
      .from(submissionRevisions)
      .where(eq(submissionRevisions.submissionId, id))
      .orderBy(asc(submissionRevisions.revision));
  }

  async reviews(id: string) {
    return this.db
      .select()
      .from(submissionReviews)
      .where(eq(submissionReviews.submissionId, id))
      .orderBy(asc(submissionReviews.createdAt));
  }

  /**
   * Records a correction as a new revision. The first amendment also preserves the original as
   * revision 1, so every version stays readable with who, when and why.
   */
  async amend(change: {
    id: string;
    answers: Record<string, unknown>;
    contentHash: string;
    flags: { checkId: string; message: string; params?: Record<string, string | number> }[];
    authorUserId: string;
    reason: string;
  }): Promise<{ revision: number } | undefined> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(submissions)
        .where(eq(submissions.id, change.id))
        .for("update");
      if (current === undefined) return undefined;
      if (current.revision === 1) {
        await tx
          .insert(submissionRevisions)
          .values({
            submissionId: current.id,
            revision: 1,
            answers: current.answers,
            contentHash: current.contentHash,
            authorUserId: null,
            reason: "original submission",
            createdAt: current.receivedAt,
          })
          .onConflictDoNothing();
      }
      const revision = current.revision + 1;
      await tx.insert(submissionRevisions).values({
        submissionId: current.id,
        revision,
        answers: change.answers,
        contentHash: change.contentHash,
        authorUserId: change.authorUserId,
        reason: change.reason,
      });
      await tx
        .update(submissions)
        .set({ answers: change.answers, contentHash: change.contentHash, revision, flags: change.flags })
        .where(eq(submissions.id, change.id));
      await appendToLog(tx as unknown as Database, [
        { kind: "revision", submission: current.id, revision, contentHash: change.contentHash },
      ]);
      return { revision };
    });
  }

  /** Verify, quarantine or release a submission; the decision is kept with who, when and why. */
  async review(decision: {
    id: string;
    reviewId: string;
    decision: string;
    status: string;
    reviewerUserId: string;
    reason: string;
  }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const updated = await tx
        .update(submissions)
        .set({ status: decision.status })
        .where(eq(submissions.id, decision.id))
        .returning({ id: submissions.id });
      if (updated.length === 0) return false;
      await tx.insert(submissionReviews).values({
        id: decision.reviewId,
        submissionId: decision.id,
        decision: decision.decision,
        reviewerUserId: decision.reviewerUserId,
        reason: decision.reason,
      });
      await appendToLog(tx as unknown as Database, [
        {
          kind: "review",
          id: decision.reviewId,
          submission: decision.id,
          decision: decision.decision,
          status: decision.status,
        },
      ]);
      return true;
    });
  }
}

/** `created as (insert ... returning the receipt)`: the rows as one JSON parameter; ids already stored are skipped. */
function insertRows(rows: readonly SubmissionRow[]): SQL {
  const batch = JSON.stringify(
    rows.map((row) => ({
      id: row.id,
      mission_id: row.missionId,
      form_id: row.formId,
      form_version: row.formVersion,
      observer_id: row.observerId ?? null,
      team_id: row.teamId ?? null,
      station_id: row.stationId,
      visit_id: row.visitId ?? null,
      phase_code: row.phaseCode,
      answers: row.answers,
      submitted_at: row.submittedAt,
      content_hash: row.contentHash,
      flags: row.flags ?? [],
      channel: row.channel ?? "api",
    })),
  );
  return sql`created as (
      insert into submissions (id, mission_id, form_id, form_version, observer_id, team_id, station_id, visit_id,
        phase_code, answers, submitted_at, content_hash, flags, channel)
      select id, mission_id, form_id, form_version, observer_id, team_id, station_id, visit_id,
        phase_code, answers, submitted_at, content_hash, flags, channel
      from jsonb_to_recordset(${batch}::jsonb) as r(id uuid, mission_id uuid, form_id uuid, form_version integer,
        observer_id uuid, team_id uuid, station_id uuid, visit_id uuid, phase_code text, answers jsonb,
        submitted_at timestamptz, content_hash text, flags jsonb, channel text)
      on conflict (id) do nothing
      returning id, received_at as "receivedAt", content_hash as "contentHash", revision
    )`;
}

/** The text of the deliberate failure of a one-statement append that could not log its rows. */
const NOTHING_WRITTEN = "scrutiny: log head moved, batch not written ";

/** Whether an error is that deliberate failure (nothing of the statement was kept). */
function isNothingWritten(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.message.includes(NOTHING_WRITTEN.trim())) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const columnFields = new Map(
  Object.entries(getTableColumns(submissions)).map(([field, column]) => [column.name, field]),
);

/**
 * The field at fault when the database refused a row for its data (SQLSTATE classes 22, data
 * exception, and 23, integrity constraint violation); undefined for any other error.
 */
function rowRefusal(error: unknown): { field: string; message: string } | undefined {
  const cause = databaseErrorOf(error);
  if (cause === undefined || !/^2[23]/.test(cause.code)) return undefined;
  const column =
    cause.column ??
    [...columnFields.keys()].find((name) => cause.constraint?.startsWith(`submissions_${name}_`));
  // Text the database cannot hold (NUL, lone surrogates) can only be in the free-form answers.
  const field = column
    ? (columnFields.get(column) ?? column)
    : cause.code.startsWith("22")
      ? "answers"
      : "id";
  return { field, message: `the database refused this submission's ${field}: ${cause.message}` };
}

interface DatabaseErrorFields {
  code: string;
  message: string;
  column?: string | undefined;
  constraint?: string | undefined;
}

/** node-postgres and PGlite both raise errors carrying the SQLSTATE; Drizzle wraps them in `cause`. */
function databaseErrorOf(error: unknown): DatabaseErrorFields | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const fields = current as Error & Partial<DatabaseErrorFields>;
    if (typeof fields.code === "string" && /^[0-9A-Z]{5}$/.test(fields.code)) {
      return {
        code: fields.code,
        message: fields.message,
        column: fields.column || undefined,
        constraint: fields.constraint || undefined,
      };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function receiptOf(row: StoredReceiptRow): StoredReceipt {
  return {
    id: row.id,
    receivedAt: new Date(row.receivedAt).toISOString(),
    contentHash: row.contentHash,
    revision: row.revision,
  };
}
