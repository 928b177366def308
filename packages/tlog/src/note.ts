import { ed25519 } from "@noble/curves/ed25519.js";
import { concatBytes, equalBytes, fromBase64, toBase64, toHex, utf8 } from "./bytes.ts";
import { sha256Bytes } from "./hash.ts";

/**
 * C2SP signed-note: a UTF-8 text, a blank line, and signature lines `— <name> base64(keyID || sig)`.
 * The key ID is the first 4 bytes of SHA-256(name || "\n" || algorithm || public key), so a verifier
 * picks its own line and ignores the others (witnesses' cosignatures).
 */
export const ALG_ED25519 = 0x01;
export const ALG_COSIGNATURE_V1 = 0x04;

export interface VerifierKey {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly algorithm: number;
  readonly publicKey: Uint8Array;
}

export interface SignerKey extends VerifierKey {
  readonly seed: Uint8Array;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Uint8Array;
  /** The signature bytes after the key ID. */
  readonly signature: Uint8Array;
  readonly line: string;
}

export interface Note {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export function validKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

export function keyId(name: string, algorithm: number, publicKey: Uint8Array): Uint8Array {
  return sha256Bytes(concatBytes(utf8(`${name}\n`), new Uint8Array([algorithm]), publicKey)).slice(0, 4);
}

/** A new Ed25519 key pair for `name` (the log's origin or a witness's name). */
export function generateSignerKey(name: string, algorithm = ALG_ED25519): SignerKey {
  return signerFromSeed(name, ed25519.utils.randomSecretKey(), algorithm);
}

export function signerFromSeed(name: string, seed: Uint8Array, algorithm = ALG_ED25519): SignerKey {
  if (!validKeyName(name)) throw new Error(`invalid key name "${name}"`);
  const publicKey = ed25519.getPublicKey(seed);
  return { name, seed, algorithm, publicKey, keyId: keyId(name, algorithm, publicKey) };
}

/** `<name>+<hex key id>+<base64(algorithm || public key)>`, as Go's note.NewVerifier reads it. */
export function encodeVerifierKey(key: VerifierKey): string {
  return `${key.name}+${toHex(key.keyId)}+${toBase64(concatBytes(new Uint8Array([key.algorithm]), key.publicKey))}`;
}

/** `PRIVATE+KEY+<name>+<hex key id>+<base64(algorithm || seed)>`, as Go's note.NewSigner reads it. */
export function encodeSignerKey(key: SignerKey): string {
  return `PRIVATE+KEY+${key.name}+${toHex(key.keyId)}+${toBase64(concatBytes(new Uint8Array([key.algorithm]), key.seed))}`;
}

export function parseVerifierKey(text: string): VerifierKey | undefined {
  const [name, idHex, keyText] = splitKey(text.trim(), 3);
  if (name === undefined || idHex === undefined || keyText === undefined || !validKeyName(name))
    return undefined;
  const decoded = fromBase64(keyText);
  if (decoded === undefined || decoded.length !== 33) return undefined;
  const algorithm = decoded[0] ?? -1;
  if (algorithm !== ALG_ED25519 && algorithm !== ALG_COSIGNATURE_V1) return undefined;
  const publicKey = decoded.slice(1);
  const id = keyId(name, algorithm, publicKey);
  if (toHex(id) !== idHex.toLowerCase() || !/^[0-9a-f]{8}$/i.test(idHex)) return undefined;
  return { name, keyId: id, algorithm, publicKey };
}

export function parseSignerKey(text: string): SignerKey | undefined {
  const [prefix, kind, name, idHex, keyText] = splitKey(text.trim(), 5);
  if (prefix !== "PRIVATE" || kind !== "KEY") return undefined;
  if (name === undefined || idHex === undefined || keyText === undefined || !validKeyName(name))
    return undefined;
  const decoded = fromBase64(keyText);
  if (decoded === undefined || decoded.length !== 33) return undefined;
  const algorithm = decoded[0] ?? -1;
  if (algorithm !== ALG_ED25519 && algorithm !== ALG_COSIGNATURE_V1) return undefined;
  const signer = signerFromSeed(name, decoded.slice(1), algorithm);
  return toHex(signer.keyId) === idHex.toLowerCase() ? signer : undefined;
}

/** Splits at the first `count - 1` plus signs: the last part is base64, which may contain "+". */
function splitKey(text: string, count: number): (string | undefined)[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < count - 1) {
    const at = rest.indexOf("+");
    if (at < 0) return [];
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}

export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, seed);
}

export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

export function signatureLine(name: string, id: Uint8Array, signature: Uint8Array): string {
  return `— ${name} ${toBase64(concatBytes(id, signature))}\n`;
}

/** Signs `text` (which must end in a newline) as a note with one Ed25519 signature. */
export function signNote(text: string, signer: SignerKey): string {
  if (!text.endsWith("\n")) throw new Error("a note's text ends with a newline");
  if (signer.algorithm !== ALG_ED25519) throw new Error("notes are signed with an Ed25519 (0x01) key");
  const signature = ed25519Sign(signer.seed, utf8(text));
  return `${text}\n${signatureLine(signer.name, signer.keyId, signature)}`;
}

/** Splits a note into its text and signature lines; undefined when malformed. */
export function parseNote(note: string): Note | undefined {
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) return undefined;
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split("\n");
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const match = /^— (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (match === null) return undefined;
    const [, name, payloadText] = match;
    const payload = fromBase64(payloadText ?? "");
    if (name === undefined || payload === undefined || payload.length < 5) return undefined;
    signatures.push({ name, keyId: payload.slice(0, 4), signature: payload.slice(4), line: `${line}\n` });
  }
  if (signatures.length === 0) return undefined;
  return { text, signatures };
}

/** Verifies the note's signature by `key`; the note's text when valid. */
export function openNote(note: string, key: VerifierKey): string | undefined {
  const parsed = parseNote(note);
  if (parsed === undefined || key.algorithm !== ALG_ED25519) return undefined;
  const mine = parsed.signatures.find((s) => s.name === key.name && equalBytes(s.keyId, key.keyId));
  if (mine === undefined) return undefined;
  return ed25519Verify(key.publicKey, utf8(parsed.text), mine.signature) ? parsed.text : undefined;
}
