// Data for the Analysis page: estimates, observer effects, PVT, missions side by side, region
// outlines, and the indicator editor. The answers' types are the contract's schemas
// (packages/contract/src/analysis-results.ts), the same the server's answers are typed by.
import type { analysis, analysisResults, BodyInput, ResponseOf } from "@scrutiny/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call, seg } from "../api/client.ts";

export type Cell = analysisResults.Cell;
export type ComparisonResponse = analysisResults.ComparisonResponse;
export type Estimate = analysisResults.Estimate;
export type EstimatesResponse = analysisResults.EstimatesResponse;
export type IndicatorEstimates = analysisResults.IndicatorEstimates;
export type Interval = analysisResults.Interval;
export type MissionHeader = analysisResults.MissionHeader;
export type ObserverEffects = analysisResults.ObserverEffects;
export type PvtResponse = analysisResults.PvtResponse;
export type RatioEstimate = analysisResults.RatioEstimate;
/** Top-level areas as GeoJSON (Polygons or MultiPolygons). */
export type RegionsGeoJson = ResponseOf<typeof analysis.regions>;
export type TeamRow = analysisResults.TeamRow;

/** An indicator as the editor sends it: the contract's request schema's input. */
export type IndicatorDefinition = BodyInput<typeof analysis.saveIndicator>;
export type IndicatorKind = IndicatorDefinition["kind"];

export type IncidentSummary = NonNullable<Cell["incidents"]>;

const mission = (id: string) => `/api/v1/missions/${seg(id)}/analysis` as const;
const election = (id: string) => `/api/v1/elections/${seg(id)}/analysis` as const;

export function useEstimates(
  missionId: string | undefined,
  areaLevel: string | undefined,
  planVersion?: number,
) {
  const query = new URLSearchParams();
  if (areaLevel) query.set("areaLevel", areaLevel);
  if (planVersion !== undefined) query.set("planVersion", String(planVersion));
  const search = query.toString();
  return useQuery({
    queryKey: ["analysis", missionId, "estimates", areaLevel, planVersion],
    enabled: missionId !== undefined,
    queryFn: () =>
      call<typeof analysis.estimates>(
        "GET",
        search ? `${mission(missionId ?? "")}/estimates?${search}` : `${mission(missionId ?? "")}/estimates`,
      ),
  });
}

export function useObserverEffects(missionId: string | undefined) {
  return useQuery({
    queryKey: ["analysis", missionId, "observer-effects"],
    enabled: missionId !== undefined,
    queryFn: () =>
      call<typeof analysis.observerEffects>("GET", `${mission(missionId ?? "")}/observer-effects`),
  });
}

export function usePvt(missionId: string | undefined) {
  return useQuery({
    queryKey: ["analysis", missionId, "pvt"],
    enabled: missionId !== undefined,
    queryFn: () => call<typeof analysis.pvt>("GET", `${mission(missionId ?? "")}/pvt`),
  });
}

export function useComparison(electionId: string) {
  return useQuery({
    queryKey: ["analysis", electionId, "comparison"],
    queryFn: () => call<typeof analysis.comparison>("GET", `${election(electionId)}/comparison`),
  });
}

export function useRegions(electionId: string) {
  return useQuery({
    queryKey: ["analysis", electionId, "regions"],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => call<typeof analysis.regions>("GET", `${election(electionId)}/regions`),
  });
}

/** The analysis queries whose answers depend on the mission's indicators. */
const INDICATOR_READERS = new Set(["estimates", "observer-effects", "comparison"]);

export function useSaveIndicator(missionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, definition }: { code: string; definition: IndicatorDefinition }) =>
      call<typeof analysis.saveIndicator>("PUT", `${mission(missionId)}/indicators/${seg(code)}`, definition),
    // Not awaited: the save is done when the server answers, and the editor says so at once; the
    // figures that read indicators (estimates, observer effects, the comparison) refresh behind it.
    // Awaiting every analysis query's refetch here kept Save disabled for seconds.
    onSuccess: (saved) => {
      if (saved.unchanged) return;
      void client.invalidateQueries({
        predicate: ({ queryKey }) => queryKey[0] === "analysis" && INDICATOR_READERS.has(String(queryKey[2])),
      });
    },
  });
}
