// The incident inbox's calls, typed from the shared route contracts: the inbox (filtered, paged),
// one incident with its history, and a follow-up change.
import type { incidents } from "@scrutiny/contract";
import type { IncidentFollowUpInput, IncidentSeverity, IncidentStatus } from "@scrutiny/domain";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "../api/client.ts";

export type Incident = incidents.Incident;
export type IncidentChange = incidents.IncidentChange;
export type IncidentList = incidents.IncidentList;
export type IncidentFollowUp = IncidentFollowUpInput;

export interface IncidentFilter {
  readonly status?: IncidentStatus;
  readonly severity?: IncidentSeverity;
  /** Part of a station's code or name. */
  readonly station?: string;
  readonly limit: number;
  readonly offset: number;
}

const inboxKey = (missionId: string) => ["incidents", missionId] as const;
const base = (missionId: string) => `/api/v1/missions/${encodeURIComponent(missionId)}/incidents`;

export function useIncidents(missionId: string, filter: IncidentFilter) {
  const query = new URLSearchParams({ limit: String(filter.limit), offset: String(filter.offset) });
  if (filter.status !== undefined) query.set("status", filter.status);
  if (filter.severity !== undefined) query.set("severity", filter.severity);
  if (filter.station !== undefined) query.set("station", filter.station);
  return useQuery({
    queryKey: [...inboxKey(missionId), query.toString()],
    queryFn: () => request<IncidentList>("GET", `${base(missionId)}?${query}`),
    placeholderData: keepPreviousData,
    // New incidents arrive all day; the inbox catches up without a reload.
    refetchInterval: 60_000,
  });
}

export function useIncident(missionId: string, submissionId: string | undefined) {
  return useQuery({
    queryKey: [...inboxKey(missionId), "one", submissionId ?? ""],
    queryFn: () =>
      request<{ incident: Incident; changes: IncidentChange[] }>(
        "GET",
        `${base(missionId)}/${encodeURIComponent(submissionId ?? "")}`,
      ),
    enabled: submissionId !== undefined,
  });
}

export function useFollowUp(missionId: string, submissionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: IncidentFollowUp) =>
      request<{ incident: Incident; change: IncidentChange }>(
        "POST",
        `${base(missionId)}/${encodeURIComponent(submissionId)}/follow-ups`,
        change,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: inboxKey(missionId) }),
  });
}
