import { fromBase64, toBase64 } from "./bytes.ts";
import { HASH_SIZE } from "./hash.ts";

/** C2SP tlog-checkpoint: origin, tree size and root hash, one per line, then optional extension lines. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly extensions: readonly string[];
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const extensions = checkpoint.extensions.map((line) => `${line}\n`).join("");
  return `${checkpoint.origin}\n${checkpoint.size}\n${toBase64(checkpoint.rootHash)}\n${extensions}`;
}

export function parseCheckpoint(text: string): Checkpoint | undefined {
  if (!text.endsWith("\n")) return undefined;
  const lines = text.slice(0, -1).split("\n");
  const [origin, sizeText, hashText, ...extensions] = lines;
  if (origin === undefined || origin === "" || sizeText === undefined || hashText === undefined)
    return undefined;
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) return undefined;
  const size = Number(sizeText);
  const rootHash = fromBase64(hashText);
  if (!Number.isSafeInteger(size) || rootHash === undefined || rootHash.length !== HASH_SIZE)
    return undefined;
  if (extensions.some((line) => line === "")) return undefined;
  return { origin, size, rootHash, extensions };
}
