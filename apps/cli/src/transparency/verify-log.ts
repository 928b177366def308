import { type AuditProblem, auditRows } from "@scrutiny/domain";
import type { LogSnapshot } from "@scrutiny/store";
import {
  appendLeaves,
  type Checkpoint,
  decodeEntryBundle,
  decodeHashTile,
  EMPTY_FRONTIER,
  equalBytes,
  fromUtf8,
  leafHash,
  MerkleTree,
  openNote,
  packFrontier,
  parseCheckpoint,
  parseVerifierKey,
  TILE_HEIGHT,
  TILE_WIDTH,
  tilePath,
  toHex,
  utf8,
  type VerifierKey,
  verifyConsistency,
} from "@scrutiny/tlog";

/** One finding of `scrutiny verify`; `entry` is the log position it concerns, when there is one. */
export type Finding = AuditProblem;

export interface LogView {
  /** Where the view came from: "database" or the URL. */
  readonly source: string;
  readonly bodies: readonly string[];
  readonly tree: MerkleTree;
}

/**
 * The database's log: entries must be numbered 0..size-1, each stored leaf hash must be the hash
 * of its entry, the stored tile hashes and right edge must be those the entries give, and every
 * row must still match its entry (the audit). Findings are sorted, the first bad entry first.
 */
export function checkDatabase(snapshot: LogSnapshot): { view: LogView; findings: Finding[] } {
  const findings: Finding[] = [];
  const byIndex = new Map(snapshot.entries.map((entry) => [entry.index, entry]));
  for (const entry of snapshot.entries) {
    if (entry.index >= snapshot.size || entry.index < 0) {
      findings.push({
        entry: entry.index,
        subject: "entry",
        message: `lies beyond the log's size ${snapshot.size} (inserted)`,
      });
    }
  }
  const bodies: string[] = [];
  const leaves: Uint8Array[] = [];
  for (let index = 0; index < snapshot.size; index++) {
    const entry = byIndex.get(index);
    if (entry === undefined) {
      findings.push({ entry: index, subject: "entry", message: "is missing (deleted)" });
      bodies.push("");
      leaves.push(leafHash(new Uint8Array(0)));
      continue;
    }
    const leaf = leafHash(utf8(entry.body));
    if (toHex(leaf) !== entry.leafHash) {
      findings.push({
        entry: index,
        subject: "entry",
        message: "no longer hashes to its stored leaf hash (edited)",
      });
    }
    bodies.push(entry.body);
    leaves.push(leaf);
  }
  const { frontier, completed } = appendLeaves(EMPTY_FRONTIER, leaves);
  const storedNodes = new Map(snapshot.tileNodes.map((node) => [`${node.level}/${node.index}`, node.hash]));
  for (const node of completed) {
    if (node.level === 0 || node.level % TILE_HEIGHT !== 0) continue;
    if (storedNodes.get(`${node.level}/${node.index}`) !== toHex(node.hash)) {
      const first = node.index * 2 ** node.level;
      findings.push({
        entry: first,
        subject: "entries",
        message: `${first}..${first + 2 ** node.level - 1} no longer hash to the stored level-${node.level} hash (rewritten)`,
      });
    }
  }
  if (toHex(packFrontier(frontier)) !== snapshot.frontier) {
    findings.push({
      entry: undefined,
      subject: "tree",
      message: "the entries no longer give the tree head the log stored",
    });
  }
  findings.push(...auditRows(snapshot.entries, snapshot.rows));
  return {
    view: { source: "database", bodies, tree: new MerkleTree(leaves) },
    findings: sortFindings(findings),
  };
}

