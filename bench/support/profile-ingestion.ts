import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "@scrutiny/store";
import autocannon from "autocannon";
import pg from "pg";
import { seedSubmissionFixtures } from "../../apps/server/test/support.ts";
import { InspectorClient } from "./inspector-client.ts";
import { reportBody } from "./load.ts";
import { serveArgs, spawnUntil, stop } from "./processes.ts";

const seconds = Number(process.env["PROFILE_SECONDS"] ?? 8);
const backend = process.env["PROFILE_BACKEND"] ?? "postgres";
const profileDir = mkdtempSync(join(tmpdir(), "scrutiny-profile-"));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function report(profile: Profile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const name = (node: ProfileNode) =>
    `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url.replace(/^.*node_modules\//, "nm/").replace(/^file:\/\/.*\/(apps|packages)\//, "$1/")}:${node.callFrame.lineNumber + 1}`;
  let all = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    all += delta;
    const node = byId.get(id);
    if (!node) return;
    self.set(name(node), (self.get(name(node)) ?? 0) + delta);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at) as ProfileNode);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + delta);
    }
  });
  const top = (map: Map<string, number>, count: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, value]) => `${((100 * value) / all).toFixed(1).padStart(5)}%  ${key}`)
      .join("\n");
  process.stdout.write(`self time:\n${top(self, 45)}\n\ntotal time:\n${top(total, 90)}\n`);
}

const adminUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const database = `scrutiny_profile_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
let flags: string[];
if (backend === "postgres") {
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  flags = ["--database-url", url.toString()];
} else {
  flags = ["--data-dir", join(mkdtempSync(join(tmpdir(), "scrutiny-profile-data-")), "data")];
}
const opened = await openStore(
  flags[0] === "--database-url" ? { databaseUrl: flags[1] } : { dataDir: flags[1] },
);
if (!opened.ok) throw new Error(opened.error.message);
await seedSubmissionFixtures(opened.value);
await opened.value.close();
const { DATABASE_URL: _ignored, ...env } = process.env;
// The profile covers the load only (not start-up, whose module loading and schema building would
// otherwise be most of it): started and stopped through the server's inspector.
const server = await spawnUntil(
  [
    ...(process.env["PROFILE_PRELOAD"] ? ["--import", process.env["PROFILE_PRELOAD"]] : []),
    ...(process.env["PROFILE_OFF"] ? [] : ["--inspect=127.0.0.1:0"]),
    ...serveArgs(flags),
  ],
  process.env["PROFILE_OFF"]
    ? /()running on http:\/\/localhost:(\d+)/
    : /Debugger listening on (ws:\/\/\S+)[\s\S]*running on http:\/\/localhost:(\d+)/,
  env,
);
const port = Number(server.match[2]);
const inspector = process.env["PROFILE_OFF"]
  ? undefined
  : await InspectorClient.connect(server.match[1] ?? "");
const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username: "observer", password: "pw" }),
});
const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
const load = (duration: number) =>
  autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 64,
    duration,
    requests: [
      {
        method: "POST",
        path: "/api/v1/submissions",
        headers: { "content-type": "application/json", cookie },
        setupRequest: (request) => ({ ...request, body: reportBody() }),
      },
    ],
  });
await load(2); // warm-up: caches filled, code optimised
await inspector?.call("Profiler.enable");
await inspector?.call("Profiler.start");
const statBefore = readFileSync(`/proc/${server.child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
const result = await load(seconds);
process.stdout.write(`${result["2xx"] / seconds}/s 2xx, ${result.non2xx} non-2xx, ${result.errors} errors\n`);
const stat = readFileSync(`/proc/${server.child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
const ticks = (fields: string[]) => Number(fields[11]) + Number(fields[12]);
process.stdout.write(
  `server CPU ${(((ticks(stat) - ticks(statBefore)) * 1e4) / result["2xx"]).toFixed(0)} us/report (user ${(((Number(stat[11]) - Number(statBefore[11])) * 1e4) / result["2xx"]).toFixed(0)}, system ${(((Number(stat[12]) - Number(statBefore[12])) * 1e4) / result["2xx"]).toFixed(0)}; the measured load)\n`,
);
const profiled = inspector
  ? (await inspector.call<{ profile: Profile }>("Profiler.stop")).profile
  : undefined;
inspector?.close();
await stop(server.child);
if (backend === "postgres") {
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
}
if (profiled === undefined) process.exit(0);
const file = join(profileDir, "load.cpuprofile");
writeFileSync(file, JSON.stringify(profiled));
process.stdout.write(`profile: ${file}\n`);
report(profiled);
