import { describe, expect, it } from "vitest";
import {
  ALG_COSIGNATURE_V1,
  appendLeaves,
  cosign,
  decodeEntryBundle,
  EMPTY_FRONTIER,
  encodeEntryBundle,
  encodeTileIndex,
  encodeVerifierKey,
  type Frontier,
  findCosignature,
  formatCheckpoint,
  fromHex,
  frontierRoot,
  generateSignerKey,
  leafHash,
  leafHashOfText,
  MerkleTree,
  nodeHash,
  openNote,
  packFrontier,
  parseCheckpoint,
  parseSignerKey,
  parseTilePath,
  parseVerifierKey,
  pureSha256Bytes,
  sha256Bytes,
  signNote,
  tilePath,
  tileWidth,
  toHex,
  treeHashFromStored,
  unpackFrontier,
  utf8,
  verifyConsistency,
  verifyInclusion,
} from "../src/index.ts";

const leaves = Array.from({ length: 300 }, (_, i) => leafHash(utf8(`entry ${i}`)));

describe("RFC 6962 tree", () => {
  it("hashes with Node's native SHA-256 exactly as with the pure one browsers use", () => {
    for (let length = 0; length < 300; length += 7) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(toHex(sha256Bytes(data))).toBe(toHex(pureSha256Bytes(data)));
      expect(toHex(leafHash(data))).toBe(toHex(pureSha256Bytes(Uint8Array.of(0, ...data))));
      expect(toHex(nodeHash(data, data))).toBe(toHex(pureSha256Bytes(Uint8Array.of(1, ...data, ...data))));
    }
    // A log entry's body hashed as text (Node hashes the string itself): its UTF-8 bytes' leaf.
    for (const text of ["", "{}", '{"kind":"submission","index":7}', "Голосование \u{1F5F3} ok"]) {
      expect(toHex(leafHashOfText(text))).toBe(
        toHex(pureSha256Bytes(Uint8Array.of(0, ...new TextEncoder().encode(text)))),
      );
      expect(leafHashOfText(text)).toBeInstanceOf(Uint8Array);
    }
    expect(fromHex(toHex(Uint8Array.of(0, 9, 10, 15, 16, 255)))).toEqual(
      Uint8Array.of(0, 9, 10, 15, 16, 255),
    );
  });

  it("hashes the empty tree and a one-leaf tree as RFC 6962 defines", () => {
    expect(toHex(new MerkleTree([]).hash())).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    // RFC 6962 test vector: the leaf hash of the empty entry.
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    );
  });

  it("appending to the frontier gives the same root as hashing the whole tree, at every size", () => {
    let frontier: Frontier = EMPTY_FRONTIER;
    for (let n = 1; n <= leaves.length; n++) {
      frontier = appendLeaves(frontier, leaves.slice(n - 1, n)).frontier;
      expect(toHex(frontierRoot(frontier))).toBe(toHex(new MerkleTree(leaves.slice(0, n)).hash()));
    }
    const batch = appendLeaves(EMPTY_FRONTIER, leaves);
    expect(toHex(frontierRoot(batch.frontier))).toBe(toHex(frontierRoot(frontier)));
    expect(unpackFrontier(300, packFrontier(batch.frontier)).hashes.map(toHex)).toEqual(
      batch.frontier.hashes.map(toHex),
    );
    // Every completed node is the tree's own node at that level and index.
    const tree = new MerkleTree(leaves);
    for (const node of batch.completed)
      expect(toHex(node.hash)).toBe(toHex(tree.node(node.level, node.index)));
    expect(batch.completed.filter((node) => node.level === 8)).toHaveLength(1);
  });

  it("proves inclusion of every leaf and rejects a wrong leaf, index or root", () => {
    const tree = new MerkleTree(leaves.slice(0, 37));
    const root = tree.hash();
    for (let i = 0; i < 37; i++) {
      const proof = tree.inclusionProof(i);
      expect(verifyInclusion(leaves[i] as Uint8Array, i, 37, proof, root)).toBe(true);
      expect(verifyInclusion(leaves[(i + 1) % 37] as Uint8Array, i, 37, proof, root)).toBe(false);
    }
    expect(verifyInclusion(leaves[3] as Uint8Array, 4, 37, tree.inclusionProof(3), root)).toBe(false);
    expect(
      verifyInclusion(leaves[3] as Uint8Array, 3, 37, tree.inclusionProof(3), leaves[0] as Uint8Array),
    ).toBe(false);
  });

  it("proves consistency between every pair of sizes and rejects a rewritten prefix", () => {
    const tree = new MerkleTree(leaves.slice(0, 40));
    for (let m = 1; m <= 40; m++) {
      for (const n of [m, m + 1, 40]) {
        if (n > 40) continue;
        const proof = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, tree.hash(0, m), n, tree.hash(0, n), proof)).toBe(true);
      }
    }
    const rewritten = new MerkleTree([leafHash(utf8("forged")), ...leaves.slice(1, 40)]);
    expect(verifyConsistency(7, rewritten.hash(0, 7), 40, tree.hash(), tree.consistencyProof(7, 40))).toBe(
      false,
    );
    expect(verifyConsistency(7, tree.hash(0, 7), 40, rewritten.hash(), tree.consistencyProof(7, 40))).toBe(
      false,
    );
  });
});

