// Every job the file worker runs, and the one function that runs any of them (in the worker, or
// inline when no worker can start).
import { runTableJob, type TableJob, type TableJobResult } from "../workers/table-jobs.ts";
import { type ForensicsJob, type ForensicsJobResult, runForensicsJob } from "./compute.ts";

export type FileJob = ForensicsJob | TableJob;
export type FileJobResult<J extends FileJob> = J extends TableJob ? TableJobResult : ForensicsJobResult;

const TABLE_KINDS: ReadonlySet<string> = new Set<TableJob["kind"]>(["table-preview", "stations", "roster"]);

const isTableJob = (job: FileJob): job is TableJob => TABLE_KINDS.has(job.kind);

export function runFileJob<J extends FileJob>(job: J): FileJobResult<J> {
  return (isTableJob(job) ? runTableJob(job) : runForensicsJob(job)) as FileJobResult<J>;
}
