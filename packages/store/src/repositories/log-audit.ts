import type { AuditRows } from "@scrutiny/domain";
import { sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import { PublicationRepository } from "./publications.ts";
import { rowsOf } from "./transparency-log.ts";

/**
 * Reads every row the transparency log records, in the shape the audit compares, straight from
 * the tables (timestamps as UTC ISO text so the session's time zone cannot change a hash).
 */
export interface LogSnapshot {
  readonly size: number;
  /** The stored right edge of the tree, hex. */
  readonly frontier: string;
  readonly entries: readonly { index: number; body: string; leafHash: string }[];
  readonly tileNodes: readonly { level: number; index: number; hash: string }[];
  readonly rows: AuditRows;
}

export class LogAuditRepository {
  constructor(private readonly db: Database) {}

  /** The log and every row it records, read in one snapshot (repeatable read) so writes meanwhile cannot confuse the audit. */
  async snapshot(): Promise<LogSnapshot> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      const reader = new LogAuditRepository(tx as unknown as Database);
      const [head] = rowsOf<{ size: string | number; frontier: string }>(
        await tx.execute(sql`select size, encode(frontier, 'hex') as frontier from log_head where id = 1`),
      );
      const entries = rowsOf<{ index: string | number; body: string; leafHash: string }>(
        await tx.execute(
          sql`select index, body, encode(leaf_hash, 'hex') as "leafHash" from log_entries order by index`,
        ),
      );
      const tileNodes = rowsOf<{ level: number; index: string | number; hash: string }>(
        await tx.execute(
          sql`select level, index, encode(hash, 'hex') as hash from log_tile_nodes order by level, index`,
        ),
      );
      return {
        size: Number(head?.size ?? 0),
        frontier: head?.frontier ?? "",
        entries: entries.map((e) => ({ ...e, index: Number(e.index) })),
        tileNodes: tileNodes.map((n) => ({ ...n, index: Number(n.index) })),
        rows: await reader.rows(),
      };
    });
  }

  /**
   * Every row the log records. Read one query after another: inside the snapshot's transaction
   * they share one connection, which runs one query at a time anyway (and node-postgres refuses
   * overlapping queries on one client from its next major version).
   */
  async rows(): Promise<AuditRows> {
    const read = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await this.db.execute(query));
    const submissions = await read<
      AuditRows["submissions"][number]
    >(sql`select id, mission_id as "missionId", form_id as "formId",
        form_version as "formVersion", observer_id as "observerId", team_id as "teamId", station_id as "stationId",
        visit_id as "visitId", phase_code as "phaseCode", answers,
        to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "submittedAt",
        content_hash as "contentHash", revision, status from submissions`);
    const revisions = await read<
      AuditRows["revisions"][number]
    >(sql`select submission_id as "submissionId", revision, answers,
        content_hash as "contentHash" from submission_revisions`);
    const reviews = await read<AuditRows["reviews"][number]>(
      sql`select id, submission_id as "submissionId", decision from submission_reviews`,
    );
    const formVersions = await read<
      AuditRows["formVersions"][number]
    >(sql`select v.form_id as "formId", f.election_id as "electionId",
        f.mission_id as "missionId", v.version, v.definition, v.content_hash as "contentHash"
        from form_versions v join forms f on f.id = v.form_id`);
    const plans = await this.planRows();
    const resultsSets = await read<
      AuditRows["resultsSets"][number]
    >(sql`select id, election_id as "electionId", file_sha256 as "fileSha256",
        encode(sha256(data), 'hex') as "dataSha256" from results_sets`);
    const publications = await this.publicationRows();
    const users = await read<AuditRows["users"][number]>(
      sql`select id, role, mission_id as "missionId" from users`,
    );
    return { submissions, revisions, reviews, formVersions, plans, resultsSets, publications, users };
  }

  /** Plans with their drawn stations (read as rows: a float8 cast to jsonb would lose digits). */
  private async planRows(): Promise<AuditRows["plans"]> {
    const plans = await this.db.execute(
      sql`select id, mission_id as "missionId", design from deployment_plans`,
    );
    const stations = await this.db.execute(sql`select plan_id as "planId", station_id as "stationId", stratum,
        inclusion_probability as "inclusionProbability", reserve, draw_order as "order" from plan_stations`);
    const byPlan = new Map<string, AuditRows["plans"][number]["stations"]>();
    for (const station of rowsOf<AuditRows["plans"][number]["stations"][number] & { planId: string }>(
      stations,
    )) {
      const { planId, ...rest } = station;
      const list = byPlan.get(planId) ?? [];
      list.push({
        ...rest,
        inclusionProbability: rest.inclusionProbability === null ? null : Number(rest.inclusionProbability),
      });
      byPlan.set(planId, list);
    }
    return rowsOf<{ id: string; missionId: string; design: string }>(plans).map((plan) => ({
      ...plan,
      stations: byPlan.get(plan.id) ?? [],
    }));
  }

  /** Publications with each file's SHA-256 recomputed from its bytes. */
  private publicationRows(): Promise<AuditRows["publications"]> {
    return new PublicationRepository(this.db).auditRows();
  }
}
