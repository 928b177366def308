// `npm run bench`: runs every bench/*.bench.ts in its own process, one after another (the machine
// has 2 cores; benchmarks must not compete), and writes their Markdown to docs/BENCHMARKS.md.
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { machineLine } from "./support/machine.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(new URL("./", import.meta.url))
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

const sections: string[] = [];
for (const file of benches) {
  process.stderr.write(`running bench/${file}...\n`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", `bench/${file}`], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (run.status !== 0) {
    sections.push(`## bench/${file}\n\nFailed (exit ${run.status}) after ${seconds} s.\n`);
    process.stderr.write(`bench/${file} failed\n`);
  } else {
    sections.push(run.stdout.trim());
    process.stderr.write(`bench/${file} done in ${seconds} s\n`);
  }
}

const document = [
  "# Benchmarks",
  "",
  `Written by \`npm run bench\` on ${machineLine()}.`,
  "This machine is shared and noisy: read each figure beside the baseline measured in the same run.",
  "",
  ...sections.map((section) => `${section}\n`),
].join("\n");
writeFileSync(new URL("../docs/BENCHMARKS.md", import.meta.url), document);
process.stderr.write("docs/BENCHMARKS.md written\n");
