import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Database } from "../database.ts";
import { missions, observers, pollingStations, users } from "../schema/index.ts";
import { stationMatches, stationSearchOrder } from "./station-search.ts";

/** A polling station as lists of reports name it. */
export interface DirectoryStation {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly areaId: string;
}

export interface DirectoryObserver {
  readonly id: string;
  readonly code: string;
  readonly name: string;
}

/** A person who amended or reviewed a report: a display name, nothing else. */
export interface DirectoryUser {
  readonly id: string;
  readonly displayName: string;
}

export interface DirectoryQuery {
  readonly missionId: string;
  readonly stationIds?: readonly string[];
  readonly observerIds?: readonly string[];
  readonly userIds?: readonly string[];
  /** Stations whose code or name contains this (case-insensitive), at most `limit` of them. */
  readonly stationCode?: string | undefined;
  readonly limit?: number;
}

export interface Directory {
  readonly stations: DirectoryStation[];
  readonly observers: DirectoryObserver[];
  readonly users: DirectoryUser[];
}

/**
 * Names behind the ids of a mission's reports, looked up by id (or station code prefix) so that
 * a page of 50 reports costs three indexed queries however large the election is.
 */
export class DirectoryRepository {
  constructor(private readonly db: Database) {}

  async lookup(query: DirectoryQuery): Promise<Directory | undefined> {
    const [mission] = await this.db
      .select({ electionId: missions.electionId })
      .from(missions)
      .where(eq(missions.id, query.missionId));
    if (mission === undefined) return undefined;
    const limit = query.limit ?? 20;
    const stationIds = query.stationIds ?? [];
    const observerIds = query.observerIds ?? [];
    const userIds = query.userIds ?? [];
    const stationColumns = {
      id: pollingStations.id,
      code: pollingStations.code,
      name: pollingStations.name,
      areaId: pollingStations.areaId,
    };
    const byId =
      stationIds.length === 0
        ? Promise.resolve([])
        : this.db
            .select(stationColumns)
            .from(pollingStations)
            .where(
              and(
                eq(pollingStations.electionId, mission.electionId),
                inArray(pollingStations.id, [...stationIds]),
              ),
            );
    const code = query.stationCode?.trim() ?? "";
    const byCode =
      code === ""
        ? Promise.resolve([])
        : this.db
            .select(stationColumns)
            .from(pollingStations)
            .where(
              and(
                eq(pollingStations.electionId, mission.electionId),
                stationMatches(pollingStations.code, pollingStations.name, code),
              ),
            )
            .orderBy(...stationSearchOrder(pollingStations.code, code), asc(pollingStations.code))
            .limit(limit);
    const observerRows =
      observerIds.length === 0
        ? Promise.resolve([])
        : this.db
            .select({ id: observers.id, code: observers.code, name: observers.name })
            .from(observers)
            .where(and(eq(observers.missionId, query.missionId), inArray(observers.id, [...observerIds])));
    // Only the mission's own people (and administrators): no names from other missions.
    const userRows =
      userIds.length === 0
        ? Promise.resolve([])
        : this.db
            .select({ id: users.id, displayName: users.displayName })
            .from(users)
            .where(
              and(
                inArray(users.id, [...userIds]),
                or(
                  eq(users.missionId, query.missionId),
                  and(isNull(users.missionId), eq(users.role, "admin")),
                ),
              ),
            );
    const [idStations, codeStations, observerList, userList] = await Promise.all([
      byId,
      byCode,
      observerRows,
      userRows,
    ]);
    const stations = new Map<string, DirectoryStation>();
    for (const station of [...codeStations, ...idStations]) stations.set(station.id, station);
    return { stations: [...stations.values()], observers: observerList, users: userList };
  }
}
