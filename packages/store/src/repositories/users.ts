import type { User } from "@scrutiny/domain";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../database.ts";
import { apiTokens, sessions, users } from "../schema/index.ts";
import { insertInChunks } from "./bulk.ts";
import { appendToLog, permissionLogEntry } from "./transparency-log.ts";

export interface UserWithSecret extends User {
  readonly passwordHash: string | null;
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

  /** The account, disabled or not (`disabledAt`), with its password hash: for signing in. */
  async findByUsername(
    username: string,
  ): Promise<(UserWithSecret & { readonly disabledAt: Date | null }) | undefined> {
    const [row] = await this.db
      .select({ ...userColumns, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.username, username));
    return row as (UserWithSecret & { readonly disabledAt: Date | null }) | undefined;
  }

  /** Administrators who can sign in: none means the server still needs its first one. */
  async countActiveAdmins(): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
    return Number(row?.n ?? 0);
  }

  async findById(id: string): Promise<User | undefined> {
    const [row] = await this.db.select(userColumns).from(users).where(eq(users.id, id));
    return row as User | undefined;
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

  async createApiToken(token: {
    id: string;
    tokenHash: string;
    userId: string;
    name: string;
  }): Promise<void> {
    await this.db.insert(apiTokens).values(token);
  }

  async findApiTokenUser(tokenHash: string): Promise<User | undefined> {
    const [row] = await this.db
      .select(userColumns)
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
    return row as User | undefined;
  }

  async revokeApiToken(id: string, now: Date): Promise<void> {
    await this.db.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id));
  }
}
