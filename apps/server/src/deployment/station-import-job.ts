// Runs a station import in the background: parse (all-or-nothing, line-numbered issues), then the
// store's bulk merge, with progress kept in memory while it runs (on PGlite the database is busy
// with the import itself) and the outcome stored on the job.
import type { InputIssue, StationMappingInput, UploadLimits } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { ForensicsRunner } from "../forensics/runner.ts";

export interface JobProgress {
  readonly stage: string;
  readonly processed: number;
  readonly total: number;
}

/** Progress of running jobs by id; finished jobs are read from the store. */
export class JobProgressBoard {
  private readonly running = new Map<string, JobProgress>();
  private readonly pending = new Set<Promise<void>>();

  get(id: string): JobProgress | undefined {
    return this.running.get(id);
  }

  set(id: string, progress: JobProgress): void {
    this.running.set(id, progress);
  }

  done(id: string): void {
    this.running.delete(id);
  }

  /** Keeps track of a job's promise so that the server can wait for it before closing. */
  track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}

export interface StationImportJob {
  readonly jobId: string;
  readonly electionId: string;
  readonly bytes: Uint8Array;
  readonly mapping: StationMappingInput;
  readonly removeMissing: boolean;
  readonly confirmRemovals?: number | undefined;
  readonly limits: UploadLimits;
  readonly dryRun: boolean;
}

const issueRecord = (issue: InputIssue): Record<string, unknown> => ({ ...issue });

export async function runStationImport(
  store: Store,
  board: JobProgressBoard,
  worker: ForensicsRunner,
  job: StationImportJob,
): Promise<void> {
  const { jobId } = job;
  try {
    board.set(jobId, { stage: "parsing", processed: 0, total: 0 });
    // Read and parsed on the worker thread: a large file never stalls the event loop.
    const read = await worker.run({
      kind: "stations",
      bytes: job.bytes,
      limits: job.limits,
      mapping: job.mapping,
    });
    if (read.kind === "unreadable" || read.kind === "invalid") {
      await store.imports.finish(jobId, { status: "failed", issues: read.issues.map(issueRecord) });
      return;
    }
    if (read.kind !== "stations") throw new Error(`unexpected table job result ${read.kind}`);
    board.set(jobId, { stage: "parsing", processed: read.rows, total: read.rows });
    const outcome = await store.stationImports.apply(job.electionId, read.stations, {
      removeMissing: job.removeMissing,
      ...(job.confirmRemovals === undefined ? {} : { confirmRemovals: job.confirmRemovals }),
      dryRun: job.dryRun,
      onProgress: (progress) => board.set(jobId, progress),
    });
    if (!outcome.ok) {
      if (outcome.error.code === "removal_unconfirmed") {
        await store.imports.finish(jobId, {
          status: "failed",
          issues: [
            {
              code: "removal_unconfirmed",
              message: `this would remove ${outcome.error.removals} stations the file does not list; nothing was imported. Confirm that number (confirmRemovals: ${outcome.error.removals}) to remove them`,
              params: { count: outcome.error.removals },
            },
          ],
        });
        return;
      }

      await store.imports.finish(jobId, {
        status: "failed",
        issues: outcome.error.conflicts.map((c) => ({
          code: "station_in_use",
          column: c.code,
          message: `station ${c.code} is not in the file but has ${c.submissions} reports and ${c.visits} visits: keep it in the file, or import without removing missing stations`,
          params: { code: c.code, reports: c.submissions, visits: c.visits },
        })),
      });
      return;
    }
    await store.imports.finish(jobId, {
      status: "succeeded",
      summary: { ...outcome.value, dryRun: job.dryRun } as unknown as Record<string, unknown>,
    });
  } catch (error) {
    await store.imports
      .finish(jobId, {
        status: "failed",
        issues: [{ code: "internal_error", message: `the import failed: ${(error as Error).message}` }],
      })
      .catch(() => {});
  } finally {
    board.done(jobId);
  }
}
