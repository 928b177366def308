// Calibration of the fingerprint fit (fingerprint.ts) on simulated elections, run through the
// product's own fingerprint() at its defaults. A Monte Carlo study of a bootstrap procedure costs
// elections × replicates fits; the warp-speed method of Giacomini, Politis & White (2013), "A
// warp-speed method for conducting Monte Carlo experiments involving bootstrap estimators",
// Econometric Theory 29(3):567-589, draws ONE bootstrap replicate per simulated election and pools
// the replicates of all elections of one data-generating process as the bootstrap distribution:
// - size of the likelihood-ratio test: LR_m on election m, LR*_m on one histogram drawn from
//   m's fitted no-fraud model; election m raises an alarm when LR_m exceeds the 1 − level
//   quantile of {LR*_1..LR*_M};
// - coverage of the percentile interval: δ_m = f_i*_m − f̂_i,m (one refit of a histogram drawn
//   from m's fitted model); m's interval is [f̂_i,m + q_.025(δ), f̂_i,m + q_.975(δ)].
// Valid when the bootstrap distribution varies little between elections of one process (their
// conditions); each study holds the process fixed and varies only the seed.
import type { ElectionColumns } from "./columns.ts";
import { fingerprint } from "./fingerprint.ts";
import type { FraudModelParams } from "./fingerprint-model.ts";
import { simulateFraudElection } from "./fingerprint-simulate.ts";

export interface FingerprintSizeStudy {
  readonly elections: number;
  readonly firstSeed: number;
  readonly level: number;
  /** The pooled null replicates' 1 − level quantile. */
  readonly criticalValue: number;
  readonly alarms: number;
  readonly rate: number;
  /** Binomial standard error of the rate. */
  readonly se: number;
  /** Elections whose fit put f_i (or f_e) at its lower bound 0. */
  readonly fiOnBound: number;
  readonly feOnBound: number;
  /** Elections where the point estimate alone would have said f_i ≥ 0.05. */
  readonly fiAboveFivePercent: number;
  /** LR on each election and on its null replicate, in seed order. */
  readonly statistics: readonly number[];
  readonly nullStatistics: readonly number[];
}

/** The study's figures from per-election statistics (also to pool runs split over processes). */
export function summariseSize(
  runs: readonly Pick<
    FingerprintSizeStudy,
    "statistics" | "nullStatistics" | "fiOnBound" | "feOnBound" | "fiAboveFivePercent" | "firstSeed"
  >[],
  level = 0.05,
): FingerprintSizeStudy {
  const statistics = runs.flatMap((r) => r.statistics);
  const nullStatistics = runs.flatMap((r) => r.nullStatistics);
  const criticalValue = quantile(
    [...nullStatistics].sort((a, b) => a - b),
    1 - level,
  );
  const elections = statistics.length;
  const alarms = statistics.filter((lr) => lr > criticalValue).length;
  const rate = alarms / elections;
  const sum = (f: (r: (typeof runs)[number]) => number) => runs.reduce((a, r) => a + f(r), 0);
  return {
    elections,
    firstSeed: Math.min(...runs.map((r) => r.firstSeed)),
    level,
    criticalValue,
    alarms,
    rate,
    se: Math.sqrt((rate * (1 - rate)) / elections),
    fiOnBound: sum((r) => r.fiOnBound),
    feOnBound: sum((r) => r.feOnBound),
    fiAboveFivePercent: sum((r) => r.fiAboveFivePercent),
    statistics,
    nullStatistics,
  };
}

