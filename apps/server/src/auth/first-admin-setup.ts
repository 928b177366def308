// The one-time setup link `serve` prints on a server without an administrator: whoever opens it
// (the operator, at the console's side) creates the first administrator. The token lives only in
// this process's memory, is compared by hash in constant time, and works once.
import { timingSafeEqual } from "node:crypto";
import { hashSecret, newSecret } from "./tokens.ts";

export class FirstAdminSetup {
  private readonly tokenHash: Buffer;
  private spent = false;

  private constructor(token: string) {
    this.tokenHash = Buffer.from(hashSecret(token), "hex");
  }

  /** A new setup with a random token; the token goes into the printed link and nowhere else. */
  static create(): { setup: FirstAdminSetup; token: string } {
    const token = newSecret("setup");
    return { setup: new FirstAdminSetup(token), token };
  }

  /** Whether `token` is this setup's, not yet used. */
  accepts(token: string): boolean {
    const given = Buffer.from(hashSecret(token), "hex");
    return !this.spent && timingSafeEqual(given, this.tokenHash);
  }

  spend(): void {
    this.spent = true;
  }
}
