// Simulated elections with known truth, for validating the estimators (the design follows
// the simulation-study practice of Morris, White & Crowther, "Using simulation studies to
// evaluate statistical methods", Stat. Med. 38, 2019: explicit data-generating mechanism,
// estimand, performance measures — here coverage and bias).
// Data-generating mechanism (matching observer/ordinal.ts):
//   station quality η_s ~ N(μ_h, σ²) within stratum h;
//   team severity b_t (background N(0, sd²), optionally injected harsh/lenient teams,
//   centred so the average team is neutral);
//   an assessment y = 1 + #{k : τ_k < η_s + b_t + ε}, ε ~ N(0,1), on the 4-point scale.
// Estimand: the population share of stations a neutral observer would assess bad or very bad,
//   θ = (1/N) Σ_s Φ(η_s - τ_2).

import type { SamplingDesign } from "../design/types.ts";
import { normCdf } from "../math/normal.ts";
import type { AssessmentObservation } from "../observer/types.ts";
import { createRng, sampleWithoutReplacement } from "../random/rng.ts";

export interface SimulatedStratum {
  readonly id: string;
  /** Stations in the stratum. */
  readonly size: number;
  /** Mean latent quality μ_h (higher = worse). */
  readonly meanQuality: number;
  /** Stations sampled here under the stratified plan. */
  readonly sampleSize: number;
}

export interface BiasedTeams {
  /** Share of teams made harsh, and their severity shift (latent SD units). */
  readonly harshShare: number;
  readonly harsh: number;
  readonly lenientShare: number;
  readonly lenient: number;
  /** Relative number of visits a harsh team makes (default 1). */
  readonly harshWorkload?: number;
}

export interface SimulationConfig {
  readonly strata: readonly SimulatedStratum[];
  readonly qualitySd: number;
  /** Latent thresholds τ_1 < τ_2 < τ_3 between the four categories. */
  readonly thresholds: readonly [number, number, number];
  readonly plan: "simple-random" | "stratified";
  /** Stations sampled under the simple random plan. */
  readonly srsSampleSize: number;
  readonly teams: number;
  /** Share of sampled stations that a second team also visits. */
  readonly secondVisitShare: number;
  readonly teamSeveritySd: number;
  readonly biasedTeams?: BiasedTeams;
}

export interface SimulatedElection {
  readonly observations: AssessmentObservation[];
  readonly design: SamplingDesign;
  readonly truth: {
    /** Population share a neutral observer would assess bad or very bad. */
    readonly badShare: number;
    readonly badShareByStratum: ReadonlyMap<string, number>;
  };
  readonly teamSeverity: ReadonlyMap<string, number>;
  readonly populationSize: number;
}

/** A realistic default: 5,300 stations in four regions, ~500 sampled, 40 teams. */
export const DEFAULT_SIMULATION: SimulationConfig = {
  strata: [
    { id: "capital", size: 1800, meanQuality: -0.2, sampleSize: 140 },
    { id: "north", size: 1500, meanQuality: 0.0, sampleSize: 120 },
    { id: "south", size: 1200, meanQuality: 0.2, sampleSize: 120 },
    { id: "east", size: 800, meanQuality: 0.4, sampleSize: 120 },
  ],
  qualitySd: 0.6,
  thresholds: [-0.6, 1.0, 2.0],
  plan: "simple-random",
  srsSampleSize: 500,
  teams: 40,
  secondVisitShare: 0.3,
  teamSeveritySd: 0,
};

