// Turnout and leader-share histograms at 0.1-point resolution, as plotted by Kobak, Shpilkin &
// Pshenichnikov (2016): bins centred on multiples of 0.1%, so stations at a whole percentage fall
// in the bin centred on it and the integer peaks stand out.
import type { ElectionColumns } from "./columns.ts";

export interface PercentHistograms {
  /** Bin width in percentage points; bin j is centred on j * 0.1%. */
  readonly resolution: 0.1;
  /** 1001 station counts (0%, 0.1%, ..., 100%). */
  readonly turnout: number[];
  readonly leaderShare: number[];
}

/** Bin of 100 k / n at 0.1 resolution, rounding half up in exact integer arithmetic. */
export function tenthBin(k: number, n: number): number {
  return Math.min(1000, Math.floor((2000 * k + n) / (2 * n)));
}

export function percentHistograms(data: ElectionColumns): PercentHistograms {
  const turnout = new Array<number>(1001).fill(0);
  const leaderShare = new Array<number>(1001).fill(0);
  for (let s = 0; s < data.stationCount; s++) {
    const reg = data.registered[s] ?? 0;
    const ballots = data.ballots[s] ?? 0;
    if (reg > 0) {
      const b = tenthBin(data.issued[s] ?? 0, reg);
      turnout[b] = (turnout[b] ?? 0) + 1;
    }
    if (ballots > 0) {
      const b = tenthBin(data.leader[s] ?? 0, ballots);
      leaderShare[b] = (leaderShare[b] ?? 0) + 1;
    }
  }
  return { resolution: 0.1, turnout, leaderShare };
}
