import type { Expr } from "@scrutiny/domain";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import {
  analysisIndicatorMatches,
  analysisIndicators,
  areas,
  candidates,
  contests,
  deploymentPlans,
  elections,
  missions,
  officialResults,
  plannedStations,
  planStations,
  planStrata,
  pollingStations,
  teams,
} from "../schema/index.ts";
import { answerNumber, compileCondition } from "./condition-sql.ts";

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
  /** The mission that made the match and alone may change it (null: the election's own). */
  readonly missionId: string | null;
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
  /**
   * The plan version the estimates follow, with its stored stratum sizes (N_h, n_h); null for
   * a mission whose planned stations were stored without a plan record.
   */
  readonly plan: {
    id: string;
    version: number;
    status: string;
    source: string;
    design: string;
    confirmedAt: string | null;
    strata: { stratum: string; populationSize: number; sampleSize: number }[];
  } | null;
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

/** What to total per station, phase, form kind and status for one indicator. */
export type StationColumn =
  | {
      readonly kind: "share";
      readonly formKind: string;
      readonly questions: readonly string[];
      /** Questions whose answer puts a report in the denominator; empty: every report of the form kind. */
      readonly answeredBy: readonly string[];
      /** The condition's syntax tree from the domain's parser (compiled in condition-sql.ts). */
      readonly condition: Expr;
    }
  | { readonly kind: "sum" | "values" | "labels"; readonly formKind: string; readonly question: string };

/**
 * Per station, phase, form kind, status (and value of each "values" or "labels" column): reports
 * (n) and, per requested column, reports with an answer (x), the total (y: true conditions or sum
 * of numbers), and reports whose answers have a type the SQL evaluation does not decide (u: the
 * caller evaluates that column another way). Totals are additive over rows of one station.
 */
export interface StationTotalsRow {
  readonly stationId: string;
  readonly phaseCode: string;
  readonly formKind: string;
  readonly status: string;
  readonly n: number;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly u: readonly number[];
  /** Values and labels columns: this row's value (x reports gave it), else null. */
  readonly value: readonly (number | string | null)[];
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

