import { randomUUID } from "node:crypto";
import { auth, type ErrorCode, type TokenScope } from "@scrutiny/contract";
import type { ApiTokenRecord, Store } from "@scrutiny/store";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "../auth/authenticate.ts";
import type { CredentialCache } from "../auth/credential-cache.ts";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import type { SignInGuard } from "../auth/sign-in-guard.ts";
import { hashSecret, newSecret } from "../auth/tokens.ts";
import { errorBody, HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

const SESSION_DAYS = 14;
const DAY_MS = 86_400_000;

export interface AuthOptions {
  /** Always mark the session cookie Secure (otherwise only on requests that came over HTTPS). */
  readonly secureCookies: boolean;
  readonly clock: () => number;
  /** Per-address budget and per-account lock-out, shared with ODK Collect's Basic sign-in. */
  readonly signInGuard: SignInGuard;
}

/** A token as its owner and administrators see it (never the secret). */
export function describeToken(token: ApiTokenRecord, now: number): auth.ApiToken {
  return {
    id: token.id,
    name: token.name,
    scope: token.scope as TokenScope,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
    status: token.revokedAt !== null ? "revoked" : token.expiresAt.getTime() <= now ? "expired" : "active",
  };
}

function tooMany(reply: FastifyReply, waitMs: number, code: ErrorCode, message: string): FastifyReply {
  const seconds = Math.ceil(waitMs / 1000);
  return reply
    .status(429)
    .header("retry-after", String(seconds))
    .send(errorBody(code, `${message}; try again in ${seconds} s`));
}

export function authRoutes(
  app: FastifyInstance,
  store: Store,
  credentials: CredentialCache,
  options: AuthOptions,
): void {
  const { clock } = options;

  /** Secure when told so, or when the request came over HTTPS (per the proxy, with trustProxy). */
  const secure = (request: FastifyRequest) => options.secureCookies || request.protocol === "https";

  registerRoute(
    app,
    auth.signIn,
    async ({ body, request, reply }) => {
      const now = clock();
      const outcome = await options.signInGuard.verify(request.ip, body.username, body.password);
      if (!outcome.ok && outcome.status === 429)
        return tooMany(reply, outcome.waitMs, outcome.code, outcome.message);
      if (!outcome.ok) throw new HttpError(401, "invalid_credentials", "wrong username or password");
      const secret = newSecret("ses");
      const expiresAt = new Date(now + SESSION_DAYS * DAY_MS);
      await store.users.createSession(hashSecret(secret), outcome.user.id, expiresAt);
      reply.setCookie(SESSION_COOKIE, secret, {
        httpOnly: true,
        sameSite: "lax",
        secure: secure(request),
        path: "/",
        expires: expiresAt,
      });
      return { user: outcome.user };
    },
    // A brake on scrypt's CPU cost per address; wrong passwords have their own, tighter budget.
    { config: { rateLimit: { max: 120, timeWindow: "1 minute" } } },
  );

  registerRoute(app, auth.signOut, async ({ request, reply }) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      await store.users.deleteSession(hashSecret(cookie));
      credentials.evict(`session:${hashSecret(cookie)}`);
    }
    reply.clearCookie(SESSION_COOKIE, { path: "/", secure: secure(request) });
    return { signedOut: true as const };
  });

  registerRoute(app, auth.signOutEverywhere, async ({ user, request, reply }) => {
    const ended = await store.users.deleteSessionsOf(user.id);
    credentials.evictAll(ended);
    if (request.credential?.via === "session")
      reply.clearCookie(SESSION_COOKIE, { path: "/", secure: secure(request) });
    return { endedSessions: ended.length };
  });

  registerRoute(app, auth.me, ({ user }) => ({ user }));

  registerRoute(
    app,
    auth.changePassword,
    async ({ body, user, request }) => {
      const stored = await store.users.passwordHash(user.id);
      if (!stored || !(await verifyPassword(body.currentPassword, stored)))
        throw new HttpError(403, "wrong_password", "the current password is wrong", {
          issues: [{ path: ["body", "currentPassword"], code: "wrong_password", message: "wrong password" }],
        });
      if (body.newPassword === body.currentPassword)
        throw new HttpError(400, "invalid_request", "the new password is the current one", {
          issues: [
            { path: ["body", "newPassword"], code: "unchanged", message: "choose a different password" },
          ],
        });
      const cookie = request.credential?.via === "session" ? request.cookies[SESSION_COOKIE] : undefined;
      const ended = await store.users.setPassword(user.id, await hashPassword(body.newPassword), {
        ...(cookie ? { keepSession: hashSecret(cookie) } : {}),
        logged: "password_changed",
      });
      credentials.evictAll(ended);
      return { changed: true as const, endedSessions: ended.length };
    },
    // Someone at an unlocked screen must not try current passwords at leisure.
    { config: { rateLimit: { max: 10, timeWindow: "1 minute" } } },
  );

  registerRoute(app, auth.createToken, async ({ body, user, reply }) => {
    const token = newSecret("sct");
    const now = clock();
    const record: ApiTokenRecord = {
      id: randomUUID(),
      userId: user.id,
      name: body.name,
      scope: body.scope,
      createdAt: new Date(now),
      expiresAt: new Date(now + body.expiresInDays * DAY_MS),
      revokedAt: null,
    };
    await store.users.createApiToken({ ...record, tokenHash: hashSecret(token) });
    // The token is shown once; only its hash is kept.
    return reply.status(201).send({ ...describeToken(record, now), token });
  });

  registerRoute(app, auth.listTokens, async ({ user }) => {
    const now = clock();
    return { tokens: (await store.users.listApiTokens(user.id)).map((t) => describeToken(t, now)) };
  });

  registerRoute(app, auth.revokeToken, async ({ params }) => {
    const now = clock();
    const key = await store.users.revokeApiToken(params.tokenId, new Date(now));
    if (key !== undefined) credentials.evict(key);
    const token = await store.users.findApiToken(params.tokenId);
    if (token === undefined) throw notFound("api_token");
    return describeToken(token, now);
  });
}
