import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { elections } from "./election.ts";
import { missions, observers } from "./mission.ts";

export const users = pgTable("users", {
  id: uuid("id").primaryKey(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  role: text("role").notNull(),
  missionId: uuid("mission_id").references(() => missions.id, { onDelete: "cascade" }),
  observerId: uuid("observer_id").references(() => observers.id, { onDelete: "cascade" }),
  locale: text("locale").notNull().default("en"),
  /** scrypt$N$r$p$salt$hash; null for accounts that may only use API tokens. */
  passwordHash: text("password_hash"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** A disabled account cannot sign in; its sessions and tokens stop working. */
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  /** Wrong passwords since the last successful sign-in; drives the account's lock-out. */
  failedSignIns: integer("failed_sign_ins").notNull().default(0),
  /** Sign-in is refused until then, even with the right password (exponential back-off). */
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

/** Browser sessions; only the SHA-256 of the cookie value is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Machine clients' bearer tokens; only the SHA-256 is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** What the token may do (TOKEN_SCOPES of the contract): `all`, `submit` or `read`. */
    scope: text("scope").notNull().default("all"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user").on(t.userId)],
);

/**
 * Who administers an election's shared data (stations, areas and their shapes, shared forms,
 * station mappings) besides the server's administrators: a grant per election and account.
 */
export const electionAdministrators = pgTable(
  "election_administrators",
  {
    electionId: uuid("election_id")
      .notNull()
      .references(() => elections.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.electionId, t.userId] })],
);
