import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import {
  analysisIndicatorMatches,
  analysisIndicators,
  areas,
  candidates,
  contests,
  elections,
  missions,
  officialResults,
  plannedStations,
  pollingStations,
  teams,
} from "../schema/index.ts";

/** One stored version of an indicator definition. */
export interface StoredIndicator {
  readonly missionId: string;
  readonly code: string;
  readonly version: number;
  readonly definition: Record<string, unknown>;
  readonly retired: boolean;
  readonly createdBy: string | null;
  readonly createdAt: string;
}

export interface StoredIndicatorMatch {
  readonly electionId: string;
  readonly code: string;
  readonly name: Record<string, string>;
  readonly members: Record<string, string>;
  readonly updatedAt: string;
}

/** What a mission's analysis needs to know besides the reports: its plan and the frame. */
export interface MissionFrame {
  readonly mission: {
    id: string;
    electionId: string;
    code: string;
    name: Record<string, string>;
    kind: string;
    design: string;
  };
  readonly phases: { code: string; kind: string; date: string; name: Record<string, string> }[];
  readonly planned: {
    stationId: string;
    stratum: string | null;
    inclusionProbability: number | null;
    reserve: boolean;
  }[];
  readonly teams: { id: string; code: string }[];
}

/** Every station of an election with the areas above it (for frames and breakdowns). */
export interface ElectionGeography {
  readonly areas: {
    id: string;
    parentId: string | null;
    level: string;
    code: string;
    name: Record<string, string>;
  }[];
  readonly stations: {
    id: string;
    code: string;
    areaId: string;
    kind: string;
    settlement: string | null;
    latitude: number | null;
    longitude: number | null;
    registeredVoters: number;
  }[];
}

/**
 * One distinct pattern of a mission's reports: station, team, phase, form kind, status and the
 * requested answers (jsonb values: strings, numbers, arrays), with how many reports share it.
 */
export interface ObservationPattern {
  readonly stationId: string;
  readonly teamId: string | null;
  readonly phaseCode: string;
  readonly formKind: string;
  readonly status: string;
  readonly answers: readonly unknown[];
  readonly count: number;
}

export interface PublishedProtocol {
  readonly stationId: string;
  readonly contestId: string;
  readonly registeredVoters: number;
  readonly ballotsIssued: number;
  readonly valid: number;
  readonly invalid: number;
  readonly votes: Record<string, number>;
  readonly turnoutByPhase: Record<string, number>;
}

const QUESTION_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Indicators, cross-mission matches and the data reads behind a mission's analysis. */
export class AnalysisRepository {
  constructor(private readonly db: Database) {}

  /** The current version of every indicator of a mission that is not retired, by code. */
  async currentIndicators(missionId: string): Promise<StoredIndicator[]> {
    const rows = await this.db
      .selectDistinctOn([analysisIndicators.code])
      .from(analysisIndicators)
      .where(eq(analysisIndicators.missionId, missionId))
      .orderBy(asc(analysisIndicators.code), desc(analysisIndicators.version));
    return rows.filter((row) => !row.retired);
  }

  async indicatorHistory(missionId: string, code: string): Promise<StoredIndicator[]> {
    return this.db
      .select()
      .from(analysisIndicators)
      .where(and(eq(analysisIndicators.missionId, missionId), eq(analysisIndicators.code, code)))
      .orderBy(asc(analysisIndicators.version));
  }

  /** Appends a version (the next number for the code); returns it. */
  async saveIndicator(input: {
    missionId: string;
    code: string;
    definition: Record<string, unknown>;
    retired?: boolean;
    createdBy?: string | null;
  }): Promise<StoredIndicator> {
    const result = await this.db.execute(sql`
      insert into analysis_indicators (mission_id, code, version, definition, retired, created_by)
      select ${input.missionId}::uuid, ${input.code}, coalesce(max(version), 0) + 1,
        ${JSON.stringify(input.definition)}::jsonb, ${input.retired ?? false}, ${input.createdBy ?? null}::uuid
      from analysis_indicators where mission_id = ${input.missionId}::uuid and code = ${input.code}
      returning mission_id as "missionId", code, version, definition, retired, created_by as "createdBy",
        created_at as "createdAt"`);
    const row = (result as unknown as { rows: StoredIndicator[] }).rows[0];
    if (row === undefined) throw new Error("indicator version not stored");
    return { ...row, createdAt: String(row.createdAt) };
  }

  /** Stores several first versions at once (demo seeding); existing codes are left alone. */
  async seedIndicators(
    missionId: string,
    definitions: readonly { code: string; definition: Record<string, unknown> }[],
  ): Promise<void> {
    if (definitions.length === 0) return;
    await this.db
      .insert(analysisIndicators)
      .values(definitions.map((d) => ({ missionId, code: d.code, version: 1, definition: d.definition })))
      .onConflictDoNothing();
  }

  async matches(electionId: string): Promise<StoredIndicatorMatch[]> {
    return this.db
      .select()
      .from(analysisIndicatorMatches)
      .where(eq(analysisIndicatorMatches.electionId, electionId))
      .orderBy(asc(analysisIndicatorMatches.code));
  }

  async saveMatch(match: Omit<StoredIndicatorMatch, "updatedAt">): Promise<void> {
    await this.db
      .insert(analysisIndicatorMatches)
      .values({ ...match })
      .onConflictDoUpdate({
        target: [analysisIndicatorMatches.electionId, analysisIndicatorMatches.code],
        set: { name: match.name, members: match.members, updatedAt: sql`now()` },
      });
  }

