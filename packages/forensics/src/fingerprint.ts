// Election fingerprint (Klimek, Yegorov, Hanel & Thurner 2012, PNAS 109(41):16469-16473): the 2-D
// histogram of turnout x winner share, one point per station weighted by registered voters, and
// the fraud model (fingerprint-model.ts) fitted to it by maximum likelihood.
//
// Likelihood: the observed histogram, normalised to Kish's effective number of stations, against the model's bin probabilities: a multinomial deviance G = 2 sum w_b log(w_b/q_b).
// Optimiser: Nelder-Mead from several data-driven starts in an unconstrained parametrisation
// (logistic / softmax for shares and bounded scales), so no start can divide by zero and every
// evaluation is finite. Uncertainty: seeded parametric bootstrap (the data's stations with points
// drawn from the fitted model, binned alike, refitted).

import { createRng } from "@scrutiny/stats";
import type { ElectionColumns } from "./columns.ts";
import { deposit, EXTREME_SD, FraudModelGrid, type FraudModelParams } from "./fingerprint-model.ts";
import { nelderMead } from "./nelder-mead.ts";

export interface FingerprintOptions {
  /** Bins per axis of the displayed fingerprint (default 100: 1 point). */
  readonly bins?: number;
  /** Bins per axis used for fitting (default 50). */
  readonly fitBins?: number;
  /**
   * Parametric bootstrap replicates for the intervals (default 0: none, the ± is then reported
   * as not computed). Each is a full refit by the data's own procedure, 1-4 s; ask 200.
   */
  readonly bootstrap?: number;
  readonly seed?: number;
  /**
   * Parametric-bootstrap replicates for the likelihood-ratio test of fraud against the fitted
   * no-fraud model (default 0: the statistic is reported, not tested; 99 for a test at 5%).
   */
  readonly lrReplicates?: number;
  /** Optimiser starts (default 3; fewer is faster, at the risk of a worse local optimum). */
  readonly starts?: number;
  /** Optional progress callback (step name). */
  readonly onProgress?: (step: string) => void;
}

export interface EstimateWithUncertainty {
  readonly estimate: number;
  /** Bootstrap standard error. */
  readonly se: number;
  /** Bootstrap 2.5% and 97.5% percentiles. */
  readonly interval: readonly [number, number];
}

export interface FingerprintResult {
  /** Stations used (registered > 0 and ballots > 0). */
  readonly stations: number;
  /** Kish effective sample size of the voter weights (the likelihood's sample size). */
  readonly effectiveStations: number;
  readonly bins: number;
  /** Voter-weighted fingerprint, row-major [turnout bin][share bin], sums to 1. */
  readonly observed: number[];
  readonly fitBins: number;
  /** Observed and fitted histograms at the fitting resolution (each sums to 1). */
  readonly observedFit: number[];
  readonly fitted: number[];
  readonly fit: {
    readonly fi: EstimateWithUncertainty;
    readonly fe: EstimateWithUncertainty;
    readonly params: FraudModelParams;
    /** The no-fraud model's fit (f_i = f_e = 0): the null the likelihood-ratio test draws from. */
    readonly paramsNoFraud: FraudModelParams;
    /** Optimiser starts used (every replicate is fitted with the same). */
    readonly starts: number;
    /** Multinomial deviance at the optimum, and its value for the model without fraud. */
    readonly deviance: number;
    readonly devianceNoFraud: number;
    /** Model evaluations of the data's fit and its replicates. */
    readonly evaluations: number;
    /** The optimum reached from each start: a spread here means the likelihood has several modes. */
    readonly localOptima: readonly { readonly fi: number; readonly fe: number; readonly deviance: number }[];
    readonly bootstrapReplicates: number;
    /** The bootstrap refits' f_i and f_e, in order (for warp-speed calibration and checks). */
    readonly bootstrapDraws: { readonly fi: readonly number[]; readonly fe: readonly number[] };
    readonly seed: number;
    /** Parameters within 0.5% of their range's end: estimates there are not interior optima. */
    readonly onBound: readonly string[];
    /**
     * Likelihood ratio of the fraud model against the no-fraud model, LR = G₀ − G, with its
     * parametric-bootstrap p-value: LR recomputed on `replicates` histograms drawn from the fitted
     * no-fraud model (both models refitted each time); p = (1 + #{LR* ≥ LR})/(replicates + 1).
     */
    readonly noFraudTest: {
      readonly statistic: number;
      readonly replicates: number;
      /** LR on each histogram drawn from the fitted no-fraud model, in order. */
      readonly nullStatistics: readonly number[];
      readonly pValue: number | null;
      readonly level: number;
      readonly statement: string;
    };
  };
}

