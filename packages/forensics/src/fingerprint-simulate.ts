// Synthetic elections drawn from the Klimek et al. (2012) fraud model with known parameters, for
// validating the fingerprint fit (tests, benchmarks, documentation). Seeded and pure.

import { createRng } from "@scrutiny/stats";
import type { ElectionColumns } from "./columns.ts";
import { EXTREME_SD, type FraudModelParams } from "./fingerprint-model.ts";

export interface SimulatedElection extends ElectionColumns {
  /** 0 fair, 1 incremental fraud, 2 extreme fraud, per station. */
  readonly fraudKind: Uint8Array;
}

export function simulateFraudElection(
  params: FraudModelParams,
  stations: number,
  seed: number,
  electorate: readonly [number, number] = [300, 3000],
): SimulatedElection {
  const rng = createRng(seed);
  const truncated = (mean: number, sd: number) => {
    for (;;) {
      const x = mean + sd * rng.normal();
      if (x >= 0 && x <= 1) return x;
    }
  };
  const registered = new Int32Array(stations);
  const ballots = new Int32Array(stations);
  const leader = new Int32Array(stations);
  const fraudKind = new Uint8Array(stations);
  for (let s = 0; s < stations; s++) {
    const n = electorate[0] + Math.floor(rng.uniform53() * (electorate[1] - electorate[0] + 1));
    const t = truncated(params.turnoutMean, params.turnoutSd);
    const v = truncated(params.shareMean, params.shareSd);
    const u = rng.uniform53();
    let x = 0;
    if (u < params.fi) {
      x = Math.abs(truncated(0, params.sdX));
      fraudKind[s] = 1;
    } else if (u < params.fi + params.fe) {
      x = 1 - Math.abs(truncated(0, EXTREME_SD));
      fraudKind[s] = 2;
    }
    const voted = Math.round(n * t);
    const winner = Math.round(voted * v);
    const added = Math.floor(x * (n - voted));
    const stolen = Math.round(x ** params.alpha * (voted - winner));
    registered[s] = n;
    ballots[s] = voted + added;
    leader[s] = winner + added + stolen;
  }
  return {
    stationCount: stations,
    registered,
    issued: ballots,
    ballots,
    leader,
    leaderName: "Winner",
    fraudKind,
  };
}
