import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  encodeSignerKey,
  generateSignerKey,
  parseSignerKey,
  type SignerKey,
  validKeyName,
} from "@scrutiny/tlog";

export interface LogKeySource {
  /** The signer key itself (`PRIVATE+KEY+...`), e.g. from SCRUTINY_LOG_KEY. */
  readonly key?: string | undefined;
  /** A file holding the signer key; created with a new key when missing. */
  readonly file?: string | undefined;
  /** The log's origin (its key name) when a new key is generated. */
  readonly origin: string;
}

export type LogKeyOutcome =
  | { readonly ok: true; readonly signer: SignerKey; readonly generated: boolean }
  | { readonly ok: false; readonly message: string };

/**
 * The checkpoint signing key: given directly, read from a file, or generated on first start and
 * written to the file (mode 0600) so every later start signs with the same key.
 */
export function loadLogSigner(source: LogKeySource): LogKeyOutcome {
  if (source.key !== undefined && source.key !== "") {
    const signer = parseSignerKey(source.key);
    return signer
      ? { ok: true, signer, generated: false }
      : { ok: false, message: "SCRUTINY_LOG_KEY is not a note signer key (PRIVATE+KEY+<name>+<id>+<key>)" };
  }
  if (source.file === undefined) {
    if (!validKeyName(source.origin)) return { ok: false, message: `invalid log origin "${source.origin}"` };
    return { ok: true, signer: generateSignerKey(source.origin), generated: true };
  }
  if (existsSync(source.file)) {
    const signer = parseSignerKey(readFileSync(source.file, "utf8"));
    return signer
      ? { ok: true, signer, generated: false }
      : {
          ok: false,
          message: `${source.file} does not hold a note signer key (PRIVATE+KEY+<name>+<id>+<key>)`,
        };
  }
  if (!validKeyName(source.origin))
    return { ok: false, message: `invalid log origin "${source.origin}" (no spaces or +)` };
  const signer = generateSignerKey(source.origin);
  try {
    mkdirSync(dirname(source.file), { recursive: true });
    writeFileSync(source.file, `${encodeSignerKey(signer)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    return { ok: false, message: `cannot write the log key to ${source.file}: ${(error as Error).message}` };
  }
  return { ok: true, signer, generated: true };
}
