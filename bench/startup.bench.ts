// Start-up: a first run (migrate + generate and load the demo election) and a restart on the
// existing data directory, each timed from process start to the first answered HTTP request.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { machineLine } from "./support/machine.ts";
import { cliPath, spawnUntil, stop } from "./support/processes.ts";

async function timeToFirstAnswer(dataDir: string): Promise<number> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const server = await spawnUntil(
    [cliPath, "serve", "--data-dir", dataDir, "--host", "127.0.0.1", "--port", "0"],
    /running on http:\/\/localhost:(\d+)/,
    env,
  );
  const response = await fetch(`http://127.0.0.1:${server.match[1]}/health`);
  if (!response.ok) throw new Error(`health answered ${response.status}`);
  const elapsed = performance.now() - server.startedAt;
  await stop(server.child);
  return elapsed;
}

async function main(): Promise<void> {
  const dataDir = join(mkdtempSync(join(tmpdir(), "scrutiny-startup-")), "data");
  const first = await timeToFirstAnswer(dataDir);
  const restarts: number[] = [];
  for (let i = 0; i < 3; i++) restarts.push(await timeToFirstAnswer(dataDir));
  restarts.sort((a, b) => a - b);
  const median = restarts[1] ?? 0;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  process.stdout.write(
    [
      "## Start-up (embedded PGlite)",
      "",
      `Machine: ${machineLine()}. Time from \`scrutiny serve\` process start to the first answered request (\`/health\`).`,
      "",
      "| run | time |",
      "|---|---:|",
      `| first run: create database, migrate, generate and load the demo election | ${seconds(first)} |`,
      `| restart on the existing data directory (median of 3) | ${seconds(median)} |`,
      "",
      "",
    ].join("\n"),
  );
}

await main();
