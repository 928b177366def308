import { equalBytes } from "./bytes.ts";
import { EMPTY_TREE_HASH, nodeHash } from "./hash.ts";

/**
 * Every complete subtree hash of a tree held in memory, level by level, so that any RFC 6962
 * subtree hash, inclusion proof or consistency proof costs O(log n) lookups.
 */
export class MerkleTree {
  private readonly levels: Uint8Array[][];

  constructor(leafHashes: readonly Uint8Array[]) {
    this.levels = [[...leafHashes]];
    for (let level = this.levels[0]; level !== undefined && level.length > 1; ) {
      const next: Uint8Array[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(at(level, i), at(level, i + 1)));
      this.levels.push(next);
      level = next;
    }
  }

  get size(): number {
    return this.levels[0]?.length ?? 0;
  }

  /** Hash of the complete subtree at `level` number `index` (covering 2^level leaves). */
  node(level: number, index: number): Uint8Array {
    const row = this.levels[level];
    if (row === undefined) throw new Error(`no level ${level}`);
    return at(row, index);
  }

  /** MTH(D[lo:hi]) of RFC 6962 section 2.1. */
  hash(lo = 0, hi = this.size): Uint8Array {
    const n = hi - lo;
    if (n === 0) return EMPTY_TREE_HASH;
    if (isPowerOfTwo(n) && lo % n === 0) return this.node(Math.log2(n), lo / n);
    const k = largestPowerOfTwoBelow(n);
    return nodeHash(this.hash(lo, lo + k), this.hash(lo + k, hi));
  }

  /** PATH(m, D[0:size]) of RFC 6962 section 2.1.1. */
  inclusionProof(index: number, size = this.size): Uint8Array[] {
    if (index < 0 || index >= size || size > this.size)
      throw new Error(`no leaf ${index} in a tree of ${size}`);
    const path = (m: number, lo: number, hi: number): Uint8Array[] => {
      const n = hi - lo;
      if (n === 1) return [];
      const k = largestPowerOfTwoBelow(n);
      return m < k
        ? [...path(m, lo, lo + k), this.hash(lo + k, hi)]
        : [...path(m - k, lo + k, hi), this.hash(lo, lo + k)];
    };
    return path(index, 0, size);
  }

  /** PROOF(m, D[0:n]) of RFC 6962 section 2.1.2: the tree of size m is a prefix of the tree of size n. */
  consistencyProof(m: number, n = this.size): Uint8Array[] {
    if (m < 0 || m > n || n > this.size) throw new Error(`no consistency proof from ${m} to ${n}`);
    if (m === 0 || m === n) return [];
    const subproof = (mm: number, lo: number, hi: number, complete: boolean): Uint8Array[] => {
      const size = hi - lo;
      if (mm === size) return complete ? [] : [this.hash(lo, hi)];
      const k = largestPowerOfTwoBelow(size);
      return mm <= k
        ? [...subproof(mm, lo, lo + k, complete), this.hash(lo + k, hi)]
        : [...subproof(mm - k, lo + k, hi, false), this.hash(lo, lo + k)];
    };
    return subproof(m, 0, n, true);
  }
}

/** RFC 9162 section 2.1.3.2: does `proof` show leaf `index` with `leaf` in the tree of `size` and `root`? */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

/** RFC 9162 section 2.1.4.2: is the tree (first, firstRoot) a prefix of the tree (second, secondRoot)? */
export function verifyConsistency(
  first: number,
  firstRoot: Uint8Array,
  second: number,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && equalBytes(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = at(path, 0);
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range`);
  return item;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
