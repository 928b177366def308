import { and, eq } from "drizzle-orm";
import type { Database } from "../database.ts";
import {
  analysisIndicatorMatches,
  electionAdministrators,
  forms,
  importJobs,
  importMappings,
  resultsSets,
  users,
} from "../schema/index.ts";

/** Whose a resource is: its election and the mission that owns it (null: the election itself). */
export interface Ownership {
  readonly electionId: string;
  readonly missionId: string | null;
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
