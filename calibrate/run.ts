// `npm run calibrate`: seeded, bounded simulation studies of the statistics on data they were never
// tuned on (generators: packages/stats/src/sim/missions.ts, packages/forensics/src/clean-election.ts,
// neither the demo's). Prints markdown tables for docs/METHODS.md. Sizes: CALIBRATE_SCALE=small
// for a quick look (about a minute), default full (several minutes on one core).
import { runForensicAlarmStudy } from "../packages/forensics/src/calibration.ts";
import { DEFAULT_CLEAN_ELECTION } from "../packages/forensics/src/clean-election.ts";
import { DEFAULT_MISSION, runObserverStudy } from "../packages/stats/src/index.ts";

const small = process.env["CALIBRATE_SCALE"] === "small";
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
log("");
log(`Total time ${((performance.now() - started) / 1000).toFixed(0)} s.`);
