// One election, whole, as lines of JSON: every row of every table that belongs to it (missions,
// roster, plans, forms and the files beside them, reports with their revisions and reviews, results sets, stations and
// areas, the accounts its rows refer to) and the public transparency log. Rows leave and return
// as PostgreSQL's own JSON of the row (`to_jsonb`, `jsonb_populate_recordset`), never parsed in
// JavaScript, so that every type (timestamps to the microsecond, doubles, bigints, bytea, jsonb)
// comes back exactly, on PGlite or PostgreSQL alike.
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../database.ts";

/** A table of the backup and which of its rows belong to the election `e`. */
interface TableScope {
  readonly table: string;
  /** The rows' filter; `undefined`: every row (the transparency log, public and instance-wide). */
  readonly where?: (e: string) => SQL;
  /** Deterministic order (areas: parents first, so that restoring respects parent_id). */
  readonly order: string;
}

const missionsOf = (e: string) => sql`(select id from missions where election_id = ${e}::uuid)`;
const observersOf = (e: string) => sql`(select id from observers where mission_id in ${missionsOf(e)})`;
const submissionsOf = (e: string) => sql`(select id from submissions where mission_id in ${missionsOf(e)})`;
const plansOf = (e: string) => sql`(select id from deployment_plans where mission_id in ${missionsOf(e)})`;
const contestsOf = (e: string) => sql`(select id from contests where election_id = ${e}::uuid)`;
/** Attachments are content-addressed; a report names them by hash in its answers. */
const attachmentsOf = (e: string) => sql`(
  select a.sha256 from attachments a where exists (
    select 1 from submissions s where s.mission_id in ${missionsOf(e)} and strpos(s.answers::text, a.sha256) > 0
  ) or exists (
    select 1 from submission_revisions r where r.submission_id in ${submissionsOf(e)}
      and strpos(r.answers::text, a.sha256) > 0
  ))`;
/** Accounts of the election's missions and observers, and every account its rows refer to. */
const usersOf = (e: string) => sql`(
  select id from users where mission_id in ${missionsOf(e)} or observer_id in ${observersOf(e)}
  union select user_id from election_administrators where election_id = ${e}::uuid
  union select granted_by from election_administrators where election_id = ${e}::uuid
  union select created_by from import_jobs where election_id = ${e}::uuid
  union select created_by from deployment_plans where mission_id in ${missionsOf(e)}
  union select confirmed_by from deployment_plans where mission_id in ${missionsOf(e)}
  union select user_id from observer_access where observer_id in ${observersOf(e)}
  union select issued_by from observer_access where observer_id in ${observersOf(e)}
  union select author_user_id from submission_revisions where submission_id in ${submissionsOf(e)}
  union select reviewer_user_id from submission_reviews where submission_id in ${submissionsOf(e)}
  union select author_user_id from incident_follow_ups where submission_id in ${submissionsOf(e)}
  union select assignee_user_id from incident_follow_ups where submission_id in ${submissionsOf(e)}
  union select uploaded_by from attachments where sha256 in ${attachmentsOf(e)}
  union select created_by from results_sets where election_id = ${e}::uuid
  union select published_by from publications where election_id = ${e}::uuid)`;

const byElection = (e: string) => sql`election_id = ${e}::uuid`;
const byMission = (e: string) => sql`mission_id in ${missionsOf(e)}`;
const bySubmission = (e: string) => sql`submission_id in ${submissionsOf(e)}`;
const byPlan = (e: string) => sql`plan_id in ${plansOf(e)}`;
const byObserver = (e: string) => sql`observer_id in ${observersOf(e)}`;

/**
 * Every table, in an order that restores without breaking a foreign key. `sessions` alone is
 * left out on purpose: sign-ins are not data, and a restored server asks everyone to sign in.
 */
