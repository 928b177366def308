// The election-fingerprint fraud model of Klimek, Yegorov, Hanel & Thurner (2012), "Statistical
// detection of systematic election irregularities", PNAS 109(41):16469-16473, with the fraud
// mechanics of their reference code (ElectionFitter.m, as ported in the Election Forensics Toolkit):
//
//   fair unit:       turnout t ~ N(mu_t, sd_t), winner share v ~ N(mu_v, sd_v), truncated to [0,1];
//   incremental (probability f_i): a fraction x ~ |N(0, sd_x)| of the non-voters is added to the
//                    winner and a fraction x^alpha of the opponents' votes is moved to the winner;
//   extreme (probability f_e): the same with x = 1 - |N(0, 0.075)| (almost everything).
//   t' = t + x(1 - t),  v' = (v t + x(1 - t) + x^alpha (1 - v) t) / t'.
//
// The Toolkit simulates this and grid-searches (f_i, f_e), a noisy objective on a coarse grid. Here
// the model's 2-D histogram is computed deterministically: the fair part exactly (products of
// truncated-normal tent weights, see truncatedTentWeights), the fraud parts by quadrature: t and v on a grid of
// z = -4..4 in steps of 1/3 with normal weights (so the tails are represented: equal-probability
// nodes stop at the outermost quantile, which made fits inflate the spreads to reach the data's
// tails), x likewise on z = 0..4, each node deposited with bilinear weights. The result is
// a smooth function of the parameters that a continuous optimiser can minimise.
import { normCdf as normalCdf } from "@scrutiny/stats";

export interface FraudModelParams {
  readonly turnoutMean: number;
  readonly turnoutSd: number;
  readonly shareMean: number;
  readonly shareSd: number;
  /** Share of units (electorate-weighted) with incremental fraud. */
  readonly fi: number;
  /** Share of units with extreme fraud. */
  readonly fe: number;
  /** Spread of the incremental fraud intensity x. */
  readonly sdX: number;
  /** Votes taken from opponents are a fraction x^alpha. */
  readonly alpha: number;
}

/** Spread of 1 - x for extreme fraud, fixed as in Klimek et al.'s reference code. */
export const EXTREME_SD = 0.075;

/** Quadrature grid for the fraud parts: z from -Z_MAX to Z_MAX in steps of Z_STEP. */
const Z_MAX = 4;
const Z_STEP = 1 / 3;
const Q_Z = Math.round((2 * Z_MAX) / Z_STEP) + 1;
/** Fraud intensity nodes: z = 0..Z_MAX in steps of X_STEP (coarser for extreme fraud, which is narrow). */
const X_STEP = 0.25;
const XE_STEP = 0.5;
const Q_X = Math.round(Z_MAX / X_STEP) + 1;

/**
 * Nodes of N(mean, sd) truncated to [0, 1] on the fixed z grid, with normalised normal weights;
 * returns the number of nodes inside [0, 1] (at least one: a far-out mean gets the nearest edge).
 */
function gridNodes(mean: number, sd: number, nodes: Float64Array, weights: Float64Array): number {
  let count = 0;
  let total = 0;
  for (let j = 0; j < Q_Z; j++) {
    const z = -Z_MAX + j * Z_STEP;
    const x = mean + sd * z;
    if (x < 0 || x > 1) continue;
    const w = Math.exp(-0.5 * z * z);
    nodes[count] = x;
    weights[count] = w;
    total += w;
    count++;
  }
  if (count === 0) {
    nodes[0] = mean < 0.5 ? 0 : 1;
    weights[0] = 1;
    return 1;
  }
  for (let j = 0; j < count; j++) weights[j] = (weights[j] ?? 0) / total;
  return count;
}

/**
 * Expected bilinear ("tent") weights of N(mean, sd) truncated to [0, 1] over `bins` bins: exactly
 * what depositing infinitely many draws with `deposit` would give. Using the same tent weights for
 * the data, the fair part and the fraud nodes keeps all three smoothed alike (hard-binned data
 * against tent-smoothed fraud nodes biased f_e upward near the sharp (1, 1) corner).
 */
