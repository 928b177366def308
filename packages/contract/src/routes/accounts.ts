// Staff accounts, administered by the server's administrators: create (with a role in a
// mission), reset a password, disable or enable, change role. Observers' accounts come with the
// access codes their mission issues (deployment routes).
import { Id, NewPassword, User } from "@scrutiny/domain";
import { z } from "zod";
import { publicAccess, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { ApiToken } from "./auth.ts";

/** The roles an administrator gives to staff accounts. */
export const StaffRole = z.enum(["admin", "coordinator", "analyst"]);

export const Account = User.extend({
  createdAt: z.iso.datetime(),
  disabled: z.boolean(),
  /** Set while sign-in is locked after wrong passwords. */
  lockedUntil: z.iso.datetime().nullable(),
});
export type Account = z.infer<typeof Account>;

export const CreateAccountRequest = z.object({
  /** Compared in lower case, as sign-in reads it. */
  username: z.string().trim().toLowerCase().pipe(User.shape.username),
  displayName: z.string().trim().min(1).max(200).optional(),
  role: StaffRole,
  /** The mission of a coordinator or analyst; null (or absent) for an administrator. */
  missionId: Id.nullable().default(null),
  /** Absent: a password is generated and returned once. */
  password: NewPassword.optional(),
  locale: z.enum(["en", "ru"]).default("en"),
});

export const ChangeAccountRequest = z
  .object({
    disabled: z.boolean().optional(),
    role: StaffRole.optional(),
    missionId: Id.nullable().optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: "say what to change: disabled, role or missionId",
  });

export const ResetPasswordRequest = z
  .object({
    /** Absent: a password is generated and returned once. */
    password: NewPassword.optional(),
  })
  .default({});

export const AccountParams = z.object({ accountId: z.uuid() });

const adminsOnly = roles([]);

export const listAccounts = defineRoute({
  method: "GET",
  path: "/api/v1/accounts",
  summary: "Staff and administrator accounts",
  tags: ["accounts"],
  responses: { 200: z.object({ accounts: z.array(Account) }) },
  policy: adminsOnly,
});

export const createAccount = defineRoute({
  method: "POST",
  path: "/api/v1/accounts",
  summary: "Create a staff account with a role in a mission (or an administrator)",
  tags: ["accounts"],
  body: CreateAccountRequest,
  responses: { 201: z.object({ account: Account, password: z.string().optional() }) },
  policy: adminsOnly,
});

export const changeAccount = defineRoute({
  method: "PATCH",
  path: "/api/v1/accounts/:accountId",
  summary: "Disable or enable an account, or change its role or mission (its sessions and tokens end)",
  tags: ["accounts"],
  params: AccountParams,
  body: ChangeAccountRequest,
  responses: { 200: z.object({ account: Account }) },
  policy: adminsOnly,
});

export const resetPassword = defineRoute({
  method: "POST",
  path: "/api/v1/accounts/:accountId/password",
  summary: "Set a new password for an account (given or generated); its sessions end",
  tags: ["accounts"],
  params: AccountParams,
  body: ResetPasswordRequest,
  responses: { 200: z.object({ password: z.string().optional() }) },
  policy: adminsOnly,
});

export const listAccountTokens = defineRoute({
  method: "GET",
  path: "/api/v1/accounts/:accountId/tokens",
  summary: "An account's API tokens (never their secrets)",
  tags: ["accounts"],
  params: AccountParams,
  responses: { 200: z.object({ tokens: z.array(ApiToken) }) },
  policy: adminsOnly,
});

export const FirstAdminRequest = z.object({
  /** The one-time setup token `serve` printed (the part after `#` of its setup link). */
  token: z.string().min(1).max(200),
  username: CreateAccountRequest.shape.username,
  displayName: z.string().trim().min(1).max(200).optional(),
  password: NewPassword,
});

export const createFirstAdmin = defineRoute({
  method: "POST",
  path: "/api/v1/setup/first-admin",
  summary:
    "Create the first administrator with the one-time token of the setup link `serve` printed (only while no administrator exists)",
  tags: ["accounts"],
  body: FirstAdminRequest,
  responses: { 201: z.object({ account: Account }) },
  policy: publicAccess,
});
