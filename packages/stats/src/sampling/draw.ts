// Deployment plans: which stations observers go to. Pure and seeded: the same frame, design and
// seed give the same stations in the same order, whatever order the frame was listed in.
//
// Simple random sampling without replacement (Lohr 2021, ch. 2): a partial Fisher–Yates shuffle
// of the frame sorted by station id; π_i = n/N for every station.
// Stratified random sampling (Lohr 2021, ch. 3): an independent simple random sample in each
// stratum; π_i = n_h/N_h. Proportional allocation gives n_h = n·N_h/N rounded by largest
// remainders (Hamilton), with at least one station per stratum when n allows; fixed allocation
// gives each stratum the same size (capped at N_h, the excess shared among the others).
// Reserve stations are the next stations of the same shuffle: replacing an unreachable station
// by the next reserve of its stratum keeps every station's chance of selection.
// A convenience plan has no probabilities: findings from it speak only for its stations.
import { createRng, type Rng } from "../random/rng.ts";

export type SamplingDesignKind = "simple_random" | "stratified" | "convenience";
export type AllocationKind = "proportional" | "fixed";

/** A station of the sampling frame with its stratum label ("" when unstratified). */
export interface FrameStation {
  readonly id: string;
  readonly stratum: string;
}

export type SampleSpec =
  | {
      readonly design: "simple_random";
      readonly size: number;
      readonly seed: number;
      readonly reserve?: number;
    }
  | {
      readonly design: "stratified";
      readonly size: number;
      readonly seed: number;
      readonly allocation: AllocationKind;
      /** Explicit sizes for some strata; the rest share what is left by the allocation. */
      readonly sizes?: Readonly<Record<string, number>>;
      /** Reserve stations per stratum. */
      readonly reserve?: number;
      /** Least stations per stratum when the sample size allows (default 1). */
      readonly minimumPerStratum?: number;
    }
  | { readonly design: "convenience"; readonly stationIds: readonly string[] };

/** N_h and n_h of one stratum, stored with the plan so that estimators can weigh by them. */
export interface StratumSize {
  readonly stratum: string;
  readonly populationSize: number;
  readonly sampleSize: number;
  readonly reserveSize: number;
}

export interface DrawnStation {
  readonly stationId: string;
  readonly stratum: string | null;
  /** n_h/N_h; null in a convenience plan. */
  readonly inclusionProbability: number | null;
  readonly reserve: boolean;
  /** Order of draw within the stratum (0-based); reserves continue after the sample. */
  readonly order: number;
}

export interface DrawnSample {
  readonly design: SamplingDesignKind;
  readonly seed: number | null;
  readonly strata: readonly StratumSize[];
  /** Sampled stations first (by stratum, then order), then reserves. */
  readonly stations: readonly DrawnStation[];
}

/**
 * Why a sample cannot be drawn: a code, the values it names (`params`: the stratum, its size, the
 * size asked; what a reader's page says in its language) and the English sentence.
 */
export type SamplingIssue = { readonly message: string } & (
  | { readonly code: "empty_frame"; readonly params?: undefined }
  | {
      readonly code: "sample_too_large";
      /** The whole sample beyond the frame, the explicit sizes beyond the sample, or the rest beyond the other strata. */
      readonly params: {
        readonly what?: "explicit_sizes" | "free_strata";
        readonly size: number;
        readonly stations?: number;
      };
    }
  | {
      readonly code: "stratum_too_small";
      readonly params: { readonly stratum: string; readonly stations: number; readonly size: number };
    }
  | { readonly code: "unknown_stratum"; readonly params: { readonly stratum: string } }
  | { readonly code: "unknown_station"; readonly params: { readonly codes: readonly string[] } }
);

export type SamplingResult = { ok: true; value: DrawnSample } | { ok: false; error: SamplingIssue };

