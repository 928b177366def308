import type { User } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
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
