import type { TokenScope } from "@scrutiny/contract";
import type { User } from "@scrutiny/domain";

/** What a request is authenticated by: a browser session (cookie) or a bearer token. */
export interface Credential {
  readonly user: User;
  readonly via: "session" | "token";
  /** Sessions may do whatever their user may (`all`); tokens what they were created for. */
  readonly scope: TokenScope;
  /** When the credential stops working (ms since the epoch), when it says. */
  readonly expiresAt?: number;
}
