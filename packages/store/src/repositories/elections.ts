import type { Area, Candidate, Contest, Election, OfficialResult, PollingStation } from "@scrutiny/domain";
import { asc, count, eq, sql, sum } from "drizzle-orm";
import type { Database } from "../database.ts";
import { areas, candidates, contests, elections, officialResults, pollingStations } from "../schema/index.ts";
import { insertInChunks } from "./bulk.ts";

/** Everything that defines an election before any mission arrives. */
export interface ElectionBundle {
  readonly election: Election;
  readonly areas: readonly Area[];
  readonly stations: readonly PollingStation[];
  readonly contests: readonly Contest[];
  readonly candidates: readonly Candidate[];
  readonly officialResults: readonly OfficialResult[];
}

export interface ElectionSummary {
  readonly id: string;
  readonly code: string;
  readonly name: Record<string, string>;
  readonly country: string;
  readonly electionDate: string;
  readonly phases: Election["phases"];
  readonly timeZone: string;
  readonly languages: string[];
  readonly stations: number;
  readonly registeredVoters: number;
  readonly areasByLevel: Record<string, number>;
}

export class ElectionRepository {
  constructor(private readonly db: Database) {}

  /** Inserts a whole election in one transaction: all of it or none of it. */
  async insertBundle(bundle: ElectionBundle): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.insert(elections).values({
        id: bundle.election.id,
        code: bundle.election.code,
        name: bundle.election.name,
        country: bundle.election.country,
        electionDate: bundle.election.electionDate,
        phases: bundle.election.phases,
        timeZone: bundle.election.timeZone,
        languages: bundle.election.languages,
      });
      // Parents before children: areas are inserted level by level.
      const inserted = new Set<string>();
      let pending = [...bundle.areas];
      while (pending.length > 0) {
        const ready = pending.filter((area) => area.parentId === null || inserted.has(area.parentId));
        if (ready.length === 0) throw new Error("area hierarchy has a cycle or a missing parent");
        await insertInChunks(tx, areas, ready);
        for (const area of ready) inserted.add(area.id);
        pending = pending.filter((area) => !inserted.has(area.id));
      }
      await insertInChunks(tx, pollingStations, bundle.stations);
      await insertInChunks(tx, contests, bundle.contests);
      await insertInChunks(tx, candidates, bundle.candidates);
      await insertInChunks(tx, officialResults, bundle.officialResults);
    });
  }

  async list(): Promise<
    { id: string; code: string; name: Record<string, string>; electionDate: string; timeZone: string }[]
  > {
    return this.db
      .select({
        id: elections.id,
        code: elections.code,
        name: elections.name,
        electionDate: elections.electionDate,
        timeZone: elections.timeZone,
      })
      .from(elections)
      .orderBy(asc(elections.electionDate));
  }

  async findByCode(code: string): Promise<{ id: string } | undefined> {
    const rows = await this.db.select({ id: elections.id }).from(elections).where(eq(elections.code, code));
    return rows[0];
  }

  async summary(electionId: string): Promise<ElectionSummary | undefined> {
    const [election] = await this.db.select().from(elections).where(eq(elections.id, electionId));
    if (election === undefined) return undefined;
    const [stationTotals] = await this.db
      .select({ stations: count(), registered: sum(pollingStations.registeredVoters).mapWith(Number) })
      .from(pollingStations)
      .where(eq(pollingStations.electionId, electionId));
    const levels = await this.db
      .select({ level: areas.level, areas: count() })
      .from(areas)
      .where(eq(areas.electionId, electionId))
      .groupBy(areas.level);
    return {
      id: election.id,
      code: election.code,
      name: election.name,
      country: election.country,
      electionDate: election.electionDate,
      phases: election.phases as Election["phases"],
      timeZone: election.timeZone,
      languages: election.languages,
      stations: stationTotals?.stations ?? 0,
      registeredVoters: stationTotals?.registered ?? 0,
      areasByLevel: Object.fromEntries(levels.map((row) => [row.level, row.areas])),
    };
  }

  /** The codes of an election's phases (empty for an unknown election). */
  async phaseCodes(electionId: string): Promise<string[]> {
    const [row] = await this.db
      .select({ phases: elections.phases })
      .from(elections)
      .where(eq(elections.id, electionId));
    return (row?.phases ?? []).map((phase) => phase.code);
  }

  /** The election a station belongs to, or undefined for an unknown station. */
  async stationElection(stationId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ electionId: pollingStations.electionId })
      .from(pollingStations)
      .where(eq(pollingStations.id, stationId));
    return row?.electionId;
  }

  /** The station's position, when its file gave one (for the check of an observer's geopoint). */
  async stationLocation(stationId: string): Promise<{ lat: number; lon: number } | undefined> {
    const [row] = await this.db
      .select({ lat: pollingStations.latitude, lon: pollingStations.longitude })
      .from(pollingStations)
      .where(eq(pollingStations.id, stationId));
    if (row === undefined || row.lat === null || row.lon === null) return undefined;
    return { lat: row.lat, lon: row.lon };
  }

  async stationExists(electionId: string, stationId: string): Promise<boolean> {
    const rows = await this.db
      .select({ one: sql<number>`1` })
      .from(pollingStations)
      .where(sql`${pollingStations.id} = ${stationId} and ${pollingStations.electionId} = ${electionId}`);
    return rows.length > 0;
  }
}
