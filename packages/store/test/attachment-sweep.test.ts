// The sweep of attachments no report refers to: it removes old unreferenced attachments (with their
// chunks) and the chunks of uploads that never finished, and keeps every attachment a report or a
// revision names anywhere in its answers (inside repeats too), recent ones and re-uploaded ones.
import { createHash, randomUUID } from "node:crypto";
import { contentHash } from "@scrutiny/domain";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import type { Store } from "../src/index.ts";
import { ids, sampleElection, sampleMission } from "./support/sample-election.ts";

const FORM = "00000000-0000-4000-8000-0000000000f9";
const rowsOf = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows;

function body(seed: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 131 + seed * 71) % 256;
  return out;
}
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

describeOnEachBackend("attachment sweep", (getStore) => {
  let store: Store;
  const sha: Record<string, string> = {};
  const put = async (name: string, seed: number, size = 3_000) => {
    const bytes = body(seed, size);
    const r = await store.attachments.put(once(bytes), { contentType: "image/jpeg", maxBytes: 1 << 20 });
    if (r.kind !== "stored" && r.kind !== "existing") throw new Error(r.kind);
    sha[name] = createHash("sha256").update(bytes).digest("hex");
  };
  const age = (name: string, days: number) =>
    store.db.execute(
      sql`update attachments set created_at = now() - make_interval(days => ${days}), last_uploaded_at = now() - make_interval(days => ${days}) where sha256 = ${sha[name]}`,
    );
  const chunkCount = async () =>
    Number(rowsOf(await store.db.execute(sql`select count(*)::int as n from attachment_chunks`))[0]?.["n"]);

  beforeAll(async () => {
    store = getStore();
    await store.elections.insertBundle(sampleElection);
    await store.missions.insertBundle(sampleMission);
    const definition = {
      id: FORM,
      version: 1,
      kind: "incident",
      title: { en: "Incidents" },
      languages: ["en"],
      defaultLanguage: "en",
      choiceLists: {},
      items: [],
      checks: [],
    };
    await store.forms.create({
      id: FORM,
      electionId: ids.election,
      missionId: ids.mission,
      code: "incidents",
      kind: "incident",
      definition: definition as never,
      contentHash: contentHash(definition as never),
    });
    for (const [name, seed] of [
      ["protocol", 1],
      ["incident", 2],
      ["revised_away", 3],
      ["orphan", 4],
      ["recent_orphan", 5],
      ["sent_again", 6],
    ] as const)
      await put(name, seed);
    const id = randomUUID();
    await store.submissions.insertMany([
      {
        id,
        missionId: ids.mission,
        formId: FORM,
        formVersion: 1,
        observerId: ids.observer,
        teamId: ids.team,
        stationId: ids.station1,
        phaseCode: "election-day",
        // One photo at the top, one inside a repeat instance; a text that only looks like a hash
        // elsewhere is no reference of its own.
        answers: {
          protocol_photo: sha["protocol"],
          incident: [{ category: "violence", photo: sha["incident"] }, { category: "other" }],
          note: `see ${sha["orphan"]}`,
        },
        submittedAt: "2019-11-17T10:00:00.000Z",
        contentHash: "h1",
        status: "accepted",
      },
    ] as never);
    // A revision that named a photo the current answers no longer do: still referred to.
    await store.db.execute(
      sql`insert into submission_revisions (submission_id, revision, answers, content_hash) values (${id}::uuid, 1, ${JSON.stringify({ protocol_photo: sha["revised_away"] })}::jsonb, 'h0')`,
    );
    for (const name of Object.keys(sha)) if (name !== "recent_orphan") await age(name, 30);
    // The phone sends the same photo again (its report is on the way): the sweep must wait.
    await put("sent_again", 6);
    // An upload that never finished: chunks under an upload id with no attachment, one old, one new.
    for (const [uploadId, days] of [
      [randomUUID(), 30],
      [randomUUID(), 0],
    ] as const)
      await store.db.execute(
        sql`insert into attachment_chunks (upload_id, seq, data, created_at) values (${uploadId}::uuid, 0, ${Buffer.alloc(1_000, 7)}, now() - make_interval(days => ${days}))`,
      );
  });

  it("counts in a dry run and removes nothing", async () => {
    const before = await chunkCount();
    const dry = await store.attachments.sweep({
      before: new Date(Date.now() - 7 * 86_400_000),
      dryRun: true,
    });
    expect(dry).toEqual({
      unreferenced: 1,
      unreferencedBytes: 3_000,
      abandonedUploads: 1,
      abandonedBytes: 1_000,
    });
    expect(await chunkCount()).toBe(before);
    expect(await store.attachments.info(sha["orphan"] as string)).toBeDefined();
  });

  it("removes old unreferenced attachments and abandoned uploads, keeps the rest readable", async () => {
    const before = await chunkCount();
    const swept = await store.attachments.sweep({ before: new Date(Date.now() - 7 * 86_400_000) });
    expect(swept).toEqual({
      unreferenced: 1,
      unreferencedBytes: 3_000,
      abandonedUploads: 1,
      abandonedBytes: 1_000,
    });
    expect(await chunkCount()).toBe(before - 2);
    expect(await store.attachments.info(sha["orphan"] as string)).toBeUndefined();
    for (const name of ["protocol", "incident", "revised_away", "recent_orphan", "sent_again"]) {
      const parts: Uint8Array[] = [];
      for await (const p of store.attachments.read(sha[name] as string)) parts.push(p);
      expect(Buffer.concat(parts).length, name).toBe(3_000);
    }
    // Nothing left to do: a second sweep finds nothing.
    expect(await store.attachments.sweep({ before: new Date(Date.now() - 7 * 86_400_000) })).toEqual({
      unreferenced: 0,
      unreferencedBytes: 0,
      abandonedUploads: 0,
      abandonedBytes: 0,
    });
  });
});
