import { and, eq } from "drizzle-orm";
import type { Database } from "../database.ts";
import {
  analysisIndicatorMatches,
  electionAdministrators,
  forms,
  importJobs,
  importMappings,
  missions,
  resultsSets,
  submissions,
  teamMembers,
  teams,
  users,
  visits,
} from "../schema/index.ts";

/** Whose a resource is: its election and the mission that owns it (null: the election itself). */
export interface Ownership {
  readonly electionId: string;
  readonly missionId: string | null;
}

/** A mission's record that belongs to some of its observers too (a report, a team, a visit). */
export interface ObserverRecordOwnership extends Ownership {
  readonly missionId: string;
  readonly observerIds: readonly string[];
}

export interface ElectionAdministrator {
  readonly userId: string;
  readonly username: string;
  readonly missionId: string | null;
  readonly grantedAt: Date;
}

/**
 * Ownership of resources, read for the routes' policies, and the per-election grants of
 * administration over an election's shared data.
 */
export class OwnershipRepository {
  constructor(private readonly db: Database) {}

  async form(formId: string): Promise<Ownership | undefined> {
    const [row] = await this.db
      .select({ electionId: forms.electionId, missionId: forms.missionId })
      .from(forms)
      .where(eq(forms.id, formId));
    return row;
  }

  async resultsSet(setId: string): Promise<Ownership | undefined> {
    const [row] = await this.db
      .select({ electionId: resultsSets.electionId, missionId: resultsSets.missionId })
      .from(resultsSets)
      .where(eq(resultsSets.id, setId));
    return row;
  }

  async indicatorMatch(electionId: string, code: string): Promise<Ownership | undefined> {
    const [row] = await this.db
      .select({
        electionId: analysisIndicatorMatches.electionId,
        missionId: analysisIndicatorMatches.missionId,
      })
      .from(analysisIndicatorMatches)
      .where(
        and(eq(analysisIndicatorMatches.electionId, electionId), eq(analysisIndicatorMatches.code, code)),
      );
    return row;
  }

  /** A saved station-file mapping (station mappings are kept per election, by name). */
  async stationMapping(electionId: string, name: string): Promise<Ownership | undefined> {
    const [row] = await this.db
      .select({ electionId: importMappings.electionId, missionId: importMappings.missionId })
      .from(importMappings)
      .where(
        and(
          eq(importMappings.scopeId, electionId),
          eq(importMappings.kind, "stations"),
          eq(importMappings.name, name),
        ),
      );
    return row;
  }

  async importJob(jobId: string): Promise<Ownership | undefined> {
    const [row] = await this.db
      .select({ electionId: importJobs.electionId, missionId: importJobs.missionId })
      .from(importJobs)
      .where(eq(importJobs.id, jobId));
    return row;
  }

  /** A report: its mission and its author (none for a report keyed in by staff). */
  async submission(submissionId: string): Promise<ObserverRecordOwnership | undefined> {
    const [row] = await this.db
      .select({
        electionId: missions.electionId,
        missionId: submissions.missionId,
        observerId: submissions.observerId,
      })
      .from(submissions)
      .innerJoin(missions, eq(missions.id, submissions.missionId))
      .where(eq(submissions.id, submissionId));
    if (row === undefined) return undefined;
    const { observerId, ...owner } = row;
    return { ...owner, observerIds: observerId === null ? [] : [observerId] };
  }

  /** A team: its mission and its members. */
  async team(teamId: string): Promise<ObserverRecordOwnership | undefined> {
    const [row] = await this.db
      .select({ electionId: missions.electionId, missionId: teams.missionId })
      .from(teams)
      .innerJoin(missions, eq(missions.id, teams.missionId))
      .where(eq(teams.id, teamId));
    return row === undefined ? undefined : { ...row, observerIds: await this.members(teamId) };
  }

  /** A visit: its team's mission and members. */
  async visit(visitId: string): Promise<ObserverRecordOwnership | undefined> {
    const [row] = await this.db.select({ teamId: visits.teamId }).from(visits).where(eq(visits.id, visitId));
    return row === undefined ? undefined : this.team(row.teamId);
  }

  private async members(teamId: string): Promise<string[]> {
    const rows = await this.db
      .select({ observerId: teamMembers.observerId })
      .from(teamMembers)
      .where(eq(teamMembers.teamId, teamId));
    return rows.map((row) => row.observerId);
  }

  async isElectionAdministrator(userId: string, electionId: string): Promise<boolean> {
    const rows = await this.db
      .select({ userId: electionAdministrators.userId })
      .from(electionAdministrators)
      .where(
        and(eq(electionAdministrators.electionId, electionId), eq(electionAdministrators.userId, userId)),
      );
    return rows.length > 0;
  }

  async electionAdministrators(electionId: string): Promise<ElectionAdministrator[]> {
    return this.db
      .select({
        userId: electionAdministrators.userId,
        username: users.username,
        missionId: users.missionId,
        grantedAt: electionAdministrators.grantedAt,
      })
      .from(electionAdministrators)
      .innerJoin(users, eq(users.id, electionAdministrators.userId))
      .where(eq(electionAdministrators.electionId, electionId))
      .orderBy(users.username);
  }

  /** Grants administration of the election (idempotent). */
  async grantElectionAdministrator(
    electionId: string,
    userId: string,
    grantedBy: string | null,
  ): Promise<void> {
    await this.db
      .insert(electionAdministrators)
      .values({ electionId, userId, grantedBy })
      .onConflictDoNothing();
  }

  async revokeElectionAdministrator(electionId: string, userId: string): Promise<boolean> {
    const deleted = await this.db
      .delete(electionAdministrators)
      .where(
        and(eq(electionAdministrators.electionId, electionId), eq(electionAdministrators.userId, userId)),
      )
      .returning({ userId: electionAdministrators.userId });
    return deleted.length > 0;
  }
}
