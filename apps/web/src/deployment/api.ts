// The deployment, import and coverage endpoints the web app uses, with TanStack Query hooks.
import type { SamplePlanRequestInput, StationMappingInput } from "@scrutiny/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, type LocalizedText } from "../api/client.ts";

export interface Issue {
  readonly line?: number;
  readonly column?: string | number;
  readonly code: string;
  readonly message: string;
}

export interface UploadPreview {
  readonly uploadId: string;
  readonly fileName: string | null;
  readonly format: "csv" | "xlsx";
  readonly delimiter: string | null;
  readonly header: string[];
  readonly rows: number;
  readonly preview: string[][];
  readonly suggestedMapping: StationMappingInput;
  readonly savedMappings: { name: string; mapping: StationMappingInput }[];
}

export interface ImportSummary {
  readonly stations: { added: number; changed: number; removed: number; unchanged: number };
  readonly areas: { added: number; changed: number };
  readonly addedCodes: string[];
  readonly changedStations: { code: string; fields: string[] }[];
  readonly removedCodes: string[];
  readonly dryRun?: boolean;
}

export interface ImportJob {
  readonly id: string;
  readonly status: "queued" | "running" | "succeeded" | "failed";
  readonly stage: string;
  readonly fileName: string | null;
  readonly total: number;
  readonly processed: number;
  readonly summary: ImportSummary | null;
  readonly issues: Issue[] | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export interface PlanStratum {
  readonly stratum: string;
  readonly populationSize: number;
  readonly sampleSize: number;
  readonly reserveSize: number;
}

export interface Plan {
  readonly id: string;
  readonly design: "simple_random" | "stratified" | "convenience";
  readonly seed: number | null;
  readonly strataBy: string[];
  readonly allocation: string | null;
  readonly sampleSize: number;
  readonly reservePerStratum: number;
  readonly frameSize: number;
  readonly createdAt: string;
  readonly version: number;
  readonly status: "proposed" | "current" | "superseded" | "discarded";
  readonly source: "drawn" | "imported";
  readonly confirmedAt: string | null;
  readonly strata: PlanStratum[];
}

export interface FrameVariables {
  readonly stations: number;
  readonly levels: { key: string; values: number }[];
  readonly attributes: { key: string; values: number }[];
}

export interface Coverage {
  readonly phaseCode: string;
  readonly phases: { code: string; planned: number; reported: number }[];
  readonly byArea: { areaId: string; code: string; name: LocalizedText; planned: number; reported: number }[];
  readonly missing: {
    stationId: string;
    code: string;
    name: string;
    areaCode: string;
    teams: { code: string; observers: { name: string; phone: string | null }[] }[];
  }[];
  readonly missingTotal: number;
}

export type Ring = readonly (readonly [number, number])[];
export interface AreaFeature {
  readonly type: "Feature";
  readonly properties: { areaId: string; code: string; level: string; name: LocalizedText; source: string };
  readonly geometry:
    | { readonly type: "Polygon"; readonly coordinates: readonly Ring[] }
    | { readonly type: "MultiPolygon"; readonly coordinates: readonly (readonly Ring[])[] };
}
export interface AreaShapes {
  readonly type: "FeatureCollection";
  readonly features: readonly AreaFeature[];
}

async function call<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  if (body !== undefined) {
    headers["content-type"] = contentType ?? "application/json";
    init.body = contentType === undefined ? JSON.stringify(body) : (body as BodyInit);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, "network", cause instanceof Error ? cause.message : "network error");
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error =
      typeof parsed === "object" && parsed !== null && "error" in parsed
        ? (parsed.error as { code?: string; message?: string; details?: unknown })
        : undefined;
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `HTTP ${response.status}`,
      error?.details,
    );
  }
  return parsed as T;
}

/** Located problems an API error carries (`details.issues`), if any. */
export function issuesOf(error: unknown): Issue[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details;
  if (typeof details === "object" && details !== null && "issues" in details && Array.isArray(details.issues))
    return details.issues as Issue[];
  return [];
}

const mission = (id: string) => `/api/v1/missions/${encodeURIComponent(id)}`;
const election = (id: string) => `/api/v1/elections/${encodeURIComponent(id)}`;

export function useUploadStations(electionId: string) {
  return useMutation({
    mutationFn: (file: File) =>
      call<UploadPreview>(
        "POST",
        `${election(electionId)}/imports/stations/uploads?fileName=${encodeURIComponent(file.name)}`,
        file,
        "application/octet-stream",
      ),
  });
}

export function useStartImport(electionId: string) {
  return useMutation({
    mutationFn: (request: {
      uploadId: string;
      mapping: StationMappingInput;
      removeMissing: boolean;
      saveMappingAs?: string;
    }) => call<{ job: ImportJob }>("POST", `${election(electionId)}/imports/stations`, request),
  });
}

/** Polls a running import every half second until it has finished. */
export function useImportJob(jobId: string | null) {
  const queryClient = useQueryClient();
  const key = ["deployment", "import", jobId];
  return useQuery({
    queryKey: key,
    enabled: jobId !== null,
    queryFn: async () => {
      const { job } = await call<{ job: ImportJob }>("GET", `/api/v1/imports/${jobId ?? ""}`);
      // Stations changed: every page showing them refreshes, once. Invalidating this query too
      // made every later refresh (a plan confirmed, say) re-read the job and invalidate
      // everything again, a loop that cancelled the other pages' requests as they started.
      const before = queryClient.getQueryData<ImportJob>(key);
      if (job.status === "succeeded" && before?.status !== "succeeded")
        void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[1] !== "import" });
      return job;
    },
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "succeeded" || status === "failed" ? false : 500;
    },
  });
}

export function usePlan(missionId: string) {
  return useQuery({
    queryKey: ["deployment", "plan", missionId],
    queryFn: () =>
      call<{ design: string; plan: Plan | null; proposed: Plan | null }>("GET", `${mission(missionId)}/plan`),
  });
}

export function usePlanVersions(missionId: string) {
  return useQuery({
    queryKey: ["deployment", "plan-versions", missionId],
    queryFn: () => call<{ versions: Omit<Plan, "strata">[] }>("GET", `${mission(missionId)}/plan/versions`),
  });
}

/** Confirms (makes current) or discards a proposed version. */
export function useDecidePlan(missionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, decision }: { version: number; decision: "confirm" | "discard" }) => {
      const path = `${mission(missionId)}/plan/versions/${version}`;
      if (decision === "confirm") await call<{ plan: Plan }>("POST", `${path}/confirm`);
      else await call<{ discarded: number }>("DELETE", path);
    },
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

export function useFrameVariables(missionId: string) {
  return useQuery({
    queryKey: ["deployment", "frame", missionId],
    queryFn: () => call<FrameVariables>("GET", `${mission(missionId)}/frame`),
  });
}

export function useDrawPlan(missionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SamplePlanRequestInput) =>
      call<{ plan: Plan; current: Plan | null }>("POST", `${mission(missionId)}/plan`, request),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

export function useCoverage(missionId: string, phaseCode: string | undefined) {
  return useQuery({
    queryKey: ["deployment", "coverage", missionId, phaseCode ?? ""],
    queryFn: () =>
      call<Coverage>(
        "GET",
        `${mission(missionId)}/coverage${phaseCode ? `?phaseCode=${encodeURIComponent(phaseCode)}` : ""}`,
      ),
  });
}

export function useAreaShapes(electionId: string) {
  return useQuery({
    queryKey: ["deployment", "shapes", electionId],
    queryFn: () => call<AreaShapes>("GET", `${election(electionId)}/areas/shapes`),
    staleTime: 5 * 60_000,
  });
}
