// What the ingestion benchmarks send and how they read a process's CPU: one report as an
// observer's phone sends it (a fresh id each time, on the test fixtures' form and station), and
// the user + system CPU a process has used so far.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { formId, ids } from "../../apps/server/test/support.ts";

/** One new report's JSON body for `POST /api/v1/submissions`. */
export function reportBody(answers: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: randomUUID(),
    formId,
    formVersion: 1,
    stationId: ids.station1,
    phaseCode: "election-day",
    submittedAt: "2019-11-17T10:00:00Z",
    answers: {
      ballot_box_sealed: "yes",
      voters_counted: 120,
      registered: 1000,
      overall_assessment: "good",
      ...answers,
    },
  });
}

/** User + system CPU seconds a process has used so far (Linux /proc). */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}
