// The incident inbox: reports of incident forms and of forms that can raise a critical flag, with
// their follow-up history. Which of them are critical is judged in the server by the domain's
// rules (the form's own `criticalWhen`), as the live view does.
import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../database.ts";
import { incidentFollowUps, pollingStations, submissions, users } from "../schema/index.ts";
import { type LiveReport, reportsWithContacts } from "./live.ts";
import { stationMatches } from "./station-search.ts";

/** A report that may be an incident, with who sent it and how to call them. */
export type IncidentReport = LiveReport;

export interface IncidentFollowUpRow {
  readonly id: string;
  readonly submissionId: string;
  readonly status: string;
  readonly severity: string;
  readonly assigneeUserId: string | null;
  readonly assigneeName: string | null;
  readonly note: string;
  readonly authorUserId: string | null;
  readonly authorName: string | null;
  readonly createdAt: string;
}

export class IncidentRepository {
  constructor(private readonly db: Database) {}

  /**
   * Every report of these forms in the mission, newest first; optionally of one phase, and at
   * stations whose code or name contains `station`.
   */
  async reports(
    missionId: string,
    formIds: readonly string[],
    only: { readonly phaseCode?: string | undefined; readonly station?: string | undefined } = {},
  ): Promise<IncidentReport[]> {
    if (formIds.length === 0) return [];
    return this.select(
      and(
        eq(submissions.missionId, missionId),
        inArray(submissions.formId, [...formIds]),
        only.phaseCode === undefined ? undefined : eq(submissions.phaseCode, only.phaseCode),
        only.station === undefined
          ? undefined
          : stationMatches(pollingStations.code, pollingStations.name, only.station),
      ),
    );
  }

  /** One report of the mission, whatever its form. */
  async report(missionId: string, submissionId: string): Promise<IncidentReport | undefined> {
    const [row] = await this.select(
      and(eq(submissions.missionId, missionId), eq(submissions.id, submissionId)),
    );
    return row;
  }

  private select(where: SQL | undefined): Promise<IncidentReport[]> {
    return reportsWithContacts(this.db, where, [desc(submissions.submittedAt), asc(submissions.id)]);
  }

  /** The follow-up changes of these reports, oldest first. */
  async followUps(submissionIds: readonly string[]): Promise<IncidentFollowUpRow[]> {
    if (submissionIds.length === 0) return [];
    const author = alias(users, "author");
    const rows = await this.db
      .select({
        id: incidentFollowUps.id,
        submissionId: incidentFollowUps.submissionId,
        status: incidentFollowUps.status,
        severity: incidentFollowUps.severity,
        assigneeUserId: incidentFollowUps.assigneeUserId,
        assigneeName: users.displayName,
        note: incidentFollowUps.note,
        authorUserId: incidentFollowUps.authorUserId,
        authorName: author.displayName,
        createdAt: incidentFollowUps.createdAt,
      })
      .from(incidentFollowUps)
      .leftJoin(users, eq(users.id, incidentFollowUps.assigneeUserId))
      .leftJoin(author, eq(author.id, incidentFollowUps.authorUserId))
      .where(inArray(incidentFollowUps.submissionId, [...submissionIds]))
      .orderBy(asc(incidentFollowUps.createdAt), asc(incidentFollowUps.id));
    return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }));
  }

  async append(change: {
    id: string;
    submissionId: string;
    status: string;
    severity: string;
    assigneeUserId: string | null;
    note: string;
    authorUserId: string;
  }): Promise<void> {
    await this.db.insert(incidentFollowUps).values(change);
  }
}