/** Fetches the served log (checkpoint, key, entry bundles, hash tiles) and checks it. */
export async function checkServed(
  baseUrl: string,
  trustedKey: VerifierKey | undefined,
): Promise<{ view: LogView; checkpoint: Checkpoint; note: string; key: VerifierKey; findings: Finding[] }> {
  const base = baseUrl.replace(/\/+$/, "");
  const fetchBytes = async (path: string): Promise<Uint8Array> => {
    const response = await fetch(`${base}/${path}`);
    if (!response.ok) throw new Error(`GET ${base}/${path} answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const key = trustedKey ?? parseVerifierKey(fromUtf8(await fetchBytes("key")));
  if (key === undefined) throw new Error(`${base}/key is not a note verifier key`);
  const note = fromUtf8(await fetchBytes("checkpoint"));
  const text = openNote(note, key);
  if (text === undefined) throw new Error(`the checkpoint is not signed by ${key.name}'s key`);
  const checkpoint = parseCheckpoint(text);
  if (checkpoint === undefined) throw new Error("the signed checkpoint is malformed");
  if (checkpoint.origin !== key.name)
    throw new Error(`the checkpoint's origin ${checkpoint.origin} is not ${key.name}`);
  const findings: Finding[] = [];
  const bodies: string[] = [];
  for (let index = 0; index * TILE_WIDTH < checkpoint.size; index++) {
    const width = Math.min(TILE_WIDTH, checkpoint.size - index * TILE_WIDTH);
    const entries = decodeEntryBundle(await fetchBytes(tilePath({ level: -1, index, width })));
    if (entries === undefined || entries.length !== width)
      throw new Error(`entry bundle ${index} is malformed`);
    bodies.push(...entries.map((entry) => fromUtf8(entry)));
  }
  const tree = new MerkleTree(bodies.map((body) => leafHash(utf8(body))));
  if (!equalBytes(tree.hash(), checkpoint.rootHash)) {
    findings.push({
      entry: undefined,
      subject: "tree",
      message: "the served entries do not hash to the signed checkpoint's root",
    });
  }
  // Hash tiles must agree with the entries (a tiles client trusts them for proofs).
  for (let level = 0; TILE_WIDTH ** level <= checkpoint.size; level++) {
    const nodes = Math.floor(checkpoint.size / TILE_WIDTH ** level);
    for (let index = 0; index * TILE_WIDTH < nodes; index++) {
      const width = Math.min(TILE_WIDTH, nodes - index * TILE_WIDTH);
      const hashes = decodeHashTile(await fetchBytes(tilePath({ level, index, width }))) ?? [];
      const treeLevel = level * TILE_HEIGHT;
      const bad = hashes.findIndex(
        (hash, i) => !equalBytes(hash, tree.node(treeLevel, index * TILE_WIDTH + i)),
      );
      if (bad >= 0 || hashes.length !== width) {
        const first = (index * TILE_WIDTH + Math.max(bad, 0)) * 2 ** treeLevel;
        findings.push({
          entry: first,
          subject: "tile",
          message: `tile/${level}/${index} disagrees with the entries`,
        });
      }
    }
  }
  return { view: { source: base, bodies, tree }, checkpoint, note, key, findings: sortFindings(findings) };
}

/** The first position where two views of the log differ. */
export function compareViews(a: LogView, b: LogView): Finding[] {
  const length = Math.max(a.bodies.length, b.bodies.length);
  for (let index = 0; index < length; index++) {
    if (a.bodies[index] !== b.bodies[index]) {
      return [{ entry: index, subject: "entry", message: `differs between ${a.source} and ${b.source}` }];
    }
  }
  return [];
}

/**
 * `--since`: a checkpoint saved earlier must be a prefix of today's tree, shown by an RFC 6962
 * consistency proof computed from today's tree and checked against both roots.
 */
export function checkSince(savedNote: string, key: VerifierKey, today: LogView): Finding[] {
  const text = openNote(savedNote, key);
  if (text === undefined)
    return [{ entry: undefined, subject: "saved checkpoint", message: `is not signed by ${key.name}'s key` }];
  const saved = parseCheckpoint(text);
  if (saved === undefined)
    return [{ entry: undefined, subject: "saved checkpoint", message: "is malformed" }];
  const size = today.tree.size;
  if (saved.size > size) {
    return [
      {
        entry: size,
        subject: "log",
        message: `has ${size} entries but a checkpoint of ${saved.size} was signed (entries removed)`,
      },
    ];
  }
  const proof = today.tree.consistencyProof(saved.size, size);
  if (verifyConsistency(saved.size, saved.rootHash, size, today.tree.hash(), proof)) return [];
  return [
    {
      entry: undefined,
      subject: "history",
      message: `the checkpoint of size ${saved.size} saved earlier is not a prefix of today's log of ${size}: entries before ${saved.size} were rewritten`,
    },
  ];
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => (a.entry ?? Number.POSITIVE_INFINITY) - (b.entry ?? Number.POSITIVE_INFINITY),
  );
}

export function describeFinding(finding: Finding): string {
  return finding.entry === undefined
    ? `${finding.subject} ${finding.message}`
    : `entry ${finding.entry}: ${finding.subject} ${finding.message}`;
}
