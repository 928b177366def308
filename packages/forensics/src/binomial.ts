// Binomial(n, p) probabilities without overflow or cancellation: start at the mode with weight 1
// and walk outwards with the ratio recurrence P(k+1)/P(k) = (n-k)/(k+1) * p/(1-p), stopping once
// a term falls below 1e-22 of the mode, then normalise by the window's sum. The neglected tails
// are below 1e-20 of the total, far under double rounding of the quantities we report, and the
// cost is O(sd) per station instead of O(n).
import { logGamma } from "@scrutiny/stats";

/** Relative weight below which the walk stops. */
const TAIL = 1e-22;

export interface PmfWindow {
  /** First and last k of the window (inclusive); probabilities are in `pmf[k]`. */
  lo: number;
  hi: number;
}

/**
 * Writes Binomial(n, p) probabilities into `pmf[lo..hi]` (indexed by k; `pmf.length` must exceed n)
 * and returns the window. Degenerate p (0 or 1) gives a point mass.
 */
export function binomialPmfWindow(n: number, p: number, pmf: Float64Array): PmfWindow {
  if (p <= 0 || n === 0) {
    pmf[0] = 1;
    return { lo: 0, hi: 0 };
  }
  if (p >= 1) {
    pmf[n] = 1;
    return { lo: n, hi: n };
  }
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const odds = p / (1 - p);
  pmf[mode] = 1;
  let total = 1;
  let hi = mode;
  let w = 1;
  while (hi < n) {
    w *= ((n - hi) / (hi + 1)) * odds;
    if (w < TAIL) break;
    hi++;
    pmf[hi] = w;
    total += w;
  }
  let lo = mode;
  w = 1;
  while (lo > 0) {
    w *= lo / ((n - lo + 1) * odds);
    if (w < TAIL) break;
    lo--;
    pmf[lo] = w;
    total += w;
  }
  const inv = 1 / total;
  for (let k = lo; k <= hi; k++) pmf[k] = (pmf[k] ?? 0) * inv;
  return { lo, hi };
}

/** Direct log-space Binomial PMF, an independent route used to cross-check the recurrence. */
export function binomialLogPmf(k: number, n: number, p: number): number {
  if (p <= 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (p >= 1) return k === n ? 0 : Number.NEGATIVE_INFINITY;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}
