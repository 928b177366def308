// One polling station seen whole: where it is (its areas up to the top), which teams of the
// given missions were sent there and when, their reports there across phases, and the official
// protocols the commission published for it.
import type { LocalizedText } from "@scrutiny/domain";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../database.ts";
import {
  areas,
  candidates,
  contests,
  forms,
  missions,
  officialResults,
  pollingStations,
  submissions,
  teams,
  visits,
} from "../schema/index.ts";

export interface StationFacts {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly address: string | null;
  readonly registeredVoters: number;
  readonly kind: string;
  readonly latitude: number | null;
  readonly longitude: number | null;
  /** From the top of the hierarchy down to the station's own area. */
  readonly areas: readonly { level: string; code: string; name: LocalizedText }[];
}

export interface StationVisit {
  readonly missionId: string;
  readonly phaseCode: string;
  readonly teamCode: string;
  readonly routeOrder: number;
  readonly arrivedAt: string | null;
  readonly departedAt: string | null;
}

export interface StationReport {
  readonly id: string;
  readonly missionId: string;
  readonly formId: string;
  readonly formKind: string;
  readonly formVersion: number;
  readonly phaseCode: string;
  readonly submittedAt: string;
  readonly status: string;
  readonly flags: number;
  readonly answers: Record<string, unknown>;
}

export interface StationProtocol {
  readonly contestId: string;
  readonly contestCode: string;
  readonly contestName: LocalizedText;
  readonly registeredVoters: number;
  readonly ballotsIssued: number;
  readonly valid: number;
  readonly invalid: number;
  readonly votes: readonly { code: string; name: string; party: string | null; votes: number }[];
}

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

export class StationPageRepository {
  constructor(private readonly db: Database) {}

  async station(electionId: string, stationId: string): Promise<StationFacts | undefined> {
    const [row] = await this.db
      .select()
      .from(pollingStations)
      .where(and(eq(pollingStations.electionId, electionId), eq(pollingStations.id, stationId)));
    if (row === undefined) return undefined;
    const path: { level: string; code: string; name: LocalizedText }[] = [];
    // Hierarchies are a handful of levels deep: one small query per level.
    let areaId: string | null = row.areaId;
    for (let depth = 0; areaId !== null && depth < 32; depth++) {
      const [area] = await this.db.select().from(areas).where(eq(areas.id, areaId));
      if (area === undefined) break;
      path.unshift({ level: area.level, code: area.code, name: area.name });
      areaId = area.parentId;
    }
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      address: row.address,
      registeredVoters: row.registeredVoters,
      kind: row.kind,
      latitude: row.latitude,
      longitude: row.longitude,
      areas: path,
    };
  }

  async visits(missionIds: readonly string[], stationId: string): Promise<StationVisit[]> {
    if (missionIds.length === 0) return [];
    const rows = await this.db
      .select({
        missionId: visits.missionId,
        phaseCode: visits.phaseCode,
        teamCode: teams.code,
        routeOrder: visits.routeOrder,
        arrivedAt: visits.arrivedAt,
        departedAt: visits.departedAt,
      })
      .from(visits)
      .innerJoin(teams, eq(teams.id, visits.teamId))
      .where(and(inArray(visits.missionId, [...missionIds]), eq(visits.stationId, stationId)))
      .orderBy(asc(visits.phaseCode), asc(teams.code));
    return rows.map((row) => ({ ...row, arrivedAt: iso(row.arrivedAt), departedAt: iso(row.departedAt) }));
  }

  async reports(missionIds: readonly string[], stationId: string): Promise<StationReport[]> {
    if (missionIds.length === 0) return [];
    const rows = await this.db
      .select({
        id: submissions.id,
        missionId: submissions.missionId,
        formId: submissions.formId,
        formKind: forms.kind,
        formVersion: submissions.formVersion,
        phaseCode: submissions.phaseCode,
        submittedAt: submissions.submittedAt,
        status: submissions.status,
        flags: submissions.flags,
        answers: submissions.answers,
      })
      .from(submissions)
      .innerJoin(forms, eq(forms.id, submissions.formId))
      .where(and(inArray(submissions.missionId, [...missionIds]), eq(submissions.stationId, stationId)))
      .orderBy(asc(submissions.submittedAt), asc(submissions.id));
    return rows.map((row) => ({
      ...row,
      submittedAt: new Date(row.submittedAt).toISOString(),
      flags: row.flags.length,
    }));
  }

  async protocols(stationId: string): Promise<StationProtocol[]> {
    const rows = await this.db
      .select({
        contestId: contests.id,
        contestCode: contests.code,
        contestName: contests.name,
        registeredVoters: officialResults.registeredVoters,
        ballotsIssued: officialResults.ballotsIssued,
        valid: officialResults.valid,
        invalid: officialResults.invalid,
        votes: officialResults.votes,
      })
      .from(officialResults)
      .innerJoin(contests, eq(contests.id, officialResults.contestId))
      .where(eq(officialResults.stationId, stationId))
      .orderBy(asc(contests.code));
    if (rows.length === 0) return [];
    const people = await this.db
      .select()
      .from(candidates)
      .where(
        inArray(
          candidates.contestId,
          rows.map((row) => row.contestId),
        ),
      )
      .orderBy(asc(candidates.code));
    return rows.map(({ votes, ...row }) => ({
      ...row,
      votes: people
        .filter((person) => person.contestId === row.contestId)
        .map((person) => ({
          code: person.code,
          name: person.name,
          party: person.party,
          votes: votes[person.code] ?? 0,
        })),
    }));
  }

  /** The missions of the election, in code order. */
  async missions(electionId: string): Promise<{ id: string; code: string; name: LocalizedText }[]> {
    return this.db
      .select({ id: missions.id, code: missions.code, name: missions.name })
      .from(missions)
      .where(eq(missions.electionId, electionId))
      .orderBy(asc(missions.code));
  }
}
