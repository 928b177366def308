// `npm run calibrate`: seeded, bounded simulation studies of the statistics on data they were never
// tuned on (generators: packages/stats/src/sim/missions.ts, packages/forensics/src/clean-election.ts,
// packages/forensics/src/fingerprint-simulate.ts, none the demo's). Prints markdown tables for
// docs/METHODS.md. `--quick` (or CALIBRATE_SCALE=small) for a look in a few minutes; the full run
// is bounded by its fixed sizes. The fingerprint dominates: every replicate is a full refit, so its
// size section is 200 fits and its coverage section 300 (on 2026-12-01, at load 20-30, 63 and 55
// minutes wall in 4 and 6 processes: FP_PART / FP_GRID, pooled with FP_POOL / FP_COVERAGE_POOL). `--only a,b` runs some sections:
// observer, forensic, turnout-zero-five, fingerprint-size, fingerprint-size-heterogeneous, fingerprint-coverage.
// CI never runs this (its own small checks are in the test files).
import { runForensicAlarmStudy, runTurnoutZeroFiveStudy } from "../packages/forensics/src/calibration.ts";
import { DEFAULT_CLEAN_ELECTION } from "../packages/forensics/src/clean-election.ts";
import { DEFAULT_MISSION, runObserverStudy } from "../packages/stats/src/index.ts";
import { fingerprintCoverageSection, fingerprintSizeSection } from "./fingerprint.ts";

const args = process.argv.slice(2);
const small = process.env["CALIBRATE_SCALE"] === "small" || args.includes("--quick");
const onlyArg = args.find((a) => a.startsWith("--only"));
const only =
  onlyArg === undefined
    ? null
    : new Set((onlyArg.includes("=") ? onlyArg.split("=")[1] : args[args.indexOf(onlyArg) + 1])?.split(","));
const runs = (section: string) => only === null || only.has(section);
const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : "–");
const out: string[] = [];
const started = performance.now();
const log = (line: string) => {
  out.push(line);
  process.stdout.write(`${line}\n`);
};