  /** Creates a match owned by `missionId`, or replaces its name and members (the owner stays). */
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
  /**
   * A mission's frame for analysis under one plan version (default: the current plan): its
   * stations with inclusion probabilities, stratum sizes as stored, teams. Undefined for an
   * unknown mission or version.
   */
  async missionFrame(missionId: string, planVersion?: number): Promise<MissionFrame | undefined> {
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
    const [planRow] = await this.db
      .select({
        id: deploymentPlans.id,
        version: deploymentPlans.version,
        status: deploymentPlans.status,
        source: deploymentPlans.source,
        design: deploymentPlans.design,
        confirmedAt: deploymentPlans.confirmedAt,
      })
      .from(deploymentPlans)
      .where(
        and(
          eq(deploymentPlans.missionId, missionId),
          planVersion === undefined
            ? eq(deploymentPlans.status, "current")
            : eq(deploymentPlans.version, planVersion),
        ),
      );
    if (planVersion !== undefined && planRow === undefined) return undefined;
    const plannedQuery =
      planRow === undefined
        ? this.db
            .select({
              stationId: plannedStations.stationId,
              stratum: plannedStations.stratum,
              inclusionProbability: plannedStations.inclusionProbability,
              reserve: plannedStations.reserve,
            })
            .from(plannedStations)
            .where(eq(plannedStations.missionId, missionId))
        : this.db
            .select({
              stationId: planStations.stationId,
              stratum: planStations.stratum,
              inclusionProbability: planStations.inclusionProbability,
              reserve: planStations.reserve,
            })
            .from(planStations)
            .where(eq(planStations.planId, planRow.id));
    const [planned, teamRows, strata] = await Promise.all([
      plannedQuery,
      this.db
        .select({ id: teams.id, code: teams.code })
        .from(teams)
        .where(eq(teams.missionId, missionId))
        .orderBy(asc(teams.code)),
      planRow === undefined
        ? Promise.resolve([])
        : this.db
            .select({
              stratum: planStrata.stratum,
              populationSize: planStrata.populationSize,
              sampleSize: planStrata.sampleSize,
            })
            .from(planStrata)
            .where(eq(planStrata.planId, planRow.id))
            .orderBy(asc(planStrata.stratum)),
    ]);
    const { phases, ...missionRow } = row;
    const mission = planRow === undefined ? missionRow : { ...missionRow, design: planRow.design };
    return {
      mission,
      phases,
      planned,
      teams: teamRows,
      plan: planRow === undefined ? null : { ...planRow, strata },
    };
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
  /**
   * The election's geography revision: it changes with every write to its areas or stations
   * (triggers, migration 0007), so a cached geography is current while this is unchanged.
   * Undefined for an unknown election.
   */
  async geographyRevision(electionId: string): Promise<number | undefined> {
    const [row] = await this.db
      .select({ revision: elections.geographyRevision })
      .from(elections)
      .where(eq(elections.id, electionId));
    return row?.revision;
  }

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

  /**
   * A mission's reports totalled per station, phase, form kind and status in one statement, with
   * share conditions and numbers evaluated in SQL from the domain's syntax tree (condition-sql.ts),
   * so that the caller sees stations, not reports. Reports whose answers the SQL does not decide
   * exactly, and every report of a condition outside the compiled subset, are counted in u: the
   * caller evaluates that column in JavaScript instead.
   */
  async stationTotals(missionId: string, columns: readonly StationColumn[]): Promise<StationTotalsRow[]> {
    const questions = [...new Set(columns.flatMap((c) => (c.kind === "share" ? c.questions : [c.question])))];
    for (const q of questions) if (!QUESTION_NAME.test(q)) throw new Error(`bad question name ${q}`);
    // Answers are read as text (->>): strings unquoted, JSON null and absent keys as NULL.
    // Question names are bound parameters.
    const text = (q: string) => sql`(s.answers ->> ${q}::text)`;
    const selected: SQL[] = [];
    const keyed: SQL[] = [];
    let readsInstances = false;
    columns.forEach((c, i) => {
      // Rows are grouped by form kind: the caller reads a column only on its form kind's rows.
      const [x, y, l, u] = ["x", "y", "l", "u"].map((p) => sql.raw(`${p}${i}`)) as [SQL, SQL, SQL, SQL];
      if (c.kind === "share") {
        const answered =
          c.answeredBy.length === 0
            ? sql`true`
            : sql.join(
                c.answeredBy.map((q) => sql`${text(q)} is not null`),
                sql` or `,
              );
        const compiled = compileCondition(c.condition);
        readsInstances ||= compiled?.readsInstances === true;
        if (compiled === null) {
          selected.push(sql`0::int as ${x}, 0::float8 as ${y}, count(*)::int as ${u}`);
          return;
        }
        selected.push(sql`count(*) filter (where ${answered})::int as ${x},
          count(*) filter (where (${answered}) and ${compiled.value})::float8 as ${y},
          count(*) filter (where (${answered}) and ${compiled.undecided})::int as ${u}`);
      } else if (c.kind === "sum") {
        const n = answerNumber(c.question);
        selected.push(sql`count(${n.value})::int as ${x}, coalesce(sum(${n.value}), 0)::float8 as ${y},
          count(*) filter (where ${n.undecided})::int as ${u}`);
      } else {
        // Values and labels are grouping keys: each row carries one value and how many reports
        // gave it (x), so the caller gets value counts per station without an object per report.
        const of = sql`f.kind = ${c.formKind}::text`;
        const n = answerNumber(c.question);
        const value =
          c.kind === "values"
            ? sql`case when ${of} then ${n.value} end`
            : sql`case when ${of} then coalesce(${text(c.question)}, 'unspecified') end`;
        // Labels are decided for string and null answers (String() of anything else differs).
        const undecided =
          c.kind === "values"
            ? n.undecided
            : sql`coalesce(jsonb_typeof(s.answers -> ${c.question}::text) not in ('string', 'null'), false)`;
        keyed.push(sql`${value} as ${l}`);
        selected.push(sql`count(${value})::int as ${x}, count(*) filter (where ${undecided})::int as ${u}`);
      }
    });
    const list = (items: SQL[]) => (items.length > 0 ? sql`, ${sql.join(items, sql`, `)}` : sql``);
    // Grouping keys first (positions 5, 6, ...), then the aggregates.
    const keys = keyed.map((_, i) => sql.raw(String(5 + i)));
    const statement = sql`
      select s.station_id as "stationId", s.phase_code as "phaseCode", f.kind as "formKind",
        s.status${list(keyed)}, count(*)::int as n${list(selected)}
      from submissions s join forms f on f.id = s.form_id
      where s.mission_id = ${missionId}::uuid
      group by 1, 2, 3, 4${list(keys)}`;
    // The planner cannot know there are only stations × phases groups: it would sort a million
    // wide rows or walk the station index; one pass with a (parallel) hash aggregate needs a few
    // megabytes, so that is what this statement is allowed. Conditions over repeat instances are
    // subqueries the planner costs at 100 rows each: with JIT the compilation of a hundred such
    // columns took PostgreSQL 15 over a minute for a statement that runs in seconds without it.
    const result = await this.db.transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '64MB'`);
      if (readsInstances) await tx.execute(sql`set local jit = off`);
      await tx.execute(sql`set local enable_sort = off`);
      await tx.execute(sql`set local enable_indexscan = off`);
      return tx.execute(statement);
    });
    const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
    return rows.map((r) => ({
      stationId: String(r["stationId"]),
      phaseCode: String(r["phaseCode"]),
      formKind: String(r["formKind"]),
      status: String(r["status"]),
      n: Number(r["n"]),
      x: columns.map((_, i) => Number(r[`x${i}`] ?? 0)),
      y: columns.map((_, i) => Number(r[`y${i}`] ?? 0)),
      u: columns.map((_, i) => Number(r[`u${i}`] ?? 0)),
      value: columns.map((c, i) => {
        const v = r[`l${i}`];
        if (v === null || v === undefined) return null;
        return c.kind === "values" ? Number(v) : String(v);
      }),
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
