// Runs file jobs (forensics; reading station and roster tables) on one worker thread, started
// on first use and stopped with the server.
// Jobs queue in the worker (one at a time, 2 cores are shared with request handling). If a
// worker cannot start (no tsx loader available), jobs run inline instead: slower for other
// requests, never wrong.
import { Worker } from "node:worker_threads";
import { workerScript } from "../workers/script.ts";
import { type FileJob, type FileJobResult, runFileJob } from "./runner-jobs.ts";

type Pending = { resolve: (r: never) => void; reject: (e: Error) => void };
type WorkerMessage = { ready: true } | { id: number; result: never } | { id: number; error: string };

export class ForensicsRunner {
  private worker: Worker | undefined;
  private ready: Promise<boolean> | undefined;
  private inline = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(options: { useWorker?: boolean } = {}) {
    if (options.useWorker === false) this.inline = true;
  }

  private start(): Promise<boolean> {
    if (this.ready) return this.ready;
    this.ready = new Promise<boolean>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(workerScript("forensics-worker", new URL("./worker-entry.mjs", import.meta.url)));
      } catch {
        resolve(false);
        return;
      }
      this.worker = worker;
      worker.unref();
      let started = false;
      worker.on("message", (message: WorkerMessage) => {
        if ("ready" in message) {
          started = true;
          resolve(true);
          return;
        }
        const job = this.pending.get(message.id);
        if (!job) return;
        this.pending.delete(message.id);
        if ("error" in message) job.reject(new Error(message.error));
        else job.resolve(message.result);
      });
      const fail = (error: Error) => {
        for (const job of this.pending.values()) job.reject(error);
        this.pending.clear();
        this.worker = undefined;
        this.ready = undefined;
        if (!started) resolve(false);
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`forensics worker exited with code ${code}`)));
    });
    return this.ready;
  }

  async run<J extends FileJob>(job: J): Promise<FileJobResult<J>> {
    if (!this.inline && (await this.start()) && this.worker) {
      const worker = this.worker;
      const id = this.nextId++;
      return new Promise<FileJobResult<J>>((resolve, reject) => {
        this.pending.set(id, { resolve: resolve as (r: never) => void, reject });
        // Copied, not transferred: a small Buffer may share Node's pooled ArrayBuffer.
        worker.postMessage({ id, job });
      });
    }
    this.inline = true;
    return runFileJob(job);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }
}
