// CPU per report of the ingestion path without sockets: builds the server of the checkout at
// argv[2] in this process (PostgreSQL with `pg`, or PGlite), sends POST /api/v1/submissions through
// app.inject in waves of 64 concurrent reports (so every commit holds 64, whatever the machine's
// load), and prints this process's user+system CPU per report. Load from other processes slows it
// but does not change how the work is batched, so two checkouts can be compared on a busy machine.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const root = process.argv[2] ?? process.cwd();
const backend = process.argv[3] ?? "pg";
const waves = Number(process.env["WAVES"] ?? 300);
const level = process.env["LOG"];
const { buildServer } = await import(`${root}/apps/server/src/app.ts`);
const { openStore } = await import(`${root}/packages/store/src/index.ts`);
const support = await import(`${root}/apps/server/test/support.ts`);

let database: string | undefined;
const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
if (backend === "pg") {
  database = `scrutiny_cpu_${Date.now()}`;
  await admin.connect();
  await admin.query(`create database ${database}`);
}
const opened = await openStore(
  database
    ? { databaseUrl: `postgres://postgres@127.0.0.1:5432/${database}` }
    : { dataDir: join(mkdtempSync(join(tmpdir(), "scrutiny-cpu-")), "data") },
);
if (!opened.ok) throw new Error(opened.error.message);
const store = opened.value;
await support.seedSubmissionFixtures(store);
const app = await buildServer({ store, ...(level ? { logger: { level } } : {}) });
await app.ready();
const signIn = await app.inject({
  method: "POST",
  url: "/api/v1/auth/sign-in",
  payload: { username: "observer", password: "pw" },
});
const cookie = String(signIn.headers["set-cookie"] ?? "").split(";")[0] ?? "";
const body = () =>
  JSON.stringify({
    id: randomUUID(),
    formId: support.formId,
    formVersion: 1,
    stationId: support.ids.station1,
    phaseCode: "election-day",
    submittedAt: "2019-11-17T10:00:00Z",
    answers: { ballot_box_sealed: "yes", voters_counted: 120, registered: 1000, overall_assessment: "good" },
  });
async function wave(): Promise<void> {
  const answers = await Promise.all(
    Array.from({ length: 64 }, () =>
      app.inject({
        method: "POST",
        url: "/api/v1/submissions",
        headers: { "content-type": "application/json", cookie },
        payload: body(),
      }),
    ),
  );
  for (const answer of answers) if (answer.statusCode !== 201) throw new Error(answer.body);
}
for (let i = 0; i < 30; i++) await wave();
// PROFILE=<file>: a CPU profile of the measured waves only (not start-up or warm-up).
const profileFile = process.env["PROFILE"];
const inspector = profileFile ? new (await import("node:inspector/promises")).Session() : undefined;
if (inspector) {
  inspector.connect();
  await inspector.post("Profiler.enable");
  await inspector.post("Profiler.start");
}
// ALLOCATIONS=<file>: a sampling heap profile (what allocates) of the measured waves.
const allocationsFile = process.env["ALLOCATIONS"];
const heapSession = allocationsFile ? new (await import("node:inspector/promises")).Session() : undefined;
if (heapSession) {
  heapSession.connect();
  await heapSession.post("HeapProfiler.startSampling", {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}
const started = process.cpuUsage();
const wall = performance.now();
for (let i = 0; i < waves; i++) await wave();
const used = process.cpuUsage(started);
if (heapSession && allocationsFile) {
  const { profile } = await heapSession.post("HeapProfiler.stopSampling");
  (await import("node:fs")).writeFileSync(allocationsFile, JSON.stringify(profile));
}
if (inspector && profileFile) {
  const { profile } = await inspector.post("Profiler.stop");
  (await import("node:fs")).writeFileSync(profileFile, JSON.stringify(profile));
}
const reports = waves * 64;
process.stderr.write(
  `${root} ${backend}${level ? ` log=${level}` : ""}: ${((used.user + used.system) / reports).toFixed(0)} us CPU/report (user ${(used.user / reports).toFixed(0)}, system ${(used.system / reports).toFixed(0)}), ${((reports * 1000) / (performance.now() - wall)).toFixed(0)}/s\n`,
);
await app.close();
await store.close();
if (database) {
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
}
