import {
  bigint,
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
import { users } from "./access.ts";
import { areas, elections, pollingStations } from "./election.ts";
import { missions, observers } from "./mission.ts";

/** Column mappings saved for re-use: per election for stations, per mission for rosters. */
export const importMappings = pgTable(
  "import_mappings",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    missionId: uuid("mission_id").references(() => missions.id, { onDelete: "cascade" }),
    /** The election (stations) or the mission (observers) the mapping belongs to. */
    scopeId: uuid("scope_id").notNull(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    mapping: jsonb("mapping").$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("import_mappings_scope_kind_name").on(t.scopeId, t.kind, t.name)],
);

/** An import running in the background: its progress while it runs, its outcome after. */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    /** The mission of whoever started it (null for an administrator): only it may read the job. */
    missionId: uuid("mission_id").references(() => missions.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** queued | running | succeeded | failed */
    status: text("status").notNull(),
    stage: text("stage").notNull(),
    fileName: text("file_name"),
    total: integer("total").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    summary: jsonb("summary").$type<Record<string, unknown>>(),
    issues: jsonb("issues").$type<Record<string, unknown>[]>(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "string" }),
  },
  (t) => [index("import_jobs_election").on(t.electionId)],
);

/** A drawn deployment plan: its parameters, so that anyone can draw it again and check. */
export const deploymentPlans = pgTable(
  "deployment_plans",
  {
    id: uuid("id").primaryKey(),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    design: text("design").notNull(),
    seed: bigint("seed", { mode: "number" }),
    strataBy: jsonb("strata_by").$type<string[]>().notNull(),
    allocation: text("allocation"),
    sampleSize: integer("sample_size").notNull(),
    reservePerStratum: integer("reserve_per_stratum").notNull().default(0),
    frameSize: integer("frame_size").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    /** 1, 2, ... per mission; every estimate names the version it used. */
    version: integer("version").notNull(),
    /** proposed (drawn or imported, awaiting confirmation) | current | superseded | discarded */
    status: text("status").notNull().default("current"),
    /** drawn here, or imported (a sample the mission's statistician drew elsewhere) */
    source: text("source").notNull().default("drawn"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true, mode: "string" }),
    confirmedBy: uuid("confirmed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("deployment_plans_mission").on(t.missionId, t.createdAt),
    uniqueIndex("deployment_plans_mission_version").on(t.missionId, t.version),
  ],
);

/** N_h and n_h of each stratum of a plan, for the estimators. */
export const planStrata = pgTable(
  "plan_strata",
  {
    planId: uuid("plan_id")
      .notNull()
      .references(() => deploymentPlans.id, { onDelete: "cascade" }),
    stratum: text("stratum").notNull(),
    populationSize: integer("population_size").notNull(),
    sampleSize: integer("sample_size").notNull(),
    reserveSize: integer("reserve_size").notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.stratum] })],
);

/** Every station a plan drew, in draw order (reserves after the sample of their stratum). */
export const planStations = pgTable(
  "plan_stations",
  {
    planId: uuid("plan_id")
      .notNull()
      .references(() => deploymentPlans.id, { onDelete: "cascade" }),
    stationId: uuid("station_id")
      .notNull()
      .references(() => pollingStations.id, { onDelete: "cascade" }),
    stratum: text("stratum"),
    drawOrder: integer("draw_order").notNull(),
    reserve: boolean("reserve").notNull(),
    inclusionProbability: doublePrecision("inclusion_probability"),
  },
  (t) => [primaryKey({ columns: [t.planId, t.stationId] })],
);

/** Areas a long-term observer covers. */
export const observerAreas = pgTable(
  "observer_areas",
  {
    observerId: uuid("observer_id")
      .notNull()
      .references(() => observers.id, { onDelete: "cascade" }),
    areaId: uuid("area_id")
      .notNull()
      .references(() => areas.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.observerId, t.areaId] }), index("observer_areas_area").on(t.areaId)],
);

/**
 * An observer's sign-in for the phone app: a users row whose password is the access code (only
 * its scrypt hash is stored there); this row says when it was issued, by whom, and if revoked.
 */
export const observerAccess = pgTable("observer_access", {
  observerId: uuid("observer_id")
    .primaryKey()
    .references(() => observers.id, { onDelete: "cascade" }),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  issuedAt: timestamp("issued_at", { withTimezone: true, mode: "string" }).notNull(),
  issuedBy: uuid("issued_by").references(() => users.id, { onDelete: "set null" }),
  revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "string" }),
});

/** GeoJSON geometry of an area, for maps drawn without a tile server. */
export const areaGeometries = pgTable("area_geometries", {
  areaId: uuid("area_id")
    .primaryKey()
    .references(() => areas.id, { onDelete: "cascade" }),
  geometry: jsonb("geometry").$type<Record<string, unknown>>().notNull(),
});