const PARAM_COUNT = 8;

const logistic = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

/** Unconstrained vector -> model parameters; every vector maps to a valid model. */
export function decodeParams(z: readonly number[]): FraudModelParams {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, g = 0, h = 0, k = 0] = z;
  const ei = Math.exp(Math.min(50, e));
  const ee = Math.exp(Math.min(50, g));
  const denom = 1 + ei + ee;
  return {
    turnoutMean: logistic(a),
    turnoutSd: 0.005 + 0.395 * logistic(b),
    shareMean: logistic(c),
    shareSd: 0.005 + 0.395 * logistic(d),
    fi: ei / denom,
    fe: ee / denom,
    sdX: 0.05 + 0.95 * logistic(h),
    alpha: 0.2 + 4.8 * logistic(k),
  };
}

function encodeParams(p: FraudModelParams): number[] {
  const clampP = (x: number) => Math.min(1 - 1e-6, Math.max(1e-6, x));
  const fair = Math.max(1e-9, 1 - p.fi - p.fe);
  return [
    logit(clampP(p.turnoutMean)),
    logit(clampP((p.turnoutSd - 0.005) / 0.395)),
    logit(clampP(p.shareMean)),
    logit(clampP((p.shareSd - 0.005) / 0.395)),
    Math.log(Math.max(1e-9, p.fi) / fair),
    Math.log(Math.max(1e-9, p.fe) / fair),
    logit(clampP((p.sdX - 0.05) / 0.95)),
    logit(clampP((p.alpha - 0.2) / 4.8)),
  ];
}

/** 2 sum w log(w/q) over bins with w > 0; q is floored so the value is always finite. */
function deviance(w: Float64Array, q: Float64Array): number {
  let g = 0;
  for (let b = 0; b < w.length; b++) {
    const wb = w[b] ?? 0;
    if (wb > 0) g += wb * Math.log(wb / Math.max(q[b] ?? 0, 1e-12));
  }
  return 2 * g;
}

/** The no-fraud parameters of a vector: fi = fe = 0 (logits at -40), fraud shape at its default. */
function fairVector(z: readonly number[]): number[] {
  return [z[0] ?? 0, z[1] ?? 0, z[2] ?? 0, z[3] ?? 0, -40, -40, 0, 0];
}

/**
 * The fits on one histogram resolution, shared by the report's fit, its bootstrap, the
 * likelihood-ratio test and the calibration (fingerprint-calibration.ts). Histograms hold counts
 * summing to about n (the effective number of stations); the objective is the multinomial
 * deviance against n times the model's bin probabilities.
 */
export class FingerprintFitter {
  private readonly grid: FraudModelGrid;
  private readonly scratch: Float64Array;
  evaluations = 0;

  constructor(readonly fitBins: number) {
    this.grid = new FraudModelGrid(fitBins);
    this.scratch = new Float64Array(fitBins * fitBins);
  }

  private objective(w: Float64Array, n: number): (z: readonly number[]) => number {
    return (z) => {
      this.evaluations++;
      const q = this.grid.evaluate(decodeParams(z));
      const scratch = this.scratch;
      for (let b = 0; b < q.length; b++) scratch[b] = (q[b] ?? 0) * n;
      return deviance(w, scratch);
    };
  }

  /** The model's bin probabilities (a view, overwritten by the next evaluation). */
  histogram(p: FraudModelParams): Float64Array {
    return this.grid.evaluate(p);
  }

  /** The fraud model fitted from `start` (unconstrained vector). */
  fit(w: Float64Array, n: number, start: readonly number[], maxEvaluations: number, step: number) {
    return nelderMead(this.objective(w, n), start, {
      maxEvaluations,
      step,
      fTolerance: 1e-9,
      xTolerance: 1e-5,
    });
  }

