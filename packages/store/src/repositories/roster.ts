// A mission's observers, teams, long-term observers' areas and phone-app sign-ins.
import { randomUUID } from "node:crypto";
import type { ObserverRole, ParsedRoster } from "@scrutiny/domain";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../database.ts";
import {
  apiTokens,
  areas,
  observerAccess,
  observerAreas,
  observers,
  sessions,
  teamMembers,
  teams,
  users,
} from "../schema/index.ts";
import { insertInChunks } from "./bulk.ts";
import { appendToLog, permissionLogEntry } from "./transparency-log.ts";

export interface RosterSummary {
  readonly observers: { readonly added: number; readonly changed: number; readonly unchanged: number };
  readonly teams: { readonly added: number; readonly changed: number };
  readonly areaAssignments: number;
}

export type RosterOutcome =
  | { readonly ok: true; readonly value: RosterSummary }
  | { readonly ok: false; readonly error: { code: "unknown_area"; line: number; areaCode: string }[] };

export interface ObserverListItem {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly phone: string | null;
  readonly languages: string[];
  readonly accreditation: string | null;
  readonly role: ObserverRole;
  readonly teamCodes: string[];
  readonly areaCodes: string[];
  /** none | active | revoked */
  readonly access: "none" | "active" | "revoked";
  readonly username: string | null;
  readonly accessIssuedAt: string | null;
}

export class RosterRepository {
  constructor(private readonly db: Database) {}

