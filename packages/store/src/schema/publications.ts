import { customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { elections } from "./election.ts";
import { missions } from "./mission.ts";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * A mission's published snapshot. Append-only (migration 0010 adds triggers refusing UPDATE and
 * DELETE); `content_hash` is the SHA-256 of its datapackage.json, which lists every file's hash.
 */
export const publications = pgTable(
  "publications",
  {
    id: uuid("id").primaryKey(),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id),
    title: text("title").notNull(),
    planVersion: integer("plan_version"),
    contentHash: text("content_hash").notNull(),
    publishedBy: uuid("published_by"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    index("publications_mission").on(t.missionId, t.publishedAt),
    index("publications_election").on(t.electionId),
  ],
);

/** The files of a publication: datapackage.json and its resources, byte for byte. */
export const publicationFiles = pgTable(
  "publication_files",
  {
    publicationId: uuid("publication_id")
      .notNull()
      .references(() => publications.id),
    name: text("name").notNull(),
    mediaType: text("media_type").notNull(),
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.name], name: "publication_files_pk" })],
);
