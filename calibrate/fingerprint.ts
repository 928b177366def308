// Fingerprint sections of `npm run calibrate`: the no-fraud likelihood-ratio test's false alarms
// on clean elections and the f_i interval's coverage on a grid of planted fraud, both by the
// warp-speed method (packages/forensics/src/fingerprint-calibration.ts).

import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { DEFAULT_CLEAN_ELECTION, simulateCleanElection } from "../packages/forensics/src/clean-election.ts";
import {
  type CoveragePoint,
  type CoverageRecord,
  type FingerprintSizeStudy,
  fingerprintCoverageStudy,
  fingerprintSizeStudy,
  summariseCoverage,
  summariseSize,
} from "../packages/forensics/src/fingerprint-calibration.ts";
import type { FraudModelParams } from "../packages/forensics/src/fingerprint-model.ts";
import { simulateFraudElection } from "../packages/forensics/src/fingerprint-simulate.ts";

/** The fair part of the simulated elections (Klimek et al.'s model, one normal cloud). */
export const FAIR: FraudModelParams = {
  turnoutMean: 0.55,
  turnoutSd: 0.08,
  shareMean: 0.45,
  shareSd: 0.08,
  fi: 0,
  fe: 0,
  sdX: 0.3,
  alpha: 1,
};

export const COVERAGE_GRID = [
  { fi: 0.05, fe: 0 },
  { fi: 0.05, fe: 0.1 },
  { fi: 0.2, fe: 0.05 },
  { fi: 0.35, fe: 0 },
  { fi: 0.5, fe: 0 },
  { fi: 0.5, fe: 0.1 },
] as const;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function fingerprintSizeSection(
  which: "klimek" | "heterogeneous",
  elections: number,
  stations: number,
  log: (line: string) => void,
): void {
  const firstSeed = which === "klimek" ? 700_000 : 710_000;
  const draw =
    which === "klimek"
      ? (seed: number) => simulateFraudElection(FAIR, stations, seed)
      : (seed: number) => simulateCleanElection({ ...DEFAULT_CLEAN_ELECTION, stations }, seed);
  // A run can be spread over processes: FP_PART=k/K computes every K-th block of seeds and writes
  // its statistics to FP_RAW; FP_POOL=file,file,... pools such files into the table row.
  const part = process.env["FP_PART"]?.split("/").map(Number);
  let s: FingerprintSizeStudy;
  if (process.env["FP_POOL"]) {
    const runs = process.env["FP_POOL"].split(",").map((f) => JSON.parse(readFileSync(f, "utf8")));
    s = summariseSize(runs);
  } else if (part !== undefined) {
    const [k = 0, parts = 1] = part;
    const size = Math.ceil(elections / parts);
    const raw = process.env["FP_RAW"] ?? `fingerprint-size-${which}-${k}.json`;
    // Written after every election, so a run cut short can still be pooled.
    s = fingerprintSizeStudy(
      draw,
      Math.min(size, elections - k * size),
      firstSeed + k * size,
      0.05,
      (done, partial) => {
        writeFileSync(raw, JSON.stringify(partial));
        process.stderr.write(`fingerprint size (${which}) part ${k}: ${done}/${size}\r`);
      },
    );
    writeFileSync(raw, JSON.stringify(s));
  } else {
    s = fingerprintSizeStudy(draw, elections, firstSeed, 0.05, (done) =>
      process.stderr.write(`fingerprint size (${which}): ${done}/${elections}\r`),
    );
  }
  const source =
    which === "klimek"
      ? `Klimek model without fraud (turnout N(0.55, 0.08²), share N(0.45, 0.08²))`
      : `clean-election.ts (${DEFAULT_CLEAN_ELECTION.areas} areas, heterogeneous turnout and shares)`;
  // An exact test scores 1 − (1 + (M − 1)·0.95)/(M + 1) against the 95% sample quantile of M
  // pooled null statistics (5.9% for M = 100).
  const m = s.nullStatistics.length;
  const exact = 1 - (1 + (m - 1) * 0.95) / (m + 1);
  log(
    `| ${source} | ${s.elections} | ${stations.toLocaleString("en")} | ${s.firstSeed}–${s.firstSeed + s.elections - 1} | ${s.alarms} (${pct(s.rate)} ± ${pct(s.se)}) | ${pct(exact)} | ${s.criticalValue.toFixed(2)} | ${s.fiAboveFivePercent} | ${s.fiOnBound} / ${s.feOnBound} |`,
  );
}

export function fingerprintCoverageSection(
  perPoint: number,
  stations: number,
  log: (line: string) => void,
  grid: readonly { fi: number; fe: number }[] = COVERAGE_GRID,
): void {
  // FP_GRID=0,2,4 runs some points only (to spread the run over processes); seeds stay per point.
  const picked = process.env["FP_GRID"]?.split(",").map(Number) ?? grid.map((_, g) => g);
  const chosen = picked.map((g) => ({
    ...(grid[g] as { fi: number; fe: number }),
    seed: 720_000 + g * perPoint,
  }));
  const total = chosen.length * perPoint;
  // FP_COVERAGE_RAW=file: one JSON line per election (estimate and its bootstrap deviation), so
  // runs split over processes or cut short can be pooled (FP_COVERAGE_POOL=file,file,...).
  const rawFile = process.env["FP_COVERAGE_RAW"];
  const pool = process.env["FP_COVERAGE_POOL"];
  let points: CoveragePoint[];
  if (pool) {
    const records: CoverageRecord[] = pool
      .split(",")
      .flatMap((f) => readFileSync(f, "utf8").split("\n"))
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line));
    points = grid
      .map((p) => records.filter((r) => r.fi === p.fi && r.fe === p.fe))
      .filter((rs) => rs.length > 0)
      .map(summariseCoverage);
  } else {
    points = fingerprintCoverageStudy(FAIR, chosen, stations, perPoint, 720_000, (done, record) => {
      if (rawFile) appendFileSync(rawFile, `${JSON.stringify(record)}\n`);
      process.stderr.write(`fingerprint coverage: ${done}/${total}\r`);
    });
  }
  let covered = 0;
  let wald = 0;
  let basic = 0;
  let n = 0;
  let expected = 0;
  for (const p of points) {
    covered += p.covered;
    wald += p.coveredWald;
    basic += p.coveredBasic;
    n += p.elections;
    expected += p.exactExpected * p.elections;
    log(
      `| ${p.fi} | ${p.fe} | ${p.elections} | ${p.firstSeed}–${p.firstSeed + p.elections - 1} | ${p.covered} (${pct(p.coverage)} ± ${pct(p.se)}) | ${pct(p.exactExpected)} | ${p.coveredBasic} | ${p.coveredWald} | ${p.meanEstimate.toFixed(3)} ± ${p.sdEstimate.toFixed(3)} | ${p.bootstrapSd.toFixed(3)} | ${p.meanFeError.toFixed(4)} | ${p.fiOnBound} |`,
    );
  }
  const share = (k: number) => `${k} (${pct(k / n)} ± ${pct(Math.sqrt(((k / n) * (1 - k / n)) / n))})`;
  log(
    `| all | | ${n} | | ${share(covered)} | ${pct(expected / n)} | ${share(basic)} | ${share(wald)} | | | | |`,
  );
}
