// Analysis over 1,000,000 submissions on PostgreSQL: every indicator of a mission recomputed
// (overall, by phase and by region, with design-based intervals), beside a plain count(*) over
// the same table as the baseline. Synthetic data is bulk-loaded into a scratch database with
// INSERT ... SELECT generate_series (setup only; the measured path is the application's).
// Run: node --import tsx bench/analysis.bench.ts  (BENCH_SUBMISSIONS to change the size)
import { randomBytes } from "node:crypto";
import { openStore } from "@scrutiny/store";
import pg from "pg";
import { seedDefaultAnalysis } from "../apps/server/src/analysis/seed.ts";
import { AnalysisService } from "../apps/server/src/analysis/service.ts";
import { columnOf } from "../apps/server/src/analysis/totals.ts";
import { machineLine } from "./support/machine.ts";

const SUBMISSIONS = Number(process.env["BENCH_SUBMISSIONS"] ?? 1_000_000);
const STATIONS = 20_000;
const SAMPLED = 10_000;
const TEAMS = 1_000;
const RUNS = Number(process.env["BENCH_RUNS"] ?? 2);
const adminUrl = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";

const ELECTION = "00000000-0000-4000-8000-00000000e001";
const MISSION = "00000000-0000-4000-8000-00000000a001";
const uuid = (prefix: string, n: string) => `('${prefix}' || lpad((${n})::text, 12, '0'))::uuid`;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const name = `analysis_bench_${randomBytes(4).toString("hex")}`;
await admin(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
try {
  const opened = await openStore({ databaseUrl: url.toString() });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  const client = new pg.Client({ connectionString: url.toString() });
  client.on("error", () => {}); // the scratch database is dropped with (force) at the end
  await client.connect();
  const loadStarted = performance.now();
  const phases = JSON.stringify(
    ["early-1", "early-2", "early-3", "early-4", "early-5", "election-day", "count"].map((code, i) => ({
      code,
      kind: i < 5 ? "early_voting" : i === 5 ? "election_day" : "count",
      date: `2019-11-${12 + Math.min(i, 5)}`,
      name: { en: code },
    })),
  );
  await client.query(
    `insert into elections (id, code, name, country, election_date, phases) values ($1, 'bench', '{"en":"Bench"}', 'XB', '2019-11-17', $2::jsonb)`,
    [ELECTION, phases],
  );
  // 7 regions, 110 constituencies, 20,000 stations (half urban); a stratified mission over 10,000.
  await client.query(`insert into areas (id, election_id, parent_id, level, code, name)
    select ${uuid("00000000-0000-4000-8001-", "r")}, '${ELECTION}', null, 'region', 'R' || r, jsonb_build_object('en', 'Region ' || r)
    from generate_series(1, 7) r`);
  await client.query(`insert into areas (id, election_id, parent_id, level, code, name)
    select ${uuid("00000000-0000-4000-8002-", "c")}, '${ELECTION}', ${uuid("00000000-0000-4000-8001-", "1 + c % 7")},
      'constituency', 'C' || c, jsonb_build_object('en', 'Constituency ' || c)
    from generate_series(1, 110) c`);
  await client.query(`insert into polling_stations (id, election_id, area_id, code, name, registered_voters, kind, attributes)
    select ${uuid("00000000-0000-4000-8003-", "s")}, '${ELECTION}', ${uuid("00000000-0000-4000-8002-", "1 + s % 110")},
      'S' || s, 'Station ' || s, 500 + s % 2000, 'regular',
      jsonb_build_object('settlement', case when s % 2 = 0 then 'urban' else 'rural' end)
    from generate_series(1, ${STATIONS}) s`);
  await client.query(`insert into missions (id, election_id, code, name, kind, design)
    values ('${MISSION}', '${ELECTION}', 'BENCH', '{"en":"Bench mission"}', 'international', 'stratified')`);
  await client.query(`insert into teams (id, mission_id, code)
    select ${uuid("00000000-0000-4000-8004-", "t")}, '${MISSION}', 'T' || t from generate_series(1, ${TEAMS}) t`);
  await client.query(`insert into planned_stations (mission_id, station_id, stratum, inclusion_probability, reserve)
    select '${MISSION}', ${uuid("00000000-0000-4000-8003-", "s")},
      'R' || (1 + (s % 110) % 7) || '/' || case when s % 2 = 0 then 'urban' else 'rural' end, 0.5, false
    from generate_series(1, ${SAMPLED}) s`);
  for (const kind of ["opening", "voting", "counting", "incident"]) {
    const id = `00000000-0000-4000-8005-00000000000${["opening", "voting", "counting", "incident"].indexOf(kind)}`;
    await client.query(
      `insert into forms (id, election_id, mission_id, code, kind, current_version) values ($1, $2, null, $3, $3, 1)`,
      [id, ELECTION, kind],
    );
    await client.query(
      `insert into form_versions (form_id, version, definition, content_hash) values ($1, 1, '{}'::jsonb, 'bench')`,
      [id],
    );
  }
  // 1,000,000 reports: 10% opening, 70% voting (over 6 voting phases), 10% counting, 10% incidents;
  // 1% quarantined; answers shaped like the demo's voting checklist (about 20 answers each).
  await client.query(`insert into submissions (id, mission_id, form_id, form_version, team_id, station_id, phase_code,
      answers, submitted_at, content_hash, status)
    select gen_random_uuid(), '${MISSION}',
      ('00000000-0000-4000-8005-00000000000' || k)::uuid, 1,
      ${uuid("00000000-0000-4000-8004-", `1 + g % ${TEAMS}`)},
      ${uuid("00000000-0000-4000-8003-", `1 + (g::bigint * 7919) % ${SAMPLED}`)},
      case when k = 0 then 'election-day' when k = 2 then 'count' else (array['early-1','early-2','early-3','early-4','early-5','election-day'])[1 + g % 6] end,
      jsonb_build_object(
        'arrival_time', '10:57', 'accessible', 'yes', 'campaigning_nearby', 'no', 'overcrowded', 'no',
        'voters_in_queue', (g * 31) % 9, 'ballot_box_sealed', case when g % 41 = 0 then 'no' else 'yes' end,
        'id_checked', 'yes', 'voters_signed_list', 'yes', 'secrecy_ensured', 'yes',
        'group_voting', case when g % 13 = 0 then 'yes' else 'no' end, 'ballot_stuffing', 'no',
        'multiple_voting', 'no', 'pressure_on_voters', 'no', 'observers_present', jsonb_build_array('citizen'),
        'unauthorized_persons', case when g % 17 = 0 then 'yes' else 'no' end,
        'voters_counted', (g * 7) % 400, 'departure_time', '11:39', 'commission_performance', 'good',
        'category', (array['intimidation','ballot_stuffing','procedural','campaigning','other'])[1 + g % 5],
        'overall_assessment', (array['very_good','good','good','very_good','bad','very_bad','good','very_good','good','good'])[1 + (g * 3) % 10]),
      '2019-11-17T10:00:00Z', 'bench', case when g % 100 = 0 then 'quarantined' else 'accepted' end
    from (select g, case when g % 10 = 0 then 0 when g % 10 = 1 then 2 when g % 10 = 2 then 3 else 1 end as k
          from generate_series(1, ${SUBMISSIONS}) g) x`);
  await client.query("vacuum analyze");
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  await seedDefaultAnalysis(store, ELECTION, [{ id: MISSION, kind: "domestic" }]);

  const countTimes: number[] = [];
  let counted = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = await client.query("select count(*)::int as n from submissions where mission_id = $1", [
      MISSION,
    ]);
    countTimes.push(performance.now() - t);
    counted = Number(r.rows[0]?.n ?? 0);
  }
  const analysisTimes: number[] = [];
  const readTimes: number[] = [];
  let indicators = 0;
  let estimates = 0;
  let rowsRead = 0;
  for (let i = 0; i < RUNS; i++) {
    const service = new AnalysisService(store); // no caches carried between runs
    const t = performance.now();
    const result = await service.estimates(MISSION);
    analysisTimes.push(performance.now() - t);
    if (!result.ok) throw new Error(result.error.message);
    indicators = result.value.indicators.length;
    estimates = result.value.indicators.reduce((s, x) => s + 1 + x.byPhase.length + x.byArea.cells.length, 0);
    // The read alone (the one SQL statement), for the breakdown of the time.
    const context = await service.context(MISSION);
    if (!context.ok) throw new Error(context.error.message);
    const columns = context.value.indicators.map(columnOf);
    const r0 = performance.now();
    rowsRead = (await store.analysis.stationTotals(MISSION, columns)).length;
    readTimes.push(performance.now() - r0);
  }
  await client.end();
  await store.close();

  const c = median(countTimes);
  const a = median(analysisTimes);
  const read = median(readTimes);
  const lines = [
    "## bench/analysis.bench.ts",
    "",
    `Machine: ${machineLine()}`,
    "",
    `${counted.toLocaleString("en")} submissions of one mission on PostgreSQL (${STATIONS.toLocaleString("en")} stations, ${SAMPLED.toLocaleString("en")} in a 14-stratum plan, ${TEAMS} teams; bulk-loaded in ${loadSeconds.toFixed(0)} s). Median of ${RUNS} runs.`,
    "",
    "| what | ms | × count(*) |",
    "|---|---:|---:|",
    `| baseline: \`select count(*) from submissions where mission_id = $1\` | ${c.toFixed(0)} | 1.0 |`,
    `| all ${indicators} default indicators recomputed (${estimates} estimates: overall, by phase, by region) | ${a.toFixed(0)} | ${(a / c).toFixed(1)} |`,
    `| of which the one read (conditions and numbers evaluated in SQL, totalled into ${rowsRead.toLocaleString("en")} station × phase × form rows) | ${read.toFixed(0)} | ${(read / c).toFixed(1)} |`,
    `| of which estimation in Node | ${(a - read).toFixed(0)} | ${((a - read) / c).toFixed(1)} |`,
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} catch (error) {
  process.stderr.write(`analysis bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
} finally {
  await admin(`drop database if exists ${name} with (force)`);
}
