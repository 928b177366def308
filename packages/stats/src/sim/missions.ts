// Simulated observation missions for calibrating the observer-effect methods, with a mechanism
// deliberately unlike the models being checked (neither the additive nor the probit model holds
// exactly): a station's true condition q_s is a continuous score on the 4-point scale, a team reads
// it as q_s + b_t + e (e ~ N(0, noiseSd²)) and reports the nearest whole score, clamped to 1..4.
// A harsh team of +1 reports one point worse wherever the scale leaves room.
//
// Connectivity designs (who visits what):
// - "random-pairs": every team visits `visitsPerTeam` distinct stations; a share `sharedShare` of
//   the visited stations get a second visit by another team drawn at random (the design of a
//   mission that sends a second team to a random subset);
// - "ring": teams are placed on a ring and each team's route overlaps the next team's route by
//   `ringOverlap` stations (neighbouring teams cross-check each other), so the design is connected
//   only through chains of neighbours.
import { normCdf } from "../math/normal.ts";
import type { AssessmentObservation } from "../observer/types.ts";
import { createRng } from "../random/rng.ts";

export type ConnectivityDesign = "random-pairs" | "ring";

export interface MissionSimulation {
  readonly design: ConnectivityDesign;
  readonly teams: number;
  readonly visitsPerTeam: number;
  /** random-pairs: share of visited stations that a second team also visits. */
  readonly sharedShare: number;
  /** ring: stations shared between consecutive teams. */
  readonly ringOverlap: number;
  /** Mean and spread of true station condition on the 1-4 scale. */
  readonly conditionMean: number;
  readonly conditionSd: number;
  /** Reading noise of one assessment (scale points). */
  readonly noiseSd: number;
  /** Share of teams with severity `bias` (+ harsh); the others are neutral. */
  readonly biasedShare: number;
  readonly bias: number;
}

export const DEFAULT_MISSION: MissionSimulation = {
  design: "random-pairs",
  teams: 150,
  visitsPerTeam: 10,
  sharedShare: 0.2,
  ringOverlap: 3,
  conditionMean: 1.9,
  conditionSd: 0.6,
  noiseSd: 0.45,
  biasedShare: 0,
  bias: 0,
};

export interface SimulatedMission {
  readonly observations: AssessmentObservation[];
  /** True severity of each team (0 = neutral), by team id. */
  readonly severity: ReadonlyMap<string, number>;
  /** Share of assessments a neutral team would report 3 or 4, averaged over the visits made. */
  readonly neutralBadShare: number;
}

/** P(round(q + b + e) >= 3) for e ~ N(0, sd²): the reported score is 3 or 4 when q + b + e >= 2.5. */
function badProbability(q: number, sd: number): number {
  return normCdf((q - 2.5) / sd);
}

/** One simulated mission (pure, seeded). */
export function simulateMission(config: MissionSimulation, seed: number): SimulatedMission {
  const rng = createRng(seed);
  const T = config.teams;
  const severity = new Float64Array(T);
  const biased = Math.round(config.biasedShare * T);
  for (let t = 0; t < biased; t++) severity[t] = config.bias;
  // Shuffle which teams are biased so team order carries no signal.
  for (let t = T - 1; t > 0; t--) {
    const j = rng.int(t + 1);
    const tmp = severity[t] ?? 0;
    severity[t] = severity[j] ?? 0;
    severity[j] = tmp;
  }
  const visitTeam: number[] = [];
  const visitStation: number[] = [];
  let stations = 0;
  if (config.design === "random-pairs") {
    for (let t = 0; t < T; t++)
      for (let k = 0; k < config.visitsPerTeam; k++) {
        visitTeam.push(t);
        visitStation.push(stations++);
      }
    const first = visitStation.length;
    for (let v = 0; v < first; v++) {
      if (rng.uniform() >= config.sharedShare) continue;
      const own = visitTeam[v] ?? 0;
      let other = rng.int(T - 1);
      if (other >= own) other++;
      visitTeam.push(other);
      visitStation.push(visitStation[v] ?? 0);
    }
  } else {
    // Team t visits stations [t·step, t·step + visitsPerTeam) on a ring of T·step stations,
    // step = visitsPerTeam - ringOverlap: the last `ringOverlap` stations are the next team's first.
    const step = Math.max(1, config.visitsPerTeam - config.ringOverlap);
    stations = T * step;
    for (let t = 0; t < T; t++)
      for (let k = 0; k < config.visitsPerTeam; k++) {
        visitTeam.push(t);
        visitStation.push((t * step + k) % stations);
      }
  }
  const condition = new Float64Array(stations);
  for (let s = 0; s < stations; s++) condition[s] = config.conditionMean + config.conditionSd * rng.normal();
  const observations: AssessmentObservation[] = [];
  let neutralBad = 0;
  for (let v = 0; v < visitTeam.length; v++) {
    const t = visitTeam[v] ?? 0;
    const s = visitStation[v] ?? 0;
    const q = condition[s] ?? 0;
    const read = q + (severity[t] ?? 0) + config.noiseSd * rng.normal();
    const score = Math.min(4, Math.max(1, Math.round(read)));
    observations.push({ stationId: `s${s}`, teamId: `t${t}`, phase: "voting", value: score });
    neutralBad += badProbability(q, config.noiseSd);
  }
  const map = new Map<string, number>();
  for (let t = 0; t < T; t++) map.set(`t${t}`, severity[t] ?? 0);
  return { observations, severity: map, neutralBadShare: neutralBad / visitTeam.length };
}
