// Data for the Analysis page: estimates, observer effects, PVT, missions side by side, region
// outlines, and the indicator editor. Shapes mirror apps/server/src/analysis (JSON over HTTP).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type LocalizedText, request } from "../api/client.ts";

export interface Interval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly method: string;
}

export interface Estimate {
  readonly kind: "proportion" | "mean" | "median" | "ratio" | "total";
  readonly value: number;
  readonly numerator: number;
  readonly denominator: number;
  readonly stations: number;
  readonly unit: "visit" | "station";
  readonly exclusions: Readonly<Record<string, number>>;
  readonly standardError: number;
  readonly ci: Interval;
  readonly design: string;
  readonly generalises: boolean;
  readonly note: string | null;
  readonly smallCell: boolean;
  readonly warnings: readonly string[];
}

export interface IncidentSummary {
  readonly stationsObserved: number;
  readonly categories: readonly {
    readonly category: string;
    readonly reports: number;
    readonly stationsWithIncident: number;
    readonly stationShare: Estimate;
  }[];
}

export interface Cell {
  readonly key: string;
  readonly estimate: Estimate | null;
  readonly incidents: IncidentSummary | null;
  readonly issue: string | null;
  readonly excluded: { readonly quarantined: number; readonly "outside-plan": number };
}

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

export interface IndicatorEstimates {
  readonly code: string;
  readonly version: number;
  readonly definition: IndicatorDefinition;
  readonly overall: Cell;
  readonly byPhase: readonly Cell[];
  readonly byArea: { readonly level: string; readonly cells: readonly Cell[] };
}

export interface MissionHeader {
  readonly id: string;
  readonly code: string;
  readonly name: LocalizedText;
  readonly kind: string;
  readonly design: string;
  readonly generalises: boolean;
  readonly note: string | null;
  /** The plan version the estimates follow (null: planned stations stored without a plan). */
  readonly plan: { version: number; status: string; source: string; confirmedAt: string | null } | null;
  readonly reports: number;
}

export interface EstimatesResponse {
  readonly mission: MissionHeader;
  readonly phases: readonly { code: string; kind: string; date: string; name: LocalizedText }[];
  readonly areaLevels: readonly string[];
  readonly areas: readonly { id: string; code: string; level: string; name: LocalizedText }[];
  readonly minCellUnits: number;
  readonly indicators: readonly IndicatorEstimates[];
}

export interface TeamRow {
  readonly teamId: string;
  readonly teamCode: string;
  readonly visits: number;
  readonly sharedStations: number;
  readonly estimable: boolean;
  readonly severity: number | null;
  readonly standardError: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly z: number | null;
  readonly adjustedPValue: number | null;
  readonly flag: "harsh" | "lenient" | null;
  readonly latentSeverity: number | null;
  readonly latentStandardError: number | null;
}

export interface ObserverEffects {
  readonly indicatorCode: string;
  readonly question: string;
  readonly formKind: string;
  readonly observations: number;
  readonly teams: readonly TeamRow[];
  readonly flagged: { harsh: number; lenient: number };
  readonly agreement: {
    readonly doublyObservedStations: number;
    readonly kappa: { value: number; lower: number; upper: number } | null;
    readonly weightedKappa: { value: number; lower: number; upper: number } | null;
    readonly alphaOrdinal: number | null;
    readonly alphaNominal: number | null;
  };
  readonly raw: Estimate | null;
  readonly adjusted: Estimate | null;
  readonly issue: string | null;
}

export interface RatioEstimate {
  readonly value: number;
  readonly standardError: number;
  readonly marginOfError: number;
  readonly ci: Interval;
  readonly stations: number;
}

export interface PvtResponse {
  readonly mission: MissionHeader;
  readonly pvt: {
    readonly issue: string | null;
    readonly officialScope: string;
    readonly excluded: Readonly<Record<string, number>>;
    readonly result: {
      readonly stations: number;
      readonly turnout: RatioEstimate | null;
      readonly turnoutOfficial: { official: number; inside: boolean; z: number } | null;
      readonly shares: readonly {
        readonly contestantId: string;
        readonly estimate: RatioEstimate;
        readonly official: { official: number; inside: boolean; z: number; difference: number } | null;
      }[];
    } | null;
    readonly discrepancies: readonly {
      readonly stationId: string;
      readonly stationCode: string;
      readonly fields: readonly { field: string; observed: number | null; published: number | null }[];
    }[];
  };
  readonly turnout: {
    readonly issue: string | null;
    readonly result: {
      readonly ratio: RatioEstimate;
      readonly relativeGap: { value: number; lower: number; upper: number };
      readonly flaggedStations: readonly string[];
    } | null;
    readonly byDay: readonly {
      day: string;
      observed: number;
      reported: number;
      stations: number;
      flagged: number;
    }[];
    readonly flagged: readonly {
      stationCode: string;
      day: string;
      observed: number;
      reported: number;
      gap: number;
    }[];
  } | null;
}

export interface ComparisonResponse {
  readonly missions: readonly MissionHeader[];
  readonly rows: readonly {
    readonly code: string;
    readonly name: LocalizedText;
    readonly source: "stored" | "default";
    readonly members: readonly {
      missionId: string;
      missionCode: string;
      indicatorCode: string | null;
      estimate: Estimate | null;
      issue: string | null;
    }[];
    readonly differences: readonly {
      a: string;
      b: string;
      difference: number;
      lower: number;
      upper: number;
      pValue: number;
      generalises: boolean;
    }[];
  }[];
}

export interface RegionsGeoJson {
  readonly type: "FeatureCollection";
  readonly features: readonly {
    readonly properties: { id: string; code: string; name: LocalizedText };
    readonly geometry: { type: "Polygon"; coordinates: [number, number][][] };
  }[];
}

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
      call<{ mission: MissionHeader; effects: ObserverEffects[] }>(
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
