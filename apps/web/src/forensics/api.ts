// Data for the Forensics page: the election's results sources, a source's forensic report, and
// uploads of official results files (sent as the raw body, options in the query string).
import type { forensics, imports, ResponseOf } from "@scrutiny/contract";
import type { ForensicsReport } from "@scrutiny/forensics";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, call, seg } from "../api/client.ts";

export type { ForensicsReport };

// Answers typed by the contract (the report itself by @scrutiny/forensics, which makes it).
export type ResultsSetSummary = forensics.ResultsSetSummary;
export type ResultsSources = ResponseOf<typeof forensics.listResultsSets>;
export type UploadIssue = imports.FileIssue;

export const forensicsPaths = {
  sources: (electionId: string) => `/api/v1/elections/${electionId}/results-sets`,
  report: (electionId: string, source: string, lang: string) =>
    `/api/v1/elections/${electionId}/forensics/${source}?lang=${lang}`,
  tables: (electionId: string, source: string, lang: string) =>
    `/api/v1/elections/${electionId}/forensics/${source}/tables?format=xlsx&lang=${lang}`,
  html: (electionId: string, source: string, lang: string) =>
    `/api/v1/elections/${electionId}/forensics/${source}/report.html?download=1&lang=${lang}`,
};

export function useResultsSources(electionId: string) {
  return useQuery({
    queryKey: ["elections", electionId, "results-sets"],
    queryFn: () =>
      call<typeof forensics.listResultsSets>("GET", `/api/v1/elections/${seg(electionId)}/results-sets`),
  });
}

export function useForensicsReport(electionId: string, source: string | undefined, lang: string) {
  return useQuery({
    queryKey: ["elections", electionId, "forensics", source, lang],
    // The contract checks the report's frame; its sections are typed by the package that makes it.
    queryFn: async (): Promise<ForensicsReport> =>
      (await call<typeof forensics.forensicReport>(
        "GET",
        `/api/v1/elections/${seg(electionId)}/forensics/${seg(source ?? "")}?lang=${seg(lang)}`,
      )) as unknown as ForensicsReport,
    enabled: source !== undefined,
    staleTime: 5 * 60_000,
    // While the fingerprint's replicates run on the server, ask again every few seconds.
    refetchInterval: (query) =>
      query.state.data?.fingerprintReplicates?.status === "running" ? 3000 : false,
  });
}

export interface UploadInput {
  readonly file: File;
  readonly name: string;
  readonly preset: "ru-cec" | null;
  readonly mapping: string | null;
  /** Contestant analysed as leader (default: the national winner). */
  readonly leader?: string;
  /** Refuse the file if any row would be left out. */
  readonly strict?: boolean;
}

export function useUploadResults(electionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, name, preset, mapping, leader, strict }: UploadInput) => {
      const query = new URLSearchParams({ fileName: file.name });
      if (name.trim() !== "") query.set("name", name.trim());
      if (preset) query.set("preset", preset);
      if (mapping) query.set("mapping", mapping);
      if (leader && leader.trim() !== "") query.set("leader", leader.trim());
      if (strict) query.set("strict", "true");
      return call<typeof forensics.uploadResultsSet>(
        "POST",
        `/api/v1/elections/${seg(electionId)}/results-sets?${query.toString()}`,
        { blob: file, contentType: "application/octet-stream" },
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["elections", electionId, "results-sets"] }),
  });
}

/** The per-line problems of a rejected upload, when the server listed them. */
export function uploadIssues(error: unknown): readonly UploadIssue[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { issues?: UploadIssue[] } | undefined;
  return Array.isArray(details?.issues) ? details.issues : [];
}
