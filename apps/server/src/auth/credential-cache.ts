import type { User } from "@scrutiny/domain";

/**
 * Remembers which user a session or token hash belongs to for a short time, so that a burst of
 * reports costs no credential query per request (on PGlite, where queries run one at a time,
 * that query was most of each request's cost). Sign-out on this server evicts at once; a
 * revocation made by another server process takes effect here within `ttlMs`.
 */
export class CredentialCache {
  private readonly entries = new Map<string, { user: User | null; until: number }>();

  constructor(private readonly options: { ttlMs: number; maxEntries: number }) {}

  async resolve(hash: string, load: () => Promise<User | undefined>): Promise<User | null> {
    const now = Date.now();
    const cached = this.entries.get(hash);
    if (cached && cached.until > now) return cached.user;
    const user = (await load()) ?? null;
    // Unknown credentials are not remembered: a guessed token must not fill the cache.
    if (user !== null) {
      if (this.entries.size >= this.options.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(hash, { user, until: now + this.options.ttlMs });
    }
    return user;
  }

  evict(hash: string): void {
    this.entries.delete(hash);
  }
}
