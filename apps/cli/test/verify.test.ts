import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canonicalHash, decodeLogEntry, encodeLogEntry, originalContentHash } from "@scrutiny/domain";
import { buildServer } from "@scrutiny/server";
import type { Store } from "@scrutiny/store";
import {
  appendLeaves,
  EMPTY_FRONTIER,
  encodeVerifierKey,
  generateSignerKey,
  leafHash,
  packFrontier,
  parseVerifierKey,
  toHex,
  utf8,
} from "@scrutiny/tlog";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { formId, ids, seedSubmissionFixtures, signIn } from "../../server/test/support.ts";
import { checkDatabase, checkServed, checkSince, compareViews } from "../src/transparency/verify-log.ts";
import { runCli } from "./run-cli.ts";

const answers = {
  ballot_box_sealed: "yes",
  voters_counted: 120,
  registered: 1000,
  overall_assessment: "good",
};

describeOnEachBackend("scrutiny verify: tampering by direct SQL is found and named", (getStore, backend) => {
  let store: Store;
  let app: FastifyInstance;
  let baseUrl: string;
  const signer = generateSignerKey("verify.example.test/log");
  const key = parseVerifierKey(encodeVerifierKey(signer));
  const submitted: string[] = [];

  const exec = (statement: string) => store.db.execute(sql.raw(statement));
  const rows = async <T>(statement: string) => ((await exec(statement)) as unknown as { rows: T[] }).rows;
  const entryOf = async (subject: string) =>
    Number(
      (await rows<{ index: string }>(`select index from log_entries where subject = '${subject}'`))[0]?.index,
    );
  const verifyDb = async () => checkDatabase(await store.logAudit.snapshot()).findings;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store, logSigner: signer });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/log`;
    const observer = await signIn(app, "observer");
    const coordinator = await signIn(app, "coordinator");
    for (let i = 0; i < 12; i++) {
      const id = randomUUID();
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/submissions",
        cookies: observer,
        payload: {
          id,
          formId,
          formVersion: 1,
          stationId: ids.station1,
          phaseCode: "election-day",
          submittedAt: `2026-03-01T0${i % 10}:00:00Z`,
          answers: { ...answers, voters_counted: 100 + i },
        },
      });
      expect(response.statusCode).toBe(201);
      submitted.push(id);
    }
    const amended = await app.inject({
      method: "POST",
      url: `/api/v1/submissions/${submitted[1]}/amendments`,
      cookies: coordinator,
      payload: { answers: { ...answers, voters_counted: 555 }, reason: "count corrected on the protocol" },
    });
    expect(amended.statusCode).toBe(201);
    const reviewed = await app.inject({
      method: "POST",
      url: `/api/v1/submissions/${submitted[2]}/reviews`,
      cookies: coordinator,
      payload: { decision: "verify", reason: "called the observer" },
    });
    expect(reviewed.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it("finds nothing wrong in an untouched log, from the database and from the served tiles alike", async () => {
    const database = checkDatabase(await store.logAudit.snapshot());
    expect(database.findings).toEqual([]);
    const served = await checkServed(baseUrl, key);
    expect(served.findings).toEqual([]);
    expect(compareViews(database.view, served.view)).toEqual([]);
    expect(served.checkpoint.size).toBe(database.view.tree.size);
  });

  it("names the entry of a report whose answers were edited", async () => {
    const id = submitted[4];
    await exec(
      `update submissions set answers = jsonb_set(answers, '{voters_counted}', '999') where id = '${id}'`,
    );
    const [first] = await verifyDb();
    expect(first).toMatchObject({ entry: await entryOf(id as string), subject: `submission ${id}` });
    expect(first?.message).toMatch(/edited/);
    await exec(
      `update submissions set answers = jsonb_set(answers, '{voters_counted}', '104') where id = '${id}'`,
    );
    expect(await verifyDb()).toEqual([]);
  });

  it("names the entry of a deleted report", async () => {
    const id = submitted[6];
    await exec(`create table tamper_saved as select * from submissions where id = '${id}'`);
    await exec(`delete from submissions where id = '${id}'`);
    const [first] = await verifyDb();
    expect(first).toMatchObject({ entry: await entryOf(id as string), subject: `submission ${id}` });
    expect(first?.message).toMatch(/deleted/);
    await exec("insert into submissions select * from tamper_saved");
    await exec("drop table tamper_saved");
    expect(await verifyDb()).toEqual([]);
  });

  it("finds a report inserted without an entry, and an entry inserted into the log", async () => {
    const forged = randomUUID();
    await exec(`insert into submissions (id, mission_id, form_id, form_version, observer_id, station_id, phase_code,
      answers, submitted_at, content_hash) select '${forged}', mission_id, form_id, form_version, observer_id, station_id,
      phase_code, answers, submitted_at, content_hash from submissions where id = '${submitted[0]}'`);
    const findings = await verifyDb();
    expect(findings).toEqual([
      expect.objectContaining({
        entry: undefined,
        subject: `submission ${forged}`,
        message: expect.stringMatching(/no log entry/),
      }),
    ]);
    await exec(`delete from submissions where id = '${forged}'`);

    // An entry slipped in at position k: everything from k moves up one.
    const k = await entryOf(submitted[8] as string);
    const body = encodeLogEntry(k, {
      kind: "submission",
      id: forged,
      mission: ids.mission,
      contentHash: "f".repeat(64),
    });
    await exec("update log_entries set index = -index - 1");
    await exec(`update log_entries set index = -index where index <= -${k + 1}`);
    await exec("update log_entries set index = -index - 1 where index < 0");
    await exec(`insert into log_entries (index, kind, subject, body, leaf_hash) values
      (${k}, 'submission', '${forged}', '${body}', decode('${toHex(leafHash(utf8(body)))}', 'hex'))`);
    const [first] = await verifyDb();
    expect(first?.entry).toBe(k);
    await exec(`delete from log_entries where index = ${k}`);
    await exec(`update log_entries set index = -index where index > ${k}`);
    await exec("update log_entries set index = -index - 1 where index < 0");
    expect(await verifyDb()).toEqual([]);
  });

  it("names the first of two log entries swapped with each other", async () => {
    const a = await entryOf(submitted[3] as string);
    const b = await entryOf(submitted[9] as string);
    const swap = async () => {
      await exec(`update log_entries set index = -1 where index = ${a}`);
      await exec(`update log_entries set index = ${a} where index = ${b}`);
      await exec(`update log_entries set index = ${b} where index = -1`);
    };
    await swap();
    const [first] = await verifyDb();
    expect(first).toMatchObject({ entry: a });
    expect(first?.message).toMatch(/written at position/);
    // The served tiles show the same swap.
    const served = await checkServed(baseUrl, key);
    expect(served.findings[0]?.subject).toBe("tree");
    await swap();
    expect(await verifyDb()).toEqual([]);
  });

  it("catches rewritten history with --since even when every hash was recomputed", async () => {
    const saved = await checkServed(baseUrl, key);
    const dir = mkdtempSync(join(tmpdir(), `scrutiny-verify-${backend}-`));
    const savedFile = join(dir, "checkpoint.txt");
    writeFileSync(savedFile, saved.note);
    // An insider edits a report and rewrites its entry, every leaf, tile hash and the tree head.
    const id = submitted[5] as string;
    const k = await entryOf(id);
    await exec(
      `update submissions set answers = jsonb_set(answers, '{voters_counted}', '1') where id = '${id}'`,
    );
    const [row] = (await store.logAudit.rows()).submissions.filter((s) => s.id === id);
    if (row === undefined) throw new Error("row gone");
    const decoded = decodeLogEntry(saved.view.bodies[k] ?? "");
    if (decoded?.entry.kind !== "submission") throw new Error("not a submission entry");
    const forgedHash = originalContentHash(row, row.answers);
    expect(forgedHash).not.toBe(decoded.entry.contentHash);
    await exec(`update submissions set content_hash = '${forgedHash}' where id = '${id}'`);
    const body = encodeLogEntry(k, { ...decoded.entry, contentHash: forgedHash });
    const bodies = saved.view.bodies.map((b, i) => (i === k ? body : b));
    const leaves = bodies.map((b) => leafHash(utf8(b)));
    const { frontier, completed } = appendLeaves(EMPTY_FRONTIER, leaves);
    await exec(
      `update log_entries set body = '${body}', leaf_hash = decode('${toHex(leaves[k] as Uint8Array)}', 'hex') where index = ${k}`,
    );
    await exec("delete from log_tile_nodes");
    for (const node of completed.filter((n) => n.level > 0 && n.level % 8 === 0)) {
      await exec(
        `insert into log_tile_nodes values (${node.level}, ${node.index}, decode('${toHex(node.hash)}', 'hex'))`,
      );
    }
    await exec(`update log_head set frontier = decode('${toHex(packFrontier(frontier))}', 'hex')`);
    // The database alone now looks consistent, and the server signs the rewritten tree...
    const database = checkDatabase(await store.logAudit.snapshot());
    expect(database.findings).toEqual([]);
    // ...but the checkpoint saved earlier is no longer a prefix of it.
    if (key === undefined) throw new Error("no key");
    expect(checkSince(saved.note, key, database.view)).toEqual([
      expect.objectContaining({ subject: "history", message: expect.stringMatching(/rewritten/) }),
    ]);
    if (backend === "pglite") {
      const cli = await runCli([
        "verify",
        "--url",
        baseUrl,
        "--no-database",
        "--since",
        savedFile,
        "--key",
        encodeVerifierKey(signer),
      ]);
      expect(cli.stdout).toMatch(/rewritten/);
      expect(cli.code).toBe(1);
    }
    expect(canonicalHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("scrutiny verify --help", () => {
  it("documents --since and --url", async () => {
    const cli = await runCli(["verify", "--help"]);
    expect(cli.stdout).toMatch(/--since/);
    expect(cli.stdout).toMatch(/--url/);
  });
});
