// The election-day view's data: the summary (GET .../live) and the server-sent events that say
// when new reports arrived (GET .../live/events). Each event refetches the summary, so the page
// is always what the server says, never a client-side tally that could drift.

import type { live, ResponseOf } from "@scrutiny/contract";
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { call, seg } from "../api/client.ts";

// The contract's types (packages/contract), not copies.
export type CriticalIncident = live.CriticalIncident;
export type LiveSummary = ResponseOf<typeof live.liveSummary>;
export type LiveEvent = live.LiveEvent;

const key = (missionId: string, phaseCode: string | undefined) => ["live", missionId, phaseCode ?? ""];

export function useLiveSummary(missionId: string, phaseCode: string | undefined) {
  return useQuery({
    queryKey: key(missionId, phaseCode),
    queryFn: () =>
      call<typeof live.liveSummary>(
        "GET",
        phaseCode
          ? `/api/v1/missions/${seg(missionId)}/live?phaseCode=${seg(phaseCode)}`
          : `/api/v1/missions/${seg(missionId)}/live`,
      ),
    // Events carry the news; this catches what another server process stored.
    refetchInterval: 60_000,
  });
}

export type Connection = "connecting" | "open" | "closed";

/**
 * Listens to the mission's events while the page is open; every event refetches the summary and
 * is handed to `onEvent` (for the alarm). EventSource reconnects by itself after a drop.
 */
export function useLiveEvents(missionId: string, onEvent: (event: LiveEvent) => void): Connection {
  const client = useQueryClient();
  const [connection, setConnection] = useState<Connection>("connecting");
  useEffect(() => {
    const source = new EventSource(`/api/v1/missions/${missionId}/live/events`);
    source.onopen = () => setConnection("open");
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? "closed" : "connecting");
    source.addEventListener("reports", (message) => {
      refresh(client, missionId);
      try {
        onEvent(JSON.parse((message as MessageEvent<string>).data) as LiveEvent);
      } catch {
        // a malformed event changes nothing but the refetch
      }
    });
    return () => source.close();
  }, [client, missionId, onEvent]);
  return connection;
}

function refresh(client: QueryClient, missionId: string) {
  void client.invalidateQueries({ queryKey: ["live", missionId] });
}
