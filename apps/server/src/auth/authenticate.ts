import type { Role, User } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { forbidden, unauthorized } from "../http/errors.ts";
import type { CredentialCache } from "./credential-cache.ts";
import { hashSecret } from "./tokens.ts";

export const SESSION_COOKIE = "scrutiny_session";

declare module "fastify" {
  interface FastifyRequest {
    user: User | null;
  }
}

/** Resolves the caller from the session cookie or a bearer token, before any handler runs. */
export function installAuthentication(
  app: FastifyInstance,
  store: Store,
  credentials: CredentialCache,
): void {
  app.decorateRequest("user", null);
  app.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const hash = hashSecret(header.slice(7).trim());
      request.user = await credentials.resolve(`token:${hash}`, () => store.users.findApiTokenUser(hash));
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const hash = hashSecret(cookie);
      request.user = await credentials.resolve(`session:${hash}`, () =>
        store.users.findSessionUser(hash, new Date()),
      );
    }
  });
}

export function requireUser(request: FastifyRequest): User {
  if (request.user === null) throw unauthorized();
  return request.user;
}

export function requireRole(request: FastifyRequest, ...roles: Role[]): User {
  const user = requireUser(request);
  if (user.role !== "admin" && !roles.includes(user.role))
    throw forbidden(`this needs the role ${roles.join(" or ")}`);
  return user;
}