  async deleteMatch(electionId: string, code: string): Promise<boolean> {
    const deleted = await this.db
      .delete(analysisIndicatorMatches)
      .where(
        and(eq(analysisIndicatorMatches.electionId, electionId), eq(analysisIndicatorMatches.code, code)),
      )
      .returning({ code: analysisIndicatorMatches.code });
    return deleted.length > 0;
  }

  /** The mission, its election's phases, its deployment plan and its teams. */
  async missionFrame(missionId: string): Promise<MissionFrame | undefined> {
    const [row] = await this.db
      .select({
        id: missions.id,
        electionId: missions.electionId,
        code: missions.code,
        name: missions.name,
        kind: missions.kind,
        design: missions.design,
        phases: elections.phases,
      })
      .from(missions)
      .innerJoin(elections, eq(elections.id, missions.electionId))
      .where(eq(missions.id, missionId));
    if (row === undefined) return undefined;
    const [planned, teamRows] = await Promise.all([
      this.db
        .select({
          stationId: plannedStations.stationId,
          stratum: plannedStations.stratum,
          inclusionProbability: plannedStations.inclusionProbability,
          reserve: plannedStations.reserve,
        })
        .from(plannedStations)
        .where(eq(plannedStations.missionId, missionId)),
      this.db
        .select({ id: teams.id, code: teams.code })
        .from(teams)
        .where(eq(teams.missionId, missionId))
        .orderBy(asc(teams.code)),
    ]);
    const { phases, ...mission } = row;
    return { mission, phases, planned, teams: teamRows };
  }

  async missionsOfElection(electionId: string): Promise<MissionFrame["mission"][]> {
    return this.db
      .select({
        id: missions.id,
        electionId: missions.electionId,
        code: missions.code,
        name: missions.name,
        kind: missions.kind,
        design: missions.design,
      })
      .from(missions)
      .where(eq(missions.electionId, electionId))
      .orderBy(asc(missions.code));
  }

  /** Areas and stations of an election (a few thousand rows; cached by the caller). */
  async geography(electionId: string): Promise<ElectionGeography> {
    const [areaRows, stationRows] = await Promise.all([
      this.db
        .select({
          id: areas.id,
          parentId: areas.parentId,
          level: areas.level,
          code: areas.code,
          name: areas.name,
        })
        .from(areas)
        .where(eq(areas.electionId, electionId)),
      this.db
        .select({
          id: pollingStations.id,
          code: pollingStations.code,
          areaId: pollingStations.areaId,
          kind: pollingStations.kind,
          settlement: sql<string | null>`${pollingStations.attributes} ->> 'settlement'`,
          latitude: pollingStations.latitude,
          longitude: pollingStations.longitude,
          registeredVoters: pollingStations.registeredVoters,
        })
        .from(pollingStations)
        .where(eq(pollingStations.electionId, electionId)),
    ]);
    return { areas: areaRows, stations: stationRows };
  }

  /**
   * A mission's reports in one statement: only the requested answers are extracted from the
   * jsonb, and identical rows are folded into one pattern with a count, so the caller evaluates
   * each indicator once per distinct pattern instead of once per report. `teams: false` leaves the
   * team out (null), so that reports of different teams fold together.
   */
  async observationPatterns(
    missionId: string,
    questions: readonly string[],
    options: { teams?: boolean } = {},
  ): Promise<ObservationPattern[]> {
    for (const q of questions) if (!QUESTION_NAME.test(q)) throw new Error(`bad question name ${q}`);
    // Without teams (estimates need none) more reports fold into one pattern.
    const team = (options.teams ?? true) ? sql`s.team_id` : sql`null::uuid`;
    const extracted = questions.map((q, i) => sql`s.answers -> ${q} as ${sql.raw(`a${i}`)}`);
    const groupBy = Array.from({ length: 5 + questions.length }, (_, i) => String(i + 1)).join(", ");
    const result = await this.db.execute(sql`
      select s.station_id as "stationId", ${team} as "teamId", s.phase_code as "phaseCode",
        f.kind as "formKind", s.status${questions.length > 0 ? sql`, ${sql.join(extracted, sql`, `)}` : sql``},
        count(*)::int as n
      from submissions s join forms f on f.id = s.form_id
      where s.mission_id = ${missionId}::uuid
      group by ${sql.raw(groupBy)}`);
    const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
    return rows.map((r) => ({
      stationId: String(r["stationId"]),
      teamId: r["teamId"] == null ? null : String(r["teamId"]),
      phaseCode: String(r["phaseCode"]),
      formKind: String(r["formKind"]),
      status: String(r["status"]),
      answers: questions.map((_, i) => r[`a${i}`] ?? null),
      count: Number(r["n"]),
    }));
  }

  /** Published protocols of an election with each contest's candidates and their parties. */
  async officialResults(electionId: string): Promise<{
    protocols: PublishedProtocol[];
    candidates: { contestId: string; code: string; name: string; party: string | null }[];
  }> {
    const [protocols, candidateRows] = await Promise.all([
      this.db
        .select({
          stationId: officialResults.stationId,
          contestId: officialResults.contestId,
          registeredVoters: officialResults.registeredVoters,
          ballotsIssued: officialResults.ballotsIssued,
          valid: officialResults.valid,
          invalid: officialResults.invalid,
          votes: officialResults.votes,
          turnoutByPhase: officialResults.turnoutByPhase,
        })
        .from(officialResults)
        .innerJoin(contests, eq(contests.id, officialResults.contestId))
        .where(eq(contests.electionId, electionId)),
      this.db
        .select({
          contestId: candidates.contestId,
          code: candidates.code,
          name: candidates.name,
          party: candidates.party,
        })
        .from(candidates)
        .innerJoin(contests, eq(contests.id, candidates.contestId))
        .where(eq(contests.electionId, electionId)),
    ]);
    return { protocols, candidates: candidateRows };
  }
}