  /** The no-fraud model (fi = fe = 0) fitted from the turnout and share part of `start`. */
  fitFair(w: Float64Array, n: number, start: readonly number[]) {
    const f = this.objective(w, n);
    const r = nelderMead((z) => f(fairVector(z)), start.slice(0, 4), { maxEvaluations: 400, step: 0.3 });
    return { ...r, x: fairVector(r.x) };
  }
}

/** Stations as points of the fingerprint: turnout, winner share and weight (registered voters). */
export interface StationPoints {
  readonly t: Float64Array;
  readonly v: Float64Array;
  readonly weight: Float64Array;
  readonly count: number;
}

export function stationPoints(data: ElectionColumns): StationPoints {
  const t: number[] = [];
  const v: number[] = [];
  const weight: number[] = [];
  for (let s = 0; s < data.stationCount; s++) {
    const reg = data.registered[s] ?? 0;
    const ballots = data.ballots[s] ?? 0;
    if (reg <= 0 || ballots <= 0) continue;
    t.push(Math.min(1, ballots / reg));
    v.push(Math.min(1, (data.leader[s] ?? 0) / ballots));
    weight.push(reg);
  }
  return {
    t: Float64Array.from(t),
    v: Float64Array.from(v),
    weight: Float64Array.from(weight),
    count: t.length,
  };
}

/**
 * The data's stations (their weights) with turnout and winner share drawn from the fraud model:
 * the model's own station-level process, for the parametric bootstrap.
 */
export function drawStationPoints(
  p: FraudModelParams,
  weights: Float64Array,
  rng: ReturnType<typeof createRng>,
): StationPoints {
  const t = new Float64Array(weights.length);
  const v = new Float64Array(weights.length);
  const truncated = (mean: number, sd: number) => {
    for (let k = 0; k < 1000; k++) {
      const x = mean + sd * rng.normal();
      if (x >= 0 && x <= 1) return x;
    }
    return Math.min(1, Math.max(0, mean));
  };
  for (let s = 0; s < weights.length; s++) {
    const t0 = truncated(p.turnoutMean, p.turnoutSd);
    const v0 = truncated(p.shareMean, p.shareSd);
    const u = rng.uniform53();
    const x = u < p.fi ? truncated(0, p.sdX) : u < p.fi + p.fe ? 1 - Math.abs(truncated(0, EXTREME_SD)) : 0;
    const t2 = t0 + x * (1 - t0);
    t[s] = t2;
    v[s] = t2 > 0 ? (v0 * t0 + x * (1 - t0) + x ** p.alpha * (1 - v0) * t0) / t2 : v0;
  }
  return { t, v, weight: weights, count: weights.length };
}

/** Weighted median and a robust spread (1.4826 MAD), floored so a start is never degenerate. */
function robustCentre(x: Float64Array, w: Float64Array): { centre: number; spread: number } {
  const order = Array.from(x.keys()).sort((a, b) => (x[a] ?? 0) - (x[b] ?? 0));
  let total = 0;
  for (const wi of w) total += wi;
  const median = (values: (i: number) => number, idx: number[]) => {
    let acc = 0;
    for (const i of idx) {
      acc += w[i] ?? 0;
      if (acc >= total / 2) return values(i);
    }
    return 0.5;
  };
  const centre = median((i) => x[i] ?? 0, order);
  const dev = Array.from(x.keys()).sort(
    (a, b) => Math.abs((x[a] ?? 0) - centre) - Math.abs((x[b] ?? 0) - centre),
  );
  const mad = median((i) => Math.abs((x[i] ?? 0) - centre), dev);
  return {
    centre: Math.min(0.95, Math.max(0.05, centre)),
    spread: Math.min(0.3, Math.max(0.02, 1.4826 * mad)),
  };
}

/** One fit of the fingerprint: the fraud model, the no-fraud model and the optima reached. */
export interface PointFit {
  readonly params: FraudModelParams;
  readonly x: readonly number[];
  readonly deviance: number;
  readonly paramsNoFraud: FraudModelParams;
  readonly devianceNoFraud: number;
  readonly localOptima: readonly { readonly fi: number; readonly fe: number; readonly deviance: number }[];
  /** Kish's effective number of stations and the fitting histogram (counts summing to it). */
  readonly effectiveStations: number;
  readonly histogram: Float64Array;
}

