// Digit tests against a null fitted to the data instead of Benford's or uniform reference values.
// Vote counts per station are not spread over several orders of magnitude, so the 2BL reference
// 4.187 (Mebane 2006) does not hold for them, and a last digit is not uniform for small counts.
// Following Mebane's advice to simulate the null from the observed station sizes (Mebane 2006,
// "Election forensics: vote counts and Benford's law"; Mebane 2011, "Comment on 'Benford's law
// and the detection of election fraud'", Political Analysis 19(3)), each count is redrawn as
// K ~ Binomial(n_s, k_s/n_s), n_s the station's valid ballots (turnout: registered voters; leader
// share: valid + invalid), the multinomial model's margin for one contestant. Instead of Monte
// Carlo the null moments are summed exactly from each station's binomial PMF (binomial.ts), as
// for the integer-percentage test, and the tests are normal or Wald chi-square tests on those
// exact moments:
// - 2BL: T = S − m₀N, S = Σ d₂(K)·1{K ≥ 10}, N = Σ 1{K ≥ 10}, m₀ = E[S]/E[N] (the null mean);
//   z = (S_obs − m₀N_obs)/√Var(T), Var(T) = Σ_s Var((d₂(K) − m₀)·1{K ≥ 10}).
// - last digit (counts ≥ 100): O_d = #{K ≥ 100, K mod 10 = d}; E and the covariance Σ_s (diag P_s
//   − P_s P_sᵀ) from the PMFs; X² = (O − E)ᵀ Σ⁻¹ (O − E), χ² with 10 df (9 when the number of
//   counts ≥ 100 is almost fixed, dropping digit 9).
// - counts (≥ 10) ending in 0 or 5: T = H − q₀N as for 2BL with the indicator of 0/5.
// - rounded percentages ending in 0 or 5: a sum of independent Bernoullis, z = (obs − Σp)/√Σp(1−p).
// Limits: the null keeps each station's observed share, so it tests the digits only (a falsifier
// who changes shares but leaves digits smooth is invisible), and it assumes binomial variation
// within stations and independence between them.
import { chiSquarePValue, spdInverse, twoSidedP } from "@scrutiny/stats";
import { binomialPmfWindow } from "./binomial.ts";

function secondDigit(v: number): number {
  let x = v;
  while (x >= 100) x = Math.floor(x / 10);
  return x % 10;
}

export interface FittedMeanTest {
  /** Counts entering the statistic (observed). */
  readonly counts: number;
  readonly observed: number;
  /** The null value fitted to the station sizes (mean second digit, or share ending in 0/5). */
  readonly expected: number;
  readonly z: number;
  readonly pValue: number;
}

export interface FittedLastDigitTest {
  readonly counts: number;
  readonly frequencies: readonly number[];
  readonly expected: readonly number[];
  readonly chiSquare: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
}

const twoSided = (z: number) => (Number.isFinite(z) ? twoSidedP(z) : Number.NaN);

/** Reusable scratch for the PMF windows (index k up to the largest n). */
function scratchFor(n: ArrayLike<number>): Float64Array {
  let max = 0;
  for (let i = 0; i < n.length; i++) max = Math.max(max, n[i] ?? 0);
  return new Float64Array(max + 2);
}

/**
 * A mean of f(K) over counts K ≥ `minimum`, with its exact null from per-station binomials.
 * `f` maps a count to the value averaged (second digit, or 1 when it ends in 0/5).
 */
function fittedMean(
  counts: ArrayLike<number>,
  totals: ArrayLike<number>,
  minimum: number,
  f: (k: number) => number,
): FittedMeanTest {
  const pmf = scratchFor(totals);
  let obsS = 0;
  let obsN = 0;
  let eS = 0;
  let eN = 0;
  const m = counts.length;
  // Per-station moments kept for the variance, which needs m0 first.
  const s1 = new Float64Array(m);
  const s2 = new Float64Array(m);
  const p1 = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    const k = counts[s] ?? 0;
    const n = totals[s] ?? 0;
    if (k >= minimum) {
      obsN++;
      obsS += f(k);
    }
    if (n < minimum || n <= 0) continue;
    const { lo, hi } = binomialPmfWindow(n, Math.min(1, k / n), pmf);
    let a = 0;
    let b = 0;
    let c = 0;
    for (let x = Math.max(lo, minimum); x <= hi; x++) {
      const p = pmf[x] ?? 0;
      const v = f(x);
      a += p * v;
      b += p * v * v;
      c += p;
    }
    s1[s] = a;
    s2[s] = b;
    p1[s] = c;
    eS += a;
    eN += c;
  }
  const m0 = eN > 0 ? eS / eN : Number.NaN;
  let variance = 0;
  for (let s = 0; s < m; s++) {
    // E[(f − m0)²·1] − (E[(f − m0)·1])²
    const e2 = (s2[s] ?? 0) - 2 * m0 * (s1[s] ?? 0) + m0 * m0 * (p1[s] ?? 0);
    const e1 = (s1[s] ?? 0) - m0 * (p1[s] ?? 0);
    variance += e2 - e1 * e1;
  }
  const t = obsS - m0 * obsN;
  const z = variance > 0 ? t / Math.sqrt(variance) : Number.NaN;
  return {
    counts: obsN,
    observed: obsN > 0 ? obsS / obsN : Number.NaN,
    expected: m0,
    z,
    pValue: twoSided(z),
  };
}

