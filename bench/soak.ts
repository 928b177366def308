import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { openStore } from "@scrutiny/store";
import { seedSubmissionFixtures } from "../apps/server/test/support.ts";
import { createScratchDatabase } from "../test-support/backends.ts";
import { InspectorClient } from "./support/inspector-client.ts";
import { reportBody } from "./support/load.ts";
import { machineLine } from "./support/machine.ts";
import { serveArgs, spawnUntil, stop } from "./support/processes.ts";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    rate: { type: "string", default: "40" },
    note: { type: "string", default: "" },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
if (!(minutes > 0) || !(rate > 0)) throw new Error("--minutes and --rate must be positive numbers");
const SAMPLE_MS = 10_000;
/** The live heap is measured every this many samples (a forced full collection each time). */
const HEAP_EVERY = 6;

interface Sample {
  atSeconds: number;
  sent: number;
  errors: number;
  p50: number;
  p99: number;
  rssMiB: number;
  /** Used heap right after a full collection (every HEAP_EVERY samples). */
  heapMiB?: number;
}

function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const adminUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const scratch = await createScratchDatabase(adminUrl);
let server: Awaited<ReturnType<typeof spawnUntil>> | undefined;
try {
  const opened = await openStore({ databaseUrl: scratch.url });
  if (!opened.ok) throw new Error(opened.error.message);
  await seedSubmissionFixtures(opened.value);
  await opened.value.close();
  const { DATABASE_URL: _db, SCRUTINY_SOURCE: _source, ...env } = process.env;
  server = await spawnUntil(
    ["--inspect=127.0.0.1:0", ...serveArgs(["--database-url", scratch.url])],
    /Debugger listening on (ws:\/\/\S+)[\s\S]*running on http:\/\/localhost:(\d+)/,
    env,
  );
  const inspector = await InspectorClient.connect(server.match[1] ?? "");
  const base = `http://127.0.0.1:${server.match[2]}`;
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "observer", password: "pw" }),
  });
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const pid = server.child.pid;

  let latencies: number[] = [];
  let windowErrors = 0;
  let sent = 0;
  let errors = 0;
  const all: number[] = [];
  const inflight = new Set<Promise<void>>();
  const send = async () => {
    const started = performance.now();
    try {
      const response = await fetch(`${base}/api/v1/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: reportBody({ voters_counted: sent % 5000, registered: undefined }),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`status ${response.status}`);
      const ms = performance.now() - started;
      latencies.push(ms);
      all.push(ms);
    } catch {
      errors++;
      windowErrors++;
    }
  };

  const samples: Sample[] = [];
  const startedAt = performance.now();
  const endAt = startedAt + minutes * 60_000;
  let nextSample = startedAt + SAMPLE_MS;
  const tickMs = 100;
  let due = 0;
  process.stderr.write(`soak: ${minutes} min at ${rate} reports/s against ${base}\n`);
  while (performance.now() < endAt) {
    // Open loop: the schedule, not the answers, sets the pace; reckoned from the clock, so a
    // late timer sends what is due rather than drifting below the rate.
    due = Math.floor((rate * (performance.now() - startedAt)) / 1000) - sent;
    while (due > 0) {
      due--;
      sent++;
      const p = send().finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
    if (performance.now() >= nextSample) {
      const sorted = [...latencies].sort((a, b) => a - b);
      const sample: Sample = {
        atSeconds: Math.round((performance.now() - startedAt) / 1000),
        sent,
        errors: windowErrors,
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        rssMiB: rssMiB(pid),
        ...(samples.length % HEAP_EVERY === HEAP_EVERY - 1
          ? { heapMiB: await inspector.heapAfterFullCollection() }
          : {}),
      };
      samples.push(sample);
      process.stderr.write(
        `  ${sample.atSeconds}s sent ${sent} errors ${windowErrors} p50 ${sample.p50.toFixed(1)} ms p99 ${sample.p99.toFixed(1)} ms rss ${sample.rssMiB.toFixed(0)} MiB${sample.heapMiB === undefined ? "" : ` heap after GC ${sample.heapMiB.toFixed(1)} MiB`}\n`,
      );
      latencies = [];
      windowErrors = 0;
      nextSample += SAMPLE_MS;
    }
  }
  await Promise.all(inflight);
  inspector.close();
  const elapsed = (performance.now() - startedAt) / 1000;
  const sorted = all.sort((a, b) => a - b);
  const warm = samples.slice(Math.floor(samples.length / 5));
  const rssPerMinute = slope(warm.map((s) => ({ x: s.atSeconds / 60, y: s.rssMiB })));
  const meanRss = warm.reduce((s, x) => s + x.rssMiB, 0) / Math.max(1, warm.length);
  const heap = warm.flatMap((s) => (s.heapMiB === undefined ? [] : [{ x: s.atSeconds / 60, y: s.heapMiB }]));
  const heapPerMinute = slope(heap);
  const meanHeap = heap.reduce((s, p) => s + p.y, 0) / Math.max(1, heap.length);
  // Flat: the live heap's fitted growth over the whole run stays under 5% of its size (and there
  // are enough measurements after the warm-up to fit a line at all).
  const flat = heap.length >= 3 && Math.abs(heapPerMinute * minutes) < 0.05 * meanHeap;
  const lines = [
    "<!-- soak -->",
    "## Soak (PostgreSQL)",
    "",
    `${machineLine()}. \`npm run soak -- --minutes ${minutes} --rate ${rate}\`: one compiled \`scrutiny serve\` on a scratch database of the local PostgreSQL 15, reports sent open-loop at a steady rate.${values.note ? ` ${values.note}` : ""}`,
    "",
    "| reports sent | acknowledged/s | errors | p50 ms | p99 ms | heap after full GC, MiB (after warm-up) | heap slope | memory | RSS MiB | RSS slope |",
    "|---|---|---|---|---|---|---|---|---|---|",
    `| ${sent} | ${((sent - errors) / elapsed).toFixed(1)} | ${errors} | ${quantile(sorted, 0.5).toFixed(1)} | ${quantile(sorted, 0.99).toFixed(1)} | ${meanHeap.toFixed(1)} | ${heapPerMinute.toFixed(3)} MiB/min | ${flat ? "flat" : "GROWS"} | ${meanRss.toFixed(0)} | ${rssPerMinute.toFixed(2)} MiB/min |`,
    "",
    "Memory is judged by the live heap: the heap used right after a full collection forced every minute through the server's inspector, fitted after the first fifth of the run; flat means its growth over the run is under 5% of its size. Resident memory is shown, not judged (it moves with the heap's and the allocator's sizing).",
    "",
    "Over time (10 s windows; the heap each minute):",
    "",
    "| at | errors | p50 ms | p99 ms | RSS MiB | heap after GC MiB |",
    "|---|---|---|---|---|---|",
    ...samples
      .filter((s, i) => s.heapMiB !== undefined || i === samples.length - 1)
      .filter((_, i, kept) => i % Math.max(1, Math.round(kept.length / 12)) === 0 || i === kept.length - 1)
      .map(
        (s) =>
          `| ${s.atSeconds} s | ${s.errors} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.rssMiB.toFixed(0)} | ${s.heapMiB === undefined ? "" : s.heapMiB.toFixed(1)} |`,
      ),
    "<!-- /soak -->",
  ];
  const section = lines.join("\n");
  const doc = new URL("../docs/BENCHMARKS.md", import.meta.url);
  const text = readFileSync(doc, "utf8");
  const start = text.indexOf("<!-- soak -->");
  const end = text.indexOf("<!-- /soak -->");
  const notes = text.indexOf("<!-- notes -->");
  // Kept among the notes, which `npm run bench` carries over when it rewrites the file.
  const updated =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + "<!-- /soak -->".length)}`
      : notes >= 0
        ? `${text.slice(0, notes)}<!-- notes -->\n\n${section}\n${text.slice(notes + "<!-- notes -->".length)}`
        : `${text.trimEnd()}\n\n<!-- notes -->\n\n${section}\n`;
  writeFileSync(doc, updated);
  process.stdout.write(`${section}\n`);
  if (errors > 0 || !flat) process.exitCode = 1;
} finally {
  if (server) await stop(server.child);
  await scratch.drop();
}
