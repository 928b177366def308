import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildServer } from "@scrutiny/server";
import type { Store } from "@scrutiny/store";
import { encodeVerifierKey, generateSignerKey } from "@scrutiny/tlog";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openScratchStore } from "../../../test-support/backends.ts";
import { seedSubmissionFixtures } from "../../server/test/support.ts";
import { runCli } from "./run-cli.ts";

describe("scrutiny witness: checks, cosigns and sends; the log shows the cosignature", () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let baseUrl: string;
  const signer = generateSignerKey("witnessed.example.test/log");

  beforeAll(async () => {
    ({ store, dispose } = await openScratchStore("pglite"));
    await seedSubmissionFixtures(store);
    app = await buildServer({ store, logSigner: signer });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/log`;
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it("cosigns a consistent checkpoint, then refuses one that rewrote what it saw", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scrutiny-witness-"));
    const args = [
      "witness",
      baseUrl,
      "--key",
      encodeVerifierKey(signer),
      "--witness-key",
      join(dir, "w.key"),
      "--state",
      join(dir, "state.txt"),
      "--name",
      "press.example.test/witness",
    ];
    const first = await runCli(args);
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(
      /cosigned witnessed\.example\.test\/log at size \d+ as press\.example\.test\/witness/,
    );
    const shown = (await app.inject({ method: "GET", url: "/log/witnesses" })).json();
    expect(shown.witnesses).toEqual([expect.objectContaining({ witnessName: "press.example.test/witness" })]);
    expect((await app.inject({ method: "GET", url: "/log/checkpoint" })).body).toMatch(
      /— press\.example\.test\/witness /,
    );
    // Rewrite the first entry behind the witness's back: it must refuse to cosign.
    await store.db.execute(
      (await import("drizzle-orm")).sql.raw(
        "update log_entries set body = replace(body, '\"index\":0', '\"index\":0 ') where index = 0",
      ),
    );
    const second = await runCli(args);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/not cosigned/);
  });
});
