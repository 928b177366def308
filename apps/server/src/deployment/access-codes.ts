// Access codes for the observers' phone app: 16 characters of Crockford base32 (80 random bits),
// grouped for reading aloud over the phone. The users row stores only the scrypt hash.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newAccessCode(): string {
  const bytes = randomBytes(16);
  let code = "";
  for (let i = 0; i < 16; i++) code += ALPHABET[(bytes[i] ?? 0) % 32];
  return code.match(/.{4}/g)?.join("-") ?? code;
}

/** `<mission code>-<observer code>`, lower case, as usernames allow. */
export function observerUsername(missionCode: string, observerCode: string): string {
  const mission = missionCode
    .toLowerCase()
    .replace(/[^a-z0-9._@-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${mission || "mission"}-${observerCode}`.slice(0, 64);
}
