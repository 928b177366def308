import type { PgTable, TableConfig } from "drizzle-orm/pg-core";
import type { Database } from "../database.ts";

// PostgreSQL accepts at most 65,535 bind parameters per statement.
const MAX_PARAMETERS = 60_000;

/** Inserts rows in statements sized to stay under the bind-parameter limit. */
export async function insertInChunks<T extends PgTable<TableConfig>>(
  db: Database,
  table: T,
  rows: readonly T["$inferInsert"][],
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Math.max(1, Object.keys(first).length);
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let start = 0; start < rows.length; start += chunk) {
    await db.insert(table).values(rows.slice(start, start + chunk) as T["$inferInsert"][]);
  }
}