  /** Adds and updates observers and teams by code; observers absent from the file stay. */
  async importRoster(missionId: string, electionId: string, roster: ParsedRoster): Promise<RosterOutcome> {
    return this.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      const areaCodes = [...new Set(roster.observers.flatMap((o) => o.areaCodes))];
      const areaIds = new Map<string, string>();
      if (areaCodes.length > 0) {
        const rows = await db
          .select({ id: areas.id, code: areas.code })
          .from(areas)
          .where(and(eq(areas.electionId, electionId), inArray(areas.code, areaCodes)));
        for (const row of rows) areaIds.set(row.code, row.id);
      }
      const unknown = roster.observers.flatMap((o) =>
        o.areaCodes
          .filter((c) => !areaIds.has(c))
          .map((areaCode) => ({ code: "unknown_area" as const, line: o.line, areaCode })),
      );
      if (unknown.length > 0) return { ok: false, error: unknown } as const;

      const existing = await db.select().from(observers).where(eq(observers.missionId, missionId));
      const byCode = new Map(existing.map((o) => [o.code, o]));
      const ids = new Map(existing.map((o) => [o.code, o.id]));
      let added = 0;
      let changed = 0;
      let unchanged = 0;
      const inserts: (typeof observers.$inferInsert)[] = [];
      for (const o of roster.observers) {
        const row = {
          name: o.name,
          phone: o.phone,
          languages: [...o.languages],
          accreditation: o.accreditation,
          role: o.role,
        };
        const known = byCode.get(o.code);
        if (known === undefined) {
          const id = randomUUID();
          ids.set(o.code, id);
          inserts.push({ id, missionId, code: o.code, ...row });
          added++;
        } else if (
          known.name !== row.name ||
          known.phone !== row.phone ||
          known.accreditation !== row.accreditation ||
          known.role !== row.role ||
          JSON.stringify(known.languages) !== JSON.stringify(row.languages)
        ) {
          await db.update(observers).set(row).where(eq(observers.id, known.id));
          changed++;
        } else unchanged++;
      }
      await insertInChunks(db, observers, inserts);

      const existingTeams = await db.select().from(teams).where(eq(teams.missionId, missionId));
      const teamIds = new Map(existingTeams.map((t) => [t.code, t.id]));
      let teamsAdded = 0;
      let teamsChanged = 0;
      for (const team of roster.teams) {
        const members = team.observerCodes.map((code) => ids.get(code) ?? "");
        let teamId = teamIds.get(team.code);
        if (teamId === undefined) {
          teamId = randomUUID();
          await db.insert(teams).values({ id: teamId, missionId, code: team.code });
          teamsAdded++;
        } else {
          const current = await db
            .select({ observerId: teamMembers.observerId })
            .from(teamMembers)
            .where(eq(teamMembers.teamId, teamId));
          const same =
            current.length === members.length && current.every((m) => members.includes(m.observerId));
          if (same) continue;
          await db.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
          teamsChanged++;
        }
        await db
          .insert(teamMembers)
          .values(members.map((observerId) => ({ teamId: teamId ?? "", observerId })));
      }

      let assignments = 0;
      for (const o of roster.observers) {
        const observerId = ids.get(o.code);
        if (observerId === undefined || o.areaCodes.length === 0) continue;
        await db.delete(observerAreas).where(eq(observerAreas.observerId, observerId));
        await db
          .insert(observerAreas)
          .values(o.areaCodes.map((code) => ({ observerId, areaId: areaIds.get(code) ?? "" })));
        assignments += o.areaCodes.length;
      }
      return {
        ok: true,
        value: {
          observers: { added, changed, unchanged },
          teams: { added: teamsAdded, changed: teamsChanged },
          areaAssignments: assignments,
        },
      } as const;
    });
  }

  async list(missionId: string): Promise<ObserverListItem[]> {
    const rows = await this.db
      .select({
        id: observers.id,
        code: observers.code,
        name: observers.name,
        phone: observers.phone,
        languages: observers.languages,
        accreditation: observers.accreditation,
        role: observers.role,
        username: users.username,
        hasPassword: users.passwordHash,
        issuedAt: observerAccess.issuedAt,
        revokedAt: observerAccess.revokedAt,
      })
      .from(observers)
      .leftJoin(observerAccess, eq(observerAccess.observerId, observers.id))
      .leftJoin(users, eq(users.id, observerAccess.userId))
      .where(eq(observers.missionId, missionId))
      .orderBy(asc(observers.code));
    const ids = rows.map((r) => r.id);
    const teamRows =
      ids.length === 0
        ? []
        : await this.db
            .select({ observerId: teamMembers.observerId, code: teams.code })
            .from(teamMembers)
            .innerJoin(teams, eq(teams.id, teamMembers.teamId))
            .where(eq(teams.missionId, missionId))
            .orderBy(asc(teams.code));
    const areaRows =
      ids.length === 0
        ? []
        : await this.db
            .select({ observerId: observerAreas.observerId, code: areas.code })
            .from(observerAreas)
            .innerJoin(areas, eq(areas.id, observerAreas.areaId))
            .innerJoin(observers, eq(observers.id, observerAreas.observerId))
            .where(eq(observers.missionId, missionId))
            .orderBy(asc(areas.code));
    const group = (list: { observerId: string; code: string }[]) => {
      const map = new Map<string, string[]>();
      for (const item of list) map.set(item.observerId, [...(map.get(item.observerId) ?? []), item.code]);
      return map;
    };
    const teamsOf = group(teamRows);
    const areasOf = group(areaRows);
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      phone: r.phone,
      languages: r.languages,
      accreditation: r.accreditation,
      role: r.role as ObserverRole,
      teamCodes: teamsOf.get(r.id) ?? [],
      areaCodes: areasOf.get(r.id) ?? [],
      access:
        r.issuedAt === null ? "none" : r.revokedAt !== null || r.hasPassword === null ? "revoked" : "active",
      username: r.username,
      accessIssuedAt: r.issuedAt,
    }));
  }

  async observerInMission(missionId: string, observerId: string) {
    const [row] = await this.db
      .select()
      .from(observers)
      .where(and(eq(observers.id, observerId), eq(observers.missionId, missionId)));
    return row;
  }

  /** Changes an observer's contact details (a new phone, languages, accreditation number). */
  async updateObserver(
    observerId: string,
    patch: { phone?: string | null; languages?: string[]; accreditation?: string | null; name?: string },
  ): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db.update(observers).set(patch).where(eq(observers.id, observerId));
  }

  /** A team of two or more observers of the mission, created or with its members replaced. */
  async upsertTeam(missionId: string, code: string, observerIds: readonly string[]): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.missionId, missionId), eq(teams.code, code)));
      const teamId = existing?.id ?? randomUUID();
      if (existing === undefined) await tx.insert(teams).values({ id: teamId, missionId, code });
      else await tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
      await tx.insert(teamMembers).values(observerIds.map((observerId) => ({ teamId, observerId })));
      return teamId;
    });
  }

  async setObserverAreas(
    electionId: string,
    observerId: string,
    areaCodes: readonly string[],
  ): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const rows =
        areaCodes.length === 0
          ? []
          : await tx
              .select({ id: areas.id, code: areas.code })
              .from(areas)
              .where(and(eq(areas.electionId, electionId), inArray(areas.code, [...areaCodes])));
      const found = new Set(rows.map((r) => r.code));
      const missing = areaCodes.filter((c) => !found.has(c));
      if (missing.length > 0) return missing;
      await tx.delete(observerAreas).where(eq(observerAreas.observerId, observerId));
      if (rows.length > 0)
        await tx.insert(observerAreas).values(rows.map((r) => ({ observerId, areaId: r.id })));
      return [];
    });
  }

  /**
   * Issues (or reissues) an observer's sign-in: the users row's password becomes the new access
   * code's scrypt hash, earlier sessions and tokens end. Returns the username and the session
   * hashes that ended (for the server's credential cache).
   */
  async issueAccess(input: {
    observerId: string;
    missionId: string;
    username: string;
    displayName: string;
    passwordHash: string;
    issuedBy: string | null;
  }): Promise<{ username: string; endedSessions: string[] }> {
    return this.db.transaction(async (tx) => {
      const [access] = await tx
        .select()
        .from(observerAccess)
        .where(eq(observerAccess.observerId, input.observerId));
      const now = new Date().toISOString();
      if (access === undefined) {
        const userId = randomUUID();
        await tx.insert(users).values({
          id: userId,
          username: input.username,
          displayName: input.displayName,
          role: "observer",
          missionId: input.missionId,
          observerId: input.observerId,
          passwordHash: input.passwordHash,
        });
        await tx
          .insert(observerAccess)
          .values({ observerId: input.observerId, userId, issuedAt: now, issuedBy: input.issuedBy });
        await appendToLog(tx as unknown as Database, [
          permissionLogEntry({ id: userId, role: "observer", missionId: input.missionId }, "granted"),
        ]);
        return { username: input.username, endedSessions: [] };
      }
      const [user] = await tx
        .select({ username: users.username })
        .from(users)
        .where(eq(users.id, access.userId));
      await tx.update(users).set({ passwordHash: input.passwordHash }).where(eq(users.id, access.userId));
      const ended = await this.endSessions(tx as unknown as Database, access.userId);
      await tx
        .update(observerAccess)
        .set({ issuedAt: now, issuedBy: input.issuedBy, revokedAt: null })
        .where(eq(observerAccess.observerId, input.observerId));
      await appendToLog(tx as unknown as Database, [
        permissionLogEntry({ id: access.userId, role: "observer", missionId: input.missionId }, "granted"),
      ]);
      return { username: user?.username ?? input.username, endedSessions: ended };
    });
  }

  /** Revokes an observer's sign-in: no password, no sessions, no tokens. */
  async revokeAccess(observerId: string): Promise<{ revoked: boolean; endedSessions: string[] }> {
    return this.db.transaction(async (tx) => {
      const [access] = await tx
        .select()
        .from(observerAccess)
        .where(eq(observerAccess.observerId, observerId));
      if (access === undefined) return { revoked: false, endedSessions: [] };
      await tx.update(users).set({ passwordHash: null }).where(eq(users.id, access.userId));
      const ended = await this.endSessions(tx as unknown as Database, access.userId);
      await tx
        .update(observerAccess)
        .set({ revokedAt: new Date().toISOString() })
        .where(eq(observerAccess.observerId, observerId));
      const [user] = await tx
        .select({ role: users.role, missionId: users.missionId })
        .from(users)
        .where(eq(users.id, access.userId));
      await appendToLog(tx as unknown as Database, [
        permissionLogEntry(
          { id: access.userId, role: user?.role ?? "observer", missionId: user?.missionId ?? null },
          "revoked",
        ),
      ]);
      return { revoked: true, endedSessions: ended };
    });
  }

  async usernameTaken(username: string): Promise<boolean> {
    const rows = await this.db.select({ id: users.id }).from(users).where(eq(users.username, username));
    return rows.length > 0;
  }

  private async endSessions(db: Database, userId: string): Promise<string[]> {
    const ended = await db
      .delete(sessions)
      .where(eq(sessions.userId, userId))
      .returning({ hash: sessions.tokenHash });
    const tokens = await db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.userId, userId))
      .returning({ hash: apiTokens.tokenHash });
    return [...ended.map((s) => `session:${s.hash}`), ...tokens.map((t) => `token:${t.hash}`)];
  }
}
