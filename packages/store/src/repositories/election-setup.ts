// Elections and missions as their administrators set them up (the election file, the API): created
// and changed in one transaction each, read back in the same shape for `scrutiny election export`.
import { randomUUID } from "node:crypto";
import {
  type ContestSetup,
  type ElectionSetup,
  err,
  type InputIssue,
  type Mission,
  type MissionPatch,
  type MissionSetup,
  ok,
  type Result,
} from "@scrutiny/domain";
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import {
  areas,
  candidates,
  contests,
  elections,
  missions,
  officialResults,
  submissions,
  visits,
} from "../schema/index.ts";

export type SetupConflict =
  | {
      readonly code: "duplicate";
      readonly message: string;
      /** What is already taken: an election's code, or a mission's code in its election. */
      readonly what: "election_code" | "mission_code";
      readonly taken: string;
    }
  | { readonly code: "invalid"; readonly issues: readonly InputIssue[] }
  | {
      readonly code: "in_use";
      readonly message: string;
      /** What the change would remove that is still used: phases with reports or visits, contests with results. */
      readonly what: "phases" | "contests";
      readonly codes: readonly string[];
    }
  | { readonly code: "not_found"; readonly message: string };

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export class ElectionSetupRepository {
  constructor(private readonly db: Database) {}

  /** Creates an election with its phases and contests; nothing is stored when anything is wrong. */
  async create(setup: ElectionSetup): Promise<Result<{ id: string }, SetupConflict>> {
    const [taken] = await this.db
      .select({ id: elections.id })
      .from(elections)
      .where(eq(elections.code, setup.code));
    if (taken !== undefined)
      return err({
        code: "duplicate",
        message: `an election with the code ${setup.code} exists`,
        what: "election_code",
        taken: setup.code,
      });
    // A new election has no areas yet: a contest naming one is refused before anything is written.
    const areaIds = await this.areaIds(null, setup.contests);
    if (!areaIds.ok) return areaIds;
    const id = randomUUID();
    try {
      await this.db.transaction(async (tx) => {
        await tx.insert(elections).values({ id, ...electionColumns(setup) });
        await writeContests(tx, id, setup.contests, areaIds.value);
      });
    } catch (error) {
      // Created meanwhile by another request.
      if (isUniqueViolation(error))
        return err({
          code: "duplicate",
          message: `an election with the code ${setup.code} exists`,
          what: "election_code",
          taken: setup.code,
        });
      throw error;
    }
    return ok({ id });
  }

  /**
   * Changes an election to what `setup` says: its fields and phases, its contests (matched by code;
   * contests the setup leaves out are removed unless official results name them). The code stays.
   */
  async update(electionId: string, setup: ElectionSetup): Promise<Result<{ id: string }, SetupConflict>> {
    const [current] = await this.db
      .select({ code: elections.code, phases: elections.phases })
      .from(elections)
      .where(eq(elections.id, electionId));
    if (current === undefined) return err({ code: "not_found", message: "election not found" });
    if (current.code !== setup.code)
      return err({
        code: "invalid",
        issues: [
          {
            path: ["code"],
            code: "fixed",
            message: `the election's code is ${current.code}; it cannot change`,
          },
        ],
      });
    const kept = new Set(setup.phases.map((p) => p.code));
    const dropped = current.phases.map((p) => p.code).filter((code) => !kept.has(code));
    if (dropped.length > 0) {
      const used = await this.db
        .select({ phase: submissions.phaseCode })
        .from(submissions)
        .innerJoin(missions, eq(missions.id, submissions.missionId))
        .where(and(eq(missions.electionId, electionId), inArray(submissions.phaseCode, dropped)))
        .union(
          this.db
            .select({ phase: visits.phaseCode })
            .from(visits)
            .innerJoin(missions, eq(missions.id, visits.missionId))
            .where(and(eq(missions.electionId, electionId), inArray(visits.phaseCode, dropped))),
        );
      if (used.length > 0)
        return err({
          code: "in_use",
          message: `phases ${used.map((u) => u.phase).join(", ")} have reports or visits: keep them in the election`,
          what: "phases",
          codes: used.map((u) => u.phase),
        });
    }
    const codes = setup.contests.map((c) => c.code);
    const removedWithResults = await this.db
      .selectDistinct({ code: contests.code })
      .from(contests)
      .innerJoin(officialResults, eq(officialResults.contestId, contests.id))
      .where(
        and(
          eq(contests.electionId, electionId),
          codes.length === 0 ? sql`true` : notInArray(contests.code, codes),
        ),
      );
    if (removedWithResults.length > 0)
      return err({
        code: "in_use",
        message: `contests ${removedWithResults.map((c) => c.code).join(", ")} have official results: keep them in the election`,
        what: "contests",
        codes: removedWithResults.map((c) => c.code),
      });
    const areaIds = await this.areaIds(electionId, setup.contests);
    if (!areaIds.ok) return areaIds;
    await this.db.transaction(async (tx) => {
      await tx.update(elections).set(electionColumns(setup)).where(eq(elections.id, electionId));
      await tx
        .delete(contests)
        .where(
          and(
            eq(contests.electionId, electionId),
            codes.length === 0 ? sql`true` : notInArray(contests.code, codes),
          ),
        );
      await writeContests(tx, electionId, setup.contests, areaIds.value);
    });
    return ok({ id: electionId });
  }

  /** Ids of the areas contests name (by code), or an issue for each unknown one. */
  private async areaIds(
    electionId: string | null,
    list: readonly ContestSetup[],
  ): Promise<Result<Map<string, string>, SetupConflict>> {
    const areaCodes = [...new Set(list.flatMap((c) => (c.area === undefined ? [] : [c.area])))];
    const rows =
      areaCodes.length === 0 || electionId === null
        ? []
        : await this.db
            .select({ id: areas.id, code: areas.code })
            .from(areas)
            .where(and(eq(areas.electionId, electionId), inArray(areas.code, areaCodes)));
    const areaId = new Map(rows.map((a) => [a.code, a.id]));
    const issues: InputIssue[] = [];
    list.forEach((c, index) => {
      if (c.area !== undefined && !areaId.has(c.area))
        issues.push({
          path: ["contests", index, "area"],
          code: "unknown_area",
          message: `no area ${c.area} in this election: import its stations first, then name the contest's area`,
        });
    });
    return issues.length > 0 ? err({ code: "invalid", issues }) : ok(areaId);
  }

  /** The election as a set-up file describes it; undefined for an unknown election. */
  async read(electionId: string): Promise<ElectionSetup | undefined> {
    const [row] = await this.db.select().from(elections).where(eq(elections.id, electionId));
    if (row === undefined) return undefined;
    const contestRows = await this.db
      .select({
        id: contests.id,
        code: contests.code,
        name: contests.name,
        ballot: contests.ballot,
        area: areas.code,
      })
      .from(contests)
      .leftJoin(areas, eq(areas.id, contests.areaId))
      .where(eq(contests.electionId, electionId))
      .orderBy(asc(contests.code));
    const entryRows =
      contestRows.length === 0
        ? []
        : await this.db
            .select({
              contestId: candidates.contestId,
              code: candidates.code,
              name: candidates.name,
              party: candidates.party,
            })
            .from(candidates)
            .where(
              inArray(
                candidates.contestId,
                contestRows.map((c) => c.id),
              ),
            )
            .orderBy(asc(candidates.code));
    return {
      code: row.code,
      name: row.name,
      country: row.country,
      electionDate: row.electionDate,
      timeZone: row.timeZone,
      languages: row.languages,
      phases: row.phases.map((p) => ({
        code: p.code,
        kind: p.kind as ElectionSetup["phases"][number]["kind"],
        date: p.date,
        name: p.name,
        ...(p.opensAt === undefined ? {} : { opensAt: p.opensAt }),
        ...(p.closesAt === undefined ? {} : { closesAt: p.closesAt }),
      })),
      contests: contestRows.map((c) => ({
        code: c.code,
        name: c.name,
        ...(c.area === null ? {} : { area: c.area }),
        ballot: c.ballot as ContestSetup["ballot"],
        entries: entryRows
          .filter((e) => e.contestId === c.id)
          .map((e) => ({ code: e.code, name: e.name, ...(e.party === null ? {} : { party: e.party }) })),
      })),
    };
  }

  /** Adds a mission to an election. */
  async createMission(electionId: string, setup: MissionSetup): Promise<Result<Mission, SetupConflict>> {
    const [taken] = await this.db
      .select({ id: missions.id })
      .from(missions)
      .where(and(eq(missions.electionId, electionId), eq(missions.code, setup.code)));
    if (taken !== undefined)
      return err({
        code: "duplicate",
        message: `the election has a mission with the code ${setup.code}`,
        what: "mission_code",
        taken: setup.code,
      });
    const mission: Mission = { id: randomUUID(), electionId, ...setup };
    try {
      await this.db.insert(missions).values(mission);
    } catch (error) {
      if (isUniqueViolation(error))
        return err({
          code: "duplicate",
          message: `the election has a mission with the code ${setup.code}`,
          what: "mission_code",
          taken: setup.code,
        });
      throw error;
    }
    return ok(mission);
  }

  async updateMission(missionId: string, patch: MissionPatch): Promise<Mission | undefined> {
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length > 0)
      await this.db.update(missions).set(changes).where(eq(missions.id, missionId));
    const [row] = await this.db.select().from(missions).where(eq(missions.id, missionId));
    return row as Mission | undefined;
  }

  /** The missions of an election, in code order. */
  async missions(electionId: string): Promise<Mission[]> {
    const rows = await this.db
      .select()
      .from(missions)
      .where(eq(missions.electionId, electionId))
      .orderBy(asc(missions.code));
    return rows as Mission[];
  }
}

