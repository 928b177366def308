import { canonicalJson, sha256HexOfString } from "../forms/hash.ts";

/** The stations a plan drew, in draw order, as one SHA-256: what the log records of a plan. */
export function planContentHash(
  stations: readonly {
    readonly stationId: string;
    readonly stratum: string | null;
    readonly inclusionProbability: number | null;
    readonly reserve: boolean;
    readonly order: number;
  }[],
): string {
  const ordered = [...stations]
    .sort((a, b) => a.order - b.order)
    .map((s) => [s.order, s.stationId, s.stratum, s.reserve, s.inclusionProbability]);
  return sha256HexOfString(canonicalJson(ordered));
}
