import { encodeLogEntry, type LogEntry, logEntrySubject } from "@scrutiny/domain";
import {
  appendLeaves,
  type Frontier,
  fromHex,
  frontierRoot,
  leafHashOfText,
  packFrontier,
  TILE_HEIGHT,
  toHex,
  unpackFrontier,
} from "@scrutiny/tlog";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../database.ts";

export interface LogHead {
  readonly size: number;
  readonly rootHash: Uint8Array;
}

export interface StoredLogEntry {
  readonly index: number;
  readonly body: string;
  readonly leafHash: string;
}

export interface StoredCosignature {
  readonly witnessKey: string;
  readonly witnessName: string;
  readonly size: number;
  readonly rootHash: string;
  readonly signedAt: string;
  readonly signatureLine: string;
}

/**
 * Appends entries to the transparency log. Call it with the transaction that makes the change the
 * entries record: the head row is locked until that transaction ends, so entries are numbered in
 * commit order and a rolled-back change leaves no entry. One read and one write, whatever the size.
 * Returns the head it wrote (the caller may remember it as a `LogHeadHint` once committed).
 */
export async function appendToLog(db: Database, entries: readonly LogEntry[]): Promise<Frontier | undefined> {
  let head: Frontier | undefined;
  // Bulk loads (the demo, imports) append in chunks so that one statement stays a few MB.
  for (let from = 0; from < entries.length; from += APPEND_CHUNK) {
    head = await appendChunk(db, entries.slice(from, from + APPEND_CHUNK));
  }
  return head;
}

const APPEND_CHUNK = 5000;

/** What appending some entries after a given head writes: rows and the head after them. Pure. */
export interface PlannedAppend {
  /** As JSON text for `jsonb_to_recordset`: index, kind, subject, body, leaf (hex). */
  readonly entryRows: string;
  /** As JSON text: level, index, hash (hex) of the subtrees that became complete at stored levels. */
  readonly nodeRows: string;
  readonly next: Frontier;
}

export function planAppend(frontier: Frontier, entries: readonly LogEntry[]): PlannedAppend {
  const size = frontier.size;
  const bodies = entries.map((entry, i) => encodeLogEntry(size + i, entry));
  const leaves = bodies.map(leafHashOfText);
  const appended = appendLeaves(frontier, leaves);
  const entryRows = entries.map((entry, i) => ({
    index: size + i,
    kind: entry.kind,
    subject: logEntrySubject(entry),
    body: bodies[i],
    leaf: toHex(leaves[i] ?? new Uint8Array(0)),
  }));
  const nodeRows = appended.completed
    .filter((node) => node.level > 0 && node.level % TILE_HEIGHT === 0)
    .map((node) => ({ level: node.level, index: node.index, hash: toHex(node.hash) }));
  return {
    entryRows: JSON.stringify(entryRows),
    nodeRows: JSON.stringify(nodeRows),
    next: appended.frontier,
  };
}

/** The rows of a planned append, as statements of a `with` (they insert nothing unless `condition`). */
export function insertPlannedRows(planned: PlannedAppend, condition: SQL = sql`true`): SQL {
  return sql`new_entries as (
      insert into log_entries (index, kind, subject, body, leaf_hash)
      select index, kind, subject, body, decode(leaf, 'hex')
      from jsonb_to_recordset(${planned.entryRows}::jsonb)
        as r(index bigint, kind text, subject text, body text, leaf text)
      where ${condition}
    ), new_nodes as (
      insert into log_tile_nodes (level, index, hash)
      select level, index, decode(hash, 'hex')
      from jsonb_to_recordset(${planned.nodeRows}::jsonb) as r(level smallint, index bigint, hash text)
      where ${condition}
    )`;
}

async function appendChunk(db: Database, entries: readonly LogEntry[]): Promise<Frontier> {
  const [head] = rowsOf<{ size: string | number; frontier: string }>(
    await db.execute(
      sql`select size, encode(frontier, 'hex') as frontier from log_head where id = 1 for update`,
    ),
  );
  if (head === undefined) throw new Error("the transparency log has no head row (migrations not run?)");
  const frontier = unpackFrontier(Number(head.size), fromHex(head.frontier) ?? new Uint8Array(0));
  const planned = planAppend(frontier, entries);
  await db.execute(sql`
    with ${insertPlannedRows(planned)}
    update log_head set size = ${planned.next.size}, frontier = decode(${toHex(packFrontier(planned.next))}, 'hex')
    where id = 1`);
  return planned.next;
}

/**
 * The log head this process last wrote, so that ingestion can number its entries without reading
 * the head row first. Only a hint: the statement that uses it updates the head only where the row
 * still holds exactly this size and frontier (another process, a CLI import, a restore or a
 * rolled-back commit may have moved it), and the caller falls back to reading the row under lock.
 * A wrong hint therefore costs one extra statement, never a wrong log.
 */
export class LogHeadHint {
  private frontier: Frontier | undefined;
  private turn: Promise<void> = Promise.resolve();

  /**
   * Runs `work` (planning after the hint and the statement that writes the head) after the work
   * of every earlier caller has returned: two commits in flight then reach the head row in the
   * order they numbered their entries, the second waiting on the first's lock until it commits.
   * Raced, the second one would often find the row before the first's update and fall back.
   */
  async inTurn<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.turn;
    let release = () => {};
    this.turn = new Promise((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      return await work();
    } finally {
      release();
    }
  }