function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[Math.min(sorted.length - 1, lo + 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/** False alarms of the no-fraud likelihood-ratio test on clean elections `draw(seed)`. */
export function fingerprintSizeStudy(
  draw: (seed: number) => ElectionColumns,
  elections: number,
  firstSeed: number,
  level = 0.05,
  onElection?: (done: number, partial: FingerprintSizeStudy) => void,
): FingerprintSizeStudy {
  const observed: number[] = [];
  const pooled: number[] = [];
  let fiOnBound = 0;
  let feOnBound = 0;
  let fiAboveFivePercent = 0;
  for (let m = 0; m < elections; m++) {
    const seed = firstSeed + m;
    const fp = fingerprint(draw(seed), { bootstrap: 0, lrReplicates: 1, seed });
    observed.push(fp.fit.noFraudTest.statistic);
    pooled.push(...fp.fit.noFraudTest.nullStatistics);
    if (fp.fit.onBound.some((b) => b.startsWith("f_i"))) fiOnBound++;
    if (fp.fit.onBound.some((b) => b.startsWith("f_e"))) feOnBound++;
    if (fp.fit.fi.estimate >= 0.05) fiAboveFivePercent++;
    onElection?.(
      m + 1,
      summariseSize(
        [
          {
            statistics: observed,
            nullStatistics: pooled,
            fiOnBound,
            feOnBound,
            fiAboveFivePercent,
            firstSeed,
          },
        ],
        level,
      ),
    );
  }
  return summariseSize(
    [{ statistics: observed, nullStatistics: pooled, fiOnBound, feOnBound, fiAboveFivePercent, firstSeed }],
    level,
  );
}

export interface CoveragePoint {
  readonly fi: number;
  readonly fe: number;
  readonly elections: number;
  readonly firstSeed: number;
  /** Elections whose 95% percentile interval (warp-speed) holds the true f_i. */
  readonly covered: number;
  readonly coverage: number;
  readonly se: number;
  /**
   * What an exact bootstrap would score with this many pooled replicates: the pooled 2.5% and
   * 97.5% sample quantiles of M values hold a new draw with probability (k_hi − k_lo)/(M + 1),
   * k the quantiles' (interpolated) ranks, 1 + (M − 1)p: 87.7% for M = 25, 94.1% for M = 200.
   */
  readonly exactExpected: number;
  /** The same for the basic bootstrap interval [2f̂ − q_.975, 2f̂ − q_.025]. */
  readonly coveredBasic: number;
  /**
   * f̂ ± 1.96 SE*, SE* the SD of the pooled bootstrap deviations (little finite-pool bias: an exact
   * bootstrap scores P(|t_{M−1}| < 1.96), 94% for M = 25).
   */
  readonly coveredWald: number;
  /** Mean estimate and its spread over the elections (bias, sampling variability). */
  readonly meanEstimate: number;
  readonly sdEstimate: number;
  /** SD of the pooled bootstrap deviations f_i* − f̂_i (should match sdEstimate). */
  readonly bootstrapSd: number;
  /** Mean |f̂_e − f_e|. */
  readonly meanFeError: number;
  /** Elections whose fit put f_i at its lower bound. */
  readonly fiOnBound: number;
}

/** One election of a coverage study: its estimate and its (one) bootstrap deviation. */
export interface CoverageRecord {
  readonly fi: number;
  readonly fe: number;
  readonly seed: number;
  readonly estimate: number;
  readonly delta: number;
  readonly feEstimate: number;
  readonly fiOnBound?: boolean;
}

/** Coverage figures of one grid point from its elections (also to pool runs split over processes). */
export function summariseCoverage(records: readonly CoverageRecord[]): CoveragePoint {
  const first = records[0];
  const fi = first?.fi ?? Number.NaN;
  const fe = first?.fe ?? Number.NaN;
  const estimates = records.map((r) => r.estimate);
  const deltas = records.map((r) => r.delta);
  const m = records.length;
  const sorted = [...deltas].sort((a, b) => a - b);
  const lo = quantile(sorted, 0.025);
  const hi = quantile(sorted, 0.975);
  const covered = estimates.filter((e) => e + lo <= fi && fi <= e + hi).length;
  const coveredBasic = estimates.filter((e) => e - hi <= fi && fi <= e - lo).length;
  const mean = estimates.reduce((a, b) => a + b, 0) / Math.max(1, m);
  const sdOf = (xs: readonly number[]) => {
    const c = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    return Math.sqrt(xs.reduce((a, b) => a + (b - c) ** 2, 0) / Math.max(1, xs.length - 1));
  };
  const sd = sdOf(estimates);
  const bootstrapSd = sdOf(deltas);
  const coveredWald = estimates.filter((e) => Math.abs(e - fi) <= 1.96 * bootstrapSd).length;
  const coverage = covered / Math.max(1, m);
  return {
    fi,
    fe,
    elections: m,
    firstSeed: Math.min(...records.map((r) => r.seed)),
    covered,
    coverage,
    se: Math.sqrt((coverage * (1 - coverage)) / Math.max(1, m)),
    exactExpected: m > 1 ? ((m - 1) * (0.975 - 0.025)) / (m + 1) : Number.NaN,
    coveredBasic,
    coveredWald,
    meanEstimate: mean,
    sdEstimate: sd,
    bootstrapSd,
    meanFeError: records.reduce((a, r) => a + Math.abs(r.feEstimate - fe), 0) / Math.max(1, m),
    fiOnBound: records.filter((r) => r.fiOnBound === true).length,
  };
}

/** Coverage of the fingerprint's f_i interval on elections drawn from the fraud model. */
export function fingerprintCoverageStudy(
  base: FraudModelParams,
  grid: readonly { readonly fi: number; readonly fe: number; readonly seed?: number }[],
  stations: number,
  electionsPerPoint: number,
  firstSeed: number,
  onElection?: (done: number, record: CoverageRecord) => void,
): CoveragePoint[] {
  let done = 0;
  return grid.map(({ fi, fe, seed: gridSeed }, g) => {
    const records: CoverageRecord[] = [];
    const pointSeed = gridSeed ?? firstSeed + g * electionsPerPoint;
    for (let m = 0; m < electionsPerPoint; m++) {
      const seed = pointSeed + m;
      const fp = fingerprint(simulateFraudElection({ ...base, fi, fe }, stations, seed), {
        bootstrap: 1,
        seed,
      });
      const estimate = fp.fit.fi.estimate;
      const record: CoverageRecord = {
        fi,
        fe,
        seed,
        estimate,
        delta: (fp.fit.bootstrapDraws.fi[0] ?? estimate) - estimate,
        feEstimate: fp.fit.fe.estimate,
        fiOnBound: fp.fit.onBound.some((b) => b.startsWith("f_i")),
      };
      records.push(record);
      onElection?.(++done, record);
    }
    return summariseCoverage(records);
  });
}