/**
 * THE estimator: binning, data-driven starts, Nelder-Mead from each, a polish, the no-fraud fit
 * and a fraud fit started from it. The data and every bootstrap replicate go through this one
 * function, so the bootstrap reproduces the estimator's whole variability, the optimiser's
 * included (Davison & Hinkley 1997, §2.2: the statistic computed on a resample must be the one
 * computed on the data). Warm-started short refits of the replicates, as before, stayed near
 * their start and made the interval of f_i about 25% too narrow.
 */
export function estimateFingerprint(fitter: FingerprintFitter, pts: StationPoints, starts = 3): PointFit {
  const fitBins = fitter.fitBins;
  let totalWeight = 0;
  let totalSquares = 0;
  for (const w of pts.weight) {
    totalWeight += w;
    totalSquares += w * w;
  }
  // Kish's effective sample size of the voter-weighted histogram: the likelihood's sample size
  // (using the station count would overstate the precision).
  const nEff = totalSquares > 0 ? (totalWeight * totalWeight) / totalSquares : 0;
  const obsFit = new Float64Array(fitBins * fitBins);
  // Bilinear (tent) weights, the same smoothing the model applies.
  for (let s = 0; s < pts.count; s++)
    deposit(obsFit, fitBins, pts.t[s] ?? 0, pts.v[s] ?? 0, ((pts.weight[s] ?? 0) / totalWeight) * nEff);
  const tc = robustCentre(pts.t, pts.weight);
  const vc = robustCentre(pts.v, pts.weight);
  const centre = {
    turnoutMean: tc.centre,
    turnoutSd: tc.spread,
    shareMean: vc.centre,
    shareSd: vc.spread,
  };
  const all = (
    [
      [0.05, 0.005, 0.1],
      [0.3, 0.02, 0.3],
      [0.6, 0.05, 0.15],
    ] as const
  ).map(([fi, fe, sdX]) => ({ ...centre, fi, fe, sdX, alpha: 1 }));
  // One start: the middle one (moderate fraud), which reaches the main optimum most often.
  const used = starts === 1 ? all.slice(1, 2) : all;
  const localOptima: { fi: number; fe: number; deviance: number }[] = [];
  let best: { x: number[]; value: number } = {
    x: encodeParams({ ...centre, fi: 0.3, fe: 0.02, sdX: 0.3, alpha: 1 }),
    value: Number.POSITIVE_INFINITY,
  };
  for (const start of used) {
    const r = fitter.fit(obsFit, nEff, encodeParams(start), 1200, 0.5);
    const p = decodeParams(r.x);
    localOptima.push({ fi: p.fi, fe: p.fe, deviance: r.value });
    if (r.value < best.value) best = r;
  }
  // One restart from the best optimum guards against a collapsed simplex.
  const polished = fitter.fit(obsFit, nEff, best.x, 500, 0.1);
  if (polished.value <= best.value) best = polished;
  // The no-fraud model (f_i = f_e = 0), from the fraud optimum's fair part and from the centres.
  let fair = fitter.fitFair(obsFit, nEff, best.x);
  const fair2 = fitter.fitFair(obsFit, nEff, encodeParams({ ...centre, fi: 0, fe: 0, sdX: 0.3, alpha: 1 }));
  if (fair2.value < fair.value) fair = fair2;
  // The fraud model started from the no-fraud fit with a little fraud: the nested model's own
  // neighbourhood, so that the fraud fit is never worse than the model it contains.
  const near = fitter.fit(
    obsFit,
    nEff,
    fair.x.map((v, i) => (i === 4 ? -4 : i === 5 ? -6 : v)),
    800,
    0.5,
  );
  {
    const p = decodeParams(near.x);
    localOptima.push({ fi: p.fi, fe: p.fe, deviance: near.value });
    if (near.value < best.value) best = near;
  }
  return {
    params: decodeParams(best.x),
    x: best.x,
    deviance: best.value,
    paramsNoFraud: decodeParams(fair.x),
    devianceNoFraud: fair.value,
    localOptima,
    effectiveStations: nEff,
    histogram: obsFit,
  };
}

/** Likelihood ratio of the fraud model against no fraud, G₀ − G (0 if the fraud fit is worse). */
export const likelihoodRatio = (fit: Pick<PointFit, "deviance" | "devianceNoFraud">) =>
  Math.max(0, fit.devianceNoFraud - fit.deviance);

