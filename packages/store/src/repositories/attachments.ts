import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Database } from "../database.ts";
import { attachmentChunks, attachments } from "../schema/index.ts";

/** Chunk size: large enough for few rows per photo, small enough to stream. */
export const ATTACHMENT_CHUNK_BYTES = 256 * 1024;

export interface StoredAttachment {
  readonly sha256: string;
  readonly contentType: string;
  readonly size: number;
}

export type PutAttachmentOutcome =
  | { readonly kind: "stored" | "existing"; readonly attachment: StoredAttachment }
  | { readonly kind: "too_large"; readonly limit: number }
  | { readonly kind: "rejected"; readonly reason: string };

export interface PutAttachmentOptions {
  readonly contentType: string;
  readonly maxBytes: number;
  readonly uploadedBy?: string | null;
  /** Checks the first bytes (the format's signature); a reason string rejects the upload. */
  readonly checkHead?: (head: Uint8Array) => string | undefined;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Content-addressed attachment storage in the database (PostgreSQL, or PGlite's directory):
 * bytes are streamed in as chunks under a fresh upload id while their SHA-256 is computed, then
 * published under the hash in one statement; the same bytes uploaded twice are stored once.
 */
export class AttachmentRepository {
  constructor(private readonly db: Database) {}

  async put(stream: AsyncIterable<Uint8Array>, options: PutAttachmentOptions): Promise<PutAttachmentOutcome> {
    const uploadId = randomUUID();
    const hash = createHash("sha256");
    let size = 0;
    let seq = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let headChecked = options.checkHead === undefined;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending.map(toBuffer), pendingBytes);
      pending = [];
      pendingBytes = 0;
      await this.db.insert(attachmentChunks).values({ uploadId, seq: seq++, data });
    };
    try {
      for await (const piece of stream) {
        size += piece.byteLength;
        if (size > options.maxBytes) {
          await this.discard(uploadId);
          return { kind: "too_large", limit: options.maxBytes };
        }
        if (!headChecked) {
          headChecked = true;
          const reason = options.checkHead?.(piece);
          if (reason !== undefined) {
            await this.discard(uploadId);
            return { kind: "rejected", reason };
          }
        }
        hash.update(piece);
        pending.push(piece);
        pendingBytes += piece.byteLength;
        if (pendingBytes >= ATTACHMENT_CHUNK_BYTES) await flush();
      }
      await flush();
    } catch (error) {
      await this.discard(uploadId);
      throw error;
    }
    if (size === 0) return { kind: "rejected", reason: "the attachment is empty" };
    const sha256 = hash.digest("hex");
    const inserted = await this.db
      .insert(attachments)
      .values({
        sha256,
        contentType: options.contentType,
        size,
        uploadId,
        uploadedBy: options.uploadedBy ?? null,
      })
      .onConflictDoNothing()
      .returning({ sha256: attachments.sha256 });
    if (inserted.length === 0) {
      // Already stored: keep the first copy, drop this one.
      await this.discard(uploadId);
      const existing = await this.info(sha256);
      if (existing === undefined) throw new Error(`attachment ${sha256} vanished`);
      return { kind: "existing", attachment: existing };
    }
    return { kind: "stored", attachment: { sha256, contentType: options.contentType, size } };
  }

  private async discard(uploadId: string): Promise<void> {
    await this.db.delete(attachmentChunks).where(eq(attachmentChunks.uploadId, uploadId));
  }

  async info(sha256: string): Promise<StoredAttachment | undefined> {
    const [row] = await this.infoMany([sha256]);
    return row;
  }

  async infoMany(hashes: readonly string[]): Promise<StoredAttachment[]> {
    if (hashes.length === 0) return [];
    return this.db
      .select({ sha256: attachments.sha256, contentType: attachments.contentType, size: attachments.size })
      .from(attachments)
      .where(inArray(attachments.sha256, [...new Set(hashes)]));
  }

  /** The bytes, chunk by chunk (one query per chunk, so memory stays at one chunk). */
  async *read(sha256: string): AsyncGenerator<Uint8Array> {
    const [row] = await this.db
      .select({ uploadId: attachments.uploadId })
      .from(attachments)
      .where(eq(attachments.sha256, sha256));
    if (row === undefined) return;
    let seq = -1;
    for (;;) {
      const [chunk] = await this.db
        .select({ seq: attachmentChunks.seq, data: attachmentChunks.data })
        .from(attachmentChunks)
        .where(and(eq(attachmentChunks.uploadId, row.uploadId), gt(attachmentChunks.seq, seq)))
        .orderBy(asc(attachmentChunks.seq))
        .limit(1);
      if (chunk === undefined) return;
      seq = chunk.seq;
      yield chunk.data instanceof Uint8Array ? chunk.data : new Uint8Array(chunk.data);
    }
  }
}
