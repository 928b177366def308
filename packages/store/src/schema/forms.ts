import {
  bigint,
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
import { bytea } from "./attachments.ts";
import { elections, pollingStations } from "./election.ts";
import { missions, observers, teams, visits } from "./mission.ts";

export const forms = pgTable(
  "forms",
  {
    id: uuid("id").primaryKey(),
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    /** Null for a form shared by every mission of the election. */
    missionId: uuid("mission_id").references(() => missions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    kind: text("kind").notNull(),
    currentVersion: integer("current_version").notNull(),
  },
  (t) => [
    index("forms_election").on(t.electionId),
    uniqueIndex("forms_election_code").on(t.electionId, t.code),
  ],
);

/**
 * Files uploaded beside an XLSForm (choices files, pulldata CSVs), content-addressed: a version's
 * definition names them by SHA-256 (`mediaFiles`); ODK Collect's manifest gives their MD5.
 */
export const formFiles = pgTable("form_files", {
  sha256: text("sha256").primaryKey(),
  md5: text("md5").notNull(),
  contentType: text("content_type").notNull(),
  size: bigint("size", { mode: "number" }).notNull(),
  data: bytea("data").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Published versions are immutable; a submission keeps the version it was filled against. */
export const formVersions = pgTable(
  "form_versions",
  {
    formId: uuid("form_id")
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").notNull(),
    contentHash: text("content_hash").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.formId, t.version] })],
);

export const submissions = pgTable(
  "submissions",
  {
    /** Minted by the client so that a retry can never create a duplicate. */
    id: uuid("id").primaryKey(),
    missionId: uuid("mission_id")
      .notNull()
      .references(() => missions.id, { onDelete: "cascade" }),
    formId: uuid("form_id")
      .notNull()
      .references(() => forms.id),
    formVersion: integer("form_version").notNull(),
    observerId: uuid("observer_id").references(() => observers.id),
    teamId: uuid("team_id").references(() => teams.id),
    stationId: uuid("station_id")
      .notNull()
      .references(() => pollingStations.id),
    visitId: uuid("visit_id").references(() => visits.id),
    phaseCode: text("phase_code").notNull(),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "string" }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    /** SHA-256 of the canonical submitted content; a retry must match it. */
    contentHash: text("content_hash").notNull(),
    revision: integer("revision").notNull().default(1),
    /** accepted | verified | quarantined */
    status: text("status").notNull().default("accepted"),
    flags: jsonb("flags")
      .$type<{ checkId: string; message: string; params?: Record<string, string | number> }[]>()
      .notNull()
      .default([]),
    channel: text("channel").notNull().default("api"),
  },
  (t) => [
    index("submissions_mission_form").on(t.missionId, t.formId),
    index("submissions_station").on(t.stationId),
    index("submissions_observer").on(t.observerId),
  ],
);

/** Every revision of a submission, kept with who changed it, when and why. */
export const submissionRevisions = pgTable(
  "submission_revisions",
  {
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
    contentHash: text("content_hash").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.revision] })],
);

/** Coordinators' decisions on a submission (verify, quarantine, release) with who, when and why. */
export const submissionReviews = pgTable(
  "submission_reviews",
  {
    id: uuid("id").primaryKey(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    decision: text("decision").notNull(),
    reviewerUserId: uuid("reviewer_user_id").references(() => users.id),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [index("reviews_submission").on(t.submissionId)],
);
