import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { elections } from "./election.ts";
import { missions } from "./mission.ts";

/**
 * Indicator definitions of a mission, versioned: every edit appends a version, a retirement is a
 * version with `retired`; the current set is the latest version of each code that is not retired.
 * `definition` is validated by the server (apps/server/src/analysis/definitions.ts).
 */
export const analysisIndicators = pgTable(
  "analysis_indicators",
  {
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    retired: boolean("retired").notNull().default(false),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.missionId, t.code, t.version] })],
);

/**
 * Which indicator of each mission measures the same thing, for missions side by side: the
 * analyst's mapping `members` = { missionId: indicatorCode }.
 */
export const analysisIndicatorMatches = pgTable(
  "analysis_indicator_matches",
  {
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: jsonb("name").$type<Record<string, string>>().notNull(),
    members: jsonb("members").$type<Record<string, string>>().notNull(),
    /** The mission whose analyst made the match, the only one that may change it (null: the election's). */
    missionId: uuid("mission_id").references(() => missions.id, { onDelete: "cascade" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.electionId, t.code] })],
);
