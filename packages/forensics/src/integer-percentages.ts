// Integer-percentage test: Kobak, Shpilkin & Pshenichnikov (2016), "Integer percentages as
// electoral falsification fingerprints", Annals of Applied Statistics 10(1):54-73; and (2018)
// "Putin's peaks: Russian election data revisited", Significance 15(3):8-9.
//
// Per station: turnout = ballots issued / registered; leader share = leader votes / (valid +
// invalid). Included: valid + invalid > 0, registered >= 100, turnout <= 99%, leader <= 99%.
// A percentage is "integer" when it lies within ±0.05 points of a whole number (inclusive; tested
// in exact integer arithmetic: |100k - m n| <= 0.05 n  <=>  min(100k mod n, n - 100k mod n) * 20 <= n).
// Null model: counts redrawn as Binomial(n, observed p). Instead of the published 1,000 Monte Carlo
// draws, each station's probability of an integer percentage is summed exactly from the binomial
// PMF; the null count is a Poisson-binomial variable whose law is computed exactly.

import { createRng } from "@scrutiny/stats";
import { binomialPmfWindow } from "./binomial.ts";
import type { ElectionColumns } from "./columns.ts";
import { poissonBinomial } from "./poisson-binomial.ts";

/** True when 100k/n is within ±0.05 of a whole number (exact integer arithmetic). */
export function isIntegerPercent(k: number, n: number): boolean {
  if (n <= 0) return false;
  const r = (100 * k) % n;
  return Math.min(r, n - r) * 20 <= n;
}

/** The published inclusion rule, in exact integer arithmetic. */
export function isIncluded(registered: number, issued: number, ballots: number, leader: number): boolean {
  return ballots > 0 && registered >= 100 && 100 * issued <= 99 * registered && 100 * leader <= 99 * ballots;
}

/** P(100K/n is integer) for K ~ Binomial(n, p), summed over the PMF window. */
export function probabilityInteger(n: number, p: number, scratch: Float64Array): number {
  const { lo, hi } = binomialPmfWindow(n, p, scratch);
  let sum = 0;
  for (let k = lo; k <= hi; k++) if (isIntegerPercent(k, n)) sum += scratch[k] ?? 0;
  return sum;
}

export interface IntegerCount {
  readonly included: number;
  readonly observed: number;
  readonly expected: number;
  readonly sd: number;
  /** observed - expected. */
  readonly excess: number;
  readonly z: number;
  /** 99.9% band of the null count (0.05% and 99.95% quantiles). */
  readonly band: readonly [number, number];
  /** The excess implied by the band ends: observed - band. */
  readonly excessBand: readonly [number, number];
  /** Exact P(null count >= observed) (bounded by the pruned mass when smaller). */
  readonly pValue: number;
}

export interface MonteCarloCount {
  readonly draws: number;
  readonly seed: number;
  readonly mean: number;
  readonly sd: number;
  readonly excess: number;
  /** Empirical 0.05% and 99.95% quantiles of the simulated counts. */
  readonly band: readonly [number, number];
}

export interface IntegerPercentagesResult extends IntegerCount {
  /** Stations whose turnout percentage is integer (leader ignored). */
  readonly turnoutOnly: IntegerCount;
  /** Stations whose leader percentage is integer (turnout ignored). */
  readonly leaderOnly: IntegerCount;
  readonly monteCarlo?: {
    readonly either: MonteCarloCount;
    readonly turnoutOnly: MonteCarloCount;
    readonly leaderOnly: MonteCarloCount;
  };
}

/** Per-station quantities kept for the regional breakdown (not serialised). */
export interface IntegerStationDetail {
  readonly included: Uint8Array;
  readonly turnoutInteger: Uint8Array;
  readonly leaderInteger: Uint8Array;
  /** Null probabilities (0 for excluded stations). */
  readonly pTurnout: Float64Array;
  readonly pLeader: Float64Array;
  readonly pEither: Float64Array;
}

export interface IntegerTestOptions {
  /** Monte Carlo cross-check with this many draws (e.g. 1000); omitted = exact only. */
  readonly monteCarloDraws?: number;
  readonly seed?: number;
}

export function integerPercentages(
  data: ElectionColumns,
  options: IntegerTestOptions = {},
): { result: IntegerPercentagesResult; detail: IntegerStationDetail } {
  const n = data.stationCount;
  let maxN = 0;
  for (let s = 0; s < n; s++) maxN = Math.max(maxN, data.registered[s] ?? 0, data.ballots[s] ?? 0);
  const scratch = new Float64Array(maxN + 2);
  const detail: IntegerStationDetail = {
    included: new Uint8Array(n),
    turnoutInteger: new Uint8Array(n),
    leaderInteger: new Uint8Array(n),
    pTurnout: new Float64Array(n),
    pLeader: new Float64Array(n),
    pEither: new Float64Array(n),
  };
  const pT: number[] = [];
  const pL: number[] = [];
  const pE: number[] = [];
  let obsT = 0;
  let obsL = 0;
  let obsE = 0;
  for (let s = 0; s < n; s++) {
    const reg = data.registered[s] ?? 0;
    const issued = data.issued[s] ?? 0;
    const ballots = data.ballots[s] ?? 0;
    const leader = data.leader[s] ?? 0;
    if (!isIncluded(reg, issued, ballots, leader)) continue;
    detail.included[s] = 1;
    const t = isIntegerPercent(issued, reg);
    const l = isIntegerPercent(leader, ballots);
    detail.turnoutInteger[s] = t ? 1 : 0;
    detail.leaderInteger[s] = l ? 1 : 0;
    obsT += t ? 1 : 0;
    obsL += l ? 1 : 0;
    obsE += t || l ? 1 : 0;
    const a = probabilityInteger(reg, issued / reg, scratch);
    const b = probabilityInteger(ballots, leader / ballots, scratch);
    // Turnout and leader draws are independent, so P(either) = 1 - (1-a)(1-b).
    const e = 1 - (1 - a) * (1 - b);
    detail.pTurnout[s] = a;
    detail.pLeader[s] = b;
    detail.pEither[s] = e;
    pT.push(a);
    pL.push(b);
    pE.push(e);
  }
  const result: IntegerPercentagesResult = {
    ...summarise(pE, obsE),
    turnoutOnly: summarise(pT, obsT),
    leaderOnly: summarise(pL, obsL),
    ...(options.monteCarloDraws
      ? { monteCarlo: monteCarlo(data, detail, options.monteCarloDraws, options.seed ?? 1, scratch) }
      : {}),
  };
  return { result, detail };
}