export const BACKUP_TABLES: readonly TableScope[] = [
  { table: "elections", where: (e) => sql`id = ${e}::uuid`, order: "id" },
  { table: "areas", where: byElection, order: "depth, id" },
  { table: "polling_stations", where: byElection, order: "id" },
  { table: "contests", where: byElection, order: "id" },
  { table: "candidates", where: (e) => sql`contest_id in ${contestsOf(e)}`, order: "id" },
  {
    table: "official_results",
    where: (e) => sql`contest_id in ${contestsOf(e)}`,
    order: "contest_id, station_id",
  },
  {
    table: "area_geometries",
    where: (e) => sql`area_id in (select id from areas where election_id = ${e}::uuid)`,
    order: "area_id",
  },
  { table: "missions", where: byElection, order: "id" },
  { table: "observers", where: byMission, order: "id" },
  { table: "users", where: (e) => sql`id in ${usersOf(e)}`, order: "id" },
  { table: "api_tokens", where: (e) => sql`user_id in ${usersOf(e)}`, order: "id" },
  { table: "election_administrators", where: byElection, order: "user_id" },
  { table: "teams", where: byMission, order: "id" },
  {
    table: "team_members",
    where: (e) => sql`team_id in (select id from teams where mission_id in ${missionsOf(e)})`,
    order: "team_id, observer_id",
  },
  { table: "observer_areas", where: byObserver, order: "observer_id, area_id" },
  { table: "observer_access", where: byObserver, order: "observer_id" },
  { table: "planned_stations", where: byMission, order: "mission_id, station_id" },
  { table: "visits", where: byMission, order: "id" },
  { table: "forms", where: byElection, order: "id" },
  {
    table: "form_versions",
    where: (e) => sql`form_id in (select id from forms where election_id = ${e}::uuid)`,
    order: "form_id, version",
  },
  {
    // Content-addressed like attachments: the files the election's form versions name.
    table: "form_files",
    where: (e) => sql`sha256 in (select f.sha256 from form_files f where exists (
      select 1 from form_versions v where v.form_id in (select id from forms where election_id = ${e}::uuid)
        and strpos(v.definition::text, f.sha256) > 0))`,
    order: "sha256",
  },
  { table: "attachments", where: (e) => sql`sha256 in ${attachmentsOf(e)}`, order: "sha256" },
  {
    table: "attachment_chunks",
    where: (e) => sql`upload_id in (select upload_id from attachments where sha256 in ${attachmentsOf(e)})`,
    order: "upload_id, seq",
  },
  { table: "submissions", where: byMission, order: "id" },
  { table: "submission_revisions", where: bySubmission, order: "submission_id, revision" },
  { table: "submission_reviews", where: bySubmission, order: "id" },
  { table: "incident_follow_ups", where: bySubmission, order: "id" },
  { table: "deployment_plans", where: byMission, order: "id" },
  { table: "plan_strata", where: byPlan, order: "plan_id, stratum" },
  { table: "plan_stations", where: byPlan, order: "plan_id, station_id" },
  { table: "analysis_indicators", where: byMission, order: "mission_id, code, version" },
  { table: "analysis_indicator_matches", where: byElection, order: "code" },
  { table: "import_mappings", where: byElection, order: "id" },
  { table: "import_jobs", where: byElection, order: "id" },
  { table: "results_sets", where: byElection, order: "id" },
  { table: "publications", where: byElection, order: "id" },
  {
    table: "publication_files",
    where: (e) => sql`publication_id in (select id from publications where election_id = ${e}::uuid)`,
    order: "publication_id, name",
  },
  { table: "log_head", order: "id" },
  { table: "log_entries", order: "index" },
  { table: "log_tile_nodes", order: "level, index" },
  { table: "log_cosignatures", order: "witness_key" },
];

/** Tables deliberately not in a backup. */
export const NOT_BACKED_UP = ["sessions"] as const;

export const BACKUP_TABLE_NAMES: readonly string[] = BACKUP_TABLES.map((t) => t.table);
const TABLES = new Set(BACKUP_TABLE_NAMES);
const ROWS_PER_FETCH = 2000;
const BYTES_PER_INSERT = 4 * 1024 * 1024;

export interface BackupSummary {
  readonly rows: Readonly<Record<string, number>>;
}

export type RestoreRefusal =
  | { readonly code: "not_empty"; readonly message: string }
  | { readonly code: "invalid_backup"; readonly message: string };

type Rows<T> = { rows: T[] };

export class BackupRepository {
  constructor(private readonly db: Database) {}

  /** The newest migration applied (its journal time): a backup restores only into the same. */
  async schemaVersion(): Promise<number> {
    const result = (await this.db.execute(
      sql`select max(created_at)::text as version from drizzle.__drizzle_migrations`,
    )) as unknown as Rows<{ version: string | null }>;
    return Number(result.rows[0]?.version ?? 0);
  }

  /** The election's id, by code. */
  async electionId(code: string): Promise<string | undefined> {
    const result = (await this.db.execute(
      sql`select id from elections where code = ${code}`,
    )) as unknown as Rows<{ id: string }>;
    return result.rows[0]?.id;
  }

