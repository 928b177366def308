// The election-day view's data: the summary (GET .../live) and the server-sent events that say
// when new reports arrived (GET .../live/events). Each event refetches the summary, so the page
// is always what the server says, never a client-side tally that could drift.
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { type LocalizedText, request } from "../api/client.ts";
import type { Coverage } from "../deployment/api.ts";

export interface CriticalIncident {
  readonly id: string;
  readonly formId: string;
  readonly phaseCode: string;
  readonly stationId: string;
  readonly stationCode: string;
  readonly stationName: string;
  readonly teamCode: string | null;
  readonly observerName: string | null;
  readonly observerPhone: string | null;
  readonly submittedAt: string;
  readonly receivedAt: string;
  readonly status: string;
  readonly questions: { name: string; label: LocalizedText; answer: unknown }[];
}

export interface LiveSummary {
  readonly phaseCode: string;
  readonly phases: { code: string; kind: string }[];
  readonly perHour: { phaseCode: string; hour: string; reports: number }[];
  readonly critical: CriticalIncident[];
  readonly coverage: Coverage;
  readonly generatedAt: string;
}

export interface LiveEvent {
  readonly submissionIds: string[];
  readonly critical: {
    submissionId: string;
    stationId: string;
    questions: { name: string; label: LocalizedText }[];
  }[];
}

const key = (missionId: string, phaseCode: string | undefined) => ["live", missionId, phaseCode ?? ""];

export function useLiveSummary(missionId: string, phaseCode: string | undefined) {
  return useQuery({
    queryKey: key(missionId, phaseCode),
    queryFn: () =>
      request<LiveSummary>(
        "GET",
        `/api/v1/missions/${missionId}/live${phaseCode ? `?phaseCode=${encodeURIComponent(phaseCode)}` : ""}`,
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
