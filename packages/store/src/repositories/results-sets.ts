import type { ControlRelation } from "@scrutiny/domain";
import { and, asc, count, countDistinct, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import {
  areas,
  candidates,
  contests,
  officialResults,
  pollingStations,
  resultsSets,
} from "../schema/index.ts";
import { appendToLog } from "./transparency-log.ts";

export interface NewResultsSet {
  readonly id: string;
  readonly electionId: string;
  readonly contestId: string | null;
  readonly name: string;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly preset: string | null;
  readonly mapping: unknown;
  readonly stationCount: number;
  readonly leader: string;
  readonly areaLevels: readonly { name: string; areas: number }[];
  readonly arithmeticFlags: number;
  readonly dataFormat: number;
  readonly data: Uint8Array;
  readonly report: unknown;
  readonly createdBy: string | null;
  /** The uploader's mission (null for an administrator): the set's owner. */
  readonly missionId: string | null;
}

export interface ResultsSetSummary {
  readonly id: string;
  readonly electionId: string;
  readonly contestId: string | null;
  readonly contestCode: string | null;
  readonly name: string;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly preset: string | null;
  readonly stationCount: number;
  readonly leader: string;
  readonly areaLevels: readonly { name: string; areas: number }[];
  readonly arithmeticFlags: number;
  /** The mission that uploaded it and may delete it (null: an administrator's upload). */
  readonly missionId: string | null;
  readonly createdAt: string;
}

/** An election's stored official results, as the rows forensics needs (one per contest x station). */
export interface OfficialResultsInput {
  readonly areas: readonly {
    id: string;
    parentId: string | null;
    level: string;
    code: string;
    name: Record<string, string>;
  }[];
  readonly candidates: readonly { contestId: string; code: string; name: string; party: string | null }[];
  readonly rows: readonly {
    contestId: string;
    contestCode: string;
    stationCode: string;
    areaId: string;
    registered: number;
    issued: number;
    valid: number;
    invalid: number;
    votes: Record<string, number>;
  }[];
}

const summaryColumns = {
  id: resultsSets.id,
  electionId: resultsSets.electionId,
  contestId: resultsSets.contestId,
  contestCode: contests.code,
  name: resultsSets.name,
  fileName: resultsSets.fileName,
  fileSha256: resultsSets.fileSha256,
  preset: resultsSets.preset,
  stationCount: resultsSets.stationCount,
  leader: resultsSets.leader,
  areaLevels: resultsSets.areaLevels,
  arithmeticFlags: resultsSets.arithmeticFlags,
  missionId: resultsSets.missionId,
  createdAt: resultsSets.createdAt,
};

type SummaryRow = Omit<ResultsSetSummary, "createdAt"> & { createdAt: Date };
const toSummary = (row: SummaryRow): ResultsSetSummary => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

/** Imported official results (columnar, compressed) and their cached forensic reports. */
export class ResultsSetRepository {
  constructor(private readonly db: Database) {}

  async insert(set: NewResultsSet): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [stored] = await tx
        .insert(resultsSets)
        .values({
          ...set,
          areaLevels: [...set.areaLevels],
          // node-postgres sends a Buffer as bytea; PGlite takes any Uint8Array.
          data: Buffer.from(set.data.buffer, set.data.byteOffset, set.data.byteLength),
        })
        .returning({ dataSha256: sql<string>`encode(sha256(${resultsSets.data}), 'hex')` });
      if (stored === undefined) throw new Error("results set not stored");
      await appendToLog(tx as unknown as Database, [
        {
          kind: "results_set",
          id: set.id,
          election: set.electionId,
          fileSha256: set.fileSha256,
          dataSha256: stored.dataSha256,
        },
      ]);
    });
  }

  async list(electionId: string): Promise<ResultsSetSummary[]> {
    const rows = await this.db
      .select(summaryColumns)
      .from(resultsSets)
      .leftJoin(contests, eq(contests.id, resultsSets.contestId))
      .where(eq(resultsSets.electionId, electionId))
      .orderBy(desc(resultsSets.createdAt), asc(resultsSets.id));
    return rows.map(toSummary);
  }

  async get(electionId: string, id: string): Promise<ResultsSetSummary | undefined> {
    const [row] = await this.db
      .select(summaryColumns)
      .from(resultsSets)
      .leftJoin(contests, eq(contests.id, resultsSets.contestId))
      .where(and(eq(resultsSets.electionId, electionId), eq(resultsSets.id, id)));
    return row ? toSummary(row) : undefined;
  }

  async report(electionId: string, id: string): Promise<unknown> {
    const [row] = await this.db
      .select({ report: resultsSets.report })
      .from(resultsSets)
      .where(and(eq(resultsSets.electionId, electionId), eq(resultsSets.id, id)));
    return row?.report;
  }

  /**
   * Replaces a set's stored report (the fingerprint's replicates, computed after the upload);
   * false when the set no longer exists.
   */
  async updateReport(electionId: string, id: string, report: unknown): Promise<boolean> {
    const rows = await this.db
      .update(resultsSets)
      .set({ report })
      .where(and(eq(resultsSets.electionId, electionId), eq(resultsSets.id, id)))
      .returning({ id: resultsSets.id });
    return rows.length > 0;
  }

  /** The resolved column mapping stored with a set (its control relations are re-checked on reanalysis). */
  async mapping(electionId: string, id: string): Promise<{ controls: ControlRelation[] } | undefined> {
    const [row] = await this.db
      .select({ mapping: resultsSets.mapping })
      .from(resultsSets)
      .where(and(eq(resultsSets.electionId, electionId), eq(resultsSets.id, id)));
    if (!row) return undefined;
    const mapping = row.mapping as { controls?: ControlRelation[] };
    return { controls: mapping.controls ?? [] };
  }

  async data(electionId: string, id: string): Promise<{ format: number; data: Uint8Array } | undefined> {
    const [row] = await this.db
      .select({ format: resultsSets.dataFormat, data: resultsSets.data })
      .from(resultsSets)
      .where(and(eq(resultsSets.electionId, electionId), eq(resultsSets.id, id)));
    return row ? { format: row.format, data: new Uint8Array(row.data) } : undefined;
  }

  async delete(electionId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(resultsSets)
      .where(and(eq(resultsSets.electionId, electionId), eq(resultsSets.id, id)))
      .returning({ id: resultsSets.id });
    return rows.length > 0;
  }

  async contestId(electionId: string, code: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: contests.id })
      .from(contests)
      .where(and(eq(contests.electionId, electionId), eq(contests.code, code)));
    return row?.id;
  }

  /** How many official protocols (contest x station) and contests the election has stored. */
  async officialCounts(electionId: string): Promise<{ rows: number; contests: number }> {
    const [row] = await this.db
      .select({ rows: count(), contests: countDistinct(officialResults.contestId) })
      .from(officialResults)
      .innerJoin(contests, eq(contests.id, officialResults.contestId))
      .where(eq(contests.electionId, electionId));
    return { rows: row?.rows ?? 0, contests: row?.contests ?? 0 };
  }

  /** The election's stored official results; optionally of one contest (by code). */
  async officialResults(electionId: string, contestCode?: string): Promise<OfficialResultsInput> {
    const areaRows = await this.db
      .select({
        id: areas.id,
        parentId: areas.parentId,
        level: areas.level,
        code: areas.code,
        name: areas.name,
      })
      .from(areas)
      .where(eq(areas.electionId, electionId));
    const contestFilter =
      contestCode === undefined
        ? eq(contests.electionId, electionId)
        : and(eq(contests.electionId, electionId), eq(contests.code, contestCode));
    const candidateRows = await this.db
      .select({
        contestId: candidates.contestId,
        code: candidates.code,
        name: candidates.name,
        party: candidates.party,
      })
      .from(candidates)
      .innerJoin(contests, eq(contests.id, candidates.contestId))
      .where(contestFilter);
    const rows = await this.db
      .select({
        contestId: officialResults.contestId,
        contestCode: contests.code,
        stationCode: pollingStations.code,
        areaId: pollingStations.areaId,
        registered: officialResults.registeredVoters,
        issued: officialResults.ballotsIssued,
        valid: officialResults.valid,
        invalid: officialResults.invalid,
        votes: officialResults.votes,
      })
      .from(officialResults)
      .innerJoin(contests, eq(contests.id, officialResults.contestId))
      .innerJoin(pollingStations, eq(pollingStations.id, officialResults.stationId))
      .where(contestFilter)
      .orderBy(asc(contests.code), asc(pollingStations.code));
    return { areas: areaRows, candidates: candidateRows, rows };
  }
}
