import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./access.ts";
import { submissions } from "./forms.ts";

/**
 * Coordinators' follow-up of incidents: every change (status, severity, assignee) is a new row
 * with its note, author and time; a trigger refuses UPDATE, so the history cannot be rewritten.
 * An incident with no row is new and untriaged.
 */
export const incidentFollowUps = pgTable(
  "incident_follow_ups",
  {
    id: uuid("id").primaryKey(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    severity: text("severity").notNull(),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id),
    note: text("note").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [index("incident_follow_ups_submission").on(t.submissionId, t.createdAt)],
);