/** Bootstrap replicates of the fraud fit ("bootstrap") or of the LR under the no-fraud fit ("null"). */
export type ReplicateKind = "bootstrap" | "null";

/**
 * Replicates `from`..`from + count − 1` of one kind: each drawn with its own generator (seed,
 * kind, index), so a run split into chunks (the server's background job) gives exactly the
 * replicates of one run.
 */
export function fingerprintReplicates(
  data: ElectionColumns | StationPoints,
  model: { readonly params: FraudModelParams; readonly paramsNoFraud: FraudModelParams },
  request: {
    readonly kind: ReplicateKind;
    readonly from: number;
    readonly count: number;
    readonly seed: number;
    readonly fitBins?: number;
    readonly starts?: number;
  },
  onReplicate?: (done: number) => void,
): {
  readonly fi: number[];
  readonly fe: number[];
  readonly statistics: number[];
  readonly evaluations: number;
} {
  const pts = "weight" in data ? data : stationPoints(data);
  const fitter = new FingerprintFitter(request.fitBins ?? 50);
  const fi: number[] = [];
  const fe: number[] = [];
  const statistics: number[] = [];
  for (let r = request.from; r < request.from + request.count; r++) {
    const rng = createRng(replicateSeed(request.seed, request.kind, r));
    const truth = request.kind === "bootstrap" ? model.params : model.paramsNoFraud;
    const fit = estimateFingerprint(fitter, drawStationPoints(truth, pts.weight, rng), request.starts ?? 3);
    fi.push(fit.params.fi);
    fe.push(fit.params.fe);
    statistics.push(likelihoodRatio(fit));
    onReplicate?.(r - request.from + 1);
  }
  return { fi, fe, statistics, evaluations: fitter.evaluations };
}

function replicateSeed(seed: number, kind: ReplicateKind, r: number): number {
  return (
    (Math.imul(seed >>> 0, 0x9e3779b1) ^
      Math.imul(r + 1, 0x85ebca6b) ^
      (kind === "null" ? 0x5bd1e995 : 0)) >>>
    0
  );
}

/** The intervals and the test from replicates (computed here or in chunks elsewhere). */
export function withReplicates(
  result: FingerprintResult,
  draws: { readonly fi: readonly number[]; readonly fe: readonly number[] },
  nullStatistics: readonly number[],
): FingerprintResult {
  const { statistic } = result.fit.noFraudTest;
  const lrReplicates = nullStatistics.length;
  const exceed = nullStatistics.filter((lr) => lr >= statistic).length;
  const level = 0.05;
  const pValue = lrReplicates > 0 ? (1 + exceed) / (lrReplicates + 1) : null;
  const statement =
    pValue === null
      ? `Likelihood ratio of the fraud model against no fraud: ${statistic.toFixed(1)}; not tested (no bootstrap replicates requested).`
      : pValue < level
        ? `At the ${100 * level}% level the no-fraud model is rejected (likelihood ratio ${statistic.toFixed(1)}, bootstrap p = ${pValue.toFixed(3)} from ${lrReplicates} replicates): the fingerprint has a component the fair model does not explain.`
        : `At the ${100 * level}% level the no-fraud model is not rejected (likelihood ratio ${statistic.toFixed(1)}, bootstrap p = ${pValue.toFixed(3)} from ${lrReplicates} replicates): the fitted fraud shares are not distinguishable from zero.`;
  return {
    ...result,
    fit: {
      ...result.fit,
      fi: withUncertainty(result.fit.params.fi, draws.fi),
      fe: withUncertainty(result.fit.params.fe, draws.fe),
      bootstrapReplicates: draws.fi.length,
      bootstrapDraws: { fi: [...draws.fi], fe: [...draws.fe] },
      noFraudTest: {
        statistic,
        replicates: lrReplicates,
        nullStatistics: [...nullStatistics],
        pValue,
        level,
        statement,
      },
    },
  };
}

