import { EMPTY_TREE_HASH, HASH_SIZE, nodeHash } from "./hash.ts";

/**
 * The right edge of an append-only Merkle tree: the roots of its complete subtrees, largest first
 * (one per set bit of the size). Appending a leaf touches O(log n) of them and nothing else, so a
 * log keeps only this between appends and never rereads its old nodes.
 */
export interface Frontier {
  readonly size: number;
  /** Roots of the complete subtrees, from the leftmost (largest) to the rightmost (smallest). */
  readonly hashes: readonly Uint8Array[];
}

/** A subtree that became complete while appending: level k covers 2^k leaves from index * 2^k. */
export interface CompletedNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

export const EMPTY_FRONTIER: Frontier = { size: 0, hashes: [] };

/** Appends leaf hashes; returns the new frontier and every subtree that became complete (leaves included). */
export function appendLeaves(
  frontier: Frontier,
  leaves: readonly Uint8Array[],
): { frontier: Frontier; completed: CompletedNode[] } {
  const hashes = [...frontier.hashes];
  let size = frontier.size;
  const completed: CompletedNode[] = [];
  for (const leaf of leaves) {
    let hash = leaf;
    let level = 0;
    completed.push({ level, index: size, hash });
    size++;
    // Each trailing one bit of the old size is a complete subtree of that level to merge with.
    while (size % 2 ** (level + 1) === 0) {
      const left = hashes.pop();
      if (left === undefined) throw new Error("frontier shorter than its size implies");
      hash = nodeHash(left, hash);
      level++;
      completed.push({ level, index: size / 2 ** level - 1, hash });
    }
    hashes.push(hash);
  }
  return { frontier: { size, hashes }, completed };
}

/** The RFC 6962 tree hash of the tree the frontier describes. */
export function frontierRoot(frontier: Frontier): Uint8Array {
  const { hashes } = frontier;
  let root = hashes[hashes.length - 1];
  if (root === undefined) return EMPTY_TREE_HASH;
  for (let i = hashes.length - 2; i >= 0; i--) {
    const left = hashes[i];
    if (left === undefined) throw new Error("frontier hole");
    root = nodeHash(left, root);
  }
  return root;
}

/** Packs the frontier's hashes back to back (its size says how many). */
export function packFrontier(frontier: Frontier): Uint8Array {
  const out = new Uint8Array(frontier.hashes.length * HASH_SIZE);
  frontier.hashes.forEach((hash, i) => {
    out.set(hash, i * HASH_SIZE);
  });
  return out;
}

export function unpackFrontier(size: number, packed: Uint8Array): Frontier {
  const count = popCount(size);
  if (packed.length !== count * HASH_SIZE) {
    throw new Error(`frontier of size ${size} needs ${count} hashes, found ${packed.length / HASH_SIZE}`);
  }
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < count; i++) hashes.push(packed.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  return { size, hashes };
}

function popCount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}
