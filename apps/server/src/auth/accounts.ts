// Staff accounts: the one implementation behind `scrutiny admin create` and the accounts API.
// Observers get their accounts from access codes (deployment); these are the people who run a
// mission or the server.
import { randomBytes, randomUUID } from "node:crypto";
import { err, NewPassword, ok, type Result, type Role, User } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import { hashPassword } from "./passwords.ts";

export interface NewAccount {
  readonly username: string;
  readonly displayName?: string | undefined;
  readonly role: Role;
  /** The mission a coordinator or analyst works for; null for an administrator. */
  readonly missionId: string | null;
  /** Absent: a password is generated, to be shown once. */
  readonly password?: string | undefined;
  readonly locale?: "en" | "ru";
}

export interface AccountProblem {
  readonly code: "invalid_account" | "username_taken" | "unknown_mission";
  /** The field at fault, as named in the request. */
  readonly field: string;
  readonly message: string;
}

export interface CreatedAccount {
  readonly user: User;
  /** The password, when it was generated here: shown once, never stored in clear. */
  readonly generatedPassword?: string;
}

/** Usernames are compared in lower case without surrounding spaces, as sign-in reads them. */
export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

/** A random password of 24 characters (144 bits). */
export const generatePassword = (): string => randomBytes(18).toString("base64url");

export async function createAccount(
  store: Store,
  input: NewAccount,
): Promise<Result<CreatedAccount, AccountProblem>> {
  const username = normaliseUsername(input.username);
  const validName = User.shape.username.safeParse(username);
  if (!validName.success)
    return err({
      code: "invalid_account",
      field: "username",
      message: "use 3 to 64 characters: lower-case letters, digits, and . _ @ -",
    });
  const generatedPassword = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generatedPassword ?? "";
  const validPassword = NewPassword.safeParse(password);
  if (!validPassword.success)
    return err({
      code: "invalid_account",
      field: "password",
      message: validPassword.error.issues[0]?.message ?? "invalid password",
    });
  if (input.role === "observer")
    return err({
      code: "invalid_account",
      field: "role",
      message: "observers sign in with the access codes their mission issues, not staff accounts",
    });
  if (input.role === "admin" && input.missionId !== null)
    return err({
      code: "invalid_account",
      field: "missionId",
      message: "an administrator belongs to no mission",
    });
  if (input.role !== "admin") {
    if (input.missionId === null)
      return err({ code: "invalid_account", field: "missionId", message: `a ${input.role} needs a mission` });
    if ((await store.missions.get(input.missionId)) === undefined)
      return err({ code: "unknown_mission", field: "missionId", message: "no such mission" });
  }
  if ((await store.users.findByUsername(username)) !== undefined)
    return err({ code: "username_taken", field: "username", message: `the username ${username} is taken` });
  const user: User = {
    id: randomUUID(),
    username,
    displayName: input.displayName?.trim() || username,
    role: input.role,
    missionId: input.missionId,
    observerId: null,
    locale: input.locale ?? "en",
  };
  await store.users.insertMany([{ ...user, passwordHash: await hashPassword(password) }]);
  return ok(generatedPassword === undefined ? { user } : { user, generatedPassword });
}
