import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema/index.ts";

/** Drizzle over either driver: PGlite (embedded) or node-postgres (server). Same SQL, same schema. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type StoreKind = "pglite" | "postgres";
