import { randomUUID } from "node:crypto";
import { decodeLogEntry } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import {
  ALG_COSIGNATURE_V1,
  cosign,
  decodeEntryBundle,
  decodeHashTile,
  encodeVerifierKey,
  fromUtf8,
  generateSignerKey,
  leafHash,
  MerkleTree,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  TILE_WIDTH,
  tilePath,
  toHex,
} from "@scrutiny/tlog";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { formId, ids, seedSubmissionFixtures, signIn } from "./support.ts";

// Ids, hashes, roles and decisions only: no names, phones, usernames or answers.
const allowedKeys = [
  ...["kind", "index", "id", "mission", "contentHash", "submission", "revision", "decision", "status"],
  ...["form", "election", "version", "design", "fileSha256", "dataSha256", "user", "role", "change"],
];
const answers = {
  ballot_box_sealed: "yes",
  voters_counted: 120,
  registered: 1000,
  overall_assessment: "good",
};

describeOnEachBackend("API: transparency log served as tlog-tiles", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  const signer = generateSignerKey("log.example.test/scrutiny");

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store, logSigner: signer });
    const observer = await signIn(app, "observer");
    const coordinator = await signIn(app, "coordinator");
    // 300 reports in a few batches: one full entry tile and a partial one.
    for (let batch = 0; batch < 3; batch++) {
      const submissions = Array.from({ length: 100 }, (_, i) => ({
        id: randomUUID(),
        formId,
        formVersion: 1,
        stationId: ids.station1,
        phaseCode: "election-day",
        submittedAt: new Date(Date.UTC(2026, 0, 1, 8, batch, i % 60)).toISOString(),
        answers: { ...answers, voters_counted: batch * 100 + i },
      }));
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/submissions/batch",
        cookies: observer,
        payload: { submissions },
      });
      expect(response.statusCode).toBe(200);
    }
    const [first] = (await store.submissions.list({ missionId: ids.mission, limit: 1, offset: 0 })).rows;
    if (first === undefined) throw new Error("no submission stored");
    const reviewed = await app.inject({
      method: "POST",
      url: `/api/v1/submissions/${first.id}/reviews`,
      cookies: coordinator,
      payload: { decision: "quarantine", reason: "duplicate visit" },
    });
    expect(reviewed.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string) => app.inject({ method: "GET", url });

  async function servedEntries(size: number): Promise<Uint8Array[]> {
    const entries: Uint8Array[] = [];
    for (let index = 0; index * TILE_WIDTH < size; index++) {
      const width = Math.min(TILE_WIDTH, size - index * TILE_WIDTH);
      const response = await get(`/log/${tilePath({ level: -1, index, width })}`);
      expect(response.statusCode).toBe(200);
      entries.push(...(decodeEntryBundle(response.rawPayload) ?? []));
    }
    return entries;
  }

  it("signs a checkpoint that the published key verifies, anonymously", async () => {
    const key = parseVerifierKey((await get("/log/key")).body);
    expect(key?.name).toBe("log.example.test/scrutiny");
    const note = (await get("/log/checkpoint")).body;
    const text = key && openNote(note, key);
    expect(text).toBeDefined();
    const checkpoint = text ? parseCheckpoint(text) : undefined;
    expect(checkpoint?.origin).toBe("log.example.test/scrutiny");
    // Accounts, the form and 300 reports and the review are all in the log.
    expect(checkpoint?.size).toBeGreaterThan(301);
  });

  it("serves entry bundles and hash tiles from which the checkpoint's root is recomputed", async () => {
    const checkpoint = parseCheckpoint(`${(await get("/log/checkpoint")).body.split("\n\n")[0]}\n`);
    if (checkpoint === undefined) throw new Error("no checkpoint");
    const entries = await servedEntries(checkpoint.size);
    expect(entries).toHaveLength(checkpoint.size);
    const tree = new MerkleTree(entries.map((entry) => leafHash(entry)));
    expect(toHex(tree.hash())).toBe(toHex(checkpoint.rootHash));
    // Every entry names its own position and carries no personal data.
    entries.forEach((entry, index) => {
      const decoded = decodeLogEntry(fromUtf8(entry));
      expect(decoded?.index).toBe(index);
      for (const key of Object.keys(JSON.parse(fromUtf8(entry)))) expect(allowedKeys).toContain(key);
    });
    const kinds = entries.map((entry) => decodeLogEntry(fromUtf8(entry))?.entry.kind);
    expect(kinds.filter((kind) => kind === "submission")).toHaveLength(300);
    expect(kinds).toContain("review");
    expect(kinds).toContain("form_version");
    expect(kinds).toContain("permission");
    // Level-0 tiles are the leaf hashes; level-1 tile 0 holds the root of the first 256 leaves.
    const level0 = decodeHashTile((await get("/log/tile/0/000")).rawPayload) ?? [];
    expect(level0.map(toHex)).toEqual(entries.slice(0, 256).map((entry) => toHex(leafHash(entry))));
    const level1 = decodeHashTile((await get("/log/tile/1/000.p/1")).rawPayload) ?? [];
    expect(level1.map(toHex)).toEqual([toHex(tree.hash(0, 256))]);
  });

  it("answers 404 for tiles that do not exist yet and for malformed paths", async () => {
    expect((await get("/log/tile/0/001")).statusCode).toBe(404);
    expect((await get("/log/tile/entries/005")).statusCode).toBe(404);
    expect((await get("/log/tile/0/1")).statusCode).toBe(404);
    expect((await get("/log/tile/2/000.p/1")).statusCode).toBe(404);
  });

  it("accepts a witness's cosignature of a current or earlier checkpoint and shows it", async () => {
    const witness = generateSignerKey("witness.example.test/w1", ALG_COSIGNATURE_V1);
    const note = (await get("/log/checkpoint")).body;
    const text = `${note.split("\n\n")[0]}\n`;
    const line = cosign(text, witness, 1_800_000_000);
    const posted = await app.inject({
      method: "POST",
      url: "/log/cosignatures",
      payload: { witnessKey: encodeVerifierKey(witness), note: note + line },
    });
    expect(posted.statusCode).toBe(201);
    expect((await get("/log/checkpoint")).body).toContain(line);
    const listed = (await get("/log/witnesses")).json();
    expect(listed.witnesses).toEqual([
      expect.objectContaining({
        witnessName: "witness.example.test/w1",
        signedAt: "2027-01-15T08:00:00.000Z",
      }),
    ]);
    // A cosignature of a checkpoint this log never signed is refused.
    const forged = text.replace(/\n[A-Za-z0-9+/=]{44}\n$/, `\n${"A".repeat(43)}=\n`);
    const refused = await app.inject({
      method: "POST",
      url: "/log/cosignatures",
      payload: { witnessKey: encodeVerifierKey(witness), note: `${forged}\n${cosign(forged, witness, 1)}` },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("unknown_checkpoint");
  });
});