describe("C2SP tlog-tiles", () => {
  it("names tiles as the spec's examples", () => {
    expect(encodeTileIndex(1234067)).toBe("x001/x234/067");
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe("tile/0/x001/x234/067");
    expect(tilePath({ level: 1, index: 5, width: 20 })).toBe("tile/1/005.p/20");
    expect(tilePath({ level: -1, index: 0, width: 3 })).toBe("tile/entries/000.p/3");
    expect(parseTilePath("entries/x001/x234/067.p/8")).toEqual({ level: -1, index: 1234067, width: 8 });
    expect(parseTilePath("0/005")).toEqual({ level: 0, index: 5, width: 256 });
    for (const bad of ["0/5", "0/x000/005", "0/005.p/256", "0/005.p/0", "a/005", "0/005/"]) {
      expect(parseTilePath(bad)).toBeUndefined();
    }
  });

  it("sizes partial tiles at the right edge", () => {
    expect(tileWidth(300, 0, 0)).toBe(256);
    expect(tileWidth(300, 0, 1)).toBe(44);
    expect(tileWidth(300, 0, 2)).toBe(0);
    expect(tileWidth(300, 1, 0)).toBe(1);
    expect(tileWidth(255, 1, 0)).toBe(0);
  });

  it("round-trips entry bundles", () => {
    const entries = [utf8("a"), new Uint8Array(0), utf8("é".repeat(300))];
    expect(decodeEntryBundle(encodeEntryBundle(entries))).toEqual(entries);
    expect(decodeEntryBundle(new Uint8Array([0, 5, 1]))).toBeUndefined();
  });
});

describe("C2SP signed notes, checkpoints and cosignatures", () => {
  it("reads Go's example keys and verifies Go's example signature", () => {
    const signer = parseSignerKey(
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
    );
    expect(signer).toBeDefined();
    if (signer === undefined) return;
    expect(encodeVerifierKey(signer)).toBe(
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    );
    const text =
      "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    const note = signNote(text, signer);
    expect(note).toBe(
      `${text}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    );
    const verifier = parseVerifierKey(encodeVerifierKey(signer));
    expect(verifier && openNote(note, verifier)).toBe(text);
    expect(verifier && openNote(note.replace("problem,", "problem;"), verifier)).toBeUndefined();
  });

  it("formats and parses checkpoints, and witnesses cosign them", () => {
    const log = generateSignerKey("example.org/log");
    const text = formatCheckpoint({
      origin: "example.org/log",
      size: 40,
      rootHash: new MerkleTree(leaves.slice(0, 40)).hash(),
      extensions: [],
    });
    expect(parseCheckpoint(text)?.size).toBe(40);
    expect(parseCheckpoint("example.org/log\n040\nAAAA\n")).toBeUndefined();
    const witness = generateSignerKey("witness.example/w1", ALG_COSIGNATURE_V1);
    const note = signNote(text, log) + cosign(text, witness, 1_700_000_000);
    const witnessKey = parseVerifierKey(encodeVerifierKey(witness));
    expect(witnessKey && findCosignature(note, witnessKey)?.time).toBe(1_700_000_000);
    const logKey = parseVerifierKey(encodeVerifierKey(log));
    expect(logKey && openNote(note, logKey)).toBe(text);
    const other = generateSignerKey("witness.example/w1", ALG_COSIGNATURE_V1);
    const otherKey = parseVerifierKey(encodeVerifierKey(other));
    expect(otherKey && findCosignature(note, otherKey)).toBeUndefined();
  });
});

describe("roots of earlier sizes from stored tile levels", () => {
  it("equals the full tree's prefix hash at every size", async () => {
    const many = Array.from({ length: 600 }, (_, i) => leafHash(utf8(`e${i}`)));
    const tree = new MerkleTree(many);
    const { completed } = appendLeaves(EMPTY_FRONTIER, many);
    const stored = new Map<string, Uint8Array>();
    for (const node of completed)
      if (node.level % 8 === 0) stored.set(`${node.level}/${node.index}`, node.hash);
    const read = async (level: number, from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => stored.get(`${level}/${from + i}`)).filter(
        (h): h is Uint8Array => h !== undefined,
      );
    for (const size of [0, 1, 2, 3, 255, 256, 257, 511, 512, 513, 600]) {
      expect(toHex(await treeHashFromStored(size, read))).toBe(toHex(tree.hash(0, size)));
    }
  });
});
