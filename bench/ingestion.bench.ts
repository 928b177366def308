import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "@scrutiny/store";
import autocannon from "autocannon";
import pg from "pg";
import { seedSubmissionFixtures } from "../apps/server/test/support.ts";
import { cpuSeconds, reportBody } from "./support/load.ts";
import { machineLine } from "./support/machine.ts";
import { serveArgs, spawnUntil, stop } from "./support/processes.ts";

const DURATION_SECONDS = Number(process.env["BENCH_SECONDS"] ?? 10);
const CONNECTIONS = 64;

interface Measured {
  label: string;
  /** CPU time of the server process per acknowledged request (user + system), in microseconds. */
  cpuMicros?: number;
  perSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

async function load(
  label: string,
  port: number,
  cookie: string,
  rate?: number,
  pid?: number,
): Promise<Measured> {
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: rate ? 32 : CONNECTIONS,
    duration: DURATION_SECONDS,
    ...(rate ? { overallRate: rate } : {}),
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
  const cpu = cpuSeconds(pid) - cpuBefore;
  return {
    label,
    ...(pid !== undefined && ok > 0 ? { cpuMicros: (cpu * 1e6) / ok } : {}),
    perSecond: ok / DURATION_SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors,
  };
}

async function signIn(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "observer", password: "pw" }),
  });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function scrutinyOn(flags: string[]) {
  const databaseUrl = flags[0] === "--database-url" ? flags[1] : undefined;
  const dataDir = flags[0] === "--data-dir" ? flags[1] : undefined;
  const opened = await openStore({ databaseUrl, dataDir });
  if (!opened.ok) throw new Error(opened.error.message);
  await seedSubmissionFixtures(opened.value);
  await opened.value.close();
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const server = await spawnUntil(serveArgs(flags), /running on http:\/\/localhost:(\d+)/, env);
  return { child: server.child, port: Number(server.match[1]), pid: server.child.pid };
}

async function main(): Promise<void> {
  const results: Measured[] = [];
  const noop = await spawnUntil(["--import", "tsx", "bench/support/noop-server.ts"], /listening on (\d+)/);
  results.push(
    await load("no-op Fastify handler (baseline)", Number(noop.match[1]), "", undefined, noop.child.pid),
  );
  await stop(noop.child);

  const adminUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
  const database = `scrutiny_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  let postgresUrl: string | undefined;
  try {
    await admin.connect();
    await admin.query(`create database ${database}`);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    postgresUrl = url.toString();
  } catch (error) {
    process.stderr.write(`PostgreSQL unavailable, skipping its rows: ${(error as Error).message}\n`);
  }

  const backends: [string, string[]][] = [];
  if (postgresUrl) backends.push(["PostgreSQL", ["--database-url", postgresUrl]]);
  backends.push(["PGlite", ["--data-dir", join(mkdtempSync(join(tmpdir(), "scrutiny-bench-")), "data")]]);
  for (const [name, flags] of backends) {
    const server = await scrutinyOn(flags);
    const cookie = await signIn(server.port);
    results.push(
      await load(
        `Scrutiny on ${name}, ${CONNECTIONS} connections (max)`,
        server.port,
        cookie,
        undefined,
        server.pid,
      ),
    );
    results.push(await load(`Scrutiny on ${name}, steady 1,000/s`, server.port, cookie, 1000, server.pid));
    await stop(server.child);
  }
  if (postgresUrl) {
    await admin.query(`drop database if exists ${database} with (force)`);
  }
  await admin.end().catch(() => {});

  const baseline = results[0]?.perSecond ?? 1;
  const baselineCpu = results[0]?.cpuMicros ?? 0;
  const lines = [
    "## Ingestion: acknowledged submissions per second",
    "",
    `Machine: ${machineLine()}. Each row: ${DURATION_SECONDS} s of autocannon from the same machine (the load generator shares the 2 cores), one JSON submission per request, each acknowledged only after its commit (group commit).`,
    "",
    "| setup | acknowledged/s | ratio to no-op | p50 ms | p99 ms | server CPU µs/request | 2xx | failed |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.label} | ${Math.round(r.perSecond).toLocaleString("en")} | ${(r.perSecond / baseline).toFixed(2)} | ${r.p50} | ${r.p99} | ${r.cpuMicros === undefined ? "" : Math.round(r.cpuMicros)} | ${r.ok} | ${r.failed} |`,
    ),
    "",
    ...results
      .filter((r) => r.cpuMicros !== undefined && r.label.includes("(max)"))
      .map(
        (r) =>
          `${r.label.replace(/, \d+ connections \(max\)/, "")}: the server process spends ${Math.round(r.cpuMicros ?? 0)} µs of CPU per acknowledged report (the no-op handler ${Math.round(baselineCpu)} µs), so one Node process tops out near ${Math.round(1e6 / (r.cpuMicros ?? 1)).toLocaleString("en")}/s even with a core to itself; here it shares 2 cores with the load generator${r.label.includes("PostgreSQL") ? " and PostgreSQL" : " (PGlite runs inside it)"}.`,
      ),
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

await main();
