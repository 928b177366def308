// CPU per report of the ingestion path without sockets: builds the server of the checkout at
// argv[2] in this process (PostgreSQL with `pg`, or PGlite), sends POST /api/v1/submissions through
// app.inject in waves of 64 concurrent reports (so every commit holds 64, whatever the machine's
// load), and prints this process's user+system CPU per report. Load from other processes slows it
// but does not change how the work is batched, so two checkouts can be compared on a busy machine.
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { build } from "esbuild";
import pg from "pg";

const root = process.argv[2] ?? process.cwd();
const backend = process.argv[3] ?? "pg";
const waves = Number(process.env["WAVES"] ?? 300);
const level = process.env["LOG"];
// COMPILED=1: the checkout's server, store and fixtures bundled by esbuild as `npm run build`
// compiles them (production runs that, not the sources through tsx, whose keepNames wraps every
// closure created in a call); otherwise the TypeScript sources through tsx.
const modules = process.env["COMPILED"] ? await compiled(root) : undefined;
const { buildServer } = modules ?? (await import(`${root}/apps/server/src/app.ts`));
const { openStore } = modules ?? (await import(`${root}/packages/store/src/index.ts`));
const support = modules ?? (await import(`${root}/apps/server/test/support.ts`));

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
// On PostgreSQL, the CPU of the database's server processes too (they share the machine's cores).
const backendsBefore = await backendTicks();
const started = process.cpuUsage();
const wall = performance.now();
for (let i = 0; i < waves; i++) await wave();
const used = process.cpuUsage(started);
const backendsAfter = await backendTicks();
if (heapSession && allocationsFile) {
  const { profile } = await heapSession.post("HeapProfiler.stopSampling");
  (await import("node:fs")).writeFileSync(allocationsFile, JSON.stringify(profile));
}
if (inspector && profileFile) {
  const { profile } = await inspector.post("Profiler.stop");
  (await import("node:fs")).writeFileSync(profileFile, JSON.stringify(profile));
}
const reports = waves * 64;
let backendMicros = 0;
for (const [pid, ticks] of backendsAfter) backendMicros += (ticks - (backendsBefore.get(pid) ?? 0)) * 1e4;
process.stderr.write(
  `${root} ${backend}${level ? ` log=${level}` : ""}: ${((used.user + used.system) / reports).toFixed(0)} us CPU/report (user ${(used.user / reports).toFixed(0)}, system ${(used.system / reports).toFixed(0)})${database ? `, PostgreSQL server processes ${(backendMicros / reports).toFixed(0)} us/report` : ""}, ${((reports * 1000) / (performance.now() - wall)).toFixed(0)}/s\n`,
);
await app.close();
await store.close();
if (database) {
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
}

/** User+system clock ticks (10 ms) of each server process of the scratch database (Linux /proc). */
async function backendTicks(): Promise<Map<number, number>> {
  const ticks = new Map<number, number>();
  if (!database) return ticks;
  const { rows } = await admin.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1", [
    database,
  ]);
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks.set(pid, Number(fields[11] ?? 0) + Number(fields[12] ?? 0));
    } catch {
      // Not on this machine (a remote server): no figure.
    }
  }
  return ticks;
}

/** One ESM bundle of the checkout's own TypeScript (npm packages external), as tools/build.mjs makes. */
async function compiled(checkout: string) {
  const outdir = join(checkout, "node_modules/.cache/ingestion-cpu");
  mkdirSync(outdir, { recursive: true });
  const entry = join(outdir, "entry.ts");
  writeFileSync(
    entry,
    [
      "apps/server/src/app.ts",
      "packages/store/src/index.ts",
      "apps/server/test/support.ts",
      "apps/server/src/ingestion/ingest.ts",
      "packages/domain/src/index.ts",
    ]
      .map((file) => `export * from ${JSON.stringify(join(checkout, file))};`)
      .join("\n"),
  );
  await build({
    entryPoints: [entry],
    outfile: join(outdir, "bundle.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    logLevel: "warning",
    plugins: [
      {
        name: "external-packages",
        setup(b) {
          // A package npm nested under a workspace is imported by its path (as tools/build.mjs does).
          b.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.path.startsWith("@scrutiny/") || args.pluginData?.inner) return undefined;
            if (args.path.startsWith("node:")) return { path: args.path, external: true };
            const found = await b.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              pluginData: { inner: true },
            });
            const nested =
              found.errors.length === 0 &&
              found.path.includes(`${sep}node_modules${sep}`) &&
              !found.path.startsWith(join(checkout, "node_modules") + sep);
            if (!nested) return { path: args.path, external: true };
            return { path: `./${relative(outdir, found.path).split(sep).join("/")}`, external: true };
          });
          // Paths resolved from import.meta.url (the migrations) stay those of the sources.
          b.onLoad({ filter: /\.ts$/ }, (args) => {
            const text = readFileSync(args.path, "utf8");
            if (!text.includes("import.meta.url")) return undefined;
            const from = relative(outdir, args.path).split(sep).join("/");
            return {
              contents: text.replaceAll(
                "import.meta.url",
                `new URL(${JSON.stringify(from)}, import.meta.url).href`,
              ),
              loader: "ts",
            };
          });
        },
      },
    ],
  });
  return import(join(outdir, "bundle.mjs"));
}
