// Ingestion's ratio to the no-op baseline, robust to a shared machine: the no-op Fastify handler
// and Scrutiny's server(s) all run at once (an idle server costs nothing), and short windows of
// load alternate between them: no-op, Scrutiny (one window per checkout compared), no-op, ... Each
// Scrutiny window's ratio is its acknowledged rate over the mean of the two no-op windows around
// it, so a change of the machine's load between windows moves both sides of a ratio alike; the
// median of these ratios is reported, with their range. Not part of `npm run bench`:
//   node tools/build.mjs   (in every checkout compared)
//   PAIRS=8 WINDOW_SECONDS=3 BACKEND=postgres CHECKOUTS=/path/a,/path/b \
//     node --import tsx bench/ingestion-pairs.ts
// CHECKOUTS are repository roots whose compiled CLI (apps/cli/bin/scrutiny.js) is served; the
// default is this one.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "@scrutiny/store";
import autocannon from "autocannon";
import pg from "pg";
import { seedSubmissionFixtures } from "../apps/server/test/support.ts";
import { cpuSeconds, reportBody } from "./support/load.ts";
import { machineLine } from "./support/machine.ts";
import { repositoryRoot, spawnUntil, stop } from "./support/processes.ts";

const PAIRS = Number(process.env["PAIRS"] ?? 6);
const WINDOW_SECONDS = Number(process.env["WINDOW_SECONDS"] ?? 3);
const BACKEND = process.env["BACKEND"] ?? "postgres";
const CHECKOUTS = (process.env["CHECKOUTS"] ?? repositoryRoot).split(",").filter((root) => root !== "");
const CONNECTIONS = 64;

interface Window {
  perSecond: number;
  cpuMicros: number;
  failed: number;
}

async function window(port: number, cookie: string, pid: number | undefined): Promise<Window> {
  const before = cpuSeconds(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: WINDOW_SECONDS,
    requests: [
      {
        method: "POST",
        path: "/api/v1/submissions",
        headers: { "content-type": "application/json", cookie },
        setupRequest: (request) => ({ ...request, body: reportBody() }),
      },
    ],
  });
  const ok = result["2xx"];
  return {
    perSecond: ok / WINDOW_SECONDS,
    cpuMicros: ok > 0 ? ((cpuSeconds(pid) - before) * 1e6) / ok : 0,
    failed: result.non2xx + result.errors,
  };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const adminUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const admin = new pg.Client({ connectionString: adminUrl });
if (BACKEND === "postgres") await admin.connect();
const databases: string[] = [];

async function serve(root: string) {
  let flags: string[];
  if (BACKEND === "postgres") {
    const database = `scrutiny_pairs_${Date.now()}_${databases.length}`;
    await admin.query(`create database ${database}`);
    databases.push(database);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    flags = ["--database-url", url.toString()];
  } else flags = ["--data-dir", join(mkdtempSync(join(tmpdir(), "scrutiny-pairs-")), "data")];
  const opened = await openStore(
    flags[0] === "--database-url" ? { databaseUrl: flags[1] } : { dataDir: flags[1] },
  );
  if (!opened.ok) throw new Error(opened.error.message);
  await seedSubmissionFixtures(opened.value);
  await opened.value.close();
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const cli = join(root, "apps/cli/bin/scrutiny.js");
  const server = await new Promise<{ child: ReturnType<typeof spawn>; port: number }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cli, "serve", "--no-demo", "--host", "127.0.0.1", "--port", "0", ...flags],
      {
        env,
        cwd: root,
      },
    );
    let output = "";
    let started = false;
    const onData = (chunk: Buffer) => {
      if (started) return;
      output = `${output}${chunk.toString()}`.slice(-16 * 1024);
      const match = /running on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        started = true;
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${output.slice(-2000)}`)));
  });
  const signIn = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "observer", password: "pw" }),
  });
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { root, ...server, cookie };
}

const noop = await spawnUntil(["--import", "tsx", "bench/support/noop-server.ts"], /listening on (\d+)/);
const noopPort = Number(noop.match[1]);
const servers = [];
for (const root of CHECKOUTS) servers.push(await serve(root));
// Warm-up: caches filled, code optimised, in every server.
await window(noopPort, "", noop.child.pid);
for (const server of servers) await window(server.port, server.cookie, server.child.pid);

const loadAtStart = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const started = new Date();
const noops: Window[] = [await window(noopPort, "", noop.child.pid)];
const measured = servers.map(() => [] as Window[]);
for (let pair = 0; pair < PAIRS; pair++) {
  for (const [index, server] of servers.entries())
    measured[index]?.push(await window(server.port, server.cookie, server.child.pid));
  noops.push(await window(noopPort, "", noop.child.pid));
}
const loadAtEnd = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

await stop(noop.child);
for (const server of servers) await stop(server.child);
if (BACKEND === "postgres") {
  for (const database of databases) await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
}

const lines = [
  `Machine: ${machineLine()}. ${started.toISOString().slice(0, 16)} UTC, load average ${loadAtStart} at the start and ${loadAtEnd} at the end; ${BACKEND}, ${PAIRS} rounds of ${WINDOW_SECONDS} s windows at ${CONNECTIONS} connections, no-op windows between.`,
  "",
  "| server | ratio to no-op, median (range) | acknowledged/s, median | server CPU µs/report, median | failed |",
  "|---|---:|---:|---:|---:|",
  `| no-op Fastify handler | 1.00 | ${Math.round(median(noops.map((w) => w.perSecond))).toLocaleString("en")} | ${Math.round(median(noops.map((w) => w.cpuMicros)))} | ${noops.reduce((sum, w) => sum + w.failed, 0)} |`,
  ...servers.map((server, index) => {
    const windows = measured[index] ?? [];
    const ratios = windows.map((w, pair) => {
      const around = ((noops[pair]?.perSecond ?? 0) + (noops[pair + 1]?.perSecond ?? 0)) / 2;
      return around > 0 ? w.perSecond / around : 0;
    });
    return `| ${server.root} | ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)}) | ${Math.round(median(windows.map((w) => w.perSecond))).toLocaleString("en")} | ${Math.round(median(windows.map((w) => w.cpuMicros)))} | ${windows.reduce((sum, w) => sum + w.failed, 0)} |`;
  }),
];
process.stdout.write(`${lines.join("\n")}\n`);
