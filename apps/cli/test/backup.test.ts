// `scrutiny export` then `scrutiny import backup` into an empty database: every table holds
// exactly the election's rows of the source (ids, hashes, timestamps, bytes), PGlite to
// PostgreSQL and back, compared table by table.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { writeXlsx } from "@scrutiny/domain";
import { BACKUP_TABLE_NAMES, NOT_BACKED_UP, openStore, type Store } from "@scrutiny/store";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createScratchDatabase } from "../../../test-support/backends.ts";
import { requirementMissing } from "../../../test-support/requirement.ts";
import { buildServer } from "../../server/src/index.ts";
import { envelope, ids, seedSubmissionFixtures, signIn } from "../../server/test/support.ts";
import { main } from "../src/main.ts";

type Backend = "pglite" | "postgres";
interface Place {
  readonly flags: string[];
  readonly dispose: () => Promise<void>;
}

const work = mkdtempSync(join(tmpdir(), "scrutiny-backup-"));
const postgresUrl = inject("postgresUrl");
const backends: Backend[] = postgresUrl === null ? ["pglite"] : ["pglite", "postgres"];
if (postgresUrl === null)
  requirementMissing("backup round trip [postgres]", "PostgreSQL is unreachable (set TEST_DATABASE_URL)");

async function emptyPlace(backend: Backend): Promise<Place> {
  if (backend === "pglite") {
    const dir = mkdtempSync(join(work, "pglite-"));
    return { flags: ["--data-dir", dir], dispose: async () => {} };
  }
  if (postgresUrl === null) throw new Error("PostgreSQL unavailable");
  const scratch = await createScratchDatabase(postgresUrl);
  return { flags: ["--database-url", scratch.url], dispose: scratch.drop };
}

async function open(place: Place): Promise<Store> {
  const [flag, value] = place.flags;
  const opened = await openStore(flag === "--data-dir" ? { dataDir: value } : { databaseUrl: value });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

/** Runs the CLI in this process; its output is captured. */
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

/** An election with reports, a revision, a review, a plan, indicators and log entries. */
async function seed(store: Store): Promise<void> {
  await seedSubmissionFixtures(store);
  const app = await buildServer({ store });
  try {
    const observer = await signIn(app, "observer");
    const coordinator = await signIn(app, "coordinator");
    const sent: string[] = [];
    for (let i = 0; i < 12; i++) {
      const body = envelope({
        stationId: i % 2 ? ids.station1 : ids.station2,
        answers: {
          ballot_box_sealed: "yes",
          voters_counted: 100 + i,
          registered: 1000,
          overall_assessment: "good",
        },
      });
      const response = await app.inject({
        method: "POST",
        url: "/api/v1/submissions",
        cookies: observer,
        payload: body,
      });
      expect(response.statusCode).toBe(201);
      sent.push(body.id);
    }
    const amended = await app.inject({
      method: "POST",
      url: `/api/v1/submissions/${sent[0]}/amendments`,
      cookies: coordinator,
      payload: {
        answers: { ballot_box_sealed: "yes", voters_counted: 7, registered: 1000, overall_assessment: "bad" },
        reason: "phoned in",
      },
    });
    expect(amended.statusCode).toBe(201);
    const reviewed = await app.inject({
      method: "POST",
      url: `/api/v1/submissions/${sent[1]}/reviews`,
      cookies: coordinator,
      payload: { decision: "quarantine", reason: "not at this station" },
    });
    expect(reviewed.statusCode).toBe(201);
    const drawn = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/plan`,
      cookies: coordinator,
      payload: { design: "simple_random", size: 2, seed: 5 },
    });
    expect(drawn.statusCode).toBe(201);
    const confirmed = await app.inject({
      method: "POST",
      url: `/api/v1/missions/${ids.mission}/plan/versions/${drawn.json().plan.version}/confirm`,
      cookies: coordinator,
    });
    expect(confirmed.statusCode).toBe(200);
    // A form whose choices come from a CSV uploaded beside its workbook: the file is the election's.
    const upload = new FormData();
    const book = writeXlsx([
      {
        name: "survey",
        rows: [
          ["type", "name", "label"],
          ["select_one_from_file desks.csv", "desk", "Desk"],
        ],
      },
      {
        name: "settings",
        rows: [
          ["form_id", "form_kind"],
          ["desks", "voting"],
        ],
      },
    ]);
    upload.append("workbook", new Blob([new Uint8Array(book)]), "desks.xlsx");
    upload.append("files", new Blob(["name,label\nd1,Desk 1\n"]), "desks.csv");
    const multipart = new Request("http://upload.invalid/", { method: "POST", body: upload });
    const form = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/forms`,
      cookies: coordinator,
      headers: { "content-type": multipart.headers.get("content-type") ?? "" },
      payload: Buffer.from(await multipart.arrayBuffer()),
    });
    expect(form.statusCode, form.body).toBe(201);
  } finally {
    await app.close();
  }
}

