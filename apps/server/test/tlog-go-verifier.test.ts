import { execFile, execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Store } from "@scrutiny/store";
import { ALG_COSIGNATURE_V1, cosign, encodeVerifierKey, generateSignerKey } from "@scrutiny/tlog";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openScratchStore } from "../../../test-support/backends.ts";
import { requirementMissing } from "../../../test-support/requirement.ts";
import { buildServer } from "../src/index.ts";
import { formId, ids, seedSubmissionFixtures, signIn } from "./support.ts";

// An independent implementation checks the served log: Go's sumdb/note and sumdb/tlog (Debian
// golang-go and golang-golang-x-mod-dev), built in GOPATH mode without downloading modules.
const title = "independent verification of the log by Go's sumdb/tlog and sumdb/note";
const goSource = fileURLToPath(new URL("../../../tools/tlog-verify", import.meta.url));
const gocode = "/usr/share/gocode";
const haveGo =
  spawnSync("go", ["version"]).status === 0 &&
  spawnSync("test", ["-d", `${gocode}/src/golang.org/x/mod/sumdb/tlog`]).status === 0;

if (!haveGo) {
  requirementMissing(
    title,
    "go or golang.org/x/mod is not installed (apt-get install golang-go golang-golang-x-mod-dev)",
  );
  describe.skip(title, () => {});
} else {
  describe(title, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: FastifyInstance;
    let baseUrl: string;
    let binary: string;
    const signer = generateSignerKey("go-check.example.test/log");

    beforeAll(async () => {
      const work = mkdtempSync(join(tmpdir(), "scrutiny-go-"));
      binary = join(work, "tlog-verify");
      execFileSync("go", ["build", "-o", binary, "."], {
        cwd: goSource,
        env: {
          ...process.env,
          GO111MODULE: "off",
          GOPATH: `${work}:${gocode}`,
          GOCACHE: join(work, "cache"),
          GOFLAGS: "",
        },
      });
      ({ store, dispose } = await openScratchStore("pglite"));
      await seedSubmissionFixtures(store);
      app = await buildServer({ store, logSigner: signer });
      await app.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.address();
      baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/log`;
      const observer = await signIn(app, "observer");
      // Over 256 entries: a full entry tile, a partial one and a level-1 hash tile.
      for (let batch = 0; batch < 3; batch++) {
        const submissions = Array.from({ length: 110 }, (_, i) => ({
          id: randomUUID(),
          formId,
          formVersion: 1,
          stationId: ids.station1,
          phaseCode: "election-day",
          submittedAt: new Date(Date.UTC(2026, 4, 1, 9, batch, i % 60)).toISOString(),
          answers: { ballot_box_sealed: "yes", voters_counted: batch * 1000 + i, overall_assessment: "good" },
        }));
        const response = await app.inject({
          method: "POST",
          url: "/api/v1/submissions/batch",
          cookies: observer,
          payload: { submissions },
        });
        expect(response.statusCode).toBe(200);
      }
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await dispose?.();
    });

    // Asynchronously: the server answering the Go program runs in this process.
    const goVerify = () =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          binary,
          [baseUrl, encodeVerifierKey(signer), "24"],
          { timeout: 60_000 },
          (error, stdout, stderr) =>
            resolve({
              status: error ? (typeof error.code === "number" ? error.code : null) : 0,
              stdout,
              stderr,
            }),
        );
      });

    it("verifies the signature, recomputes the tree hash from entry tiles and checks sampled inclusion proofs", async () => {
      // A witness's cosignature on the checkpoint must not disturb a verifier that ignores it.
      const witness = generateSignerKey("witness.go.example.test", ALG_COSIGNATURE_V1);
      const note = (await app.inject({ method: "GET", url: "/log/checkpoint" })).body;
      const posted = await app.inject({
        method: "POST",
        url: "/log/cosignatures",
        payload: {
          witnessKey: encodeVerifierKey(witness),
          note: note + cosign(`${note.split("\n\n")[0]}\n`, witness, 1_900_000_000),
        },
      });
      expect(posted.statusCode).toBe(201);
      const run = await goVerify();
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        /^ok: go-check\.example\.test\/log size (\d+) .* 24 inclusion proofs checked; other signatures: witness\.go\.example\.test/,
      );
      const size = Number(/size (\d+)/.exec(run.stdout)?.[1]);
      expect(size).toBeGreaterThan(330);
    });

    it("fails when an entry was changed behind the signature's back", async () => {
      await store.db.execute(sql.raw("update log_entries set body = body || ' ' where index = 5"));
      const run = await goVerify();
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/the entries hash to/);
    });
  });
}
