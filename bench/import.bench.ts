// Station import: rows per second of `scrutiny`'s whole import path (read the file, parse and check
// every line through the mapping, bulk COPY into a temporary table, merge by station code with
// areas) beside a plain PostgreSQL COPY of the same file into an unindexed table, in the same run
// (the ratio is what to compare). Also a re-import of the same file (every row compared) and PGlite.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { parseStations, readTable, type StationMappingInput } from "@scrutiny/domain";
import { openStore, type Store } from "@scrutiny/store";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { sampleElection } from "../packages/store/test/support/sample-election.ts";
import { machineLine } from "./support/machine.ts";

const STATIONS = Number(process.env["BENCH_STATIONS"] ?? 100_000);
const REPEATS = Number(process.env["BENCH_REPEATS"] ?? 3);

const mapping: StationMappingInput = {
  code: "code",
  name: "name",
  address: "address",
  registeredVoters: "registered_voters",
  latitude: "latitude",
  longitude: "longitude",
  areas: [
    { level: "region", code: "region", name: "region_name" },
    { level: "constituency", code: "constituency" },
  ],
  attributes: [{ key: "settlement", column: "settlement" }],
};

function stationFile(n: number): string {
  const lines = [
    "code;name;address;region;region_name;constituency;registered_voters;latitude;longitude;settlement",
  ];
  for (let i = 0; i < n; i++) {
    const constituency = i % 110;
    const region = `R${constituency % 7}`;
    lines.push(
      `${100000 + i};School No. ${i + 1};"${i % 400} Lenin Street; building ${i % 7}";${region};Region ${region};${region}-${constituency};${500 + ((i * 7919) % 2500)};${(52 + (i % 400) / 100).toFixed(4)};${(24 + (i % 800) / 100).toFixed(4)};${i % 3 === 0 ? "urban" : "rural"}`,
    );
  }
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

interface Row {
  label: string;
  seconds: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function election(store: Store, n: number): Promise<string> {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  await store.elections.insertBundle({
    ...sampleElection,
    election: { ...sampleElection.election, id, code: `bench-${n}` },
    areas: [],
    stations: [],
    contests: [],
    candidates: [],
    officialResults: [],
  });
  return id;
}

/** The whole import path, as `scrutiny import stations` runs it. */
async function importFile(store: Store, electionId: string, file: string): Promise<number> {
  const started = performance.now();
  const table = readTable(new Uint8Array(readFileSync(file)));
  if (!table.ok) throw new Error(JSON.stringify(table.error));
  const parsed = parseStations(table.value, mapping);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.slice(0, 3)));
  const outcome = await store.stationImports.apply(electionId, parsed.value);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return (performance.now() - started) / 1000;
}

async function plainCopy(url: string, file: string, run: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = `plain_copy_${run}`;
    await client.query(`create table ${table} (code text, name text, address text, region text, region_name text,
      constituency text, registered_voters integer, latitude double precision, longitude double precision, settlement text)`);
    const started = performance.now();
    const { createReadStream } = await import("node:fs");
    // The file starts with a byte-order mark, which COPY would take as part of the header: skip 3 bytes.
    await pipeline(
      createReadStream(file, { start: 3 }),
      client.query(copyFrom(`copy ${table} from stdin with (format csv, header true, delimiter ';')`)),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "scrutiny-import-bench-"));
  const file = join(dir, "stations.csv");
  writeFileSync(file, stationFile(STATIONS));
  const megabytes = readFileSync(file).length / 1024 / 1024;
  const rows: Row[] = [];

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

  if (postgresUrl) {
    const opened = await openStore({ databaseUrl: postgresUrl });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const copies: number[] = [];
    const imports: number[] = [];
    const reimports: number[] = [];
    for (let run = 0; run < REPEATS; run++) {
      copies.push(await plainCopy(postgresUrl, file, run));
      const electionId = await election(store, run + 1);
      imports.push(await importFile(store, electionId, file));
      reimports.push(await importFile(store, electionId, file));
      process.stderr.write(
        `run ${run + 1}: copy ${copies.at(-1)?.toFixed(2)} s, import ${imports.at(-1)?.toFixed(2)} s\n`,
      );
    }
    await store.close();
    rows.push({ label: "plain PostgreSQL COPY of the file (baseline)", seconds: median(copies) });
    rows.push({ label: "Scrutiny import on PostgreSQL, new election", seconds: median(imports) });
    rows.push({
      label: "Scrutiny re-import on PostgreSQL, same file (nothing changes)",
      seconds: median(reimports),
    });
    await admin.query(`drop database if exists ${database} with (force)`);
  }
  await admin.end().catch(() => {});

  const pglite = await openStore({ dataDir: join(dir, "pglite") });
  if (!pglite.ok) throw new Error(pglite.error.message);
  const electionId = await election(pglite.value, 99);
  rows.push({
    label: "Scrutiny import on PGlite, new election",
    seconds: await importFile(pglite.value, electionId, file),
  });
  await pglite.value.close();

  const baseline = rows[0]?.label.startsWith("plain") ? rows[0].seconds : undefined;
  const lines = [
    "## Station import: rows per second",
    "",
    `Machine: ${machineLine()}. File: ${STATIONS.toLocaleString("en")} stations, ${megabytes.toFixed(1)} MB CSV (semicolons, BOM, CRLF, quoted addresses), 7 regions and 110 constituencies. PostgreSQL rows: median of ${REPEATS} runs. The import reads and checks every line through the column mapping, COPYs into a temporary table and merges by station code in one transaction; the baseline COPYs the same file into an unindexed table and checks nothing.`,
    "",
    "| path | seconds | rows/s | time relative to plain COPY |",
    "|---|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.seconds.toFixed(2)} | ${Math.round(STATIONS / r.seconds).toLocaleString("en")} | ${baseline === undefined ? "" : `${(r.seconds / baseline).toFixed(1)}×`} |`,
    ),
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

await main();
