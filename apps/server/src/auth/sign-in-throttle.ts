// Two brakes on password guessing, decided here once:
// - per account: after LOCK_AFTER wrong passwords in a row the account is locked, for 30 s and
//   twice as long after each further failure, at most an hour; even the right password waits.
//   The count lives in the database (every server process sees it) and a success resets it.
//   Unknown usernames get the same answers from an in-memory count, so a lock reveals nothing.
// - per address: at most IP_FAILURES wrong passwords per IP_WINDOW_MS from one address, counted
//   over all accounts. Successful sign-ins do not count, and the budget refills as failures age
//   out of the window: a shared address (a training room behind one NAT) where someone keeps
//   mistyping delays the others for minutes, never locks them out for good.

export const LOCK_AFTER = 5;
const FIRST_LOCK_MS = 30_000;
const LONGEST_LOCK_MS = 3_600_000;
export const IP_FAILURES = 30;
export const IP_WINDOW_MS = 15 * 60_000;

/** How long an account stays locked after its `failures`-th wrong password in a row (0: not). */
export function lockDuration(failures: number): number {
  if (failures < LOCK_AFTER) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** Math.min(failures - LOCK_AFTER, 20), LONGEST_LOCK_MS);
}

/** Wrong passwords per key (an address, or an unknown username) within a sliding window. */
export class FailureLedger {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: { windowMs: number; maxKeys: number }) {}

  /** Failures of `key` still inside the window, oldest first. */
  recent(key: string, now: number): readonly number[] {
    const list = this.failures.get(key);
    if (list === undefined) return [];
    const fresh = list.filter((at) => at > now - this.options.windowMs);
    if (fresh.length === 0) this.failures.delete(key);
    else if (fresh.length !== list.length) this.failures.set(key, fresh);
    return fresh;
  }

  record(key: string, now: number): void {
    const list = [...this.recent(key, now), now];
    this.failures.delete(key);
    // Bounded memory: the least recently failing key goes first.
    if (this.failures.size >= this.options.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    this.failures.set(key, list.slice(-1000));
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}

/** Milliseconds until an address may try again (0: now). */
export function addressRetryAfter(ledger: FailureLedger, ip: string, now: number): number {
  const recent = ledger.recent(ip, now);
  if (recent.length < IP_FAILURES) return 0;
  const oldestCounted = recent[recent.length - IP_FAILURES] ?? now;
  return Math.max(oldestCounted + IP_WINDOW_MS - now, 1000);
}

/** When an unknown username's in-memory lock ends (0: not locked), mirroring `lockDuration`. */
export function unknownAccountLockedUntil(ledger: FailureLedger, username: string, now: number): number {
  const recent = ledger.recent(username, now);
  const last = recent[recent.length - 1];
  if (last === undefined) return 0;
  const until = last + lockDuration(recent.length);
  return until > now ? until : 0;
}
