// Deployment of a mission: its sampling frame (the election's stations with their areas and
// attributes), its drawn plans with stratum sizes, and its teams' routes (visits in order).
import { randomUUID } from "node:crypto";
import { planContentHash } from "@scrutiny/domain";
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import {
  areas,
  deploymentPlans,
  elections,
  missions,
  observers,
  plannedStations,
  planStations,
  planStrata,
  pollingStations,
  submissions,
  teamMembers,
  teams,
  visits,
} from "../schema/index.ts";
import { insertInChunks } from "./bulk.ts";
import { appendToLog } from "./transparency-log.ts";

export interface FrameRow {
  readonly id: string;
  readonly code: string;
  /** Area code at each level above and at the station, e.g. `{ region: "R1", constituency: "R1-04" }`. */
  readonly areas: Record<string, string>;
  readonly attributes: Record<string, string>;
}

export interface NewPlan {
  readonly id: string;
  readonly missionId: string;
  readonly design: "simple_random" | "stratified" | "convenience";
  readonly seed: number | null;
  readonly strataBy: readonly string[];
  readonly allocation: string | null;
  readonly sampleSize: number;
  readonly reservePerStratum: number;
  readonly frameSize: number;
  readonly createdBy: string | null;
  /** drawn here (default) or imported from the mission's own sampling. */
  readonly source?: "drawn" | "imported";
  /** Make it current at once (the demo loader; a coordinator confirms every other plan). */
  readonly confirm?: boolean;
  readonly strata: readonly {
    stratum: string;
    populationSize: number;
    sampleSize: number;
    reserveSize: number;
  }[];
  readonly stations: readonly {
    stationId: string;
    stratum: string | null;
    inclusionProbability: number | null;
    reserve: boolean;
    order: number;
  }[];
}

export interface StoredPlan {
  readonly id: string;
  readonly missionId: string;
  readonly design: "simple_random" | "stratified" | "convenience";
  readonly seed: number | null;
  readonly strataBy: string[];
  readonly allocation: string | null;
  readonly sampleSize: number;
  readonly reservePerStratum: number;
  readonly frameSize: number;
  readonly createdAt: string;
  readonly version: number;
  readonly status: "proposed" | "current" | "superseded" | "discarded";
  readonly source: "drawn" | "imported";
  readonly confirmedAt: string | null;
  readonly strata: { stratum: string; populationSize: number; sampleSize: number; reserveSize: number }[];
}

export interface RouteStop {
  readonly visitId: string;
  readonly phaseCode: string;
  readonly routeOrder: number;
  readonly stationId: string;
  readonly stationCode: string;
  readonly stationName: string;
  readonly arrivedAt: string | null;
  readonly departedAt: string | null;
}

/** A stop on an observer's route, as their phone shows it. */
export interface ObserverStop extends RouteStop {
  readonly teamId: string;
  readonly teamCode: string;
  readonly address: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export interface TeamWithMembers {
  readonly id: string;
  readonly code: string;
  readonly members: { id: string; code: string; name: string; phone: string | null }[];
}

export class DeploymentRepository {
  constructor(private readonly db: Database) {}