/** 2BL: mean second digit of counts ≥ 10 against its null fitted to the station sizes. */
export function secondDigitFitted(counts: ArrayLike<number>, totals: ArrayLike<number>): FittedMeanTest {
  return fittedMean(counts, totals, 10, secondDigit);
}

/** Share of counts ≥ 10 ending in 0 or 5 against its fitted null. */
export function zeroFiveCountsFitted(counts: ArrayLike<number>, totals: ArrayLike<number>): FittedMeanTest {
  return fittedMean(counts, totals, 10, (k) => (k % 5 === 0 ? 1 : 0));
}

/** Last-digit test of counts ≥ 100 against its fitted null (Wald chi-square). */
export function lastDigitFitted(counts: ArrayLike<number>, totals: ArrayLike<number>): FittedLastDigitTest {
  const pmf = scratchFor(totals);
  const observed = new Float64Array(10);
  const expected = new Float64Array(10);
  const cov = new Float64Array(100);
  const ps = new Float64Array(10);
  let below = 0;
  let n100 = 0;
  for (let s = 0; s < counts.length; s++) {
    const k = counts[s] ?? 0;
    const n = totals[s] ?? 0;
    if (k >= 100) {
      observed[k % 10] = (observed[k % 10] ?? 0) + 1;
      n100++;
    }
    if (n < 100) continue;
    const { lo, hi } = binomialPmfWindow(n, Math.min(1, k / n), pmf);
    ps.fill(0);
    let total = 0;
    for (let x = Math.max(lo, 100); x <= hi; x++) {
      const p = pmf[x] ?? 0;
      ps[x % 10] = (ps[x % 10] ?? 0) + p;
      total += p;
    }
    below += 1 - total;
    for (let d = 0; d < 10; d++) {
      const pd = ps[d] ?? 0;
      expected[d] = (expected[d] ?? 0) + pd;
      cov[d * 10 + d] = (cov[d * 10 + d] ?? 0) + pd;
      for (let e = 0; e < 10; e++) cov[d * 10 + e] = (cov[d * 10 + e] ?? 0) - pd * (ps[e] ?? 0);
    }
  }
  // When (almost) every station's count is surely ≥ 100 the ten counts sum to a constant and the
  // covariance is singular: drop the last digit (9 df).
  const dim = below >= 1 ? 10 : 9;
  const a = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) a[i * dim + j] = cov[i * 10 + j] ?? 0;
  const inv = spdInverse(a, dim);
  let x2 = Number.NaN;
  if (inv) {
    x2 = 0;
    for (let i = 0; i < dim; i++)
      for (let j = 0; j < dim; j++)
        x2 +=
          ((observed[i] ?? 0) - (expected[i] ?? 0)) *
          (inv[i * dim + j] ?? 0) *
          ((observed[j] ?? 0) - (expected[j] ?? 0));
  }
  return {
    counts: n100,
    frequencies: Array.from(observed),
    expected: Array.from(expected),
    chiSquare: x2,
    degreesOfFreedom: dim,
    pValue: Number.isFinite(x2) ? chiSquarePValue(x2, dim) : Number.NaN,
  };
}

/** Rounded percentages 100k/n (half up) ending in 0 or 5, against K ~ Binomial(n, k/n). */
export function zeroFivePercentFitted(
  numerators: ArrayLike<number>,
  denominators: ArrayLike<number>,
): FittedMeanTest {
  const pmf = scratchFor(denominators);
  let obs = 0;
  let mean = 0;
  let variance = 0;
  let n = 0;
  const ends05 = (k: number, d: number) => Math.floor((200 * k + d) / (2 * d)) % 5 === 0;
  for (let s = 0; s < numerators.length; s++) {
    const d = denominators[s] ?? 0;
    const k = numerators[s] ?? 0;
    if (d <= 0) continue;
    n++;
    if (ends05(k, d)) obs++;
    const { lo, hi } = binomialPmfWindow(d, Math.min(1, k / d), pmf);
    let p = 0;
    for (let x = lo; x <= hi; x++) if (ends05(x, d)) p += pmf[x] ?? 0;
    mean += p;
    variance += p * (1 - p);
  }
  const z = variance > 0 ? (obs - mean) / Math.sqrt(variance) : Number.NaN;
  return {
    counts: n,
    observed: n > 0 ? obs / n : Number.NaN,
    expected: n > 0 ? mean / n : Number.NaN,
    z,
    pValue: twoSided(z),
  };
}
