// The deployment, import and coverage endpoints the web app uses, with TanStack Query hooks.
import type { coverage, deployment, imports, ResponseOf } from "@scrutiny/contract";
import type { SamplePlanRequestInput, StationMappingInput } from "@scrutiny/domain";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, call, seg } from "../api/client.ts";

// The answers' types are the contract's (packages/contract), never written here again.
export type Issue = imports.FileIssue;
export type UploadPreview = ResponseOf<typeof imports.uploadStations>;
export type ImportSummary = imports.StationImportSummary;
export type ImportJob = imports.ImportJob;
export type Plan = deployment.Plan;
export type PlanStratum = Plan["strata"][number];
export type FrameVariables = ResponseOf<typeof deployment.samplingFrame>;
export type Coverage = coverage.Coverage;
export type AreaFeature = coverage.AreaFeature;
export type AreaShapes = coverage.AreaShapes;
export type Ring = Extract<AreaFeature["geometry"], { type: "Polygon" }>["coordinates"][number];

/** Located problems an API error carries (`details.issues`), if any. */
export function issuesOf(error: unknown): Issue[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details;
  if (typeof details === "object" && details !== null && "issues" in details && Array.isArray(details.issues))
    return details.issues as Issue[];
  return [];
}

export function useUploadStations(electionId: string) {
  return useMutation({
    mutationFn: (file: File) =>
      call<typeof imports.uploadStations>(
        "POST",
        `/api/v1/elections/${seg(electionId)}/imports/stations/uploads?fileName=${seg(file.name)}`,
        { blob: file, contentType: "application/octet-stream" },
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
    }) =>
      call<typeof imports.importStations>(
        "POST",
        `/api/v1/elections/${seg(electionId)}/imports/stations`,
        request,
      ),
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
      const { job } = await call<typeof imports.importJob>("GET", `/api/v1/imports/${seg(jobId ?? "")}`);
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
    queryFn: () => call<typeof deployment.getPlan>("GET", `/api/v1/missions/${seg(missionId)}/plan`),
  });
}

export function usePlanVersions(missionId: string) {
  return useQuery({
    queryKey: ["deployment", "plan-versions", missionId],
    queryFn: () =>
      call<typeof deployment.planVersions>("GET", `/api/v1/missions/${seg(missionId)}/plan/versions`),
  });
}

/** Confirms (makes current) or discards a proposed version. */
export function useDecidePlan(missionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, decision }: { version: number; decision: "confirm" | "discard" }) => {
      const path = `/api/v1/missions/${seg(missionId)}/plan/versions/${version}` as const;
      if (decision === "confirm") await call<typeof deployment.confirmPlan>("POST", `${path}/confirm`);
      else await call<typeof deployment.discardPlan>("DELETE", path);
    },
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

export function useFrameVariables(missionId: string) {
  return useQuery({
    queryKey: ["deployment", "frame", missionId],
    queryFn: () => call<typeof deployment.samplingFrame>("GET", `/api/v1/missions/${seg(missionId)}/frame`),
  });
}

export function useDrawPlan(missionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SamplePlanRequestInput) =>
      call<typeof deployment.drawPlan>("POST", `/api/v1/missions/${seg(missionId)}/plan`, request),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

/** A sample the mission drew elsewhere (the stations file, and the strata file if any), proposed as a plan version. */
export function useImportPlan(missionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (files: { stations: string; strata?: string }) =>
      call<typeof deployment.importPlan>("POST", `/api/v1/missions/${seg(missionId)}/plan/imports`, files),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

export function useCoverage(
  missionId: string,
  phaseCode: string | undefined,
  missingOffset = 0,
  /** Only missing stations whose code or name contains this. */
  station?: string,
) {
  const query = new URLSearchParams();
  if (phaseCode) query.set("phaseCode", phaseCode);
  if (missingOffset > 0) query.set("missingOffset", String(missingOffset));
  if (station !== undefined) query.set("station", station);
  return useQuery({
    queryKey: ["deployment", "coverage", missionId, phaseCode ?? "", missingOffset, station ?? ""],
    queryFn: () =>
      call<typeof coverage.coverage>("GET", `/api/v1/missions/${seg(missionId)}/coverage?${query}`),
    placeholderData: keepPreviousData,
  });
}

export function useAreaShapes(electionId: string) {
  return useQuery({
    queryKey: ["deployment", "shapes", electionId],
    queryFn: () =>
      call<typeof coverage.areaShapes>("GET", `/api/v1/elections/${seg(electionId)}/areas/shapes`),
    staleTime: 5 * 60_000,
  });
}
