import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

type LocalizedText = Record<string, string>;
type PhaseRow = {
  code: string;
  kind: string;
  date: string;
  name: LocalizedText;
  opensAt?: string | undefined;
  closesAt?: string | undefined;
  endDate?: string | undefined;
};

export const elections = pgTable("elections", {
  id: uuid("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  country: text("country").notNull(),
  electionDate: date("election_date", { mode: "string" }).notNull(),
  phases: jsonb("phases").$type<PhaseRow[]>().notNull(),
  /** IANA zone every local date and time of the election is in, e.g. "Europe/Minsk". */
  timeZone: text("time_zone").notNull().default("UTC"),
  languages: jsonb("languages").$type<string[]>().notNull().default(["en"]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** Bumped by triggers on every write to the election's areas or stations (migration 0007). */
  geographyRevision: bigint("geography_revision", { mode: "number" }).notNull().default(0),
});

export const areas = pgTable(
  "areas",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => areas.id, { onDelete: "cascade" }),
    level: text("level").notNull(),
    code: text("code").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
  },
  (t) => [uniqueIndex("areas_election_code").on(t.electionId, t.code), index("areas_parent").on(t.parentId)],
);

export const pollingStations = pgTable(
  "polling_stations",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    areaId: uuid("area_id")
      .notNull()
      .references(() => areas.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    address: text("address"),
    registeredVoters: integer("registered_voters").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    kind: text("kind").notNull().default("regular"),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    uniqueIndex("stations_election_code").on(t.electionId, t.code),
    index("stations_area").on(t.areaId),
  ],
);

export const contests = pgTable(
  "contests",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    areaId: uuid("area_id").references(() => areas.id),
    code: text("code").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    /** Whom the ballot lists: candidates (with their parties) or parties (list voting). */
    ballot: text("ballot").notNull().default("candidates"),
  },
  (t) => [uniqueIndex("contests_election_code").on(t.electionId, t.code)],
);

export const candidates = pgTable(
  "candidates",
  {
    id: uuid("id").primaryKey(),
    contestId: uuid("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    party: text("party"),
  },
  (t) => [uniqueIndex("candidates_contest_code").on(t.contestId, t.code)],
);

/** The official protocol of one station in one contest. */
export const officialResults = pgTable(
  "official_results",
  {
    contestId: uuid("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    stationId: uuid("station_id")
      .notNull()
      .references(() => pollingStations.id, { onDelete: "cascade" }),
    registeredVoters: integer("registered_voters").notNull(),
    ballotsIssued: integer("ballots_issued").notNull(),
    ballotsIssuedEarly: integer("ballots_issued_early").notNull(),
    valid: integer("valid").notNull(),
    invalid: integer("invalid").notNull(),
    votes: jsonb("votes").$type<Record<string, number>>().notNull(),
    turnoutByPhase: jsonb("turnout_by_phase").$type<Record<string, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.stationId] }), index("results_station").on(t.stationId)],
);
