// Digit tests, all known to be weak on real election data (counts are not Benford-distributed
// for structural reasons; see Deckert, Myagkov & Ordeshook 2011, Political Analysis 19(3)):
// - second-digit Benford mean (2BL): Mebane (2006, "Election forensics: vote counts and Benford's
//   law"), expected mean 4.187 for counts >= 10;
// - last-digit uniformity: Beber & Scacco (2012, Political Analysis 20(2):211-234), counts >= 100,
//   chi-square with 9 degrees of freedom;
// - share of counts, and of rounded percentages, ending in 0 or 5 (expected 20% when smooth).
import { chiSquarePValue } from "./gamma.ts";

/** Benford second-digit probabilities: sum over first digits d1 of log10(1 + 1/(10 d1 + d)). */
export const BENFORD_SECOND_DIGIT: readonly number[] = Array.from({ length: 10 }, (_, d) => {
  let p = 0;
  for (let d1 = 1; d1 <= 9; d1++) p += Math.log10(1 + 1 / (10 * d1 + d));
  return p;
});
export const BENFORD_SECOND_DIGIT_MEAN = BENFORD_SECOND_DIGIT.reduce((a, p, d) => a + p * d, 0);
const BENFORD_SECOND_DIGIT_SD = Math.sqrt(
  BENFORD_SECOND_DIGIT.reduce((a, p, d) => a + p * (d - BENFORD_SECOND_DIGIT_MEAN) ** 2, 0),
);

export interface SecondDigitMean {
  readonly counts: number;
  readonly mean: number;
  readonly expected: number;
  /** 95% interval of the observed mean (normal approximation, Benford variance). */
  readonly interval: readonly [number, number];
  readonly z: number;
}

export interface LastDigitTest {
  readonly counts: number;
  readonly frequencies: readonly number[];
  readonly chiSquare: number;
  readonly pValue: number;
}

export interface ZeroFiveShare {
  readonly counts: number;
  readonly share: number;
  readonly expected: number;
  readonly z: number;
}

function secondDigit(v: number): number {
  let x = v;
  while (x >= 100) x = Math.floor(x / 10);
  return x % 10;
}

export function secondDigitMean(values: ArrayLike<number>, filter?: (i: number) => boolean): SecondDigitMean {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (v < 10 || (filter && !filter(i))) continue;
    n++;
    sum += secondDigit(v);
  }
  const mean = n > 0 ? sum / n : Number.NaN;
  const se = n > 0 ? BENFORD_SECOND_DIGIT_SD / Math.sqrt(n) : Number.NaN;
  return {
    counts: n,
    mean,
    expected: BENFORD_SECOND_DIGIT_MEAN,
    interval: [mean - 1.96 * se, mean + 1.96 * se],
    z: n > 0 ? (mean - BENFORD_SECOND_DIGIT_MEAN) / se : Number.NaN,
  };
}

export function lastDigitTest(values: ArrayLike<number>, filter?: (i: number) => boolean): LastDigitTest {
  const freq = new Array<number>(10).fill(0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (v < 100 || (filter && !filter(i))) continue;
    n++;
    freq[v % 10] = (freq[v % 10] ?? 0) + 1;
  }
  const e = n / 10;
  const chi = n > 0 ? freq.reduce((a, f) => a + (f - e) ** 2 / e, 0) : Number.NaN;
  return {
    counts: n,
    frequencies: freq,
    chiSquare: chi,
    pValue: n > 0 ? chiSquarePValue(chi, 9) : Number.NaN,
  };
}

function zeroFive(n: number, hits: number): ZeroFiveShare {
  const share = n > 0 ? hits / n : Number.NaN;
  return {
    counts: n,
    share,
    expected: 0.2,
    z: n > 0 ? (share - 0.2) / Math.sqrt((0.2 * 0.8) / n) : Number.NaN,
  };
}

/** Counts (>= 10, so the last digit is not the only digit) ending in 0 or 5. */
export function countsEndingZeroFive(
  values: ArrayLike<number>,
  filter?: (i: number) => boolean,
): ZeroFiveShare {
  let n = 0;
  let hits = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (v < 10 || (filter && !filter(i))) continue;
    n++;
    if (v % 5 === 0) hits++;
  }
  return zeroFive(n, hits);
}

/** Percentages 100 k / n rounded to whole numbers (half up, exact) ending in 0 or 5. */
export function percentagesEndingZeroFive(
  numerators: ArrayLike<number>,
  denominators: ArrayLike<number>,
  filter?: (i: number) => boolean,
): ZeroFiveShare {
  let n = 0;
  let hits = 0;
  for (let i = 0; i < numerators.length; i++) {
    const d = denominators[i] ?? 0;
    if (d <= 0 || (filter && !filter(i))) continue;
    n++;
    const rounded = Math.floor((200 * (numerators[i] ?? 0) + d) / (2 * d));
    if (rounded % 5 === 0) hits++;
  }
  return zeroFive(n, hits);
}
