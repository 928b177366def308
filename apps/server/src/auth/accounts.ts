// Staff accounts: the one implementation behind `scrutiny admin create` and the accounts API.
// Observers get their accounts from access codes (deployment); these are the people who run a
// mission or the server.
import { randomBytes, randomUUID } from "node:crypto";
import type { INVALID_ACCOUNT_WHAT } from "@scrutiny/contract";
import {
  err,
  NewPassword,
  ok,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type Result,
  type Role,
  User,
} from "@scrutiny/domain";
import type { Account, AccountChange, Store } from "@scrutiny/store";
import { hashPassword } from "./passwords.ts";

type InvalidAccountWhat = (typeof INVALID_ACCOUNT_WHAT)[number];

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
  /** What the message names (the contract's ERROR_PARAMS of the code). */
  readonly params?:
    | { readonly username: string }
    | { readonly what: InvalidAccountWhat; readonly minimum?: number; readonly maximum?: number };
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

/** The given password if it is acceptable, or a generated one (to be shown once) when none is given. */
function choosePassword(
  given: string | undefined,
): Result<{ password: string; generatedPassword?: string }, AccountProblem> {
  if (given === undefined) {
    const generated = generatePassword();
    return ok({ password: generated, generatedPassword: generated });
  }
  const valid = NewPassword.safeParse(given);
  if (!valid.success)
    return err({
      code: "invalid_account",
      field: "password",
      message: valid.error.issues[0]?.message ?? "invalid password",
      params: { what: "password", minimum: PASSWORD_MIN_LENGTH, maximum: PASSWORD_MAX_LENGTH },
    });
  return ok({ password: given });
}

/** A staff role and its mission go together: administrators have none, the others one that exists. */
async function checkGrant(
  store: Store,
  role: Role,
  missionId: string | null,
): Promise<AccountProblem | undefined> {
  if (role === "observer")
    return {
      code: "invalid_account",
      field: "role",
      message: "observers sign in with the access codes their mission issues, not staff accounts",
      params: { what: "observer_role" },
    };
  if (role === "admin")
    return missionId === null
      ? undefined
      : {
          code: "invalid_account",
          field: "missionId",
          message: "an administrator belongs to no mission",
          params: { what: "admin_mission" },
        };
  if (missionId === null)
    return {
      code: "invalid_account",
      field: "missionId",
      message: `a ${role} needs a mission`,
      params: { what: "mission_needed" },
    };
  if ((await store.missions.get(missionId)) === undefined)
    return { code: "unknown_mission", field: "missionId", message: "no such mission" };
  return undefined;
}

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
      params: { what: "username" },
    });
  const chosen = choosePassword(input.password);
  if (!chosen.ok) return chosen;
  const { password, generatedPassword } = chosen.value;
  const grant = await checkGrant(store, input.role, input.missionId);
  if (grant !== undefined) return err(grant);
  if ((await store.users.findByUsername(username)) !== undefined)
    return err({
      code: "username_taken",
      field: "username",
      message: `the username ${username} is taken`,
      params: { username },
    });
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

const ACCOUNT_NOT_FOUND = {
  code: "not_found",
  field: "accountId",
  message: "account not found",
  params: { what: "account" },
} as const;

export type ChangeProblem =
  | AccountProblem
  | {
      readonly code: "not_found";
      readonly field: string;
      readonly message: string;
      readonly params: { readonly what: "account" };
    }
  | { readonly code: "last_admin"; readonly field: string; readonly message: string };

/**
 * Disables, enables or re-grants a staff account. The change that would leave the server without
 * an administrator who can sign in is refused. Returns the cache keys of credentials that ended.
 */
export async function changeAccount(
  store: Store,
  id: string,
  change: AccountChange,
  now: Date,
): Promise<Result<{ account: Account; endedCredentials: string[] }, ChangeProblem>> {
  const before = await store.users.findAccount(id);
  if (before === undefined || before.role === "observer") return err(ACCOUNT_NOT_FOUND);
  const role = (change.role ?? before.role) as Role;
  const missionId =
    change.missionId !== undefined ? change.missionId : change.role === "admin" ? null : before.missionId;
  const grant = await checkGrant(store, role, missionId);
  if (grant !== undefined) return err(grant);
  const staysActiveAdmin = role === "admin" && !(change.disabled ?? before.disabledAt !== null);
  if (before.role === "admin" && before.disabledAt === null && !staysActiveAdmin) {
    if ((await store.users.countActiveAdmins()) <= 1)
      return err({
        code: "last_admin",
        field: change.disabled ? "disabled" : "role",
        message: "this is the last administrator who can sign in; create another first",
      });
  }
  const changed = await store.users.changeAccount(id, { ...change, role, missionId }, now);
  if (changed === undefined) return err(ACCOUNT_NOT_FOUND);
  return ok(changed);
}

/** Sets a new password (given, or generated to be shown once); the account's sessions end. */
export async function resetPassword(
  store: Store,
  id: string,
  password: string | undefined,
): Promise<Result<{ generatedPassword?: string; endedCredentials: string[] }, ChangeProblem>> {
  const account = await store.users.findAccount(id);
  if (account === undefined || account.role === "observer") return err(ACCOUNT_NOT_FOUND);
  const chosen = choosePassword(password);
  if (!chosen.ok) return chosen;
  const { generatedPassword } = chosen.value;
  const ended = await store.users.setPassword(id, await hashPassword(chosen.value.password), {
    logged: "password_reset",
  });
  return ok(
    generatedPassword === undefined
      ? { endedCredentials: ended }
      : { generatedPassword, endedCredentials: ended },
  );
}