/** Generates one election, deterministic in (config, seed). */
export function simulateElection(config: SimulationConfig, seed: number): SimulatedElection {
  const rng = createRng(seed);
  const H = config.strata.length;
  let N = 0;
  for (const s of config.strata) N += s.size;
  const stratumOf = new Int32Array(N);
  const eta = new Float64Array(N);
  const tau2 = config.thresholds[1];
  const badByStratum = new Float64Array(H);
  let badTotal = 0;
  let pos = 0;
  config.strata.forEach((s, h) => {
    for (let i = 0; i < s.size; i++) {
      stratumOf[pos] = h;
      const e = s.meanQuality + config.qualitySd * rng.normal();
      eta[pos] = e;
      const p = normCdf(e - tau2);
      badByStratum[h] = (badByStratum[h] ?? 0) + p;
      badTotal += p;
      pos++;
    }
  });

  // Sample stations.
  let sampled: Int32Array;
  if (config.plan === "simple-random") sampled = sampleWithoutReplacement(rng, N, config.srsSampleSize);
  else {
    const parts: number[] = [];
    let offset = 0;
    for (const s of config.strata) {
      const idx = sampleWithoutReplacement(rng, s.size, s.sampleSize);
      for (const i of idx) parts.push(offset + i);
      offset += s.size;
    }
    sampled = Int32Array.from(parts);
  }
  const sampledPerStratum = new Float64Array(H);
  for (const i of sampled)
    sampledPerStratum[stratumOf[i] ?? 0] = (sampledPerStratum[stratumOf[i] ?? 0] ?? 0) + 1;

  // Teams: allocated to strata in proportion to sampled stations (at least two each).
  const teamStratum: number[] = [];
  const total = sampled.length;
  for (let h = 0; h < H; h++) {
    const k = Math.max(2, Math.round((config.teams * (sampledPerStratum[h] ?? 0)) / total));
    for (let j = 0; j < k; j++) teamStratum.push(h);
  }
  const T = teamStratum.length;
  const severity = new Float64Array(T);
  for (let t = 0; t < T; t++) severity[t] = config.teamSeveritySd * rng.normal();
  const workload = new Float64Array(T).fill(1);
  const bt = config.biasedTeams;
  if (bt) {
    const order = sampleWithoutReplacement(rng, T, T);
    const nh = Math.round(bt.harshShare * T);
    const nl = Math.round(bt.lenientShare * T);
    for (let j = 0; j < nh; j++) {
      const t = order[j] ?? 0;
      severity[t] = (severity[t] ?? 0) + bt.harsh;
      workload[t] = bt.harshWorkload ?? 1;
    }
    for (let j = nh; j < nh + nl; j++) {
      const t = order[j] ?? 0;
      severity[t] = (severity[t] ?? 0) + bt.lenient;
    }
  }
  let mean = 0;
  for (let t = 0; t < T; t++) mean += severity[t] ?? 0;
  mean /= T;
  for (let t = 0; t < T; t++) severity[t] = (severity[t] ?? 0) - mean;
  const teamsOf: number[][] = Array.from({ length: H }, () => []);
  teamStratum.forEach((h, t) => {
    teamsOf[h]?.push(t);
  });
  const pickTeam = (h: number, exclude: number): number => {
    const list = teamsOf[h] ?? [];
    let wsum = 0;
    for (const t of list) if (t !== exclude) wsum += workload[t] ?? 1;
    let u = rng.uniform() * wsum;
    for (const t of list) {
      if (t === exclude) continue;
      u -= workload[t] ?? 1;
      if (u <= 0) return t;
    }
    return list.find((t) => t !== exclude) ?? 0;
  };
  const [t1, t2, t3] = config.thresholds;
  const score = (e: number, b: number): number => {
    const y = e + b + rng.normal();
    return 1 + (y > t1 ? 1 : 0) + (y > t2 ? 1 : 0) + (y > t3 ? 1 : 0);
  };
  const observations: AssessmentObservation[] = [];
  for (const i of sampled) {
    const h = stratumOf[i] ?? 0;
    const stratumId = config.strata[h]?.id ?? "";
    const first = pickTeam(h, -1);
    const e = eta[i] ?? 0;
    observations.push({
      stationId: `s${i}`,
      stratumId,
      teamId: `t${first}`,
      phase: "voting",
      value: score(e, severity[first] ?? 0),
    });
    if (rng.uniform() < config.secondVisitShare) {
      const second = pickTeam(h, first);
      observations.push({
        stationId: `s${i}`,
        stratumId,
        teamId: `t${second}`,
        phase: "voting",
        value: score(e, severity[second] ?? 0),
      });
    }
  }
  const design: SamplingDesign =
    config.plan === "simple-random"
      ? { kind: "simple-random", populationSize: N, plannedSampleSize: config.srsSampleSize }
      : {
          kind: "stratified",
          strata: config.strata.map((s) => ({
            id: s.id,
            populationSize: s.size,
            plannedSampleSize: s.sampleSize,
          })),
        };
  const badShareByStratum = new Map<string, number>();
  config.strata.forEach((s, h) => {
    badShareByStratum.set(s.id, (badByStratum[h] ?? 0) / s.size);
  });
  const teamSeverity = new Map<string, number>();
  for (let t = 0; t < T; t++) teamSeverity.set(`t${t}`, severity[t] ?? 0);
  return {
    observations,
    design,
    truth: { badShare: badTotal / N, badShareByStratum },
    teamSeverity,
    populationSize: N,
  };
}
