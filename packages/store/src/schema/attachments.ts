import { bigint, customType, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./access.ts";

/** Bytes as PostgreSQL stores them (PGlite alike). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * Attachments of submissions (photos, recordings, files), content-addressed by SHA-256: the
 * same bytes are stored once, and a submission refers to them by hash in its answers.
 */
export const attachments = pgTable("attachments", {
  sha256: text("sha256").primaryKey(),
  contentType: text("content_type").notNull(),
  size: bigint("size", { mode: "number" }).notNull(),
  /** The upload whose chunks hold the bytes. */
  uploadId: uuid("upload_id").notNull(),
  uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** The latest upload of these bytes (a repeated upload keeps an unreferenced attachment from the sweep). */
  lastUploadedAt: timestamp("last_uploaded_at", { withTimezone: true }).defaultNow(),
});

/** The bytes, in chunks of at most 256 KiB, written and read one at a time (never whole in memory). */
export const attachmentChunks = pgTable(
  "attachment_chunks",
  {
    uploadId: uuid("upload_id").notNull(),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
    /** When written: chunks of an upload that never finished are swept once old enough. */
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);
