import { EMPTY_TREE_HASH, nodeHash } from "./hash.ts";
import { TILE_HEIGHT } from "./tiles.ts";

/** Reads stored hashes of tree level `level` (a multiple of 8) with index in [from, to). */
export type StoredHashReader = (level: number, from: number, to: number) => Promise<Uint8Array[]>;

/**
 * The root of the tree's first `size` leaves from the hashes a tiled log stores (levels 0, 8,
 * 16, ...): each complete subtree of the prefix is folded from at most 128 stored hashes. Used to
 * check a cosignature or saved checkpoint of an earlier size.
 */
export async function treeHashFromStored(size: number, read: StoredHashReader): Promise<Uint8Array> {
  if (size === 0) return EMPTY_TREE_HASH;
  const subtrees: Uint8Array[] = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(size)); level >= 0; level--) {
    const width = 2 ** level;
    if (start + width > size) continue;
    subtrees.push(await completeSubtree(level, start / width, read));
    start += width;
  }
  let root = subtrees[subtrees.length - 1] ?? EMPTY_TREE_HASH;
  for (let i = subtrees.length - 2; i >= 0; i--) root = nodeHash(subtrees[i] ?? EMPTY_TREE_HASH, root);
  return root;
}

async function completeSubtree(level: number, index: number, read: StoredHashReader): Promise<Uint8Array> {
  const base = level - (level % TILE_HEIGHT);
  const span = 2 ** (level - base);
  let hashes = await read(base, index * span, (index + 1) * span);
  if (hashes.length !== span) throw new Error(`stored hashes missing at level ${base}`);
  while (hashes.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < hashes.length; i += 2)
      next.push(nodeHash(hashes[i] as Uint8Array, hashes[i + 1] as Uint8Array));
    hashes = next;
  }
  return hashes[0] as Uint8Array;
}
