import type { Credential } from "./credential.ts";

/**
 * Remembers what a session or token hash stands for, for a short time, so that a burst of
 * reports costs no credential query per request (on PGlite, where queries run one at a time,
 * that query was most of each request's cost). Sign-out, revocation and disabling on this server
 * evict at once; a revocation made by another server process takes effect here within `ttlMs`.
 * A credential with an expiry is never remembered past it.
 */
export class CredentialCache<V = Credential> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      clock?: () => number;
      /** When the credential itself stops working (ms since the epoch), if it does. */
      expiresAt?: (value: V) => number;
    },
  ) {}

  async resolve(key: string, load: () => Promise<V | undefined>): Promise<V | null> {
    const now = (this.options.clock ?? Date.now)();
    const cached = this.entries.get(key);
    if (cached && cached.until > now) return cached.value;
    if (cached) this.entries.delete(key);
    const value = await load();
    // Unknown credentials are not remembered: a guessed token must not fill the cache.
    if (value === undefined) return null;
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const expires = this.options.expiresAt?.(value) ?? Number.POSITIVE_INFINITY;
    this.entries.set(key, { value, until: Math.min(now + this.options.ttlMs, expires) });
    return value;
  }

  evict(key: string): void {
    this.entries.delete(key);
  }

  evictAll(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}