log(
  `Calibration run ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, scale ${small ? "small" : "full"}`,
);
if (runs("observer")) {
  log("");
  log(
    "Observer effects (150 teams of 10 visits; random-pairs: 20% of stations get a second team; ring: 3 stations shared with the next team):",
  );
  log("");
  log(
    "| design | missions | neutral teams flagged | missions with a false flag | not estimable | harsh (+1 point, 10% of teams) flagged | adjusted − raw, all neutral (points) | adjusted missions |",
  );
  log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const design of ["random-pairs", "ring"] as const) {
    const missions = small ? 20 : 100;
    const neutral = runObserverStudy({ ...DEFAULT_MISSION, design }, missions, 100_000, {
      adjustedEvery: small ? 4 : 5,
    });
    const harsh = runObserverStudy(
      { ...DEFAULT_MISSION, design, biasedShare: 0.1, bias: 1 },
      missions,
      200_000,
      {
        adjustedEvery: 1_000_000,
      },
    );
    log(
      `| ${design} | ${missions} | ${neutral.neutralFlagged} of ${neutral.neutralTeams} (${pct(neutral.neutralFlagged, neutral.neutralTeams)}) | ${neutral.missionsWithFalseFlag} (${pct(neutral.missionsWithFalseFlag, missions)}) | ${pct(neutral.notEstimable, neutral.teams)} | ${harsh.harshFlagged} of ${harsh.harshTeams} (${pct(harsh.harshFlagged, harsh.harshTeams)}) | ${(100 * neutral.meanAdjustedMinusRaw).toFixed(2)} (${neutral.assessedMissions} missions) | ${neutral.adjustedMissions} |`,
    );
  }
}
if (runs("forensic")) {
  log("");
  const elections = small ? 30 : 100;
  const config = { ...DEFAULT_CLEAN_ELECTION, stations: small ? 1000 : 2000 };
  const study = runForensicAlarmStudy(config, elections, 300_000);
  const a = study.alarms;
  log(
    `Forensic tests on ${elections} clean simulated elections (${config.stations} stations, ${config.areas} areas, ${config.parties} parties), alarms at the 5% level (binomial SE of a 5% rate: ${(100 * Math.sqrt((0.05 * 0.95) / elections)).toFixed(1)} points):`,
  );
  log("");
  log("| test | alarms | rate |");
  log("|---|---:|---:|");
  const rows: [string, number][] = [
    ["integer percentages, exact p < 0.05", a.integerP05],
    ["integer percentages, above the 99.9% band", a.integerBand],
    ["2BL, fitted null", a.secondDigitFitted],
    ["2BL, 4.187 reference", a.secondDigitBenford],
    ["last digit, fitted null", a.lastDigitFitted],
    ["last digit, uniform reference", a.lastDigitUniform],
    ["counts ending 0/5, fitted null", a.zeroFiveFitted],
    ["counts ending 0/5, 20% reference", a.zeroFiveReference],
    ["turnout % ending 0/5, fitted null", a.turnoutZeroFiveFitted],
    ["turnout % ending 0/5, 20% reference", a.turnoutZeroFiveReference],
  ];
  for (const [name, n] of rows) log(`| ${name} | ${n} | ${pct(n, elections)} |`);
}
if (runs("turnout-zero-five")) {
  // The same clean elections as above and 300 more: 100 elections measure a 5% rate to ±2.2
  // points only, and the first 100 gave 8%; the larger run says whether the null is off.
  const elections = small ? 50 : 400;
  const t = runTurnoutZeroFiveStudy(DEFAULT_CLEAN_ELECTION, elections, 300_000);
  const rate = t.alarms / elections;
  log("");
  log(
    `Turnout % ending 0/5 (fitted null) on ${elections} clean elections (seeds 300000–${300_000 + elections - 1}, ${DEFAULT_CLEAN_ELECTION.stations} stations): ${t.alarms} alarms (${pct(t.alarms, elections)} ± ${(100 * Math.sqrt((rate * (1 - rate)) / elections)).toFixed(1)} points; ${t.above} high, ${t.below} low); z mean ${t.meanZ.toFixed(3)}, sd ${t.sdZ.toFixed(3)} (a calibrated test: 0 and 1).`,
  );
}
const fpStations = 5000;
const sizeSections = [
  ["fingerprint-size", "klimek"],
  ["fingerprint-size-heterogeneous", "heterogeneous"],
] as const;
if (sizeSections.some(([name]) => runs(name))) {
  log("");
  log(
    "Fingerprint: no-fraud likelihood-ratio test at 5% on clean elections, warp-speed bootstrap (one null replicate per election, pooled; Giacomini, Politis & White 2013):",
  );
  log("");
  log(
    "| clean elections from | elections | stations | seeds | false alarms (± binomial SE) | an exact test would give, this pool | pooled 95% critical LR | f̂_i ≥ 0.05 | f_i / f_e on bound 0 |",
  );
  log("|---|---:|---:|---|---:|---:|---:|---:|---:|");
  for (const [name, which] of sizeSections)
    if (runs(name)) fingerprintSizeSection(which, small ? 10 : 100, fpStations, log);
}
if (runs("fingerprint-coverage")) {
  log("");
  log(
    "Fingerprint: coverage of the 95% bootstrap percentile interval of f_i on planted fraud (Klimek model, σ_x = 0.3, α = 1), warp-speed (one replicate per election, pooled per grid point):",
  );
  log("");
  log(
    "| f_i | f_e | elections | seeds | percentile interval covers f_i (± SE) | an exact bootstrap would cover, this pool | basic interval covers | f̂ ± 1.96 SE* covers | mean f̂_i ± sd over elections | bootstrap SD of f_i* − f̂_i | mean abs. error f̂_e | f̂_i on bound |",
  );
  log("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  fingerprintCoverageSection(small ? 5 : 25, fpStations, log);
}
log("");
log(`Total time ${((performance.now() - started) / 1000).toFixed(0)} s.`);
