// Columnar per-station official results: one typed array per protocol line, so forensics over
// ~100,000 stations runs over contiguous memory instead of 100,000 objects.

/** One area level (e.g. region, territorial commission), dictionary-encoded. */
export interface AreaLevel {
  readonly name: string;
  /** Area names, in order of first appearance; distinct within their parent area. */
  readonly labels: readonly string[];
  /** Per station, the index into `labels`. */
  readonly index: Int32Array;
  /** Per label, the index of its parent in the previous level's labels (-1 for the first level). */
  readonly parent: Int32Array;
}

export interface Contestant {
  readonly name: string;
  readonly votes: Int32Array;
}

/** A protocol line kept by name (ballots received, cancelled, in boxes, ...). */
export interface ProtocolLine {
  readonly key: string;
  /** The header of the source column(s). */
  readonly header: string;
  readonly values: Int32Array;
}

export interface StationResults {
  readonly stationCount: number;
  /** Station code as published (unique within the lowest area level, not necessarily nationally). */
  readonly stationCodes: readonly string[];
  /** 1-based line of each station in the source file, for messages that point back to it. */
  readonly sourceLines: Int32Array;
  /** Area levels from broadest to narrowest. */
  readonly areaLevels: readonly AreaLevel[];
  readonly registered: Int32Array;
  /** Ballots issued to voters, summed over all the mapped columns (early, in station, outside). */
  readonly ballotsIssued: Int32Array;
  readonly valid: Int32Array;
  readonly invalid: Int32Array;
  readonly contestants: readonly Contestant[];
  /** Index into `contestants` of the leader (configured, or most votes nationally). */
  readonly leaderIndex: number;
  /** Other protocol lines, including the individual issued columns (`issued.0`, `issued.1`, ...). */
  readonly lines: readonly ProtocolLine[];
}
