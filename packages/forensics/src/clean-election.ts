// Clean simulated elections for calibrating the forensic tests: honest counts from a mechanism
// with the heterogeneity real elections have (unlike the Klimek model's single normal cloud, and
// with its own code and parameters, unrelated to the demo generator):
// - areas with their own turnout and party strength; station electorates log-normal (median
//   `medianElectorate`, log-sd 0.7, 20..5000), so counts span one to three orders of magnitude;
// - per station, turnout = logistic(area mean + N(0, 0.35²)) and party shares = softmax(area
//   strengths + N(0, 0.3²) per party): over-dispersed relative to any binomial;
// - then honest counting: issued ~ Binomial(registered, turnout), invalid ~ Binomial(issued, 1.5%),
//   votes multinomial (sequential binomials) over the valid ballots.
// No rounding, no padding, no extreme stations: any alarm on these data is a false alarm.
import { createRng } from "@scrutiny/stats";
import type { ElectionColumns } from "./columns.ts";

export interface CleanElectionConfig {
  readonly stations: number;
  readonly areas: number;
  readonly parties: number;
  readonly medianElectorate: number;
}

export const DEFAULT_CLEAN_ELECTION: CleanElectionConfig = {
  stations: 2000,
  areas: 10,
  parties: 5,
  medianElectorate: 700,
};

export interface CleanElection extends ElectionColumns {
  readonly valid: Int32Array;
  readonly votes: readonly Int32Array[];
  readonly area: Int32Array;
}

export function simulateCleanElection(config: CleanElectionConfig, seed: number): CleanElection {
  const rng = createRng(seed);
  const { stations: S, areas: A, parties: P } = config;
  const areaTurnout = Float64Array.from({ length: A }, () => 0.2 + 0.5 * rng.normal());
  // Party strengths: a leading party, two mid-sized, the rest small; areas vary around them.
  const base = Float64Array.from({ length: P }, (_, c) => (c === 0 ? 1.2 : c < 3 ? 0.4 : -0.6));
  const areaStrength = Array.from({ length: A }, () =>
    Float64Array.from(base, (b) => b + 0.5 * rng.normal()),
  );
  const registered = new Int32Array(S);
  const issued = new Int32Array(S);
  const ballots = new Int32Array(S);
  const valid = new Int32Array(S);
  const area = new Int32Array(S);
  const votes = Array.from({ length: P }, () => new Int32Array(S));
  const shares = new Float64Array(P);
  for (let s = 0; s < S; s++) {
    const a = rng.int(A);
    area[s] = a;
    const n = Math.min(
      5000,
      Math.max(20, Math.round(config.medianElectorate * Math.exp(0.7 * rng.normal()))),
    );
    registered[s] = n;
    const t = 1 / (1 + Math.exp(-((areaTurnout[a] ?? 0) + 0.35 * rng.normal())));
    const cast = rng.binomial(n, t);
    issued[s] = cast;
    ballots[s] = cast;
    const bad = rng.binomial(cast, 0.015);
    let left = cast - bad;
    valid[s] = left;
    let total = 0;
    const strength = areaStrength[a] ?? base;
    for (let c = 0; c < P; c++) {
      shares[c] = Math.exp((strength[c] ?? 0) + 0.3 * rng.normal());
      total += shares[c] ?? 0;
    }
    let rest = 1;
    for (let c = 0; c < P; c++) {
      const p = (shares[c] ?? 0) / total;
      const k = c === P - 1 ? left : rng.binomial(left, Math.min(1, p / rest));
      (votes[c] as Int32Array)[s] = k;
      left -= k;
      rest -= p;
    }
  }
  return {
    stationCount: S,
    registered,
    issued,
    ballots,
    leader: votes[0] ?? new Int32Array(S),
    leaderName: "Party 1",
    valid,
    votes,
    area,
  };
}
