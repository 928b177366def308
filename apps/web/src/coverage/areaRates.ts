import type { LocalizedText } from "@scrutiny/domain";
import type { AreaRate } from "./CoverageMap.tsx";

/** "37%" of planned stations that have reported; a dash when none were planned. */
export function reportedShare(reported: number, planned: number): string {
  return planned === 0 ? "–" : `${Math.round((100 * reported) / planned)}%`;
}

/** Each area's reporting rate for the coverage map, keyed by area id. */
export function areaRates(
  byArea: readonly { areaId: string; name: LocalizedText; planned: number; reported: number }[],
  localize: (text: LocalizedText) => { text: string },
): Map<string, AreaRate> {
  return new Map(
    byArea.map((a) => [
      a.areaId,
      {
        rate: a.planned === 0 ? null : a.reported / a.planned,
        label: reportedShare(a.reported, a.planned),
        name: localize(a.name).text,
      },
    ]),
  );
}
