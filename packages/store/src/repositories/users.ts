import type { LogEntry, User } from "@scrutiny/domain";
import { and, asc, count, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import { apiTokens, sessions, users } from "../schema/index.ts";
import { insertInChunks } from "./bulk.ts";
import { appendToLog, permissionLogEntry } from "./transparency-log.ts";

export interface UserWithSecret extends User {
  readonly passwordHash: string | null;
}

/** What signing in needs to know about an account. */
export interface SignInAccount {
  readonly user: User;
  readonly passwordHash: string | null;
  readonly disabledAt: Date | null;
  readonly failedSignIns: number;
  readonly lockedUntil: Date | null;
}

/** An account as administrators see it (no secret). */
export interface Account extends User {
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
  readonly lockedUntil: Date | null;
}

export interface ApiTokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly scope: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

/** Who a bearer token speaks for, and within what. */
export interface TokenCredential {
  readonly user: User;
  readonly scope: string;
  readonly expiresAt: Date;
}

/** A change an administrator makes to an account; absent fields stay as they are. */
export interface AccountChange {
  readonly disabled?: boolean;
  readonly role?: string;
  readonly missionId?: string | null;
}

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  missionId: users.missionId,
  observerId: users.observerId,
  locale: users.locale,
};

const accountColumns = {
  ...userColumns,
  createdAt: users.createdAt,
  disabledAt: users.disabledAt,
  lockedUntil: users.lockedUntil,
};

const tokenColumns = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  scope: apiTokens.scope,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
};

/** Cache keys of credentials that stopped working (see the server's credential cache). */
const sessionKey = (hash: string) => `session:${hash}`;
const tokenKey = (hash: string) => `token:${hash}`;

export class UserRepository {
  constructor(private readonly db: Database) {}