  /**
   * Writes the election's rows, table by table, as `{"table":...,"row":...}` lines through
   * `write` (awaited: a slow file slows the export, never fills memory). One repeatable-read
   * snapshot, so the backup is consistent while the server keeps running.
   */
  async export(electionId: string, write: (line: string) => Promise<void>): Promise<BackupSummary> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      const rows: Record<string, number> = {};
      for (const scope of BACKUP_TABLES) {
        rows[scope.table] = await exportTable(tx as unknown as Database, scope, electionId, write);
      }
      return { rows };
    });
  }

  /**
   * Restores `lines` (as `export` wrote them) in one transaction: all of it, or nothing. Only
   * into a database without elections and with an empty transparency log, so nothing restored
   * can collide with, or silently merge into, what is there.
   */
  async restore(
    lines: AsyncIterable<string>,
    /** Runs before the commit with the rows restored; a message it returns undoes everything. */
    check: (summary: BackupSummary) => string | undefined = () => undefined,
  ): Promise<{ ok: true; summary: BackupSummary } | { ok: false; error: RestoreRefusal }> {
    try {
      return await this.db.transaction(async (tx) => {
        const db = tx as unknown as Database;
        const present = (await db.execute(
          sql`select (select count(*) from elections)::int as elections, (select count(*) from log_entries)::int as entries`,
        )) as unknown as Rows<{ elections: number; entries: number }>;
        const counts = present.rows[0];
        if (counts !== undefined && (counts.elections > 0 || counts.entries > 0))
          throw new Refused({
            code: "not_empty",
            message: `the database is not empty (${counts.elections} elections, ${counts.entries} log entries): restore into an empty one`,
          });
        // The migration's empty log head gives way to the backup's.
        await db.execute(sql`delete from log_head where size = 0`);
        const rows: Record<string, number> = {};
        let table: string | undefined;
        let batch: string[] = [];
        let bytes = 0;
        const flush = async () => {
          if (table === undefined || batch.length === 0) return;
          const target = sql.identifier(table);
          await db.execute(
            sql`insert into ${target} select * from jsonb_populate_recordset(null::${target}, ${`[${batch.join(",")}]`}::jsonb)`,
          );
          batch = [];
          bytes = 0;
        };
        const electionRows: string[] = [];
        for await (const line of lines) {
          if (line === "") continue;
          const parsed = /^\{"table":"([a-z_]+)","row":(.*)\}$/s.exec(line);
          if (parsed === null)
            throw new Refused({ code: "invalid_backup", message: "a line is not a backup row" });
          const [, name, row] = parsed as unknown as [string, string, string];
          if (!TABLES.has(name))
            throw new Refused({ code: "invalid_backup", message: `unknown table ${name}` });
          if (name !== table) {
            await flush();
            table = name;
          }
          batch.push(row);
          if (name === "elections") electionRows.push(row);
          bytes += row.length;
          rows[name] = (rows[name] ?? 0) + 1;
          if (batch.length >= ROWS_PER_FETCH || bytes >= BYTES_PER_INSERT) await flush();
        }
        await flush();
        // Restoring areas and stations bumped the elections' geography revisions: put back the
        // backup's own values.
        if (electionRows.length > 0)
          await db.execute(sql`
            update elections e set geography_revision = r.geography_revision
            from jsonb_populate_recordset(null::elections, ${`[${electionRows.join(",")}]`}::jsonb) r
            where e.id = r.id`);
        const problem = check({ rows });
        if (problem !== undefined) throw new Refused({ code: "invalid_backup", message: problem });
        return { ok: true as const, summary: { rows } };
      });
    } catch (error) {
      if (error instanceof Refused) return { ok: false, error: error.refusal };
      throw error;
    }
  }

  /** Every table's rows as sorted JSON texts (tests compare two databases table by table). */
  async tableContents(table: string): Promise<string[]> {
    if (!TABLES.has(table) && !(NOT_BACKED_UP as readonly string[]).includes(table))
      throw new Error(`unknown table ${table}`);
    const result = (await this.db.execute(
      sql`select to_jsonb(t)::text as row from ${sql.identifier(table)} t`,
    )) as unknown as Rows<{ row: string }>;
    return result.rows.map((r) => r.row).sort();
  }

  /** The database's own tables (migrations' bookkeeping aside). */
  async tables(): Promise<string[]> {
    const result = (await this.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )) as unknown as Rows<{ name: string }>;
    return result.rows.map((r) => r.name);
  }
}

class Refused extends Error {
  constructor(readonly refusal: RestoreRefusal) {
    super(refusal.message);
  }
}

async function exportTable(
  db: Database,
  scope: TableScope,
  electionId: string,
  write: (line: string) => Promise<void>,
): Promise<number> {
  const target = sql.identifier(scope.table);
  const where = scope.where ? sql`where ${scope.where(electionId)}` : sql``;
  const source =
    scope.table === "areas"
      ? sql`(with recursive tree as (
            select id, 0 as depth from areas where parent_id is null and election_id = ${electionId}::uuid
            union all select a.id, tree.depth + 1 from areas a join tree on a.parent_id = tree.id)
          select a.*, tree.depth from areas a join tree using (id))`
      : target;
  // The row's JSON without the helper column `depth` (areas only).
  const rowJson = scope.table === "areas" ? sql`(to_jsonb(t) - 'depth')::text` : sql`to_jsonb(t)::text`;
  const cursor = sql.identifier(`backup_${scope.table}`);
  await db.execute(
    sql`declare ${cursor} no scroll cursor for select ${rowJson} as row from ${source} t ${where} order by ${sql.raw(scope.order)}`,
  );
  let n = 0;
  for (;;) {
    const page = (await db.execute(
      sql`fetch ${sql.raw(String(ROWS_PER_FETCH))} from ${cursor}`,
    )) as unknown as Rows<{ row: string }>;
    for (const r of page.rows) {
      await write(`{"table":"${scope.table}","row":${r.row}}`);
      n++;
    }
    if (page.rows.length < ROWS_PER_FETCH) break;
  }
  await db.execute(sql`close ${cursor}`);
  return n;
}
