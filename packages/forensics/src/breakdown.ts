// Every test by area (any level: region, territorial commission, ...), ranked by the strength of
// the integer-percentage signal, so an analyst sees where anomalies concentrate. Per area the
// integer test uses the exact null of integer-percentages.ts restricted to the area's stations
// (a sum of independent Bernoullis: mean sum p, variance sum p(1-p)); the fingerprint is
// summarised by the voter share in the extreme corner (turnout and leader share both >= 95%),
// where Klimek et al.'s extreme fraud lands; a full model fit per area would be too noisy.
import type { AreaLevel } from "@scrutiny/domain";
import type { ElectionColumns } from "./columns.ts";
import type { LastDigitTest, SecondDigitMean, ZeroFiveShare } from "./digits.ts";
import { countsEndingZeroFive, lastDigitTest, secondDigitMean } from "./digits.ts";
import type { IntegerStationDetail } from "./integer-percentages.ts";

export interface AreaRow {
  readonly area: string;
  /** Parent area's name (previous level), when there is one. */
  readonly parent?: string;
  readonly stations: number;
  readonly registered: number;
  readonly turnout: number;
  readonly leaderShare: number;
  readonly integer: {
    readonly included: number;
    readonly observed: number;
    readonly expected: number;
    readonly excess: number;
    readonly z: number;
  };
  /** Voter share of stations with turnout >= 95% and leader share >= 95%. */
  readonly extremeCornerShare: number;
  readonly secondDigit: SecondDigitMean;
  readonly lastDigit: LastDigitTest;
  readonly leaderZeroFive: ZeroFiveShare;
  readonly arithmeticFlags: number;
}

export interface Breakdown {
  readonly level: string;
  /** Sorted by integer-percentage z, strongest first. */
  readonly areas: AreaRow[];
}

export function breakdownByArea(
  data: ElectionColumns,
  level: AreaLevel,
  parentLevel: AreaLevel | undefined,
  detail: IntegerStationDetail,
  flaggedStations: ReadonlySet<number>,
): Breakdown {
  const k = level.labels.length;
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let s = 0; s < data.stationCount; s++) members[level.index[s] ?? 0]?.push(s);
  const rows: AreaRow[] = [];
  members.forEach((stations, a) => {
    if (stations.length === 0) return;
    let registered = 0;
    let issued = 0;
    let ballots = 0;
    let leader = 0;
    let included = 0;
    let observed = 0;
    let expected = 0;
    let variance = 0;
    let corner = 0;
    let flags = 0;
    for (const s of stations) {
      const reg = data.registered[s] ?? 0;
      const b = data.ballots[s] ?? 0;
      const l = data.leader[s] ?? 0;
      registered += reg;
      issued += data.issued[s] ?? 0;
      ballots += b;
      leader += l;
      if (reg > 0 && b > 0 && 100 * b >= 95 * reg && 100 * l >= 95 * b) corner += reg;
      if (flaggedStations.has(s)) flags++;
      if (!detail.included[s]) continue;
      included++;
      observed += (detail.turnoutInteger[s] ?? 0) | (detail.leaderInteger[s] ?? 0);
      const p = detail.pEither[s] ?? 0;
      expected += p;
      variance += p * (1 - p);
    }
    const leaderVotes = Int32Array.from(stations, (s) => data.leader[s] ?? 0);
    const parentIndex = level.parent[a] ?? -1;
    rows.push({
      area: level.labels[a] ?? "",
      ...(parentLevel && parentIndex >= 0 ? { parent: parentLevel.labels[parentIndex] ?? "" } : {}),
      stations: stations.length,
      registered,
      turnout: registered > 0 ? issued / registered : Number.NaN,
      leaderShare: ballots > 0 ? leader / ballots : Number.NaN,
      integer: {
        included,
        observed,
        expected,
        excess: observed - expected,
        z: variance > 0 ? (observed - expected) / Math.sqrt(variance) : 0,
      },
      extremeCornerShare: registered > 0 ? corner / registered : 0,
      secondDigit: secondDigitMean(leaderVotes),
      lastDigit: lastDigitTest(leaderVotes),
      leaderZeroFive: countsEndingZeroFive(leaderVotes),
      arithmeticFlags: flags,
    });
  });
  rows.sort((x, y) => y.integer.z - x.integer.z);
  return { level: level.name, areas: rows };
}