/** Folds a seed of up to 53 bits into the generator's 32-bit seed, keeping both halves. */
function rngFor(seed: number): Rng {
  const high = Math.floor(seed / 2 ** 32);
  return createRng((seed >>> 0) ^ Math.imul(high, 0x9e3779b1));
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Groups the frame by stratum, each sorted by id, strata sorted by label. */
export function strataOf(frame: readonly FrameStation[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const station of frame) {
    const group = groups.get(station.stratum);
    if (group === undefined) groups.set(station.stratum, [station.id]);
    else group.push(station.id);
  }
  const sorted = new Map<string, string[]>();
  for (const key of [...groups.keys()].sort(byCodeUnit)) {
    sorted.set(key, (groups.get(key) ?? []).sort(byCodeUnit));
  }
  return sorted;
}

/** Largest-remainder rounding of `total` shared in proportion to `weights`, each capped at `caps`. */
function largestRemainder(total: number, weights: readonly number[], caps: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map((x, i) => Math.min(Math.floor(x), caps[i] ?? 0));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .map((e) => e.i);
  while (left > 0) {
    let moved = false;
    for (const i of order) {
      if (left === 0) break;
      if ((out[i] ?? 0) < (caps[i] ?? 0)) {
        out[i] = (out[i] ?? 0) + 1;
        left--;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return out;
}

/**
 * Sample sizes per stratum. Proportional: n·N_h/N by largest remainders, then strata left empty
 * get `minimum` stations taken from the strata furthest above their exact share. Fixed: n/H each,
 * capped at N_h, the excess shared among strata with room. Explicit sizes win for their strata.
 */
export function allocateSample(
  populations: ReadonlyMap<string, number>,
  size: number,
  allocation: AllocationKind,
  options: { sizes?: Readonly<Record<string, number>>; minimum?: number } = {},
): { ok: true; value: Map<string, number> } | { ok: false; error: SamplingIssue } {
  const keys = [...populations.keys()];
  const total = keys.reduce((sum, key) => sum + (populations.get(key) ?? 0), 0);
  if (total === 0) return { ok: false, error: { code: "empty_frame", message: "the frame has no stations" } };
  if (size > total)
    return {
      ok: false,
      error: {
        code: "sample_too_large",
        message: `a sample of ${size} from ${total} stations is not possible`,
        params: { size, stations: total },
      },
    };
  const result = new Map<string, number>();
  let remaining = size;
  const free: string[] = [];
  for (const key of keys) {
    const fixed = options.sizes?.[key];
    if (fixed === undefined) {
      free.push(key);
      continue;
    }
    const population = populations.get(key) ?? 0;
    if (fixed > population)
      return {
        ok: false,
        error: {
          code: "stratum_too_small",
          message: `stratum "${key}" has ${population} stations, not ${fixed}`,
          params: { stratum: key, stations: population, size: fixed },
        },
      };
    result.set(key, fixed);
    remaining -= fixed;
  }
  for (const key of Object.keys(options.sizes ?? {}))
    if (!populations.has(key))
      return {
        ok: false,
        error: {
          code: "unknown_stratum",
          message: `no stratum "${key}" in the frame`,
          params: { stratum: key },
        },
      };
  if (remaining < 0)
    return {
      ok: false,
      error: {
        code: "sample_too_large",
        message: `the explicit stratum sizes add up to more than ${size}`,
        params: { what: "explicit_sizes", size },
      },
    };
  const caps = free.map((key) => populations.get(key) ?? 0);
  const shares =
    allocation === "proportional"
      ? largestRemainder(remaining, caps, caps)
      : largestRemainder(
          remaining,
          free.map(() => 1),
          caps,
        );
  if (shares.reduce((a, b) => a + b, 0) < remaining)
    return {
      ok: false,
      error: {
        code: "sample_too_large",
        message: `the strata without explicit sizes hold fewer than ${remaining} stations`,
        params: { what: "free_strata", size: remaining },
      },
    };
  const minimum = options.minimum ?? 1;
  if (allocation === "proportional" && minimum > 0 && remaining >= minimum * free.length) {
    // Give empty strata their minimum, taking from the strata most above their exact share.
    const freeTotal = caps.reduce((a, b) => a + b, 0);
    for (let i = 0; i < free.length; i++) {
      const need = Math.min(minimum, caps[i] ?? 0) - (shares[i] ?? 0);
      for (let k = 0; k < need; k++) {
        let donor = -1;
        let surplus = Number.NEGATIVE_INFINITY;
        for (let j = 0; j < free.length; j++) {
          const share = shares[j] ?? 0;
          if (j === i || share <= minimum) continue;
          const over = share - (remaining * (caps[j] ?? 0)) / freeTotal;
          if (over > surplus) {
            surplus = over;
            donor = j;
          }
        }
        if (donor < 0) break;
        shares[donor] = (shares[donor] ?? 0) - 1;
        shares[i] = (shares[i] ?? 0) + 1;
      }
    }
  }
  free.forEach((key, i) => {
    result.set(key, shares[i] ?? 0);
  });
  return { ok: true, value: result };
}

/** Draws a plan: see the module comment for the designs. */
export function drawSample(frame: readonly FrameStation[], spec: SampleSpec): SamplingResult {
  if (spec.design === "convenience") {
    const known = new Map(frame.map((s) => [s.id, s.stratum]));
    const chosen = [...new Set(spec.stationIds)];
    const unknown = chosen.find((id) => !known.has(id));
    if (unknown !== undefined)
      return {
        ok: false,
        error: {
          code: "unknown_station",
          message: `station ${unknown} is not in the frame`,
          params: { codes: [unknown] },
        },
      };
    return {
      ok: true,
      value: {
        design: "convenience",
        seed: null,
        strata: [],
        stations: chosen.map((stationId, order) => ({
          stationId,
          stratum: null,
          inclusionProbability: null,
          reserve: false,
          order,
        })),
      },
    };
  }
  const strata = strataOf(
    spec.design === "simple_random" ? frame.map((s) => ({ id: s.id, stratum: "" })) : frame,
  );
  if (frame.length === 0)
    return { ok: false, error: { code: "empty_frame", message: "the frame has no stations" } };
  const populations = new Map([...strata].map(([key, ids]) => [key, ids.length]));
  const allocated =
    spec.design === "simple_random"
      ? allocateSample(populations, spec.size, "proportional")
      : allocateSample(populations, spec.size, spec.allocation, {
          ...(spec.sizes ? { sizes: spec.sizes } : {}),
          minimum: spec.minimumPerStratum ?? 1,
        });
  if (!allocated.ok) return allocated;
  const rng = rngFor(spec.seed);
  const reservePerStratum = spec.reserve ?? 0;
  const sampled: DrawnStation[] = [];
  const reserves: DrawnStation[] = [];
  const sizes: StratumSize[] = [];
  for (const [key, ids] of strata) {
    const n = allocated.value.get(key) ?? 0;
    const population = ids.length;
    const reserveSize = Math.min(reservePerStratum, population - n);
    const take = n + reserveSize;
    // Partial Fisher–Yates on this stratum's ids: positions 0..n-1 sampled, then reserves.
    const pool = ids.slice();
    for (let i = 0; i < take; i++) {
      const j = i + rng.int(population - i);
      const swap = pool[i] ?? "";
      pool[i] = pool[j] ?? "";
      pool[j] = swap;
    }
    const stratum = spec.design === "simple_random" ? null : key;
    const probability = n / population;
    for (let i = 0; i < take; i++) {
      const station: DrawnStation = {
        stationId: pool[i] ?? "",
        stratum,
        inclusionProbability: probability > 0 ? probability : null,
        reserve: i >= n,
        order: i,
      };
      (i < n ? sampled : reserves).push(station);
    }
    sizes.push({ stratum: key, populationSize: population, sampleSize: n, reserveSize });
  }
  return {
    ok: true,
    value: { design: spec.design, seed: spec.seed, strata: sizes, stations: [...sampled, ...reserves] },
  };
}

/**
 * Inclusion probability of every station of the frame under a drawn plan: n_h/N_h in its
 * stratum (0 where n_h = 0). They sum to the sample size.
 */
export function frameInclusionProbabilities(
  frame: readonly FrameStation[],
  sample: DrawnSample,
): Map<string, number> {
  const byStratum = new Map(sample.strata.map((s) => [s.stratum, s.sampleSize / s.populationSize]));
  const out = new Map<string, number>();
  for (const station of frame) {
    const key = sample.design === "simple_random" ? "" : station.stratum;
    out.set(station.id, byStratum.get(key) ?? 0);
  }
  return out;
}

/** The label of a stratum from its variables' values, e.g. "CAP / urban". */
export function stratumLabel(values: readonly string[]): string {
  return values.join(" / ");
}
