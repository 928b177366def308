// The station page's one call, typed from the shared route contract.
import type { stations } from "@scrutiny/contract";
import { useQuery } from "@tanstack/react-query";
import { request } from "../api/client.ts";

export type StationPage = stations.StationPage;

export function useStationPage(electionId: string, stationId: string) {
  return useQuery({
    queryKey: ["station-page", electionId, stationId],
    queryFn: () =>
      request<StationPage>(
        "GET",
        `/api/v1/elections/${encodeURIComponent(electionId)}/stations/${encodeURIComponent(stationId)}`,
      ),
  });
}
