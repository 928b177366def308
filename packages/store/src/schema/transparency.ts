import {
  bigint,
  customType,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** One row: the log's size and right edge (complete subtrees' roots back to back). */
export const logHead = pgTable("log_head", {
  id: smallint("id").primaryKey(),
  size: bigint("size", { mode: "number" }).notNull(),
  frontier: bytea("frontier").notNull(),
});

/** The log's entries in order; `body` is the entry's exact bytes (canonical JSON). */
export const logEntries = pgTable(
  "log_entries",
  {
    index: bigint("index", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    leafHash: bytea("leaf_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [index("log_entries_subject").on(t.kind, t.subject)],
);

/** Hashes of complete subtrees at tree levels 8, 16, ...: the hash tiles above level 0. */
export const logTileNodes = pgTable(
  "log_tile_nodes",
  {
    level: smallint("level").notNull(),
    index: bigint("index", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.index], name: "log_tile_nodes_pk" })],
);

/** The latest cosignature of each witness (by verifier key). */
export const logCosignatures = pgTable("log_cosignatures", {
  witnessKey: text("witness_key").primaryKey(),
  witnessName: text("witness_name").notNull(),
  size: bigint("size", { mode: "number" }).notNull(),
  rootHash: bytea("root_hash").notNull(),
  signedAt: timestamp("signed_at", { withTimezone: true, mode: "string" }).notNull(),
  signatureLine: text("signature_line").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
});
