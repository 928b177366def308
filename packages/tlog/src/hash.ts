import { sha256 as pureSha256 } from "@noble/hashes/sha2.js";
import { concatBytes } from "./bytes.ts";

/** RFC 6962 section 2.1 hashing: leaves and interior nodes are domain-separated by a prefix byte. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

type NodeCrypto = typeof import("node:crypto");

/**
 * SHA-256 of the parts one after another. Where Node's crypto exists (the server, the CLI), its
 * native one-shot hash: several times faster than the pure-JavaScript one, and every stored report hashes a
 * leaf and about one interior node inside its commit. Elsewhere (a browser) @noble/hashes.
 */
const sha256Of: (...parts: readonly Uint8Array[]) => Uint8Array = (() => {
  const host = globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown };
    Buffer?: typeof import("node:buffer").Buffer;
  };
  const crypto = host.process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
  const NodeBuffer = host.Buffer;
  if (crypto?.hash === undefined || NodeBuffer === undefined)
    return (...parts) =>
      pureSha256(parts.length === 1 ? (parts[0] ?? new Uint8Array(0)) : concatBytes(...parts));
  const hash = crypto.hash;
  // Node: inputs joined and digests decoded into its pooled memory. A digest or a joined input
  // allocated as an array of its own costs more than hashing it (each has its own backing store).
  const join = (parts: readonly Uint8Array[]): Uint8Array => {
    if (parts.length === 1) return parts[0] ?? new Uint8Array(0);
    let length = 0;
    for (const part of parts) length += part.length;
    const joined = NodeBuffer.allocUnsafe(length);
    let offset = 0;
    for (const part of parts) {
      joined.set(part, offset);
      offset += part.length;
    }
    return joined;
  };
  return (...parts) => asBytes(NodeBuffer.from(hash("sha256", join(parts), "hex"), "hex"));
})();

/** RFC 6962 leaf hash of a text's UTF-8 bytes (a log entry's body). */
export const leafHashOfText: (text: string) => Uint8Array = (() => {
  const host = globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown };
    Buffer?: typeof import("node:buffer").Buffer;
  };
  const crypto = host.process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
  const NodeBuffer = host.Buffer;
  const encoder = new TextEncoder();
  if (crypto?.hash === undefined || NodeBuffer === undefined) return (text) => leafHash(encoder.encode(text));
  const hash = crypto.hash;
  // The prefix byte 0x00 is the UTF-8 of U+0000: the text is hashed as it is, not encoded first.
  return (text) => asBytes(NodeBuffer.from(hash("sha256", `\u0000${text}`, "hex"), "hex"));
})();

/** A plain Uint8Array view (not a Buffer: callers and tests compare them as such). */
function asBytes(view: Uint8Array): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export function sha256Bytes(data: Uint8Array): Uint8Array {
  return sha256Of(data);
}

export function leafHash(entry: Uint8Array): Uint8Array {
  return sha256Of(LEAF_PREFIX, entry);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256Of(NODE_PREFIX, left, right);
}

/** The hash of the empty tree: SHA-256 of the empty string. */
export const EMPTY_TREE_HASH = sha256Of(new Uint8Array(0));

/** The pure-JavaScript SHA-256, which browsers use: the tests hold the native one to it. */
export const pureSha256Bytes = (data: Uint8Array): Uint8Array => pureSha256(data);
