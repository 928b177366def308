import { TOKEN_SCOPES, type TokenScope } from "@scrutiny/contract";
import type { User } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { forbidden } from "../http/errors.ts";
import type { Credential } from "./credential.ts";
import type { CredentialCache } from "./credential-cache.ts";
import { crossSiteRefusal } from "./cross-site.ts";
import { hashSecret } from "./tokens.ts";

export const SESSION_COOKIE = "scrutiny_session";

declare module "fastify" {
  interface FastifyRequest {
    user: User | null;
    /** How the caller is authenticated (null: anonymous, or Basic auth resolved by its route). */
    credential: Credential | null;
  }
}

const asScope = (scope: string): TokenScope =>
  (TOKEN_SCOPES as readonly string[]).includes(scope) ? (scope as TokenScope) : "read";

/**
 * Resolves the caller from a bearer token or the session cookie, before any handler runs, and
 * refuses a cookie-authenticated write that another site's page made (auth/cross-site.ts).
 */
export function installAuthentication(
  app: FastifyInstance,
  store: Store,
  credentials: CredentialCache,
  clock: () => number = Date.now,
): void {
  app.decorateRequest("user", null);
  app.decorateRequest("credential", null);
  app.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const hash = hashSecret(header.slice(7).trim());
      request.credential = await credentials.resolve(`token:${hash}`, async () => {
        const found = await store.users.findApiTokenCredential(hash, new Date(clock()));
        return (
          found && {
            user: found.user,
            via: "token" as const,
            // An unknown stored scope grants the least (read), never everything.
            scope: asScope(found.scope),
            expiresAt: found.expiresAt.getTime(),
          }
        );
      });
      request.user = request.credential?.user ?? null;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const hash = hashSecret(cookie);
      request.credential = await credentials.resolve(`session:${hash}`, async () => {
        const user = await store.users.findSessionUser(hash, new Date(clock()));
        return user && { user, via: "session" as const, scope: "all" as const };
      });
      request.user = request.credential?.user ?? null;
      if (request.credential !== null) {
        const refusal = crossSiteRefusal(request);
        if (refusal !== undefined) throw forbidden(refusal);
      }
    }
  });
}
