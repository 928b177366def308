// The few per-station columns the forensic tests read, derived once from parsed results.
import type { StationResults } from "@scrutiny/domain";

export interface ElectionColumns {
  readonly stationCount: number;
  readonly registered: Int32Array;
  /** Ballots issued to voters (all kinds): the turnout numerator. */
  readonly issued: Int32Array;
  /** Valid + invalid ballots: the leader-share denominator. */
  readonly ballots: Int32Array;
  readonly leader: Int32Array;
  readonly leaderName: string;
}

export function electionColumns(results: StationResults): ElectionColumns {
  const n = results.stationCount;
  const ballots = new Int32Array(n);
  for (let s = 0; s < n; s++) ballots[s] = (results.valid[s] ?? 0) + (results.invalid[s] ?? 0);
  const leader = results.contestants[results.leaderIndex];
  if (!leader) throw new Error(`leaderIndex ${results.leaderIndex} out of range`);
  return {
    stationCount: n,
    registered: results.registered,
    issued: results.ballotsIssued,
    ballots,
    leader: leader.votes,
    leaderName: leader.name,
  };
}
