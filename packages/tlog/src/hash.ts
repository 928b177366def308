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
  const host = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  const crypto = host.process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
  const join = (parts: readonly Uint8Array[]) =>
    parts.length === 1 ? (parts[0] ?? new Uint8Array(0)) : concatBytes(...parts);
  if (crypto?.hash === undefined) return (...parts) => pureSha256(join(parts));
  const hash = crypto.hash;
  return (...parts) => {
    const digest = hash("sha256", join(parts), "buffer");
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  };
})();

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
