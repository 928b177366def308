// Seeded pseudo-random numbers for simulations and bootstraps.
// Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number
// generators", ACM TOMS 47(4), 2021), seeded through SplitMix32 so that any integer seed
// gives a well-mixed state. Normal deviates: Marsaglia & Bray polar method (1964).
// Binomial deviates: inversion for small n·p, normal approximation never (exactness kept):
// for large n we sum geometric waiting times (Devroye, "Non-Uniform Random Variate
// Generation", 1986, ch. X.4), which is exact and O(n·p).

/** A deterministic source of uniform, normal and binomial deviates. */
export interface Rng {
  /** Uniform on [0, 1) with 32 bits of resolution. */
  uniform(): number;
  /** Uniform on [0, 1) with 53 bits of resolution (for weighted draws over large totals). */
  uniform53(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate. */
  normal(): number;
  /** Binomial(n, p) deviate. */
  binomial(n: number, p: number): number;
  /** A new independent generator derived from this one (for parallel streams). */
  fork(): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Creates a xoshiro128** generator from an integer seed. */
export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  if ((a | b | c | d) === 0) a = 1;
  let spare: number | null = null;

  function next(): number {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c = (c ^ a) >>> 0;
    d = (d ^ b) >>> 0;
    b = (b ^ c) >>> 0;
    a = (a ^ d) >>> 0;
    c = (c ^ t) >>> 0;
    d = rotl(d, 11);
    return result;
  }

  function uniform(): number {
    return next() / 4294967296;
  }

  function normal(): number {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        spare = v * m;
        return u * m;
      }
    }
  }

  function binomial(n: number, p: number): number {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`binomial n must be a non-negative integer: ${n}`);
    if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p must be in [0,1]: ${p}`);
    if (p === 0 || n === 0) return 0;
    if (p === 1) return n;
    if (p > 0.5) return n - binomial(n, 1 - p);
    // Geometric waiting times: count successes until the trial index passes n.
    const logq = Math.log1p(-p);
    let count = 0;
    let trials = 0;
    for (;;) {
      const u = 1 - uniform(); // (0, 1]
      trials += Math.floor(Math.log(u) / logq) + 1;
      if (trials > n) return count;
      count++;
    }
  }

  return {
    uniform,
    uniform53: () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992,
    int: (n: number) => Math.floor(uniform() * n),
    normal,
    binomial,
    fork: () => createRng(next() ^ Math.imul(next(), 0x27d4eb2d)),
  };
}

/** Fisher–Yates partial shuffle: k distinct indices from 0..n-1 (a simple random sample). */
export function sampleWithoutReplacement(rng: Rng, n: number, k: number): Int32Array {
  if (k > n) throw new RangeError(`cannot sample ${k} of ${n}`);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const tmp = pool[i] ?? 0;
    pool[i] = pool[j] ?? 0;
    pool[j] = tmp;
  }
  return pool.slice(0, k);
}
