// Standard normal distribution functions.
// cdf: Marsaglia, "Evaluating the Normal Distribution", J. Stat. Software 11(4), 2004 (Taylor
// series) for |x| < 3 and the Laplace continued fraction for the tails (Abramowitz & Stegun
// 26.2.14); both accurate to ~1e-15 relative.
// quantile: Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
// Applied Statistics 37(3), 1988 (PPND16, ~1e-16).

const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density. */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Upper tail Q(x) = 1 - Φ(x) for x >= 3 by continued fraction. */
function upperTailCf(x: number): number {
  // Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + ...)))) evaluated backwards.
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / f;
  return normPdf(x) / f;
}

/** Standard normal cumulative distribution Φ(x). */
export function normCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 3) return 1 - upperTailCf(x);
  if (x <= -3) return upperTailCf(-x);
  let sum = x;
  let term = x;
  const x2 = x * x;
  for (let i = 3; i < 200; i += 2) {
    term = (term * x2) / i;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + sum * normPdf(x);
}

/** Upper tail 1 - Φ(x), accurate in the far right tail. */
export function normSf(x: number): number {
  return normCdf(-x);
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normCdf(-Math.abs(z)));
}

/** Inverse of Φ (AS 241, PPND16). */
export function normQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.0103343992922881e-7 + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

/** z such that a two-sided interval of the given level covers with that probability. */
export function zForLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0,1): ${level}`);
  return normQuantile(1 - (1 - level) / 2);
}