  /** Creates accounts; each account's role is a grant recorded in the transparency log. */
  async insertMany(rows: readonly UserWithSecret[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await insertInChunks(tx as unknown as Database, users, rows);
      await appendToLog(
        tx as unknown as Database,
        rows.map((row) => permissionLogEntry(row, "granted")),
      );
    });
  }

  /** The account, disabled or not, with its password hash and lock-out state: for signing in. */
  async findByUsername(username: string): Promise<SignInAccount | undefined> {
    const [row] = await this.db
      .select({
        user: userColumns,
        passwordHash: users.passwordHash,
        disabledAt: users.disabledAt,
        failedSignIns: users.failedSignIns,
        lockedUntil: users.lockedUntil,
      })
      .from(users)
      .where(eq(users.username, username));
    return row as SignInAccount | undefined;
  }

  async findById(id: string): Promise<User | undefined> {
    const [row] = await this.db.select(userColumns).from(users).where(eq(users.id, id));
    return row as User | undefined;
  }

  async findAccount(id: string): Promise<Account | undefined> {
    const [row] = await this.db.select(accountColumns).from(users).where(eq(users.id, id));
    return row as Account | undefined;
  }

  /** Staff and administrator accounts (observers' come with their access codes), by username. */
  async listAccounts(): Promise<Account[]> {
    const rows = await this.db
      .select(accountColumns)
      .from(users)
      .where(ne(users.role, "observer"))
      .orderBy(asc(users.username));
    return rows as Account[];
  }

  /** The password hash, to check a user's current password before changing it. */
  async passwordHash(id: string): Promise<string | null | undefined> {
    const [row] = await this.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
    return row?.hash;
  }

  /** Administrators who can sign in: none means the server still needs its first one. */
  async countActiveAdmins(): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
    return Number(row?.n ?? 0);
  }

  /**
   * Counts a wrong password and locks the account until `lockUntil(failures)` (a date, or null
   * for no lock yet). The count is incremented in SQL, so concurrent failures all count.
   */
  async recordFailedSignIn(id: string, lockUntil: (failures: number) => Date | null): Promise<Date | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
        .where(eq(users.id, id))
        .returning({ failures: users.failedSignIns });
      const until = row === undefined ? null : lockUntil(row.failures);
      if (until !== null) await tx.update(users).set({ lockedUntil: until }).where(eq(users.id, id));
      return until;
    });
  }

  async clearFailedSignIns(id: string): Promise<void> {
    await this.db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, id));
  }

  /**
   * Disables or enables an account, or moves it to another role or mission, with its log
   * entries: a disabled account's role is revoked (and granted again when enabled), a new role
   * revokes the old one and grants the new. Disabling ends its sessions and tokens; the cache
   * keys of what ended are returned.
   */
  async changeAccount(
    id: string,
    change: AccountChange,
    now: Date,
  ): Promise<{ account: Account; endedCredentials: string[] } | undefined> {
    return this.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      const [before] = await db.select(accountColumns).from(users).where(eq(users.id, id)).for("update");
      if (before === undefined) return undefined;
      const wasActive = before.disabledAt === null;
      const active = change.disabled === undefined ? wasActive : !change.disabled;
      const role = change.role ?? before.role;
      const missionId = change.missionId === undefined ? before.missionId : change.missionId;
      const [account] = await db
        .update(users)
        .set({
          role,
          missionId,
          disabledAt: active ? null : (before.disabledAt ?? now),
          ...(active && !wasActive ? { failedSignIns: 0, lockedUntil: null } : {}),
        })
        .where(eq(users.id, id))
        .returning(accountColumns);
      const grantChanged = role !== before.role || missionId !== before.missionId;
      const entries: LogEntry[] = [];
      if (wasActive && (!active || grantChanged)) entries.push(permissionLogEntry(before, "revoked"));
      if (active && (!wasActive || grantChanged))
        entries.push(permissionLogEntry({ id, role, missionId }, "granted"));
      if (entries.length > 0) await appendToLog(db, entries);
      const ended = active && !grantChanged ? [] : await endCredentials(db, id, now);
      return { account: account as Account, endedCredentials: ended };
    });
  }

  /**
   * Replaces the password hash and ends the account's sessions (all of them, or all but the one
   * the user is changing it from); `logged` records who changed it in the transparency log.
   */
  async setPassword(
    id: string,
    passwordHash: string,
    options: { keepSession?: string; logged: "password_reset" | "password_changed" },
  ): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      await db
        .update(users)
        .set({ passwordHash, failedSignIns: 0, lockedUntil: null })
        .where(eq(users.id, id));
      await appendToLog(db, [{ kind: "account", user: id, change: options.logged }]);
      return endSessions(db, id, options.keepSession);
    });
  }

  async createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.db.insert(sessions).values({ tokenHash, userId, expiresAt });
  }

  async findSessionUser(tokenHash: string, now: Date): Promise<User | undefined> {
    const [row] = await this.db
      .select(userColumns)
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
    return row as User | undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  }

  /** Ends every session of the user ("sign out everywhere"); returns their cache keys. */
  async deleteSessionsOf(userId: string): Promise<string[]> {
    return endSessions(this.db, userId);
  }

  async createApiToken(token: {
    id: string;
    tokenHash: string;
    userId: string;
    name: string;
    scope: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.db.insert(apiTokens).values(token);
  }

  /** The token's user and scope, unless it is unknown, revoked, expired or its account disabled. */
  async findApiTokenCredential(tokenHash: string, now: Date): Promise<TokenCredential | undefined> {
    const [row] = await this.db
      .select({ user: userColumns, scope: apiTokens.scope, expiresAt: apiTokens.expiresAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(
        and(
          eq(apiTokens.tokenHash, tokenHash),
          isNull(apiTokens.revokedAt),
          gt(apiTokens.expiresAt, now),
          isNull(users.disabledAt),
        ),
      );
    return row as TokenCredential | undefined;
  }

  /** The user's tokens, newest first, revoked and expired ones included (they say so). */
  async listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.db
      .select(tokenColumns)
      .from(apiTokens)
      .where(eq(apiTokens.userId, userId))
      .orderBy(sql`${apiTokens.createdAt} desc`, asc(apiTokens.id));
    return rows as ApiTokenRecord[];
  }

  async findApiToken(id: string): Promise<ApiTokenRecord | undefined> {
    const [row] = await this.db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.id, id));
    return row as ApiTokenRecord | undefined;
  }

  /** Revokes the token (once: a second revocation keeps the first date); returns its cache key. */
  async revokeApiToken(id: string, now: Date): Promise<string | undefined> {
    const [row] = await this.db
      .update(apiTokens)
      .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(apiTokens.id, id))
      .returning({ hash: apiTokens.tokenHash });
    return row === undefined ? undefined : tokenKey(row.hash);
  }
}

async function endSessions(db: Database, userId: string, keep?: string): Promise<string[]> {
  const ended = await db
    .delete(sessions)
    .where(
      keep === undefined
        ? eq(sessions.userId, userId)
        : and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep)),
    )
    .returning({ hash: sessions.tokenHash });
  return ended.map((s) => sessionKey(s.hash));
}

async function endCredentials(db: Database, userId: string, now: Date): Promise<string[]> {
  const tokens = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ hash: apiTokens.tokenHash });
  return [...(await endSessions(db, userId)), ...tokens.map((t) => tokenKey(t.hash))];
}
