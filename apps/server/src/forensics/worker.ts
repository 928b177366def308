// Worker thread running forensics jobs one at a time, so parsing a 100k-station file and fitting
// the fraud model never block the server's event loop. Started by runner.ts via worker-entry.mjs.
import { parentPort } from "node:worker_threads";
import { type ForensicsJob, runForensicsJob } from "./compute.ts";

parentPort?.on("message", (message: { id: number; job: ForensicsJob }) => {
  try {
    const result = runForensicsJob(message.job);
    parentPort?.postMessage({ id: message.id, result });
  } catch (error) {
    parentPort?.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
parentPort?.postMessage({ ready: true });
