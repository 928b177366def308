// Every way of signing in with a password goes through here (the sign-in form and ODK Collect's
// HTTP Basic), so both share the per-address budget and the per-account lock-out of
// sign-in-throttle.ts: guessing an access code through /odk is as slow as through the web.
import type { User } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import { normaliseUsername } from "./accounts.ts";
import { verifyPassword } from "./passwords.ts";
import {
  addressRetryAfter,
  FailureLedger,
  IP_WINDOW_MS,
  lockDuration,
  unknownAccountLockedUntil,
} from "./sign-in-throttle.ts";

const DAY_MS = 86_400_000;
// A valid scrypt hash of a random password, used to equalise timing for unknown usernames.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export type SignInOutcome =
  | { readonly ok: true; readonly user: User }
  | { readonly ok: false; readonly status: 401 }
  | {
      readonly ok: false;
      readonly status: 429;
      readonly code: "rate_limited" | "account_locked";
      readonly waitMs: number;
      readonly message: string;
    };

export class SignInGuard {
  private readonly addressFailures = new FailureLedger({ windowMs: IP_WINDOW_MS, maxKeys: 100_000 });
  // Unknown usernames: kept a day, longer than the longest lock.
  private readonly unknownFailures = new FailureLedger({ windowMs: DAY_MS, maxKeys: 100_000 });

  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {}

  /**
   * Checks a username and password from `address`. `alternatives` are other spellings of the
   * same secret to accept (an access code typed in lower case); one attempt however many.
   */
  async verify(
    address: string,
    rawUsername: string,
    password: string,
    alternatives: readonly string[] = [],
  ): Promise<SignInOutcome> {
    const now = this.clock();
    const addressWait = addressRetryAfter(this.addressFailures, address, now);
    if (addressWait > 0)
      return {
        ok: false,
        status: 429,
        code: "rate_limited",
        waitMs: addressWait,
        message: "too many wrong passwords from your address",
      };
    const username = normaliseUsername(rawUsername);
    const found = await this.store.users.findByUsername(username);
    const lockedUntil =
      found === undefined
        ? unknownAccountLockedUntil(this.unknownFailures, username, now)
        : (found.lockedUntil?.getTime() ?? 0);
    if (lockedUntil > now)
      return {
        ok: false,
        status: 429,
        code: "account_locked",
        waitMs: lockedUntil - now,
        message: "too many wrong passwords for this account",
      };
    // Verify even for unknown users so that timing does not reveal which usernames exist.
    const hash = found?.passwordHash ?? DUMMY_HASH;
    let valid = await verifyPassword(password, hash);
    for (const other of alternatives)
      if (!valid && other !== password) valid = await verifyPassword(other, hash);
    if (!valid) {
      this.addressFailures.record(address, now);
      if (found === undefined) this.unknownFailures.record(username, now);
      else
        await this.store.users.recordFailedSignIn(found.user.id, (failures) => {
          const lock = lockDuration(failures);
          return lock === 0 ? null : new Date(now + lock);
        });
    }
    // A disabled account is refused with the same answer: nothing tells a guesser it exists.
    if (!found?.passwordHash || !valid || found.disabledAt !== null) return { ok: false, status: 401 };
    if (found.failedSignIns > 0 || found.lockedUntil !== null)
      await this.store.users.clearFailedSignIns(found.user.id);
    return { ok: true, user: found.user };
  }
}