export function fingerprint(data: ElectionColumns, options: FingerprintOptions = {}): FingerprintResult {
  const bins = options.bins ?? 100;
  const fitBins = options.fitBins ?? 50;
  const replicates = options.bootstrap ?? 0;
  const lrReplicates = options.lrReplicates ?? 0;
  const seed = options.seed ?? 1;
  const starts = options.starts ?? 3;
  const pts = stationPoints(data);
  let totalWeight = 0;
  for (const w of pts.weight) totalWeight += w;
  const observed = new Float64Array(bins * bins);
  for (let s = 0; s < pts.count; s++) {
    const i = Math.min(bins - 1, Math.floor((pts.t[s] ?? 0) * bins));
    const j = Math.min(bins - 1, Math.floor((pts.v[s] ?? 0) * bins));
    observed[i * bins + j] = (observed[i * bins + j] ?? 0) + (pts.weight[s] ?? 0) / totalWeight;
  }
  const fitter = new FingerprintFitter(fitBins);
  options.onProgress?.("fingerprint: fitting the fraud model");
  const fit = estimateFingerprint(fitter, pts, starts);
  const nEff = fit.effectiveStations;
  const fittedHist = Float64Array.from(fitter.histogram(fit.params));
  const statistic = likelihoodRatio(fit);
  const base: FingerprintResult = {
    stations: pts.count,
    effectiveStations: nEff,
    bins,
    observed: Array.from(observed),
    fitBins,
    observedFit: Array.from(fit.histogram, (x) => x / nEff),
    fitted: Array.from(fittedHist),
    fit: {
      fi: withUncertainty(fit.params.fi, []),
      fe: withUncertainty(fit.params.fe, []),
      params: fit.params,
      paramsNoFraud: fit.paramsNoFraud,
      deviance: fit.deviance,
      devianceNoFraud: fit.devianceNoFraud,
      evaluations: 0,
      localOptima: fit.localOptima,
      bootstrapReplicates: 0,
      bootstrapDraws: { fi: [], fe: [] },
      seed,
      starts,
      onBound: boundsReached(fit.params),
      noFraudTest: { statistic, replicates: 0, nullStatistics: [], pValue: null, level: 0.05, statement: "" },
    },
  };
  options.onProgress?.(`fingerprint: bootstrap (${replicates} replicates)`);
  const draws = fingerprintReplicates(pts, fit, {
    kind: "bootstrap",
    from: 0,
    count: replicates,
    seed,
    fitBins,
    starts,
  });
  if (lrReplicates > 0)
    options.onProgress?.(`fingerprint: likelihood-ratio test (${lrReplicates} replicates)`);
  const nulls = fingerprintReplicates(pts, fit, {
    kind: "null",
    from: 0,
    count: lrReplicates,
    seed,
    fitBins,
    starts,
  });
  const out = withReplicates(base, draws, nulls.statistics);
  return {
    ...out,
    fit: { ...out.fit, evaluations: fitter.evaluations + draws.evaluations + nulls.evaluations },
  };
}

/** Names of parameters at (within 0.5% of) the ends of their ranges. */
function boundsReached(p: FraudModelParams): string[] {
  const out: string[] = [];
  const near = (x: number, lo: number, hi: number) =>
    (x - lo) / (hi - lo) < 0.005 || (hi - x) / (hi - lo) < 0.005;
  if (p.fi < 0.005) out.push("f_i at its lower bound 0");
  if (p.fe < 0.005) out.push("f_e at its lower bound 0");
  if (near(p.alpha, 0.2, 5)) out.push(`α at its ${p.alpha > 2.6 ? "upper bound 5" : "lower bound 0.2"}`);
  if (near(p.sdX, 0.05, 1)) out.push(`σ_x at its ${p.sdX > 0.5 ? "upper bound 1" : "lower bound 0.05"}`);
  if (near(p.turnoutSd, 0.005, 0.4)) out.push("turnout spread at a bound");
  if (near(p.shareSd, 0.005, 0.4)) out.push("winner-share spread at a bound");
  return out;
}

function withUncertainty(estimate: number, boot: readonly number[]): EstimateWithUncertainty {
  if (boot.length < 2) return { estimate, se: Number.NaN, interval: [Number.NaN, Number.NaN] };
  const mean = boot.reduce((a, b) => a + b, 0) / boot.length;
  const se = Math.sqrt(boot.reduce((a, b) => a + (b - mean) ** 2, 0) / (boot.length - 1));
  const sorted = [...boot].sort((a, b) => a - b);
  const q = (f: number) => sorted[Math.round(f * (sorted.length - 1))] ?? Number.NaN;
  return { estimate, se, interval: [q(0.025), q(0.975)] };
}

export { PARAM_COUNT };
