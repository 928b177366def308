import { NewPassword, SignInRequest, User } from "@scrutiny/domain";
import { z } from "zod";
import { publicAccess, resource, signedIn, TOKEN_SCOPES } from "../policy.ts";
import { defineRoute } from "../route.ts";

/** The longest an API token may live; machine clients get a new one at least yearly. */
export const MAX_TOKEN_DAYS = 365;
export const DEFAULT_TOKEN_DAYS = 90;

export const CreateTokenRequest = z.object({
  name: z.string().trim().min(1).max(100),
  /** `all`: whatever the owner may do; `submit`: send reports only; `read`: GET routes only. */
  scope: z.enum(TOKEN_SCOPES).default("all"),
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
});

export const ApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  /** `active` only while neither revoked nor past its expiry. */
  status: z.enum(["active", "expired", "revoked"]),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: NewPassword,
});

export const TokenParams = z.object({ tokenId: z.uuid() });

export const signIn = defineRoute({
  method: "POST",
  path: "/api/v1/auth/sign-in",
  summary: "Sign in with username and password (throttled per address and locked per account)",
  tags: ["auth"],
  body: SignInRequest,
  responses: { 200: z.object({ user: User }) },
  policy: publicAccess,
});

export const signOut = defineRoute({
  method: "POST",
  path: "/api/v1/auth/sign-out",
  summary: "End the session",
  tags: ["auth"],
  responses: { 200: z.object({ signedOut: z.literal(true) }) },
  policy: publicAccess,
});

export const signOutEverywhere = defineRoute({
  method: "POST",
  path: "/api/v1/auth/sign-out-everywhere",
  summary: "End every session of the signed-in user, on every device (API tokens stay)",
  tags: ["auth"],
  responses: { 200: z.object({ endedSessions: z.number().int().min(0) }) },
  policy: signedIn(),
});

export const me = defineRoute({
  method: "GET",
  path: "/api/v1/me",
  summary: "The signed-in user",
  tags: ["auth"],
  responses: { 200: z.object({ user: User }) },
  policy: signedIn(undefined, { tokenScopes: ["submit", "read"] }),
});

export const changePassword = defineRoute({
  method: "POST",
  path: "/api/v1/me/password",
  summary: "Change your own password (the current one is required); your other sessions end",
  tags: ["auth"],
  body: ChangePasswordRequest,
  responses: { 200: z.object({ changed: z.literal(true), endedSessions: z.number().int().min(0) }) },
  policy: signedIn(),
});

export const createToken = defineRoute({
  method: "POST",
  path: "/api/v1/auth/tokens",
  summary: "Create an API token for a machine client, with a scope and an expiry",
  tags: ["auth"],
  body: CreateTokenRequest,
  responses: { 201: ApiToken.extend({ token: z.string() }) },
  policy: signedIn(),
});

export const listTokens = defineRoute({
  method: "GET",
  path: "/api/v1/auth/tokens",
  summary: "Your API tokens (never their secrets)",
  tags: ["auth"],
  responses: { 200: z.object({ tokens: z.array(ApiToken) }) },
  policy: signedIn(),
});

export const revokeToken = defineRoute({
  method: "DELETE",
  path: "/api/v1/auth/tokens/:tokenId",
  summary: "Revoke an API token (its owner, or an administrator)",
  tags: ["auth"],
  params: TokenParams,
  responses: { 200: ApiToken },
  policy: signedIn(resource("apiToken", "tokenId", "write")),
});
