import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./access.ts";
import { contests, elections } from "./election.ts";
import { missions } from "./mission.ts";

/** Binary column: node-postgres returns a Buffer, PGlite a Uint8Array; both are Uint8Arrays. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * An imported file of official per-station results whose stations need not exist in the database
 * (e.g. a country's whole published results). The parsed columns are kept as one compressed
 * binary blob (typed arrays + dictionaries, see apps/server/src/forensics/columnar-codec.ts), so a
 * 100k-station set is one row of a few MB instead of 100k rows; the forensic report computed on
 * upload is cached next to it.
 */
export const resultsSets = pgTable(
  "results_sets",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    /** The contest these results belong to, when the file is of one contest. */
    contestId: uuid("contest_id").references(() => contests.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    fileName: text("file_name").notNull(),
    /** SHA-256 of the uploaded bytes. */
    fileSha256: text("file_sha256").notNull(),
    preset: text("preset"),
    /** The column mapping as resolved against the file's header (columns by position and header). */
    mapping: jsonb("mapping").$type<unknown>().notNull(),
    stationCount: integer("station_count").notNull(),
    leader: text("leader").notNull(),
    areaLevels: jsonb("area_levels").$type<{ name: string; areas: number }[]>().notNull(),
    arithmeticFlags: integer("arithmetic_flags").notNull(),
    /** Encoding version of `data`. */
    dataFormat: integer("data_format").notNull(),
    data: bytea("data").notNull(),
    /** The forensic report (JSON) computed on upload. */
    report: jsonb("report").$type<unknown>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** The mission that uploaded it, the only one that may delete it (null: an administrator's). */
    missionId: uuid("mission_id").references(() => missions.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("results_sets_election").on(t.electionId)],
);
