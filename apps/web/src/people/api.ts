// The roster, team, route and access-code endpoints the people pages use (types from the shared
// route contracts), with TanStack Query hooks.
import type { deployment, imports, ResponseOf } from "@scrutiny/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { request } from "../api/client.ts";

export type RosterObserver = deployment.RosterObserver;
export type Team = deployment.Team;
export type RouteStop = deployment.RouteStop;
export type RosterSummary = imports.RosterSummary;
export type RosterImportRequest = z.input<typeof imports.ObserverImportRequest>;
/** A new access code, shown once (the contract's answer). */
export type IssuedAccess = ResponseOf<typeof deployment.issueAccess>;

const mission = (id: string) => `/api/v1/missions/${encodeURIComponent(id)}`;
const peopleKey = (missionId: string) => ["people", missionId] as const;

export function useObservers(missionId: string) {
  return useQuery({
    queryKey: [...peopleKey(missionId), "observers"],
    queryFn: async () =>
      (await request<{ observers: RosterObserver[] }>("GET", `${mission(missionId)}/observers`)).observers,
  });
}

export function useTeams(missionId: string) {
  return useQuery({
    queryKey: [...peopleKey(missionId), "teams"],
    queryFn: async () => (await request<{ teams: Team[] }>("GET", `${mission(missionId)}/teams`)).teams,
  });
}

/** A team's route, as a query (for useQueries over several teams). */
export function teamRouteQuery(missionId: string, teamId: string) {
  return {
    queryKey: [...peopleKey(missionId), "route", teamId],
    queryFn: async () =>
      (
        await request<{ stops: RouteStop[] }>(
          "GET",
          `${mission(missionId)}/teams/${encodeURIComponent(teamId)}/route`,
        )
      ).stops,
  };
}

export function useTeamRoute(missionId: string, teamId: string | null) {
  return useQuery({ ...teamRouteQuery(missionId, teamId ?? ""), enabled: teamId !== null });
}

/** Everything of the mission's people refreshes after a change (lists, teams, routes). */
function useRefresh(missionId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: peopleKey(missionId) });
}

export function useImportRoster(missionId: string) {
  const refresh = useRefresh(missionId);
  return useMutation({
    mutationFn: (input: RosterImportRequest) =>
      request<{ summary: RosterSummary }>("POST", `${mission(missionId)}/imports/observers`, input),
    onSuccess: refresh,
  });
}

export function usePutTeam(missionId: string) {
  const refresh = useRefresh(missionId);
  return useMutation({
    mutationFn: ({ code, observerIds }: { code: string; observerIds: string[] }) =>
      request<{ team: Team }>("PUT", `${mission(missionId)}/teams/${encodeURIComponent(code)}`, {
        observerIds,
      }),
    onSuccess: refresh,
  });
}

export function useSetRoute(missionId: string) {
  const refresh = useRefresh(missionId);
  return useMutation({
    mutationFn: ({
      teamId,
      phaseCode,
      stationCodes,
    }: {
      teamId: string;
      phaseCode: string;
      stationCodes: string[];
    }) =>
      request<{ stops: RouteStop[] }>(
        "PUT",
        `${mission(missionId)}/teams/${encodeURIComponent(teamId)}/route/${encodeURIComponent(phaseCode)}`,
        { stationCodes },
      ),
    onSuccess: refresh,
  });
}

/** Issues (or reissues) access codes, one observer after another; the codes are shown once. */
export function useIssueAccess(missionId: string) {
  const refresh = useRefresh(missionId);
  return useMutation({
    mutationFn: async (observerIds: readonly string[]) => {
      const issued = new Map<string, IssuedAccess>();
      for (const id of observerIds)
        issued.set(
          id,
          await request<IssuedAccess>(
            "POST",
            `${mission(missionId)}/observers/${encodeURIComponent(id)}/access`,
          ),
        );
      return issued;
    },
    onSettled: refresh,
  });
}

export function useRevokeAccess(missionId: string) {
  const refresh = useRefresh(missionId);
  return useMutation({
    mutationFn: (observerId: string) =>
      request<undefined>(
        "DELETE",
        `${mission(missionId)}/observers/${encodeURIComponent(observerId)}/access`,
      ),
    onSettled: refresh,
  });
}
