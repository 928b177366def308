import {
  boolean,
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
import { elections, pollingStations } from "./election.ts";

export const missions = pgTable(
  "missions",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: jsonb("name").$type<Record<string, string>>().notNull(),
    kind: text("kind").notNull(),
    design: text("design").notNull(),
    languages: jsonb("languages").$type<string[]>().notNull().default(["en"]),
  },
  (t) => [uniqueIndex("missions_election_code").on(t.electionId, t.code)],
);

export const observers = pgTable(
  "observers",
  {
    id: uuid("id").primaryKey(),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    languages: jsonb("languages").$type<string[]>().notNull(),
    accreditation: text("accreditation"),
    role: text("role").notNull(),
  },
  (t) => [
    uniqueIndex("observers_mission_code").on(t.missionId, t.code),
    index("observers_phone").on(t.phone),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey(),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
  },
  (t) => [uniqueIndex("teams_mission_code").on(t.missionId, t.code)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    observerId: uuid("observer_id")
      .notNull()
      .references(() => observers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.observerId] }), index("team_members_observer").on(t.observerId)],
);

/** A station in a mission's deployment plan with the probability that the design chose it. */
export const plannedStations = pgTable(
  "planned_stations",
  {
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    stationId: uuid("station_id")
      .notNull()
      .references(() => pollingStations.id, { onDelete: "cascade" }),
    stratum: text("stratum"),
    inclusionProbability: doublePrecision("inclusion_probability"),
    reserve: boolean("reserve").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.missionId, t.stationId] })],
);

export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey(),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    stationId: uuid("station_id")
      .notNull()
      .references(() => pollingStations.id),
    phaseCode: text("phase_code").notNull(),
    routeOrder: integer("route_order").notNull(),
    arrivedAt: timestamp("arrived_at", { withTimezone: true, mode: "string" }),
    departedAt: timestamp("departed_at", { withTimezone: true, mode: "string" }),
  },
  (t) => [index("visits_mission_phase").on(t.missionId, t.phaseCode), index("visits_team").on(t.teamId)],
);
