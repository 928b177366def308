import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
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

/** What a sweep removed (or, in a dry run, would remove). */
export interface AttachmentSweep {
  /** Attachments no report or revision refers to, last uploaded before the cut-off. */
  readonly unreferenced: number;
  readonly unreferencedBytes: number;
  /** Uploads that never became an attachment (interrupted), written before the cut-off. */
  readonly abandonedUploads: number;
  readonly abandonedBytes: number;
}

class DryRun extends Error {
  constructor(readonly result: AttachmentSweep) {
    super("dry run");
  }
}

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
      // Already stored: keep the first copy, drop this one; the report is on its way again.
      await this.discard(uploadId);
      await this.db
        .update(attachments)
        .set({ lastUploadedAt: sql`now()` })
        .where(eq(attachments.sha256, sha256));
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

  /**
   * Removes attachments that no stored report (any revision) refers to and that were last
   * uploaded before `before`, and the chunks of uploads that never finished, written before it.
   * A report refers to an attachment by its SHA-256 as a text anywhere in its answers (inside
   * repeats too). One transaction; with `dryRun` it is rolled back and only the counts returned.
   */
  async sweep(options: { before: Date; dryRun?: boolean }): Promise<AttachmentSweep> {
    const before = options.before.toISOString();
    try {
      return await this.db.transaction(async (tx) => {
        const swept = await tx.execute(sql`
          with answers as (
            select answers from submissions union all select answers from submission_revisions
          ), referenced as (
            select distinct v #>> '{}' as sha256
            from answers, jsonb_path_query(answers.answers, 'strict $.** ? (@.type() == "string" && @ like_regex "^[0-9a-f]{64}$")') v
          ), doomed as (
            delete from attachments a
            where coalesce(a.last_uploaded_at, a.created_at) < ${before}::timestamptz
              and not exists (select 1 from referenced r where r.sha256 = a.sha256)
            returning a.upload_id, a.size
          ), chunks as (
            delete from attachment_chunks c using doomed d where c.upload_id = d.upload_id returning 1
          )
          select (select count(*) from doomed)::int as n,
            (select coalesce(sum(size), 0) from doomed)::float8 as bytes,
            (select count(*) from chunks)::int as chunks`);
        const abandoned = await tx.execute(sql`
          with gone as (
            delete from attachment_chunks c
            where coalesce(c.created_at, '-infinity') < ${before}::timestamptz
              and not exists (select 1 from attachments a where a.upload_id = c.upload_id)
            returning c.upload_id, octet_length(c.data) as size
          )
          select count(distinct upload_id)::int as n, coalesce(sum(size), 0)::float8 as bytes from gone`);
        const first = (r: unknown) =>
          ((r as { rows: Record<string, unknown>[] }).rows[0] ?? {}) as Record<string, unknown>;
        const result: AttachmentSweep = {
          unreferenced: Number(first(swept)["n"] ?? 0),
          unreferencedBytes: Number(first(swept)["bytes"] ?? 0),
          abandonedUploads: Number(first(abandoned)["n"] ?? 0),
          abandonedBytes: Number(first(abandoned)["bytes"] ?? 0),
        };
        if (options.dryRun === true) throw new DryRun(result);
        return result;
      });
    } catch (error) {
      if (error instanceof DryRun) return error.result;
      throw error;
    }
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
