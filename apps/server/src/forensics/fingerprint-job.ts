// The fingerprint's uncertainty for an uploaded results set, computed after the upload in the
// background: the parametric-bootstrap replicates of the fraud fit (intervals) and the replicates
// of the likelihood-ratio statistic under the fitted no-fraud model (the test). Each replicate is
// a full refit (about 5,500 model evaluations, 1–4 s on this machine), so 200 + 99 of them take
// minutes: far too long for the upload request. They run on a worker thread of their own (not
// the file worker, so imports and uploads never wait behind them; the event loop is never
// blocked), in chunks of a few replicates, so progress is known and a stopping server waits for
// one chunk only. Progress is kept in memory; the finished report replaces the
// stored one. A server stopped mid-way leaves the report with its point estimates and the
// statement that the ± was not computed.
import { type ForensicsReport, withFingerprintReplicates } from "@scrutiny/forensics";
import type { Store } from "@scrutiny/store";
import { markNonFinite } from "./json-numbers.ts";
import type { ForensicsRunner } from "./runner.ts";

export interface ReplicateCounts {
  /** Bootstrap replicates for the intervals of f_i and f_e (the issue asks at least 200). */
  readonly bootstrap: number;
  /** Null replicates for the likelihood-ratio test (99: p-values in steps of 0.01). */
  readonly lrReplicates: number;
  /** Replicates per worker job. */
  readonly chunk: number;
}

export const DEFAULT_REPLICATES: ReplicateCounts = { bootstrap: 200, lrReplicates: 99, chunk: 2 };

/**
 * The counts an operator set in the environment (SCRUTINY_FINGERPRINT_BOOTSTRAP and
 * SCRUTINY_FINGERPRINT_NULL_REPLICATES, whole numbers, 0 turns that part off), the defaults for
 * the rest. A small server may want fewer minutes of background CPU per upload; the test suite
 * sets both to 0 so that uploads made for other reasons start no refits.
 */
export function replicateCountsFromEnvironment(env: NodeJS.ProcessEnv): ReplicateCounts {
  const count = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text.trim() === "") return fallback;
    if (!/^\d+$/.test(text.trim()))
      throw new Error(`${name} wants a whole number of replicates, not "${text}"`);
    return Number(text.trim());
  };
  return {
    bootstrap: count("SCRUTINY_FINGERPRINT_BOOTSTRAP", DEFAULT_REPLICATES.bootstrap),
    lrReplicates: count("SCRUTINY_FINGERPRINT_NULL_REPLICATES", DEFAULT_REPLICATES.lrReplicates),
    chunk: DEFAULT_REPLICATES.chunk,
  };
}

export interface FingerprintProgress {
  readonly status: "running" | "failed";
  readonly done: number;
  readonly total: number;
  readonly error?: string;
}

export class FingerprintJobs {
  private readonly progress = new Map<string, FingerprintProgress>();
  private readonly pending = new Set<Promise<void>>();
  private closing = false;

  constructor(
    private readonly store: Store,
    private readonly runner: ForensicsRunner,
    private readonly counts: ReplicateCounts = DEFAULT_REPLICATES,
  ) {}

  /** Progress of a set's job while it runs (or why it failed); undefined once done or never run. */
  of(key: string): FingerprintProgress | undefined {
    return this.progress.get(key);
  }

  /** Starts the replicates of a stored set's report (its fingerprint computed without them). */
  start(electionId: string, setId: string, report: ForensicsReport, data: Uint8Array): void {
    this.startFor(setId, report, data, {
      alive: async () => (await this.store.resultsSets.get(electionId, setId)) !== undefined,
      save: async (updated) => {
        await this.store.resultsSets.updateReport(electionId, setId, markNonFinite(updated));
      },
    });
  }

  /**
   * Starts the replicates of any report under `key`: `alive` is asked before each chunk (false:
   * stop, the report is gone), `save` receives the finished report.
   */
  startFor(
    key: string,
    report: ForensicsReport,
    data: Uint8Array,
    target: { alive: () => Promise<boolean>; save: (report: ForensicsReport) => Promise<void> },
  ): void {
    const fp = report.fingerprint;
    const total = this.counts.bootstrap + this.counts.lrReplicates;
    if (!fp || total === 0 || this.progress.get(key)?.status === "running") return;
    this.progress.set(key, { status: "running", done: 0, total });
    const work = this.run(key, report, data, total, target).catch((error: unknown) => {
      this.progress.set(key, {
        status: "failed",
        done: 0,
        total,
        error: error instanceof Error ? error.message : String(error),
      });
    });
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async run(
    key: string,
    report: ForensicsReport,
    data: Uint8Array,
    total: number,
    target: { alive: () => Promise<boolean>; save: (report: ForensicsReport) => Promise<void> },
  ): Promise<void> {
    const fp = report.fingerprint;
    if (!fp) return;
    const model = { params: fp.fit.params, paramsNoFraud: fp.fit.paramsNoFraud };
    const collected = { fi: [] as number[], fe: [] as number[], statistics: [] as number[] };
    let done = 0;
    // The test first (it is the finding), then the intervals.
    for (const [kind, count] of [
      ["null", this.counts.lrReplicates],
      ["bootstrap", this.counts.bootstrap],
    ] as const) {
      for (let from = 0; from < count; from += this.counts.chunk) {
        if (this.closing) return;
        // Deleted meanwhile: nothing to update.
        if (!(await target.alive())) {
          this.progress.delete(key);
          return;
        }
        const out = await this.runner.run({
          kind: "fingerprint-replicates",
          data,
          model,
          replicates: {
            kind,
            from,
            count: Math.min(this.counts.chunk, count - from),
            seed: fp.fit.seed,
            fitBins: fp.fitBins,
            starts: fp.fit.starts,
          },
        });
        if (out.kind !== "replicates") throw new Error(`unexpected fingerprint job result ${out.kind}`);
        if (kind === "null") collected.statistics.push(...out.statistics);
        else {
          collected.fi.push(...out.fi);
          collected.fe.push(...out.fe);
        }
        done += out.fi.length;
        this.progress.set(key, { status: "running", done, total });
      }
    }
    await target.save(withFingerprintReplicates(report, collected, collected.statistics));
    this.progress.delete(key);
  }

  /** Waits for running jobs to stop at their next chunk (server shutdown). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.pending]);
  }

  /** Waits for every running job to finish (tests). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
