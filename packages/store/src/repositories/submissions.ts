import { count, eq } from "drizzle-orm";
import type { Database } from "../database.ts";
import { submissions } from "../schema/index.ts";
import { insertInChunks } from "./bulk.ts";

export type SubmissionRow = typeof submissions.$inferInsert;

export class SubmissionRepository {
  constructor(private readonly db: Database) {}

  /** Bulk load for imports and the demo; live ingestion goes through the idempotent path. */
  async insertMany(rows: readonly SubmissionRow[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await insertInChunks(tx, submissions, rows);
    });
  }

  async countForMission(missionId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(submissions)
      .where(eq(submissions.missionId, missionId));
    return row?.n ?? 0;
  }
}