  /** The mission's election, or undefined for an unknown mission. */
  async missionElection(missionId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ electionId: missions.electionId })
      .from(missions)
      .where(eq(missions.id, missionId));
    return row?.electionId;
  }

  /** The mission's code, election and the election's phases, for checking requests. */
  async missionContext(
    missionId: string,
  ): Promise<
    { code: string; electionId: string; design: string; phases: { code: string; kind: string }[] } | undefined
  > {
    const [row] = await this.db
      .select({
        code: missions.code,
        electionId: missions.electionId,
        design: missions.design,
        phases: elections.phases,
      })
      .from(missions)
      .innerJoin(elections, eq(elections.id, missions.electionId))
      .where(eq(missions.id, missionId));
    return row;
  }

  /** Missions with this code, optionally within one election (codes are unique per election). */
  async missionByCode(
    electionId: string | null,
    code: string,
  ): Promise<{ id: string; electionId: string }[]> {
    return this.db
      .select({ id: missions.id, electionId: missions.electionId })
      .from(missions)
      .where(
        electionId === null
          ? eq(missions.code, code)
          : and(eq(missions.code, code), eq(missions.electionId, electionId)),
      );
  }

  /** Every station of the election with its area codes by level and its attributes. */
  async frame(electionId: string): Promise<FrameRow[]> {
    const areaRows = await this.db
      .select({ id: areas.id, parentId: areas.parentId, level: areas.level, code: areas.code })
      .from(areas)
      .where(eq(areas.electionId, electionId));
    const byId = new Map(areaRows.map((a) => [a.id, a]));
    const chains = new Map<string, Record<string, string>>();
    const chainOf = (areaId: string): Record<string, string> => {
      const cached = chains.get(areaId);
      if (cached !== undefined) return cached;
      const area = byId.get(areaId);
      const chain: Record<string, string> =
        area === undefined
          ? {}
          : { ...(area.parentId === null ? {} : chainOf(area.parentId)), [area.level]: area.code };
      chains.set(areaId, chain);
      return chain;
    };
    const stations = await this.db
      .select({
        id: pollingStations.id,
        code: pollingStations.code,
        areaId: pollingStations.areaId,
        attributes: pollingStations.attributes,
      })
      .from(pollingStations)
      .where(eq(pollingStations.electionId, electionId))
      .orderBy(asc(pollingStations.code));
    return stations.map((s) => ({
      id: s.id,
      code: s.code,
      areas: chainOf(s.areaId),
      attributes: s.attributes,
    }));
  }

  /**
   * Records a drawn or imported plan as the mission's next version. A proposal waits for the
   * coordinator's confirmation (older proposals are discarded); `confirm` makes it current at once.
   * Returns the version.
   */
  async savePlan(plan: NewPlan): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [last] = await tx
        .select({ version: sql<number>`coalesce(max(${deploymentPlans.version}), 0)::int` })
        .from(deploymentPlans)
        .where(eq(deploymentPlans.missionId, plan.missionId));
      const version = (last?.version ?? 0) + 1;
      await tx
        .update(deploymentPlans)
        .set({ status: "discarded" })
        .where(and(eq(deploymentPlans.missionId, plan.missionId), eq(deploymentPlans.status, "proposed")));
      await tx.insert(deploymentPlans).values({
        id: plan.id,
        missionId: plan.missionId,
        design: plan.design,
        seed: plan.seed,
        strataBy: [...plan.strataBy],
        allocation: plan.allocation,
        sampleSize: plan.sampleSize,
        reservePerStratum: plan.reservePerStratum,
        frameSize: plan.frameSize,
        createdBy: plan.createdBy,
        version,
        status: "proposed",
        source: plan.source ?? "drawn",
      });
      await insertInChunks(
        tx as unknown as Database,
        planStrata,
        plan.strata.map((s) => ({ planId: plan.id, ...s })),
      );
      await insertInChunks(
        tx as unknown as Database,
        planStations,
        plan.stations.map((s) => ({
          planId: plan.id,
          stationId: s.stationId,
          stratum: s.stratum,
          drawOrder: s.order,
          reserve: s.reserve,
          inclusionProbability: s.inclusionProbability,
        })),
      );
      await appendToLog(tx as unknown as Database, [
        {
          kind: "plan",
          id: plan.id,
          mission: plan.missionId,
          design: plan.design,
          contentHash: planContentHash(plan.stations),
        },
      ]);
      if (plan.confirm === true)
        await confirmIn(tx as unknown as Database, plan.missionId, version, plan.createdBy);
      return version;
    });
  }

  /**
   * Makes a proposed version the mission's deployment: the current one becomes superseded (kept,
   * with its estimates), the planned stations are replaced. Undefined when there is no such proposal.
   */
  async confirmPlan(
    missionId: string,
    version: number,
    userId: string | null,
  ): Promise<StoredPlan | undefined> {
    const done = await this.db.transaction(async (tx) =>
      confirmIn(tx as unknown as Database, missionId, version, userId),
    );
    return done ? this.plan(missionId, version) : undefined;
  }

  /** Discards a proposed version (kept for the record, never used). */
  async discardPlan(missionId: string, version: number): Promise<boolean> {
    const rows = await this.db
      .update(deploymentPlans)
      .set({ status: "discarded" })
      .where(
        and(
          eq(deploymentPlans.missionId, missionId),
          eq(deploymentPlans.version, version),
          eq(deploymentPlans.status, "proposed"),
        ),
      )
      .returning({ id: deploymentPlans.id });
    return rows.length > 0;
  }

  /** Every version of the mission's plan, newest first, without strata. */
  async planVersions(missionId: string): Promise<Omit<StoredPlan, "strata">[]> {
    const rows = await this.db
      .select()
      .from(deploymentPlans)
      .where(eq(deploymentPlans.missionId, missionId))
      .orderBy(desc(deploymentPlans.version));
    // The text columns hold only the values NewPlan and the status changes write.
    return rows.map(({ createdBy: _c, confirmedBy: _b, ...rest }) => rest as Omit<StoredPlan, "strata">);
  }

  /** The mission's current (confirmed) plan with its strata, or undefined before any. */
  async currentPlan(missionId: string): Promise<StoredPlan | undefined> {
    const [plan] = await this.db
      .select({ version: deploymentPlans.version })
      .from(deploymentPlans)
      .where(and(eq(deploymentPlans.missionId, missionId), eq(deploymentPlans.status, "current")));
    return plan === undefined ? undefined : this.plan(missionId, plan.version);
  }

  /** Stations (sample and reserves) a plan holds. */
  async planStationCount(planId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(planStations)
      .where(eq(planStations.planId, planId));
    return row?.n ?? 0;
  }

  /** The proposal awaiting confirmation, if any. */
  async proposedPlan(missionId: string): Promise<StoredPlan | undefined> {
    const [plan] = await this.db
      .select({ version: deploymentPlans.version })
      .from(deploymentPlans)
      .where(and(eq(deploymentPlans.missionId, missionId), eq(deploymentPlans.status, "proposed")));
    return plan === undefined ? undefined : this.plan(missionId, plan.version);
  }

  /** One version of the mission's plan with its strata. */
  async plan(missionId: string, version: number): Promise<StoredPlan | undefined> {
    const [plan] = await this.db
      .select()
      .from(deploymentPlans)
      .where(and(eq(deploymentPlans.missionId, missionId), eq(deploymentPlans.version, version)));
    if (plan === undefined) return undefined;
    const strata = await this.db
      .select({
        stratum: planStrata.stratum,
        populationSize: planStrata.populationSize,
        sampleSize: planStrata.sampleSize,
        reserveSize: planStrata.reserveSize,
      })
      .from(planStrata)
      .where(eq(planStrata.planId, plan.id))
      .orderBy(asc(planStrata.stratum));
    const { createdBy: _createdBy, confirmedBy: _confirmedBy, ...rest } = plan;
    return { ...(rest as Omit<StoredPlan, "strata">), strata };
  }

  /** Stations of the mission's current deployment, sampled first, in draw order. */
  async plannedStations(missionId: string, options: { limit: number; offset: number }) {
    const plan = await this.currentPlan(missionId);
    const rows = await this.db
      .select({
        stationId: plannedStations.stationId,
        code: pollingStations.code,
        name: pollingStations.name,
        stratum: plannedStations.stratum,
        inclusionProbability: plannedStations.inclusionProbability,
        reserve: plannedStations.reserve,
        drawOrder: planStations.drawOrder,
      })
      .from(plannedStations)
      .innerJoin(pollingStations, eq(pollingStations.id, plannedStations.stationId))
      .leftJoin(
        planStations,
        and(
          eq(planStations.stationId, plannedStations.stationId),
          eq(planStations.planId, plan?.id ?? sql`null`),
        ),
      )
      .where(eq(plannedStations.missionId, missionId))
      .orderBy(
        asc(plannedStations.reserve),
        asc(plannedStations.stratum),
        asc(planStations.drawOrder),
        asc(pollingStations.code),
      )
      .limit(options.limit)
      .offset(options.offset);
    const [total] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(plannedStations)
      .where(eq(plannedStations.missionId, missionId));
    return { stations: rows, total: total?.n ?? 0 };
  }

  /** Station ids of an election by code; unknown codes are absent from the map. */
  async stationIdsByCode(electionId: string, codes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let start = 0; start < codes.length; start += 10_000) {
      const rows = await this.db
        .select({ id: pollingStations.id, code: pollingStations.code })
        .from(pollingStations)
        .where(
          and(
            eq(pollingStations.electionId, electionId),
            inArray(pollingStations.code, codes.slice(start, start + 10_000)),
          ),
        );
      for (const row of rows) out.set(row.code, row.id);
    }
    return out;
  }

  async teams(missionId: string): Promise<TeamWithMembers[]> {
    const rows = await this.db
      .select({
        id: teams.id,
        code: teams.code,
        observerId: observers.id,
        observerCode: observers.code,
        name: observers.name,
        phone: observers.phone,
      })
      .from(teams)
      .leftJoin(teamMembers, eq(teamMembers.teamId, teams.id))
      .leftJoin(observers, eq(observers.id, teamMembers.observerId))
      .where(eq(teams.missionId, missionId))
      .orderBy(asc(teams.code), asc(observers.code));
    const out = new Map<string, TeamWithMembers>();
    for (const row of rows) {
      const team = out.get(row.id) ?? { id: row.id, code: row.code, members: [] };
      if (row.observerId !== null && row.observerCode !== null && row.name !== null)
        team.members.push({ id: row.observerId, code: row.observerCode, name: row.name, phone: row.phone });
      out.set(row.id, team);
    }
    return [...out.values()];
  }

  async teamInMission(missionId: string, teamId: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.missionId, missionId)));
    return rows.length > 0;
  }

  async isTeamMember(teamId: string, observerId: string): Promise<boolean> {
    const rows = await this.db
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.observerId, observerId)));
    return rows.length > 0;
  }

  /** A team's stops in every phase, in route order. */
  async route(teamId: string): Promise<RouteStop[]> {
    return this.db
      .select({
        visitId: visits.id,
        phaseCode: visits.phaseCode,
        routeOrder: visits.routeOrder,
        stationId: visits.stationId,
        stationCode: pollingStations.code,
        stationName: pollingStations.name,
        arrivedAt: visits.arrivedAt,
        departedAt: visits.departedAt,
      })
      .from(visits)
      .innerJoin(pollingStations, eq(pollingStations.id, visits.stationId))
      .where(eq(visits.teamId, teamId))
      .orderBy(asc(visits.phaseCode), asc(visits.routeOrder));
  }

  /**
   * Every stop of every team the observer belongs to (all phases, route order), with the
   * station's address and position: what the observer's phone keeps for working offline.
   */
  async observerRoute(observerId: string): Promise<ObserverStop[]> {
    return this.db
      .select({
        visitId: visits.id,
        teamId: teams.id,
        teamCode: teams.code,
        phaseCode: visits.phaseCode,
        routeOrder: visits.routeOrder,
        stationId: visits.stationId,
        stationCode: pollingStations.code,
        stationName: pollingStations.name,
        address: pollingStations.address,
        latitude: pollingStations.latitude,
        longitude: pollingStations.longitude,
        arrivedAt: visits.arrivedAt,
        departedAt: visits.departedAt,
      })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .innerJoin(visits, eq(visits.teamId, teams.id))
      .innerJoin(pollingStations, eq(pollingStations.id, visits.stationId))
      .where(eq(teamMembers.observerId, observerId))
      .orderBy(asc(visits.phaseCode), asc(teams.code), asc(visits.routeOrder));
  }

  /**
   * Sets a team's route in one phase: stops already started (arrived) or reported from stay
   * where they are; the other stops are replaced by `stationIds`, in order, after them.
   */
  async setRoute(
    missionId: string,
    teamId: string,
    phaseCode: string,
    stationIds: readonly string[],
  ): Promise<RouteStop[]> {
    await this.db.transaction(async (tx) => {
      const existing = await tx
        .select({
          id: visits.id,
          stationId: visits.stationId,
          routeOrder: visits.routeOrder,
          arrivedAt: visits.arrivedAt,
        })
        .from(visits)
        .where(and(eq(visits.teamId, teamId), eq(visits.phaseCode, phaseCode)));
      const reported = new Set(
        existing.length === 0
          ? []
          : (
              await tx
                .select({ visitId: submissions.visitId })
                .from(submissions)
                .where(
                  inArray(
                    submissions.visitId,
                    existing.map((v) => v.id),
                  ),
                )
            ).map((r) => r.visitId),
      );
      const kept = existing.filter((v) => v.arrivedAt !== null || reported.has(v.id));
      const dropped = existing.filter((v) => !kept.includes(v));
      if (dropped.length > 0)
        await tx.delete(visits).where(
          inArray(
            visits.id,
            dropped.map((v) => v.id),
          ),
        );
      const keptStations = new Set(kept.map((v) => v.stationId));
      let order = kept.reduce((max, v) => Math.max(max, v.routeOrder + 1), 0);
      const fresh = [...new Set(stationIds)].filter((id) => !keptStations.has(id));
      if (fresh.length > 0)
        await tx.insert(visits).values(
          fresh.map((stationId) => ({
            id: randomUUID(),
            missionId,
            teamId,
            stationId,
            phaseCode,
            routeOrder: order++,
            arrivedAt: null,
            departedAt: null,
          })),
        );
    });
    return (await this.route(teamId)).filter((stop) => stop.phaseCode === phaseCode);
  }

  async visit(visitId: string) {
    const [row] = await this.db.select().from(visits).where(eq(visits.id, visitId));
    return row;
  }

  async recordVisitTime(visitId: string, field: "arrivedAt" | "departedAt", at: string): Promise<void> {
    await this.db
      .update(visits)
      .set(field === "arrivedAt" ? { arrivedAt: at } : { departedAt: at })
      .where(eq(visits.id, visitId));
  }

  /**
   * A team leaves its current station for another partway through its route: the open visit
   * (arrived, not departed) is closed at `at`; the team arrives at the new station at `at`, in
   * the planned visit to it when there is one, else in a new visit right after the current one.
   */
  async relocate(input: {
    missionId: string;
    teamId: string;
    phaseCode: string;
    stationId: string;
    at: string;
  }): Promise<{ closedVisitId: string | null; visitId: string }> {
    return this.db.transaction(async (tx) => {
      const [open] = await tx
        .select({ id: visits.id, routeOrder: visits.routeOrder })
        .from(visits)
        .where(
          and(
            eq(visits.teamId, input.teamId),
            eq(visits.phaseCode, input.phaseCode),
            isNotNull(visits.arrivedAt),
            isNull(visits.departedAt),
          ),
        )
        .orderBy(desc(visits.arrivedAt))
        .limit(1);
      if (open !== undefined)
        await tx.update(visits).set({ departedAt: input.at }).where(eq(visits.id, open.id));
      const [planned] = await tx
        .select({ id: visits.id })
        .from(visits)
        .where(
          and(
            eq(visits.teamId, input.teamId),
            eq(visits.phaseCode, input.phaseCode),
            eq(visits.stationId, input.stationId),
            isNull(visits.arrivedAt),
          ),
        )
        .orderBy(asc(visits.routeOrder))
        .limit(1);
      if (planned !== undefined) {
        await tx.update(visits).set({ arrivedAt: input.at }).where(eq(visits.id, planned.id));
        return { closedVisitId: open?.id ?? null, visitId: planned.id };
      }
      const after = open?.routeOrder ?? -1;
      await tx
        .update(visits)
        .set({ routeOrder: sql`${visits.routeOrder} + 1` })
        .where(
          and(
            eq(visits.teamId, input.teamId),
            eq(visits.phaseCode, input.phaseCode),
            gt(visits.routeOrder, after),
          ),
        );
      const id = randomUUID();
      await tx.insert(visits).values({
        id,
        missionId: input.missionId,
        teamId: input.teamId,
        stationId: input.stationId,
        phaseCode: input.phaseCode,
        routeOrder: after + 1,
        arrivedAt: input.at,
        departedAt: null,
      });
      return { closedVisitId: open?.id ?? null, visitId: id };
    });
  }
}

