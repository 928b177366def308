// ODK Collect signs in with HTTP Basic (OpenRosa allows Basic or Digest). Digest would need the
// password itself or an MD5 of it on the server; Scrutiny keeps only scrypt hashes of access
// codes, so Basic it is, which must travel over HTTPS in production (see OPERATIONS).
import { createHash } from "node:crypto";
import type { User } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CredentialCache } from "../auth/credential-cache.ts";
import { verifyPassword } from "../auth/passwords.ts";

/** Verified username/access-code pairs are remembered briefly so a burst of requests costs one scrypt. */
export class BasicAuthenticator {
  private readonly cache = new CredentialCache<User>({ ttlMs: 60_000, maxEntries: 50_000 });

  constructor(private readonly store: Store) {}

  /** The user behind the request's Basic credentials (or its session, when it has one). */
  async user(request: FastifyRequest): Promise<User | null> {
    if (request.user !== null) return request.user;
    const header = request.headers.authorization;
    if (header === undefined || !/^basic /i.test(header)) return null;
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 1) return null;
    const username = decoded.slice(0, colon).trim().toLowerCase();
    const secret = decoded.slice(colon + 1);
    const key = `basic:${createHash("sha256").update(`${username}\u0000${secret}`).digest("hex")}`;
    return this.cache.resolve(key, async () => {
      const found = await this.store.users.findByUsername(username);
      if (found?.passwordHash == null || found.disabledAt !== null) return undefined;
      // Access codes are shown in upper case; ODK Collect users may type them in lower case.
      const valid =
        (await verifyPassword(secret, found.passwordHash)) ||
        (secret !== secret.toUpperCase() && (await verifyPassword(secret.toUpperCase(), found.passwordHash)));
      if (!valid) return undefined;
      return found.user;
    });
  }
}

export function challenge(reply: FastifyReply): FastifyReply {
  return reply.header("WWW-Authenticate", 'Basic realm="Scrutiny", charset="UTF-8"');
}
