// Data for the Forensics page: the election's results sources, a source's forensic report, and
// uploads of official results files (sent as the raw body, options in the query string).
import type { ForensicsReport } from "@scrutiny/forensics";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, request } from "../api/client.ts";

export type { ForensicsReport };

export interface ResultsSetSummary {
  readonly id: string;
  readonly name: string;
  readonly fileName: string;
  readonly preset: string | null;
  readonly contestCode: string | null;
  readonly stationCount: number;
  readonly leader: string;
  readonly areaLevels: readonly { readonly name: string; readonly areas: number }[];
  readonly arithmeticFlags: number;
  readonly createdAt: string;
}

export interface ResultsSources {
  readonly official: { readonly available: boolean; readonly protocols: number; readonly contests: number };
  readonly resultsSets: readonly ResultsSetSummary[];
}

export interface UploadIssue {
  readonly line?: number;
  readonly column?: string | number;
  readonly code: string;
  readonly message: string;
}

function call<T>(
  method: string,
  path: string,
  file?: Blob,
  contentType = "application/octet-stream",
): Promise<T> {
  return request<T>(method, path, file === undefined ? undefined : { blob: file, contentType });
}

export const forensicsPaths = {
  sources: (electionId: string) => `/api/v1/elections/${electionId}/results-sets`,
  report: (electionId: string, source: string, lang: string) =>
    `/api/v1/elections/${electionId}/forensics/${source}?lang=${lang}`,
  html: (electionId: string, source: string, lang: string) =>
    `/api/v1/elections/${electionId}/forensics/${source}/report.html?download=1&lang=${lang}`,
};

export function useResultsSources(electionId: string) {
  return useQuery({
    queryKey: ["elections", electionId, "results-sets"],
    queryFn: () => call<ResultsSources>("GET", forensicsPaths.sources(electionId)),
  });
}

export function useForensicsReport(electionId: string, source: string | undefined, lang: string) {
  return useQuery({
    queryKey: ["elections", electionId, "forensics", source, lang],
    queryFn: () => call<ForensicsReport>("GET", forensicsPaths.report(electionId, source ?? "", lang)),
    enabled: source !== undefined,
    staleTime: 5 * 60_000,
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
      return call<{ resultsSet: ResultsSetSummary }>(
        "POST",
        `${forensicsPaths.sources(electionId)}?${query.toString()}`,
        file,
        "application/octet-stream",
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
