import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes } from "./bytes.ts";

/** RFC 6962 section 2.1 hashing: leaves and interior nodes are domain-separated by a prefix byte. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

export function sha256Bytes(data: Uint8Array): Uint8Array {
  return sha256(data);
}

export function leafHash(entry: Uint8Array): Uint8Array {
  return sha256(concatBytes(LEAF_PREFIX, entry));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(NODE_PREFIX, left, right));
}

/** The hash of the empty tree: SHA-256 of the empty string. */
export const EMPTY_TREE_HASH = sha256(new Uint8Array(0));
