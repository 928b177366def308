// `scrutiny attachments sweep` on a PGlite data directory: a dry run counts, a sweep removes an
// old attachment no report refers to and keeps a recent one; a bad grace period is refused.
// (The sweep itself is tested on both databases in packages/store/test/attachment-sweep.test.ts.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "@scrutiny/store";
import { sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { main } from "../src/main.ts";

const work = mkdtempSync(join(tmpdir(), "scrutiny-sweep-"));
const dataDir = join(work, "db");
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function open(): Promise<Store> {
  const opened = await openStore({ dataDir });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const stdout = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    err += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(["node", "scrutiny", ...args]);
    return { code, out, err };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    process.exitCode = undefined;
  }
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

it("counts, then removes an old unreferenced attachment and keeps a recent one", async () => {
  const store = await open();
  const old = await store.attachments.put(once(new Uint8Array(2_000).fill(1)), {
    contentType: "image/jpeg",
    maxBytes: 1 << 20,
  });
  const recent = await store.attachments.put(once(new Uint8Array(500).fill(2)), {
    contentType: "image/jpeg",
    maxBytes: 1 << 20,
  });
  if (old.kind !== "stored" || recent.kind !== "stored") throw new Error("not stored");
  await store.db.execute(
    sql`update attachments set last_uploaded_at = now() - interval '10 days' where sha256 = ${old.attachment.sha256}`,
  );
  await store.close();

  const dry = await cli("attachments", "sweep", "--data-dir", dataDir, "--dry-run");
  expect(dry.code, dry.err).toBe(0);
  expect(dry.out).toMatch(
    /^would remove 1 attachment\(s\) no report refers to \(2000 bytes\) and 0 unfinished/,
  );
  const swept = await cli("attachments", "sweep", "--data-dir", dataDir, "--older-than", "7");
  expect(swept.code, swept.err).toBe(0);
  expect(swept.out).toMatch(/^removed 1 attachment\(s\) no report refers to \(2000 bytes\)/);
  const bad = await cli("attachments", "sweep", "--data-dir", dataDir, "--older-than", "0");
  expect(bad.code).not.toBe(0);
  expect(bad.err).toContain("--older-than: '0' is not a number of days of at least 1");

  const after = await open();
  try {
    expect(await after.attachments.info(old.attachment.sha256)).toBeUndefined();
    expect(await after.attachments.info(recent.attachment.sha256)).toBeDefined();
  } finally {
    await after.close();
  }
}, 120_000);