function truncatedTentWeights(mean: number, sd: number, bins: number, out: Float64Array): void {
  const h = 1 / bins;
  const norm = 1 / (sd * Math.sqrt(2 * Math.PI));
  // The normal's CDF and density at the bin centres, once each (the CDF is the costly part).
  const F = new Float64Array(bins);
  const f = new Float64Array(bins);
  for (let i = 0; i < bins; i++) {
    const z = ((i + 0.5) * h - mean) / sd;
    F[i] = normalCdf(z);
    f[i] = Math.exp(-0.5 * z * z) * norm;
  }
  const F0 = normalCdf(-mean / sd);
  const F1 = normalCdf((1 - mean) / sd);
  // int_a^b (x - c) f(x) dx for the untruncated normal between centres k and k + 1, about centre
  // `at`: (mean - c_at) (F(b) - F(a)) - sd^2 (f(b) - f(a)).
  const moment = (k: number, at: number) =>
    (mean - (at + 0.5) * h) * ((F[k + 1] ?? 0) - (F[k] ?? 0)) - sd * sd * ((f[k + 1] ?? 0) - (f[k] ?? 0));
  out.fill(0);
  for (let i = 0; i < bins; i++) {
    // Rising side from the previous centre (or the edge bin's flat half), falling side to the next.
    let w = i === 0 ? (F[0] ?? 0) - F0 : moment(i - 1, i - 1) / h;
    w += i === bins - 1 ? F1 - (F[i] ?? 0) : -moment(i, i + 1) / h;
    out[i] = w;
  }
  const total = F1 - F0;
  if (total > 1e-300) for (let i = 0; i < bins; i++) out[i] = Math.max(0, (out[i] ?? 0) / total);
  else {
    // All the mass is beyond one edge: put it in that edge bin.
    out.fill(0);
    out[mean < 0.5 ? 0 : bins - 1] = 1;
  }
}

/**
 * Nodes of |N(0, sd)| truncated to [0, 1] on z = 0..Z_MAX (step `step`) with normalised normal
 * weights (half weight at z = 0, trapezoid rule); returns the node count.
 */
function halfNormalNodes(sd: number, nodes: Float64Array, weights: Float64Array, step = X_STEP): number {
  let count = 0;
  let total = 0;
  for (let j = 0; j * step <= Z_MAX + 1e-9; j++) {
    const z = j * step;
    const x = sd * z;
    if (x > 1) break;
    const w = Math.exp(-0.5 * z * z) * (j === 0 ? 0.5 : 1);
    nodes[count] = x;
    weights[count] = w;
    total += w;
    count++;
  }
  for (let j = 0; j < count; j++) weights[j] = (weights[j] ?? 0) / total;
  return count;
}

/** Adds weight `w` at (t, v) to a bins x bins histogram (index t * bins + v) with bilinear weights. */
export function deposit(hist: Float64Array, bins: number, t: number, v: number, w: number): void {
  const px = t * bins - 0.5;
  const py = v * bins - 0.5;
  let i0 = Math.floor(px);
  let j0 = Math.floor(py);
  let fx = px - i0;
  let fy = py - j0;
  // Half a bin from the edge, all weight stays in the edge bin.
  if (i0 < 0) {
    i0 = 0;
    fx = 0;
  } else if (i0 >= bins - 1) {
    i0 = bins - 1;
    fx = 0;
  }
  if (j0 < 0) {
    j0 = 0;
    fy = 0;
  } else if (j0 >= bins - 1) {
    j0 = bins - 1;
    fy = 0;
  }
  const base = i0 * bins + j0;
  hist[base] = (hist[base] ?? 0) + w * (1 - fx) * (1 - fy);
  if (fy > 0) hist[base + 1] = (hist[base + 1] ?? 0) + w * (1 - fx) * fy;
  if (fx > 0) {
    hist[base + bins] = (hist[base + bins] ?? 0) + w * fx * (1 - fy);
    if (fy > 0) hist[base + bins + 1] = (hist[base + bins + 1] ?? 0) + w * fx * fy;
  }
}

/** Reusable buffers for evaluating the model many times. */
export class FraudModelGrid {
  private readonly tNodes = new Float64Array(Q_Z);
  private readonly tWeights = new Float64Array(Q_Z);
  private readonly vNodes = new Float64Array(Q_Z);
  private readonly vWeights = new Float64Array(Q_Z);
  private tCount = 0;
  private vCount = 0;
  private readonly xNodes = new Float64Array(Q_X);
  private readonly xWeights = new Float64Array(Q_X);
  private xCount = 0;
  private readonly xeNodes = new Float64Array(Q_X);
  private readonly xeWeights = new Float64Array(Q_X);
  private readonly xeCount: number;
  private readonly tBins: Float64Array;
  private readonly vBins: Float64Array;
  readonly hist: Float64Array;

