// Forensics benchmark: `node --import tsx bench/forensics.bench.ts`. Prints Markdown: timings per
// step on both real files, each also as a ratio to merely parsing the CSV in the same run.
import { readFileSync } from "node:fs";
import { decodeText, parseResultsCsv, unzipSingleTable } from "@scrutiny/domain";
import { electionColumns, fingerprint, integerPercentages, runForensics } from "@scrutiny/forensics";
import { machineLine } from "./support/machine.ts";

export interface BenchSection {
  readonly title: string;
  readonly lines: string[];
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

export async function benchForensics(): Promise<BenchSection> {
  const lines = [
    `Machine: ${machineLine()}.`,
    "",
    "| file | parse CSV (baseline) | integer test (exact) | integer MC 1,000 draws | fingerprint fit | one bootstrap refit | full report (no refits) | excess |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const name of ["russia-2011-duma", "russia-2018-president"]) {
    const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/data/${name}.csv.zip`, import.meta.url)));
    const zip = unzipSingleTable(bytes);
    if (!zip.ok) throw new Error(zip.error.message);
    const text = decodeText(zip.value.bytes);
    const parse = timed(() => parseResultsCsv(text, { preset: "ru-cec" }));
    if (!parse.value.ok) throw new Error("parse failed");
    const parsed = parse.value.value;
    const data = electionColumns(parsed.results);
    const exact = timed(() => integerPercentages(data));
    const mc = timed(() => integerPercentages(data, { monteCarloDraws: 1000, seed: 1 }));
    const fp = timed(() => fingerprint(data, { seed: 1 }));
    // A bootstrap replicate is a full refit; 200 of them (the intervals) cost 200 times this.
    const withOne = timed(() => fingerprint(data, { seed: 1, bootstrap: 1 }));
    const full = timed(() =>
      runForensics(parsed.results, { relations: parsed.mapping.controls, flags: parsed.arithmeticFlags }),
    );
    const r = (ms: number) => `${(ms / 1000).toFixed(2)} s (${(ms / parse.ms).toFixed(1)}×)`;
    lines.push(
      `| ${name} | ${(parse.ms / 1000).toFixed(2)} s (1×) | ${r(exact.ms)} | ${r(mc.ms - exact.ms)} | ${r(fp.ms)} | ${r(withOne.ms - fp.ms)} | ${r(full.ms)} | ${exact.value.result.excess.toFixed(1)} |`,
    );
  }
  return { title: "Election forensics", lines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = await benchForensics();
  process.stdout.write(`## ${section.title}\n\n${section.lines.join("\n")}\n`);
}
