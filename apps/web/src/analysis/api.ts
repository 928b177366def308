// Data for the Analysis page: estimates, observer effects, PVT, missions side by side, region
// outlines, and the indicator editor. The answers' types are the contract's schemas
// (packages/contract/src/analysis-results.ts), the same the server's answers are typed by.
import type { analysis, analysisResults, ResponseOf } from "@scrutiny/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type LocalizedText, request } from "../api/client.ts";

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
export type RegionsGeoJson = analysisResults.RegionsGeoJson;
export type TeamRow = analysisResults.TeamRow;

export type IndicatorKind = "share" | "mean" | "median" | "incidents";

export interface IndicatorDefinition {
  readonly kind: IndicatorKind;
  readonly name: LocalizedText;
  readonly unit: "station" | "visit";
  readonly formKind: string;
  readonly phases: readonly string[] | null;
  readonly condition?: string;
  readonly question?: string;
  readonly assessment?: { question: string; scale: string[]; cut: string } | null;
}

export type IncidentSummary = NonNullable<Cell["incidents"]>;

const call = request;

const mission = (id: string) => `/api/v1/missions/${encodeURIComponent(id)}/analysis`;
const election = (id: string) => `/api/v1/elections/${encodeURIComponent(id)}/analysis`;

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
      call<EstimatesResponse>("GET", `${mission(missionId ?? "")}/estimates${search ? `?${search}` : ""}`),
  });
}

export function useObserverEffects(missionId: string | undefined) {
  return useQuery({
    queryKey: ["analysis", missionId, "observer-effects"],
    enabled: missionId !== undefined,
    queryFn: () =>
      call<ResponseOf<typeof analysis.observerEffects>>(
        "GET",
        `${mission(missionId ?? "")}/observer-effects`,
      ),
  });
}

export function usePvt(missionId: string | undefined) {
  return useQuery({
    queryKey: ["analysis", missionId, "pvt"],
    enabled: missionId !== undefined,
    queryFn: () => call<PvtResponse>("GET", `${mission(missionId ?? "")}/pvt`),
  });
}

export function useComparison(electionId: string) {
  return useQuery({
    queryKey: ["analysis", electionId, "comparison"],
    queryFn: () => call<ComparisonResponse>("GET", `${election(electionId)}/comparison`),
  });
}

export function useRegions(electionId: string) {
  return useQuery({
    queryKey: ["analysis", electionId, "regions"],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => call<RegionsGeoJson>("GET", `${election(electionId)}/regions`),
  });
}

export function useSaveIndicator(missionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, definition }: { code: string; definition: IndicatorDefinition }) =>
      call<{ indicator: { code: string; version: number }; unchanged: boolean }>(
        "PUT",
        `${mission(missionId)}/indicators/${encodeURIComponent(code)}`,
        definition,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["analysis"] }),
  });
}