function backupRows(file: string): Map<string, string[]> {
  const text = gunzipSync(readFileSync(file)).toString("utf8");
  const lines = text.split("\n").filter((l) => l !== "");
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(1, -1)) {
    const { table, row } = JSON.parse(line) as { table: string; row: unknown };
    rows.set(table, [...(rows.get(table) ?? []), JSON.stringify(row)]);
  }
  return rows;
}

/** Every table's rows, each row normalised through JSON (key order is jsonb's own). */
async function contents(store: Store): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const table of await store.backup.tables()) {
    const rows = await store.backup.tableContents(table);
    out.set(table, rows.map((r) => JSON.stringify(JSON.parse(r))).sort());
  }
  return out;
}

describe("backups: export one election, restore it into an empty database", () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const from of backends) {
    describe(`from ${from}`, () => {
      let source: Place;
      let before: Map<string, string[]>;
      const file = join(work, `${from}-${randomUUID()}.ndjson.gz`);

      beforeAll(async () => {
        source = await emptyPlace(from);
        const store = await open(source);
        try {
          await seed(store);
          before = await contents(store);
        } finally {
          await store.close();
        }
        const exported = await cli("export", "--election", "sample-2019", "--file", file, ...source.flags);
        expect(exported.err).toBe("");
        expect(exported.code).toBe(0);
      });
      afterAll(async () => {
        await source?.dispose();
      });

      it("backs up every table except the ones left out on purpose", () => {
        const backedUp = new Set<string>([...BACKUP_TABLE_NAMES, ...NOT_BACKED_UP]);
        expect([...before.keys()].filter((t) => !backedUp.has(t))).toEqual([]);
      });

      it("writes the election's rows and nothing of the other elections", () => {
        const rows = backupRows(file);
        expect(rows.get("elections")?.map((r) => JSON.parse(r).code)).toEqual(["sample-2019"]);
        expect(rows.get("submissions")?.length).toBe(12);
        expect(rows.get("submission_revisions")?.length).toBeGreaterThanOrEqual(1);
        expect(rows.get("submission_reviews")?.length).toBe(1);
        expect(rows.get("deployment_plans")?.length).toBe(1);
        expect(rows.get("form_files")?.length).toBe(1);
        expect(rows.get("log_entries")?.length).toBe(before.get("log_entries")?.length);
        for (const [table, exported] of rows) {
          const all = new Set(before.get(table));
          expect(
            exported.filter((r) => !all.has(JSON.stringify(JSON.parse(r)))),
            `${table} rows not in the source`,
          ).toEqual([]);
        }
      });

      for (const to of backends) {
        it(`restores into an empty ${to} database, table by table identical`, async () => {
          const target = await emptyPlace(to);
          try {
            // A new database (opening migrates it) with nothing in it.
            const restored = await cli("import", "backup", file, ...target.flags);
            expect(restored.err).toBe("");
            expect(restored.code).toBe(0);
            const store = await open(target);
            try {
              const after = await contents(store);
              const expected = backupRows(file);
              for (const [table, rows] of after) {
                const want = (expected.get(table) ?? []).map((r) => JSON.stringify(JSON.parse(r))).sort();
                expect(rows, table).toEqual(want);
              }
              expect(after.get("sessions")).toEqual([]);
            } finally {
              await store.close();
            }
            // A second restore into the now full database is refused.
            const again = await cli("import", "backup", file, ...target.flags);
            expect(again.code).not.toBe(0);
            expect(again.err).toMatch(/not empty/);
          } finally {
            await target.dispose();
          }
        });
      }

      it("refuses a file cut short, restoring nothing", async () => {
        const whole = gunzipSync(readFileSync(file)).toString("utf8").split("\n");
        const cut = join(work, `cut-${randomUUID()}.ndjson`);
        writeFileSync(cut, whole.slice(0, Math.floor(whole.length / 2)).join("\n"));
        const target = await emptyPlace(backends[backends.length - 1] ?? "pglite");
        try {
          const restored = await cli("import", "backup", cut, ...target.flags);
          expect(restored.code).not.toBe(0);
          expect(restored.err).toMatch(/cut short/);
          const store = await open(target);
          try {
            expect(await store.backup.tableContents("elections")).toEqual([]);
          } finally {
            await store.close();
          }
        } finally {
          await target.dispose();
        }
      });
    });
  }
});