  constructor(readonly bins: number) {
    this.hist = new Float64Array(bins * bins);
    this.tBins = new Float64Array(bins);
    this.vBins = new Float64Array(bins);
    this.xeCount = halfNormalNodes(EXTREME_SD, this.xeNodes, this.xeWeights, XE_STEP);
    for (let m = 0; m < this.xeCount; m++) this.xeNodes[m] = 1 - (this.xeNodes[m] ?? 0);
  }

  /** The model's bin probabilities (sum 1), in `this.hist` (index turnout bin * bins + share bin). */
  evaluate(p: FraudModelParams): Float64Array {
    const { bins, hist, tBins, vBins } = this;
    hist.fill(0);
    const fair = Math.max(0, 1 - p.fi - p.fe);
    truncatedTentWeights(p.turnoutMean, p.turnoutSd, bins, tBins);
    truncatedTentWeights(p.shareMean, p.shareSd, bins, vBins);
    for (let i = 0; i < bins; i++) {
      const wt = fair * (tBins[i] ?? 0);
      if (wt === 0) continue;
      const row = i * bins;
      for (let j = 0; j < bins; j++) hist[row + j] = wt * (vBins[j] ?? 0);
    }
    if (p.fi <= 0 && p.fe <= 0) return hist;
    this.tCount = gridNodes(p.turnoutMean, p.turnoutSd, this.tNodes, this.tWeights);
    this.vCount = gridNodes(p.shareMean, p.shareSd, this.vNodes, this.vWeights);
    if (p.fi > 0) {
      this.xCount = halfNormalNodes(p.sdX, this.xNodes, this.xWeights);
      this.addFraud(this.xNodes, this.xWeights, this.xCount, p.alpha, p.fi);
    }
    if (p.fe > 0) this.addFraud(this.xeNodes, this.xeWeights, this.xeCount, p.alpha, p.fe);
    return hist;
  }

  private addFraud(
    xNodes: Float64Array,
    xWeights: Float64Array,
    xCount: number,
    alpha: number,
    f: number,
  ): void {
    const { tNodes, tWeights, tCount } = this;
    for (let m = 0; m < xCount; m++) {
      const x = xNodes[m] ?? 0;
      const stolen = x ** alpha;
      const w = f * (xWeights[m] ?? 0);
      for (let j = 0; j < tCount; j++) {
        const t = tNodes[j] ?? 0;
        const wj = w * (tWeights[j] ?? 0);
        const added = x * (1 - t);
        const t2 = t + added;
        if (t2 <= 0) {
          this.addRow(0, 0, 0, wj);
          continue;
        }
        // For fixed t and x the new share is affine in v: v' = a + b v.
        this.addRow(t2, (added + stolen * t) / t2, (t * (1 - stolen)) / t2, wj);
      }
    }
  }

  /** Deposits the share nodes mapped by v' = a + b v at turnout t (the hot loop, kept flat). */
  private addRow(t: number, a: number, b: number, w: number): void {
    const { bins, hist, vNodes, vWeights, vCount } = this;
    const px = t * bins - 0.5;
    let i0 = 0;
    let fx = 0;
    if (px >= bins - 1) i0 = bins - 1;
    else if (px > 0) {
      i0 = px | 0;
      fx = px - i0;
    }
    const row0 = i0 * bins;
    const row1 = row0 + bins;
    const last = bins - 1;
    for (let k = 0; k < vCount; k++) {
      const wk = w * (vWeights[k] ?? 0);
      const py = (a + b * (vNodes[k] ?? 0)) * bins - 0.5;
      // Integer bin index via `| 0` (py >= 0 here), which keeps the typed-array accesses on the
      // fast path; at the edges all weight goes to the edge bin.
      let j0 = 0;
      let fy = 0;
      if (py >= last) j0 = last;
      else if (py > 0) {
        j0 = py | 0;
        fy = py - j0;
      }
      const c0 = row0 + j0;
      hist[c0] = (hist[c0] ?? 0) + wk * (1 - fx) * (1 - fy);
      if (fy > 0) hist[c0 + 1] = (hist[c0 + 1] ?? 0) + wk * (1 - fx) * fy;
      if (fx > 0) {
        const c1 = row1 + j0;
        hist[c1] = (hist[c1] ?? 0) + wk * fx * (1 - fy);
        if (fy > 0) hist[c1 + 1] = (hist[c1 + 1] ?? 0) + wk * fx * fy;
      }
    }
  }
}