  /** The head to append after, if known; the caller then announces the head it will write. */
  current(): Frontier | undefined {
    return this.frontier;
  }

  /** The head after a statement in flight (a second commit may chain after it) or after a commit. */
  set(frontier: Frontier): void {
    this.frontier = frontier;
  }

  /** After a failed commit: the next append reads the row. */
  forget(): void {
    this.frontier = undefined;
  }
}

/** The entry of a newly stored submission: its id, mission and content hash. */
export function submissionLogEntry(row: {
  readonly id: string;
  readonly missionId: string;
  readonly contentHash: string;
}): LogEntry {
  return { kind: "submission", id: row.id, mission: row.missionId, contentHash: row.contentHash };
}

/** A grant or revocation of a role (the account's id, never its name). */
export function permissionLogEntry(
  user: { readonly id: string; readonly role: string; readonly missionId: string | null },
  change: "granted" | "revoked",
): LogEntry {
  return { kind: "permission", user: user.id, role: user.role, mission: user.missionId, change };
}

/** Reads of the log for serving tiles and for auditing. */
export class TransparencyLogRepository {
  constructor(private readonly db: Database) {}

  /** Appends in a transaction of its own (or a savepoint of the caller's). */
  async append(entries: readonly LogEntry[]): Promise<void> {
    await this.db.transaction(async (tx) => appendToLog(tx as unknown as Database, entries));
  }

  async head(): Promise<LogHead> {
    const frontier = await this.frontier();
    return { size: frontier.size, rootHash: frontierRoot(frontier) };
  }

  async frontier(): Promise<Frontier> {
    const [head] = rowsOf<{ size: string | number; frontier: string }>(
      await this.db.execute(sql`select size, encode(frontier, 'hex') as frontier from log_head where id = 1`),
    );
    if (head === undefined) throw new Error("the transparency log has no head row");
    return unpackFrontier(Number(head.size), fromHex(head.frontier) ?? new Uint8Array(0));
  }

  /** Entries with index in [from, to), in order. */
  async entries(from: number, to: number): Promise<StoredLogEntry[]> {
    const rows = rowsOf<{ index: string | number; body: string; leaf: string }>(
      await this.db.execute(sql`select index, body, encode(leaf_hash, 'hex') as leaf from log_entries
        where index >= ${from} and index < ${to} order by index`),
    );
    return rows.map((row) => ({ index: Number(row.index), body: row.body, leafHash: row.leaf }));
  }

  /** Leaf hashes with index in [from, to), back to back (a level-0 hash tile). */
  async leafHashes(from: number, to: number): Promise<Uint8Array> {
    const entries = await this.entries(from, to);
    return concatHex(entries.map((entry) => entry.leafHash));
  }

  /** Stored hashes of tree level `level` (a multiple of 8) with index in [from, to), back to back. */
  async nodeHashes(level: number, from: number, to: number): Promise<Uint8Array> {
    const rows = rowsOf<{ hash: string }>(
      await this.db.execute(sql`select encode(hash, 'hex') as hash from log_tile_nodes
        where level = ${level} and index >= ${from} and index < ${to} order by index`),
    );
    return concatHex(rows.map((row) => row.hash));
  }

  /** Keeps a witness's latest cosignature (a larger tree replaces a smaller one). */
  async saveCosignature(cosignature: StoredCosignature): Promise<void> {
    await this.db.execute(sql`
      insert into log_cosignatures (witness_key, witness_name, size, root_hash, signed_at, signature_line)
      values (${cosignature.witnessKey}, ${cosignature.witnessName}, ${cosignature.size},
        decode(${cosignature.rootHash}, 'hex'), ${cosignature.signedAt}, ${cosignature.signatureLine})
      on conflict (witness_key) do update set witness_name = excluded.witness_name, size = excluded.size,
        root_hash = excluded.root_hash, signed_at = excluded.signed_at, signature_line = excluded.signature_line,
        received_at = now()
      where log_cosignatures.size <= excluded.size`);
  }

  async cosignatures(): Promise<StoredCosignature[]> {
    const rows = rowsOf<{
      witnessKey: string;
      witnessName: string;
      size: string | number;
      rootHash: string;
      signedAt: string | Date;
      signatureLine: string;
    }>(
      await this.db.execute(sql`select witness_key as "witnessKey", witness_name as "witnessName", size,
        encode(root_hash, 'hex') as "rootHash", signed_at as "signedAt", signature_line as "signatureLine"
        from log_cosignatures order by witness_name, witness_key`),
    );
    return rows.map((row) => ({
      ...row,
      size: Number(row.size),
      signedAt: new Date(row.signedAt).toISOString(),
    }));
  }

  async cosignatureCount(): Promise<number> {
    const [row] = rowsOf<{ n: string | number }>(
      await this.db.execute(sql`select count(*) as n from log_cosignatures`),
    );
    return Number(row?.n ?? 0);
  }
}

function concatHex(hashes: readonly string[]): Uint8Array {
  return fromHex(hashes.join("")) ?? new Uint8Array(0);
}

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
