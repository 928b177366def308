// ODK Collect signs in with HTTP Basic (OpenRosa allows Basic or Digest). Digest would need the
// password itself or an MD5 of it on the server; Scrutiny keeps only scrypt hashes of access
// codes, so Basic it is, which must travel over HTTPS in production (see OPERATIONS).
import { createHash } from "node:crypto";
import type { User } from "@scrutiny/domain";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CredentialCache } from "../auth/credential-cache.ts";
import type { SignInGuard } from "../auth/sign-in-guard.ts";

/** Who a request is: a user, nobody (no or wrong credentials), or an address or account made to wait. */
export type BasicOutcome =
  | { readonly user: User }
  | { readonly user: null }
  | { readonly user: null; readonly waitMs: number; readonly message: string };

/**
 * Verified username/access-code pairs are remembered briefly so a burst of requests costs one
 * scrypt. Every check of a pair not remembered goes through the sign-in guard: wrong access codes
 * count against the address and lock the account exactly as on the sign-in form.
 */
export class BasicAuthenticator {
  private readonly cache = new CredentialCache<User>({ ttlMs: 60_000, maxEntries: 50_000 });
  /** Remembered keys per username: a wrong access code forgets them, so a lock applies at once. */
  private readonly keysOf = new Map<string, Set<string>>();

  constructor(private readonly guard: SignInGuard) {}

  /** The user behind the request's Basic credentials (or its session, when it has one). */
  async user(request: FastifyRequest): Promise<BasicOutcome> {
    if (request.user !== null) return { user: request.user };
    const header = request.headers.authorization;
    if (header === undefined || !/^basic /i.test(header)) return { user: null };
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 1) return { user: null };
    const username = decoded.slice(0, colon).trim().toLowerCase();
    const secret = decoded.slice(colon + 1);
    const key = `basic:${createHash("sha256").update(`${username}\u0000${secret}`).digest("hex")}`;
    let refused: BasicOutcome = { user: null };
    const user = await this.cache.resolve(key, async () => {
      // Access codes are shown in upper case; ODK Collect users may type them in lower case.
      const outcome = await this.guard.verify(request.ip, username, secret, [secret.toUpperCase()]);
      if (outcome.ok) {
        const keys = this.keysOf.get(username) ?? new Set<string>();
        if (keys.size > 100) keys.clear();
        this.keysOf.set(username, keys.add(key));
        return outcome.user;
      }
      this.cache.evictAll([...(this.keysOf.get(username) ?? [])]);
      this.keysOf.delete(username);
      if (outcome.status === 429) refused = { user: null, waitMs: outcome.waitMs, message: outcome.message };
      return undefined;
    });
    return user === null ? refused : { user };
  }
}

export function challenge(reply: FastifyReply): FastifyReply {
  return reply.header("WWW-Authenticate", 'Basic realm="Scrutiny", charset="UTF-8"');
}
