// Files uploaded for an import, kept in memory between the preview (header, first rows, suggested
// mapping) and the import itself. Bounded in count and age; a server restart forgets them.
import { randomUUID } from "node:crypto";

export interface Upload {
  readonly id: string;
  readonly electionId: string;
  readonly userId: string;
  readonly fileName: string | null;
  readonly bytes: Uint8Array;
  readonly createdAt: number;
}

const MAX_UPLOADS = 8;
const MAX_AGE_MS = 60 * 60_000;

export class UploadCache {
  private readonly uploads = new Map<string, Upload>();

  put(upload: Omit<Upload, "id" | "createdAt">): Upload {
    this.prune();
    while (this.uploads.size >= MAX_UPLOADS) {
      const oldest = this.uploads.keys().next().value;
      if (oldest === undefined) break;
      this.uploads.delete(oldest);
    }
    const stored = { ...upload, id: randomUUID(), createdAt: Date.now() };
    this.uploads.set(stored.id, stored);
    return stored;
  }

  /** The upload, only for the user who sent it. */
  get(id: string, userId: string): Upload | undefined {
    this.prune();
    const upload = this.uploads.get(id);
    return upload?.userId === userId ? upload : undefined;
  }

  delete(id: string): void {
    this.uploads.delete(id);
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, upload] of this.uploads) if (now - upload.createdAt > MAX_AGE_MS) this.uploads.delete(id);
  }
}
