import { randomUUID } from "node:crypto";
import { auth } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { SESSION_COOKIE } from "../auth/authenticate.ts";
import type { CredentialCache } from "../auth/credential-cache.ts";
import { verifyPassword } from "../auth/passwords.ts";
import { hashSecret, newSecret } from "../auth/tokens.ts";
import { HttpError } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

const SESSION_DAYS = 14;

export function authRoutes(
  app: FastifyInstance,
  store: Store,
  credentials: CredentialCache,
  options: { secureCookies: boolean },
): void {
  registerRoute(
    app,
    auth.signIn,
    async ({ body, reply }) => {
      const { username, password } = body;
      const found = await store.users.findByUsername(username.trim().toLowerCase());
      // Verify even for unknown users so that timing does not reveal which usernames exist.
      const valid = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
      // A disabled account is refused with the same answer: nothing tells a guesser it exists.
      if (!found?.passwordHash || !valid || found.disabledAt !== null) {
        throw new HttpError(401, "invalid_credentials", "wrong username or password");
      }
      const secret = newSecret("ses");
      const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
      await store.users.createSession(hashSecret(secret), found.id, expiresAt);
      reply.setCookie(SESSION_COOKIE, secret, {
        httpOnly: true,
        sameSite: "lax",
        secure: options.secureCookies,
        path: "/",
        expires: expiresAt,
      });
      const { passwordHash: _secret, disabledAt: _disabled, ...user } = found;
      return { user };
    },
    { config: { rateLimit: { max: 20, timeWindow: "1 minute" } } },
  );

  registerRoute(app, auth.signOut, async ({ request, reply }) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      await store.users.deleteSession(hashSecret(cookie));
      credentials.evict(`session:${hashSecret(cookie)}`);
    }
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { signedOut: true as const };
  });

  registerRoute(app, auth.me, ({ user }) => ({ user }));

  registerRoute(app, auth.createToken, async ({ body, user, reply }) => {
    const token = newSecret("sct");
    const id = randomUUID();
    await store.users.createApiToken({ id, tokenHash: hashSecret(token), userId: user.id, name: body.name });
    // The token is shown once; only its hash is kept.
    return reply.status(201).send({ id, name: body.name, token });
  });
}

// A valid scrypt hash of a random password, used to equalise timing for unknown usernames.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
