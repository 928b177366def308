// Fast standard normal cdf for inner loops of likelihood evaluation: piecewise cubic Hermite
// interpolation of Φ on a grid of step 1/128 over [-9, 9], using the exact density as the
// derivative (Fritsch & Carlson, SIAM J. Numer. Anal. 17, 1980, for Hermite interpolation).
// Absolute error below 2e-11; the accurate normCdf (normal.ts) builds the table.

import { normCdf, normPdf } from "./normal.ts";

const STEP = 1 / 128;
const LIMIT = 9;
const SIZE = Math.round((2 * LIMIT) / STEP) + 1;
const F = new Float64Array(SIZE);
const D = new Float64Array(SIZE);
for (let i = 0; i < SIZE; i++) {
  const x = -LIMIT + i * STEP;
  F[i] = normCdf(x);
  D[i] = normPdf(x);
}

/** Φ(x) to ~2e-11 absolute accuracy. */
export function normCdfFast(x: number): number {
  if (x <= -LIMIT) return 0;
  if (x >= LIMIT) return 1;
  const pos = (x + LIMIT) / STEP;
  const i = Math.min(SIZE - 2, Math.floor(pos));
  const t = pos - i;
  const f0 = F[i] ?? 0;
  const f1 = F[i + 1] ?? 0;
  const d0 = (D[i] ?? 0) * STEP;
  const d1 = (D[i + 1] ?? 0) * STEP;
  const t2 = t * t;
  const t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * f0 + (t3 - 2 * t2 + t) * d0 + (-2 * t3 + 3 * t2) * f1 + (t3 - t2) * d1;
}
