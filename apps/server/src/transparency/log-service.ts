import { err, ok, type Result } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import {
  ALG_COSIGNATURE_V1,
  encodeEntryBundle,
  encodeVerifierKey,
  equalBytes,
  findCosignature,
  formatCheckpoint,
  HASH_SIZE,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  type SignerKey,
  signNote,
  TILE_HEIGHT,
  TILE_WIDTH,
  type TileRef,
  tileWidth,
  toHex,
  treeHashFromStored,
  utf8,
} from "@scrutiny/tlog";

/** How many witnesses the log keeps cosignatures of (each is one row, replaced by its next). */
const MAX_WITNESSES = 64;

export interface SignedCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The checkpoint body (what is signed). */
  readonly text: string;
  /** The signed note, with the cosignatures witnesses sent for this very checkpoint. */
  readonly note: string;
}

export interface CosignatureProblem {
  readonly code: "invalid_witness_key" | "invalid_cosignature" | "unknown_checkpoint" | "too_many_witnesses";
  readonly message: string;
}

/** Serves the transparency log as C2SP tlog-tiles and keeps witnesses' cosignatures. */
export class TransparencyLogService {
  private cached:
    | { size: number; rootHex: string; cosignatures: number; checkpoint: SignedCheckpoint }
    | undefined;

  constructor(
    private readonly store: Store,
    private readonly signer: SignerKey,
  ) {}

  get origin(): string {
    return this.signer.name;
  }

  /** The log's public key in the note verifier-key format. */
  get verifierKey(): string {
    return encodeVerifierKey(this.signer);
  }

  async checkpoint(): Promise<SignedCheckpoint> {
    const [head, cosignatures] = await Promise.all([this.store.log.head(), this.store.log.cosignatures()]);
    const rootHex = toHex(head.rootHash);
    const matching = cosignatures.filter((c) => c.size === head.size && c.rootHash === rootHex);
    const cached = this.cached;
    if (
      cached &&
      cached.size === head.size &&
      cached.rootHex === rootHex &&
      cached.cosignatures === matching.length
    ) {
      return cached.checkpoint;
    }
    const text = formatCheckpoint({
      origin: this.origin,
      size: head.size,
      rootHash: head.rootHash,
      extensions: [],
    });
    const note = signNote(text, this.signer) + matching.map((c) => c.signatureLine).join("");
    const checkpoint = { size: head.size, rootHash: head.rootHash, text, note };
    this.cached = { size: head.size, rootHex, cosignatures: matching.length, checkpoint };
    return checkpoint;
  }

  /** The root hash of the log's first `size` entries (for earlier checkpoints). */
  rootAt(size: number): Promise<Uint8Array> {
    return treeHashFromStored(size, async (level, from, to) => {
      const packed =
        level === 0
          ? await this.store.log.leafHashes(from, to)
          : await this.store.log.nodeHashes(level, from, to);
      return Array.from({ length: packed.length / HASH_SIZE }, (_, i) =>
        packed.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE),
      );
    });
  }

  /**
   * The bytes of a tile, or undefined when it does not exist (yet). Any width up to what the log
   * holds is served: a partial tile is a prefix of the full one and never changes either.
   */
  async tile(tile: TileRef): Promise<Uint8Array | undefined> {
    const { size } = await this.store.log.head();
    if (tile.width > tileWidth(size, tile.level, tile.index)) return undefined;
    const from = tile.index * TILE_WIDTH;
    const to = from + tile.width;
    if (tile.level < 0) {
      const entries = await this.store.log.entries(from, to);
      return encodeEntryBundle(entries.map((entry) => utf8(entry.body)));
    }
    if (tile.level === 0) return this.store.log.leafHashes(from, to);
    return this.store.log.nodeHashes(tile.level * TILE_HEIGHT, from, to);
  }

  /**
   * Accepts a witness's cosignature (C2SP tlog-cosignature v1) of a checkpoint this log signed,
   * at its current or any earlier size; keeps the latest per witness key.
   */
  async acceptCosignature(
    witnessKey: string,
    note: string,
  ): Promise<Result<{ size: number }, CosignatureProblem>> {
    const key = parseVerifierKey(witnessKey);
    if (key === undefined || key.algorithm !== ALG_COSIGNATURE_V1) {
      return err({
        code: "invalid_witness_key",
        message: "witnessKey must be a note verifier key of type 0x04 (cosignature/v1)",
      });
    }
    const found = findCosignature(note, key);
    const parsed = parseNote(note);
    if (found === undefined || parsed === undefined) {
      return err({
        code: "invalid_cosignature",
        message: `the note carries no valid cosignature by ${key.name}`,
      });
    }
    const checkpoint = parseCheckpoint(parsed.text);
    const head = await this.store.log.head();
    if (checkpoint === undefined || checkpoint.origin !== this.origin || checkpoint.size > head.size) {
      return err({
        code: "unknown_checkpoint",
        message: "the cosigned text is not a checkpoint of this log",
      });
    }
    if (!equalBytes(await this.rootAt(checkpoint.size), checkpoint.rootHash)) {
      return err({
        code: "unknown_checkpoint",
        message: `this log's root at size ${checkpoint.size} differs`,
      });
    }
    const known = await this.store.log.cosignatures();
    if (!known.some((c) => c.witnessKey === witnessKey.trim()) && known.length >= MAX_WITNESSES) {
      return err({
        code: "too_many_witnesses",
        message: `this log keeps at most ${MAX_WITNESSES} witnesses`,
      });
    }
    await this.store.log.saveCosignature({
      witnessKey: witnessKey.trim(),
      witnessName: key.name,
      size: checkpoint.size,
      rootHash: toHex(checkpoint.rootHash),
      signedAt: new Date(found.time * 1000).toISOString(),
      signatureLine: found.line,
    });
    return ok({ size: checkpoint.size });
  }

  witnesses() {
    return this.store.log.cosignatures();
  }
}
