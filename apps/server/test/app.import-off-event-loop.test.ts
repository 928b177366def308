// A large station file is read and parsed on the worker thread: /health keeps answering while
// the import job is still parsing it (no timing limit: only that an answer comes in between).
// 8 MB keeps the test short on a shared machine; on the event loop such a file used to stall
// every request for about half a second (50 MB for 2 s).
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { ids, seedSubmissionFixtures, signIn } from "./support.ts";

/** About 8 MB of stations; the last line repeats the first code, so the job fails, storing nothing. */
function largeFile(): Buffer {
  const lines = ["Number,Hall,Province,District,Electors,Street"];
  let size = 0;
  for (let i = 0; size < 8 * 1024 * 1024; i++) {
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

describeOnEachBackend("API: large station files are parsed off the event loop", (getStore) => {
  let app: FastifyInstance;
  let coordinator: Record<string, string>;

  beforeAll(async () => {
    await seedSubmissionFixtures(getStore());
    app = await buildServer({ store: getStore(), bodyLimit: 64 * 1024 * 1024 });
    coordinator = await signIn(app, "coordinator");
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers /health while an 8 MB import is being parsed", { timeout: 300_000 }, async () => {
    const uploaded = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/imports/stations/uploads?fileName=big.csv`,
      cookies: coordinator,
      headers: { "content-type": "application/octet-stream" },
      payload: largeFile(),
    });
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json().rows).toBeGreaterThan(60_000);
    const started = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/imports/stations`,
      cookies: coordinator,
      payload: { uploadId: uploaded.json().uploadId, mapping },
    });
    expect(started.statusCode).toBe(202);
    const jobUrl = `/api/v1/imports/${started.json().job.id}`;
    const stage = async () => {
      const { job } = (await app.inject({ method: "GET", url: jobUrl, cookies: coordinator })).json();
      return job.finishedAt === null ? (job.stage as string) : "finished";
    };
    let answeredWhileParsing = 0;
    for (;;) {
      const before = await stage();
      if (before === "finished") break;
      const health = await app.inject({ method: "GET", url: "/health" });
      expect(health.statusCode).toBe(200);
      if (before === "parsing" && (await stage()) === "parsing") answeredWhileParsing++;
      // A pause between polls: the job starts from setImmediate, which in-process requests alone
      // (all promise callbacks) would never let run.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(answeredWhileParsing).toBeGreaterThan(0);
    const { job } = (await app.inject({ method: "GET", url: jobUrl, cookies: coordinator })).json();
    expect(job.status).toBe("failed");
    expect(job.issues[0]).toMatchObject({ code: "duplicate_code" });
  });
});
