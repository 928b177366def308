// What the fault tests share: a `scrutiny serve` child process, a steady stream of reports
// against it that remembers every acknowledged one, and the check that each is stored intact.
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { Store } from "@scrutiny/store";
import { serve } from "../../cli/test/serve-process.ts";
import { formId, ids } from "./support.ts";

/** Starts `scrutiny serve` (no demo) and resolves with its base URL once it listens. */
export async function startServer(
  flags: string[],
): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const served = await serve(["--no-demo", ...flags]);
  return { child: served.child, baseUrl: served.origin, output: served.output };
}

export async function stopServer(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

export async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "observer", password: "pw" }),
  });
  const cookie = response.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0] ?? "";
}

export interface Acknowledged {
  readonly contentHash: string;
  readonly votersCounted: number;
}

/** Concurrent senders of valid reports; each 201 is remembered with its receipt. */
export class ReportStream {
  readonly acknowledged = new Map<string, Acknowledged>();
  /** Requests that failed (refused, 5xx, or the connection died): never acknowledged. */
  failures = 0;
  private running = true;
  private sent = 0;
  private readonly senders: Promise<void>[];

  constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    concurrency = 16,
  ) {
    this.senders = Array.from({ length: concurrency }, () => this.send());
  }

  private async send(): Promise<void> {
    while (this.running) {
      const votersCounted = this.sent++ % 5000;
      const id = randomUUID();
      try {
        const response = await fetch(`${this.baseUrl}/api/v1/submissions`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: this.cookie },
          body: JSON.stringify({
            id,
            formId,
            formVersion: 1,
            stationId: ids.station1,
            phaseCode: "election-day",
            submittedAt: "2019-11-17T10:00:00Z",
            answers: { ballot_box_sealed: "yes", voters_counted: votersCounted, overall_assessment: "good" },
          }),
        });
        if (response.status === 201) {
          const { receipt } = (await response.json()) as { receipt: { contentHash: string } };
          this.acknowledged.set(id, { contentHash: receipt.contentHash, votersCounted });
        } else {
          await response.arrayBuffer();
          this.failures++;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } catch {
        // The server (or its database) died under this request: it was never acknowledged.
        this.failures++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  /** Resolves once `n` reports in all have been acknowledged. */
  async until(n: number): Promise<void> {
    while (this.acknowledged.size < n) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.senders);
  }
}

/** How many acknowledged reports are missing from the store, or stored differently. */
export async function lostOrAltered(
  store: Store,
  acknowledged: ReadonlyMap<string, Acknowledged>,
): Promise<{ missing: number; altered: number }> {
  let missing = 0;
  let altered = 0;
  for (const [id, expected] of acknowledged) {
    const row = await store.submissions.get(id);
    if (row === undefined) missing++;
    else if (
      row.contentHash !== expected.contentHash ||
      row.answers["voters_counted"] !== expected.votersCounted
    )
      altered++;
  }
  return { missing, altered };
}
