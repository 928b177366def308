import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { ATTACHMENT_CHUNK_BYTES } from "../src/index.ts";

/** Deterministic pseudo-random bytes (a photo-sized body that does not compress). */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

async function* pieces(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of stream) parts.push(p);
  return new Uint8Array(Buffer.concat(parts));
}

describeOnEachBackend("attachment storage", (getStore) => {
  it("stores streamed bytes under their SHA-256, once, and streams them back chunk by chunk", async () => {
    const store = getStore();
    const photo = bytes(ATTACHMENT_CHUNK_BYTES * 2 + 22_345, 7);
    const sha256 = createHash("sha256").update(photo).digest("hex");
    const first = await store.attachments.put(pieces(photo, 10_000), {
      contentType: "image/jpeg",
      maxBytes: 1 << 24,
    });
    expect(first).toEqual({
      kind: "stored",
      attachment: { sha256, contentType: "image/jpeg", size: photo.length },
    });
    // The same bytes in other pieces: the first copy is kept.
    const again = await store.attachments.put(pieces(photo, 65_536), {
      contentType: "image/jpeg",
      maxBytes: 1 << 24,
    });
    expect(again.kind).toBe("existing");
    const chunks: number[] = [];
    for await (const chunk of store.attachments.read(sha256)) chunks.push(chunk.length);
    // Chunks close once they reach 256 KiB: 27 pieces of 10,000 bytes, twice, then the rest.
    expect(chunks).toEqual([270_000, 270_000, photo.length - 540_000]);
    expect(Buffer.from(await collect(store.attachments.read(sha256))).equals(Buffer.from(photo))).toBe(true);
    expect(await store.attachments.infoMany([sha256, "0".repeat(64)])).toEqual([
      { sha256, contentType: "image/jpeg", size: photo.length },
    ]);
  });

  it("keeps nothing of an upload over the limit or with a wrong signature", async () => {
    const store = getStore();
    const big = bytes(50_000, 3);
    expect(
      await store.attachments.put(pieces(big, 8_000), { contentType: "image/png", maxBytes: 20_000 }),
    ).toEqual({
      kind: "too_large",
      limit: 20_000,
    });
    const refused = await store.attachments.put(pieces(big, 8_000), {
      contentType: "image/png",
      maxBytes: 1 << 20,
      checkHead: () => "not a PNG",
    });
    expect(refused).toEqual({ kind: "rejected", reason: "not a PNG" });
    const sha256 = createHash("sha256").update(big).digest("hex");
    expect(await store.attachments.info(sha256)).toBeUndefined();
    const left = await store.db.execute(
      "select count(*)::int as n from attachment_chunks where upload_id not in (select upload_id from attachments)",
    );
    expect((left as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });
});
