import type { Mission, Observer, PlannedStation, Team, Visit } from "@scrutiny/domain";
import { and, asc, count, eq, not, sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import {
  missions,
  observers,
  plannedStations,
  submissions,
  teamMembers,
  teams,
  visits,
} from "../schema/index.ts";
import { insertInChunks } from "./bulk.ts";

/** A mission with its people and its deployment. */
export interface MissionBundle {
  readonly mission: Mission;
  readonly observers: readonly Observer[];
  readonly teams: readonly Team[];
  readonly plannedStations: readonly PlannedStation[];
  readonly visits: readonly Visit[];
}

export interface MissionSummary {
  readonly id: string;
  readonly code: string;
  readonly name: Record<string, string>;
  readonly kind: Mission["kind"];
  readonly design: Mission["design"];
  readonly observers: number;
  readonly teams: number;
  readonly plannedStations: number;
  readonly submissions: number;
}

export class MissionRepository {
  constructor(private readonly db: Database) {}

  async insertBundle(bundle: MissionBundle): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.insert(missions).values(bundle.mission);
      await insertInChunks(tx, observers, bundle.observers);
      await insertInChunks(
        tx,
        teams,
        bundle.teams.map((team) => ({ id: team.id, missionId: team.missionId, code: team.code })),
      );
      await insertInChunks(
        tx,
        teamMembers,
        bundle.teams.flatMap((team) =>
          team.observerIds.map((observerId) => ({ teamId: team.id, observerId })),
        ),
      );
      await insertInChunks(tx, plannedStations, bundle.plannedStations);
      await insertInChunks(tx, visits, bundle.visits);
    });
  }

  /** The mission and election an observer belongs to, for authorising their reports. */
  async observerContext(observerId: string): Promise<{ missionId: string; electionId: string } | undefined> {
    const [row] = await this.db
      .select({ missionId: missions.id, electionId: missions.electionId })
      .from(observers)
      .innerJoin(missions, eq(missions.id, observers.missionId))
      .where(eq(observers.id, observerId));
    return row;
  }

  /** The mission a team belongs to, or undefined for an unknown team. */
  async teamMission(teamId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ missionId: teams.missionId })
      .from(teams)
      .where(eq(teams.id, teamId));
    return row?.missionId;
  }

  /** The mission a visit belongs to, or undefined for an unknown visit. */
  async visitMission(visitId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ missionId: visits.missionId })
      .from(visits)
      .where(eq(visits.id, visitId));
    return row?.missionId;
  }

  async get(missionId: string): Promise<Mission | undefined> {
    const [row] = await this.db.select().from(missions).where(eq(missions.id, missionId));
    return row as Mission | undefined;
  }

  /** Missions of an election with their head counts, in code order. */
  async summaries(electionId: string): Promise<MissionSummary[]> {
    const rows = await this.db
      .select({
        id: missions.id,
        code: missions.code,
        name: missions.name,
        kind: missions.kind,
        design: missions.design,
      })
      .from(missions)
      .where(eq(missions.electionId, electionId))
      .orderBy(asc(missions.code));
    const tally = async (
      table: typeof observers | typeof teams | typeof plannedStations | typeof submissions,
      only = sql`true`,
    ) => {
      const counted = await this.db
        .select({ missionId: table.missionId, n: count() })
        .from(table)
        .where(
          and(
            sql`${table.missionId} in (select ${missions.id} from ${missions} where ${missions.electionId} = ${electionId})`,
            only,
          ),
        )
        .groupBy(table.missionId);
      return new Map(counted.map((row) => [row.missionId, row.n]));
    };
    const [observerCounts, teamCounts, plannedCounts, submissionCounts] = await Promise.all([
      tally(observers),
      tally(teams),
      // Planned: the plan's sample, as coverage counts it; reserves replace a station, not add one.
      tally(plannedStations, not(plannedStations.reserve)),
      tally(submissions),
    ]);
    return rows.map((row) => ({
      ...row,
      kind: row.kind as Mission["kind"],
      design: row.design as Mission["design"],
      observers: observerCounts.get(row.id) ?? 0,
      teams: teamCounts.get(row.id) ?? 0,
      plannedStations: plannedCounts.get(row.id) ?? 0,
      submissions: submissionCounts.get(row.id) ?? 0,
    }));
  }
}
