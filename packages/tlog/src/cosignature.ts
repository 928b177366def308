import { concatBytes, equalBytes, utf8 } from "./bytes.ts";
import {
  ALG_COSIGNATURE_V1,
  ed25519Sign,
  ed25519Verify,
  type NoteSignature,
  parseNote,
  type SignerKey,
  signatureLine,
  type VerifierKey,
} from "./note.ts";

/**
 * C2SP tlog-cosignature v1: a witness signs "cosignature/v1\ntime <t>\n" followed by the checkpoint
 * text, and adds `— <name> base64(keyID || u64 time || signature)` to the note.
 */
function cosignedMessage(checkpointText: string, time: number): Uint8Array {
  return utf8(`cosignature/v1\ntime ${time}\n${checkpointText}`);
}

/** The cosignature line for `checkpointText` at `time` (POSIX seconds). */
export function cosign(checkpointText: string, witness: SignerKey, time: number): string {
  if (witness.algorithm !== ALG_COSIGNATURE_V1) throw new Error("witness keys use algorithm 0x04");
  const timestamp = new Uint8Array(8);
  new DataView(timestamp.buffer).setBigUint64(0, BigInt(time));
  const signature = ed25519Sign(witness.seed, cosignedMessage(checkpointText, time));
  return signatureLine(witness.name, witness.keyId, concatBytes(timestamp, signature));
}

/** Checks one signature line as `witness`'s cosignature of `checkpointText`; its time when valid. */
export function verifyCosignature(
  checkpointText: string,
  signature: NoteSignature,
  witness: VerifierKey,
): { time: number } | undefined {
  if (witness.algorithm !== ALG_COSIGNATURE_V1) return undefined;
  if (signature.name !== witness.name || !equalBytes(signature.keyId, witness.keyId)) return undefined;
  if (signature.signature.length !== 8 + 64) return undefined;
  const time = Number(
    new DataView(signature.signature.buffer, signature.signature.byteOffset).getBigUint64(0),
  );
  const valid = ed25519Verify(
    witness.publicKey,
    cosignedMessage(checkpointText, time),
    signature.signature.slice(8),
  );
  return valid ? { time } : undefined;
}

/** The first valid cosignature by `witness` in a note. */
export function findCosignature(
  note: string,
  witness: VerifierKey,
): { time: number; line: string } | undefined {
  const parsed = parseNote(note);
  if (parsed === undefined) return undefined;
  for (const signature of parsed.signatures) {
    const verified = verifyCosignature(parsed.text, signature, witness);
    if (verified) return { ...verified, line: signature.line };
  }
  return undefined;
}
