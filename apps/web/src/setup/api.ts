// Election and mission set-up calls, typed from their contracts.
import type { elections } from "@scrutiny/contract";
import type { ElectionSetupInput, MissionSetupInput } from "@scrutiny/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call, seg } from "../api/client.ts";
import { queryKeys } from "../api/queries.ts";

const election = (id: string) => `/api/v1/elections/${seg(id)}` as const;
const setupKey = (id: string) => ["elections", id, "setup"] as const;
const missionsKey = (id: string) => ["elections", id, "missions"] as const;

export function useElectionSetup(electionId: string | undefined) {
  return useQuery({
    queryKey: setupKey(electionId ?? ""),
    enabled: electionId !== undefined,
    queryFn: () => call<typeof elections.electionSetup>("GET", `${election(electionId ?? "")}/setup`),
  });
}

export function useSaveElection(electionId: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (setup: ElectionSetupInput) =>
      electionId === undefined
        ? call<typeof elections.createElection>("POST", "/api/v1/elections", setup)
        : call<typeof elections.updateElection>("PUT", `${election(electionId)}/setup`, setup),
    onSuccess: (answer) => {
      client.setQueryData(setupKey(answer.election.id), answer);
      void client.invalidateQueries({ queryKey: queryKeys.elections });
      void client.invalidateQueries({ queryKey: queryKeys.overview(answer.election.id) });
    },
  });
}

export function useMissions(electionId: string) {
  return useQuery({
    queryKey: missionsKey(electionId),
    queryFn: () => call<typeof elections.listMissions>("GET", `${election(electionId)}/missions`),
  });
}

export function useAddMission(electionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mission: MissionSetupInput) =>
      call<typeof elections.createMission>("POST", `${election(electionId)}/missions`, mission),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: missionsKey(electionId) });
      void client.invalidateQueries({ queryKey: queryKeys.overview(electionId) });
    },
  });
}
