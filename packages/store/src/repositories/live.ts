// What a coordinator watches on election day: reports per hour by phase, and the newest reports
// of the forms that can raise a critical incident (judged in the server by the domain's rules).
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import { observers, pollingStations, submissions, teams } from "../schema/index.ts";

export interface HourlyReports {
  readonly phaseCode: string;
  /** Start of the hour (UTC, ISO 8601) in which the observers filled the reports in. */
  readonly hour: string;
  readonly reports: number;
}

export interface LiveReport {
  readonly id: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly phaseCode: string;
  readonly stationId: string;
  readonly stationCode: string;
  readonly stationName: string;
  readonly teamCode: string | null;
  readonly observerName: string | null;
  readonly observerPhone: string | null;
  readonly submittedAt: string;
  readonly receivedAt: string;
  readonly status: string;
  readonly answers: Record<string, unknown>;
}

export class LiveRepository {
  constructor(private readonly db: Database) {}

  async reportsPerHour(missionId: string): Promise<HourlyReports[]> {
    // Text, not a timestamp: both drivers would read a zone-less timestamp in the process's zone.
    const hour = sql<string>`to_char(${submissions.submittedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:00:00.000"Z"')`;
    const rows = await this.db
      .select({ phaseCode: submissions.phaseCode, hour, reports: sql<number>`count(*)::int` })
      .from(submissions)
      .where(eq(submissions.missionId, missionId))
      .groupBy(submissions.phaseCode, hour)
      .orderBy(hour);
    return rows.map((row) => ({ phaseCode: row.phaseCode, hour: row.hour, reports: Number(row.reports) }));
  }

  /** The newest reports of these forms in a phase, with who sent them and how to call them. */
  async recentReports(
    missionId: string,
    phaseCode: string,
    formIds: readonly string[],
    limit: number,
  ): Promise<LiveReport[]> {
    if (formIds.length === 0) return [];
    return reportsWithContacts(
      this.db,
      and(
        eq(submissions.missionId, missionId),
        eq(submissions.phaseCode, phaseCode),
        inArray(submissions.formId, [...formIds]),
      ),
      [desc(submissions.receivedAt)],
      limit,
    );
  }
}

/**
 * Reports with their station, team and observer's name and phone: what a coordinator needs to
 * follow one up (the live view, the incident inbox).
 */
export async function reportsWithContacts(
  db: Database,
  where: SQL | undefined,
  order: readonly SQL[],
  limit?: number,
): Promise<LiveReport[]> {
  const query = db
    .select({
      id: submissions.id,
      formId: submissions.formId,
      formVersion: submissions.formVersion,
      phaseCode: submissions.phaseCode,
      stationId: submissions.stationId,
      stationCode: pollingStations.code,
      stationName: pollingStations.name,
      teamCode: teams.code,
      observerName: observers.name,
      observerPhone: observers.phone,
      submittedAt: submissions.submittedAt,
      receivedAt: submissions.receivedAt,
      status: submissions.status,
      answers: submissions.answers,
    })
    .from(submissions)
    .innerJoin(pollingStations, eq(pollingStations.id, submissions.stationId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .leftJoin(observers, eq(observers.id, submissions.observerId))
    .where(where)
    .orderBy(...order);
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map((row) => ({
    ...row,
    submittedAt: new Date(row.submittedAt).toISOString(),
    receivedAt: new Date(row.receivedAt).toISOString(),
  }));
}
