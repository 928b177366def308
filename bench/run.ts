// `npm run bench [name ...]`: runs every bench/*.bench.ts (or those whose names are given) in its
// own process, one after another (the machine has 2 cores; benchmarks must not compete), and writes
// their Markdown to docs/BENCHMARKS.md. Sections of benchmarks not run this time are kept.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const output = new URL("../docs/BENCHMARKS.md", import.meta.url);
const only = process.argv.slice(2);
const all = readdirSync(new URL("./", import.meta.url))
  .filter((file) => file.endsWith(".bench.ts"))
  .sort();
const selected = all.filter((file) => only.length === 0 || only.some((name) => file.includes(name)));

const marker = (file: string) => `<!-- bench:${file} -->`;
// Hand-written comparisons (before/after a change, one-off runs) follow this marker and are kept.
const notesMarker = "<!-- notes -->";
const previous = new Map<string, string>();
let notes = "";
if (existsSync(output)) {
  const text = readFileSync(output, "utf8");
  const notesAt = text.indexOf(notesMarker);
  if (notesAt >= 0) notes = text.slice(notesAt).trim();
  // Every section, including those other tools write (e2e/observer-load.test.ts writes its own).
  for (const found of text.matchAll(/<!-- bench:(.+?) -->/g)) {
    const name = found[1] ?? "";
    const after = (found.index ?? 0) + found[0].length;
    const ends = [text.indexOf("<!-- bench:", after), text.indexOf(notesMarker, after)].filter(
      (at) => at >= 0,
    );
    previous.set(name, text.slice(after, ends.length === 0 ? undefined : Math.min(...ends)).trim());
  }
}

const sections = new Map(previous);
for (const file of selected) {
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
    sections.set(file, `## bench/${file}\n\nFailed (exit ${run.status}) after ${seconds} s.`);
    process.stderr.write(`bench/${file} failed\n`);
  } else {
    sections.set(file, run.stdout.trim());
    process.stderr.write(`bench/${file} done in ${seconds} s\n`);
  }
}

const document = [
  "# Benchmarks",
  "",
  "Written by `npm run bench` (each section names its machine and date). This machine is shared and",
  "noisy: read each figure beside the baseline measured in the same run, never across sections.",
  "",
  ...all.filter((file) => sections.has(file)).map((file) => `${marker(file)}\n${sections.get(file)}\n`),
  // Sections this script does not run stay, after its own.
  ...[...sections.keys()]
    .filter((name) => !all.includes(name))
    .map((name) => `${marker(name)}\n${sections.get(name)}\n`),
  ...(notes ? [`${notes}\n`] : []),
].join("\n");
writeFileSync(output, document);
process.stderr.write("docs/BENCHMARKS.md written\n");