/** Confirms a proposed version inside a transaction; false when it is not a proposal. */
async function confirmIn(
  tx: Database,
  missionId: string,
  version: number,
  userId: string | null,
): Promise<boolean> {
  const [plan] = await tx
    .select({ id: deploymentPlans.id, design: deploymentPlans.design })
    .from(deploymentPlans)
    .where(
      and(
        eq(deploymentPlans.missionId, missionId),
        eq(deploymentPlans.version, version),
        eq(deploymentPlans.status, "proposed"),
      ),
    )
    .for("update");
  if (plan === undefined) return false;
  await tx
    .update(deploymentPlans)
    .set({ status: "superseded" })
    .where(and(eq(deploymentPlans.missionId, missionId), eq(deploymentPlans.status, "current")));
  await tx
    .update(deploymentPlans)
    .set({ status: "current", confirmedAt: new Date().toISOString(), confirmedBy: userId })
    .where(eq(deploymentPlans.id, plan.id));
  await tx.delete(plannedStations).where(eq(plannedStations.missionId, missionId));
  await tx.execute(sql`
    insert into ${plannedStations} (mission_id, station_id, stratum, inclusion_probability, reserve)
    select ${missionId}, station_id, stratum, inclusion_probability, reserve
    from ${planStations} where plan_id = ${plan.id}`);
  await tx.update(missions).set({ design: plan.design }).where(eq(missions.id, missionId));
  return true;
}
