// Shapes of the store's analysis reads, named for the analysis modules.
import type { Store } from "@scrutiny/store";

type Analysis = Store["analysis"];
export type MissionFrame = NonNullable<Awaited<ReturnType<Analysis["missionFrame"]>>>;
export type MissionInfo = MissionFrame["mission"];
export type ElectionGeography = Awaited<ReturnType<Analysis["geography"]>>;
export type ObservationPattern = Awaited<ReturnType<Analysis["observationPatterns"]>>[number];
export type OfficialData = Awaited<ReturnType<Analysis["officialResults"]>>;
export type StoredIndicator = Awaited<ReturnType<Analysis["currentIndicators"]>>[number];
export type StoredIndicatorMatch = Awaited<ReturnType<Analysis["matches"]>>[number];
export type StationTotalsRow = Awaited<ReturnType<Analysis["stationTotals"]>>[number];
export type StationColumn = Parameters<Analysis["stationTotals"]>[1][number];
