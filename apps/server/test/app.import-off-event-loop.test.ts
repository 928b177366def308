// A large station file (50 MB, generated here) is read and parsed on the worker thread, both for
// the upload's preview and for the import job: /health keeps answering quickly meanwhile. No
// absolute time limit (the machine is shared): the longest /health wait during the upload and the
// parse is compared with the parse's own duration, which is how long every request would wait if
// the file were parsed on the event loop (it used to stall /health for 2 s on 50 MB), and it is
// reported beside the longest wait measured before the import, with the event loop idle.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { ids, seedSubmissionFixtures, signIn } from "./support.ts";

const MEGABYTES = 50;

/** About 50 MB of stations; the last line repeats the first code, so the job fails, storing nothing. */
function largeFile(): Buffer {
  const lines = ["Number,Hall,Province,District,Electors,Street"];
  let size = 0;
  for (let i = 0; size < MEGABYTES * 1024 * 1024; i++) {
    const line = `Q${i},Polling hall number ${i} of the district,P${i % 17},D${i % 17}-${i % 13},${300 + (i % 900)},Long street name ${i}`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push("Q0,Again,P0,D0-0,1,Nowhere");
  return Buffer.from(`${lines.join("\n")}\n`);
}

const mapping = {
  code: "Number",
  name: "Hall",
  registeredVoters: "Electors",
  address: "Street",
  areas: [
    { level: "province", code: "Province" },
    { level: "district", code: "District" },
  ],
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnEachBackend("API: large station files are parsed off the event loop", (getStore) => {
  let app: FastifyInstance;
  let coordinator: Record<string, string>;

  beforeAll(async () => {
    await seedSubmissionFixtures(getStore());
    app = await buildServer({ store: getStore(), bodyLimit: 128 * 1024 * 1024 });
    coordinator = await signIn(app, "coordinator");
  });
  afterAll(async () => {
    await app.close();
  });

  /** How long one /health request takes, in ms (it must answer 200). */
  const health = async (): Promise<number> => {
    const started = performance.now();
    const answer = await app.inject({ method: "GET", url: "/health" });
    expect(answer.statusCode).toBe(200);
    return performance.now() - started;
  };

  /** /health every 10 ms until `until()` says stop; the waits measured. */
  const poll = async (until: () => boolean | Promise<boolean>): Promise<number[]> => {
    const waits: number[] = [];
    // The pause also lets the job start: it runs from setImmediate, which in-process requests
    // alone (all promise callbacks) would never let run.
    while (!(await until())) {
      waits.push(await health());
      await pause(10);
    }
    return waits;
  };

  it(`answers /health promptly while a ${MEGABYTES} MB file is uploaded and parsed`, {
    timeout: 600_000,
  }, async () => {
    let idlePolls = 0;
    const idle = await poll(() => idlePolls++ >= 30);
    const file = largeFile();

    let uploadDone = false;
    const uploadStarted = performance.now();
    const uploading = app
      .inject({
        method: "POST",
        url: `/api/v1/elections/${ids.election}/imports/stations/uploads?fileName=big.csv`,
        cookies: coordinator,
        headers: { "content-type": "application/octet-stream" },
        payload: file,
      })
      .finally(() => {
        uploadDone = true;
      });
    const duringUpload = await poll(() => uploadDone);
    const uploaded = await uploading;
    const uploadMs = performance.now() - uploadStarted;
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json().rows).toBeGreaterThan(400_000);

    const started = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/imports/stations`,
      cookies: coordinator,
      payload: { uploadId: uploaded.json().uploadId, mapping },
    });
    expect(started.statusCode).toBe(202);
    const jobUrl = `/api/v1/imports/${started.json().job.id}`;
    const parseStarted = performance.now();
    const finished = async () => {
      const { job } = (await app.inject({ method: "GET", url: jobUrl, cookies: coordinator })).json();
      return job.finishedAt !== null;
    };
    const duringParse = await poll(finished);
    const parseMs = performance.now() - parseStarted;
    const { job } = (await app.inject({ method: "GET", url: jobUrl, cookies: coordinator })).json();
    expect(job.status).toBe("failed");
    expect(job.issues[0]).toMatchObject({ code: "duplicate_code" });

    const longest = (waits: number[]) => Math.max(0, ...waits);
    const report = {
      idleLongestMs: Math.round(longest(idle)),
      uploadMs: Math.round(uploadMs),
      uploadLongestMs: Math.round(longest(duringUpload)),
      uploadAnswers: duringUpload.length,
      parseMs: Math.round(parseMs),
      parseLongestMs: Math.round(longest(duringParse)),
      parseAnswers: duringParse.length,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    // /health kept answering all along, many times, never waiting anywhere near as long as the
    // work took (on the event loop, one request would have waited for about all of it).
    expect(duringUpload.length).toBeGreaterThan(3);
    expect(duringParse.length).toBeGreaterThan(3);
    expect(longest(duringUpload)).toBeLessThan(uploadMs / 4);
    expect(longest(duringParse)).toBeLessThan(parseMs / 4);
  });
});
