// Worker thread running file jobs one at a time (forensics, and reading station and roster
// tables), so parsing a 100k-station file and fitting the fraud model never block the server's
// event loop. Started by runner.ts via worker-entry.mjs (or its compiled bundle).
import { parentPort } from "node:worker_threads";
import { type FileJob, runFileJob } from "./runner-jobs.ts";

parentPort?.on("message", (message: { id: number; job: FileJob }) => {
  try {
    const result = runFileJob(message.job);
    parentPort?.postMessage({ id: message.id, result });
  } catch (error) {
    parentPort?.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
parentPort?.postMessage({ ready: true });
