import { randomUUID } from "node:crypto";
import { SignInRequest } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireUser, SESSION_COOKIE } from "../auth/authenticate.ts";
import type { CredentialCache } from "../auth/credential-cache.ts";
import { verifyPassword } from "../auth/passwords.ts";
import { hashSecret, newSecret } from "../auth/tokens.ts";
import { HttpError } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";

const SESSION_DAYS = 14;

const CreateTokenRequest = z.object({ name: z.string().trim().min(1).max(100) });

export function authRoutes(
  app: FastifyInstance,
  store: Store,
  credentials: CredentialCache,
  options: { secureCookies: boolean },
): void {
  app.post(
    "/api/v1/auth/sign-in",
    {
      schema: routeSchema({
        body: SignInRequest,
        summary: "Sign in with username and password",
        tags: ["auth"],
      }),
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const { username, password } = request.body as SignInRequest;
      const found = await store.users.findByUsername(username.trim().toLowerCase());
      // Verify even for unknown users so that timing does not reveal which usernames exist.
      const valid = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
      if (!found?.passwordHash || !valid) {
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
      const { passwordHash: _secret, ...user } = found;
      return { user };
    },
  );

  app.post(
    "/api/v1/auth/sign-out",
    { schema: { summary: "End the session", tags: ["auth"] } },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        await store.users.deleteSession(hashSecret(cookie));
        credentials.evict(`session:${hashSecret(cookie)}`);
      }
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { signedOut: true };
    },
  );

  app.get("/api/v1/me", { schema: { summary: "The signed-in user", tags: ["auth"] } }, async (request) => {
    return { user: requireUser(request) };
  });

  app.post(
    "/api/v1/auth/tokens",
    {
      schema: routeSchema({
        body: CreateTokenRequest,
        summary: "Create an API token for a machine client",
        tags: ["auth"],
      }),
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { name } = request.body as z.infer<typeof CreateTokenRequest>;
      const token = newSecret("sct");
      const id = randomUUID();
      await store.users.createApiToken({ id, tokenHash: hashSecret(token), userId: user.id, name });
      // The token is shown once; only its hash is kept.
      return reply.status(201).send({ id, name, token });
    },
  );
}

// A valid scrypt hash of a random password, used to equalise timing for unknown usernames.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
