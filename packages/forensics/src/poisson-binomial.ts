// Distribution of a sum of independent Bernoulli(p_i) variables (Poisson-binomial), computed
// exactly by the convolution recurrence P_j(k) = P_{j-1}(k)(1-p_j) + P_{j-1}(k-1) p_j
// (e.g. Hong 2013, Comput. Stat. Data Anal. 59, "On computing the distribution function for the
// Poisson binomial distribution", sec. 2). Cells below 1e-40 are pruned at the two ends, which
// keeps the work at O(N * width of the distribution) (~±13 sd) instead of O(N^2); the pruned mass
// is tracked and reported. A normal approximation would be adequate for the band's centre but not
// for exact tail probabilities, which are what a 99.9% band and a p-value are.

const PRUNE = 1e-40;

export interface PoissonBinomialSummary {
  readonly mean: number;
  readonly variance: number;
  /** Central band: the 0.05% and 99.95% quantiles (inclusive) of the count. */
  readonly band: readonly [number, number];
  /** P(count >= observed); an upper bound of `prunedMass` when observed is beyond the kept cells. */
  readonly upperTail: number;
  /** Probability mass discarded by pruning (a bound on the error of any probability reported). */
  readonly prunedMass: number;
}

/** Summarises the Poisson-binomial law of sum(p) and the upper tail at `observed`. */
export function poissonBinomial(
  probabilities: ArrayLike<number>,
  observed: number,
  bandLevel = 0.999,
): PoissonBinomialSummary {
  const n = probabilities.length;
  let mean = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i] ?? 0;
    mean += p;
    variance += p * (1 - p);
  }
  const dist = new Float64Array(n + 2);
  dist[0] = 1;
  let lo = 0;
  let hi = 0;
  let pruned = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i] ?? 0;
    if (p <= 0) continue;
    const q = 1 - p;
    dist[hi + 1] = (dist[hi] ?? 0) * p;
    for (let k = hi; k > lo; k--) dist[k] = (dist[k] ?? 0) * q + (dist[k - 1] ?? 0) * p;
    dist[lo] = (dist[lo] ?? 0) * q;
    hi++;
    while (lo < hi && (dist[lo] ?? 0) < PRUNE) {
      pruned += dist[lo] ?? 0;
      dist[lo] = 0;
      lo++;
    }
    while (hi > lo && (dist[hi] ?? 0) < PRUNE) {
      pruned += dist[hi] ?? 0;
      dist[hi] = 0;
      hi--;
    }
  }
  const alpha = (1 - bandLevel) / 2;
  let cdf = 0;
  let lower = lo;
  let upper = hi;
  let foundLower = false;
  for (let k = lo; k <= hi; k++) {
    cdf += dist[k] ?? 0;
    if (!foundLower && cdf >= alpha) {
      lower = k;
      foundLower = true;
    }
    if (cdf >= 1 - alpha) {
      upper = k;
      break;
    }
  }
  let upperTail = 0;
  if (observed <= lo) upperTail = 1;
  else if (observed > hi) upperTail = pruned;
  else for (let k = observed; k <= hi; k++) upperTail += dist[k] ?? 0;
  return { mean, variance, band: [lower, upper], upperTail: Math.min(1, upperTail), prunedMass: pruned };
}