export function summarise(p: ArrayLike<number>, observed: number): IntegerCount {
  const pb = poissonBinomial(p, observed);
  const sd = Math.sqrt(pb.variance);
  return {
    included: p.length,
    observed,
    expected: pb.mean,
    sd,
    excess: observed - pb.mean,
    z: sd > 0 ? (observed - pb.mean) / sd : 0,
    band: pb.band,
    excessBand: [observed - pb.band[1], observed - pb.band[0]],
    pValue: pb.upperTail,
  };
}

/**
 * The published procedure: redraw every included station's counts `draws` times and count integer
 * percentages. Draws invert the binomial CDF; kept as a check of the exact computation (the
 * tests compare its mean and sd with the exact ones).
 */
function monteCarlo(
  data: ElectionColumns,
  detail: IntegerStationDetail,
  draws: number,
  seed: number,
  scratch: Float64Array,
): NonNullable<IntegerPercentagesResult["monteCarlo"]> {
  const rng = createRng(seed);
  const countT = new Float64Array(draws);
  const countL = new Float64Array(draws);
  const countE = new Float64Array(draws);
  const tInt = new Uint8Array(draws);
  const guide = new Int32Array(scratch.length + 1);
  const integer = new Uint8Array(scratch.length + 1);
  // Inversion with a guide table (Chen & Asau 1974): the table points each u to the first
  // k whose CDF can exceed it, so a draw costs about one comparison instead of a binary search.
  const drawInto = (n: number, p: number, flags: Uint8Array) => {
    const { lo, hi } = binomialPmfWindow(n, p, scratch);
    for (let k = lo + 1; k <= hi; k++) scratch[k] = (scratch[k] ?? 0) + (scratch[k - 1] ?? 0);
    const total = scratch[hi] ?? 1;
    const m = hi - lo + 1;
    for (let k = lo; k <= hi; k++) integer[k] = isIntegerPercent(k, n) ? 1 : 0;
    let k = lo;
    for (let g = 0; g < m; g++) {
      const threshold = (g / m) * total;
      while (k < hi && (scratch[k] ?? 0) <= threshold) k++;
      guide[g] = k;
    }
    for (let d = 0; d < draws; d++) {
      // 32-bit uniforms: a 2^-32 resolution moves no probability we report.
      const v = rng.uniform();
      const u = v * total;
      let a = guide[Math.floor(v * m)] ?? lo;
      while (a < hi && (scratch[a] ?? 0) <= u) a++;
      flags[d] = integer[a] ?? 0;
    }
  };
  const lInt = new Uint8Array(draws);
  for (let s = 0; s < data.stationCount; s++) {
    if (!detail.included[s]) continue;
    const reg = data.registered[s] ?? 0;
    const ballots = data.ballots[s] ?? 0;
    drawInto(reg, (data.issued[s] ?? 0) / reg, tInt);
    drawInto(ballots, (data.leader[s] ?? 0) / ballots, lInt);
    for (let d = 0; d < draws; d++) {
      const t = tInt[d] ?? 0;
      const l = lInt[d] ?? 0;
      countT[d] = (countT[d] ?? 0) + t;
      countL[d] = (countL[d] ?? 0) + l;
      countE[d] = (countE[d] ?? 0) + (t | l);
    }
  }
  const observedE = countOf(detail, (s) => (detail.turnoutInteger[s] ?? 0) | (detail.leaderInteger[s] ?? 0));
  const observedT = countOf(detail, (s) => detail.turnoutInteger[s] ?? 0);
  const observedL = countOf(detail, (s) => detail.leaderInteger[s] ?? 0);
  return {
    either: mcSummary(countE, observedE, seed),
    turnoutOnly: mcSummary(countT, observedT, seed),
    leaderOnly: mcSummary(countL, observedL, seed),
  };
}

function countOf(detail: IntegerStationDetail, f: (s: number) => number): number {
  let c = 0;
  for (let s = 0; s < detail.included.length; s++) if (detail.included[s]) c += f(s);
  return c;
}

function mcSummary(counts: Float64Array, observed: number, seed: number): MonteCarloCount {
  const m = counts.length;
  let mean = 0;
  for (const c of counts) mean += c;
  mean /= m;
  let ss = 0;
  for (const c of counts) ss += (c - mean) ** 2;
  const sorted = Float64Array.from(counts).sort();
  const q = (f: number) => sorted[Math.min(m - 1, Math.max(0, Math.round(f * (m - 1))))] ?? 0;
  return {
    draws: m,
    seed,
    mean,
    sd: Math.sqrt(ss / Math.max(1, m - 1)),
    excess: observed - mean,
    band: [q(0.0005), q(0.9995)],
  };
}