/** PostgreSQL's unique_violation, as either driver reports it (drizzle wraps it in `cause`). */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: unknown }).code === "23505") return true;
  return false;
}

function electionColumns(setup: ElectionSetup) {
  return {
    code: setup.code,
    name: setup.name,
    country: setup.country,
    electionDate: setup.electionDate,
    timeZone: setup.timeZone,
    languages: setup.languages,
    phases: setup.phases,
  };
}

/** Upserts contests by code and replaces their entries. */
async function writeContests(
  tx: Tx,
  electionId: string,
  list: readonly ContestSetup[],
  areaId: ReadonlyMap<string, string>,
): Promise<void> {
  const existing = await tx
    .select({ id: contests.id, code: contests.code })
    .from(contests)
    .where(eq(contests.electionId, electionId));
  const idOf = new Map(existing.map((c) => [c.code, c.id]));
  for (const c of list) {
    const id = idOf.get(c.code) ?? randomUUID();
    const columns = {
      name: c.name,
      ballot: c.ballot,
      areaId: c.area === undefined ? null : (areaId.get(c.area) ?? null),
    };
    if (idOf.has(c.code)) await tx.update(contests).set(columns).where(eq(contests.id, id));
    else await tx.insert(contests).values({ id, electionId, code: c.code, ...columns });
    await tx.delete(candidates).where(eq(candidates.contestId, id));
    await tx.insert(candidates).values(
      c.entries.map((e) => ({
        id: randomUUID(),
        contestId: id,
        code: e.code,
        name: e.name,
        party: e.party ?? null,
      })),
    );
  }
}
