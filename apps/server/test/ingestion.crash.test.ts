import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "@scrutiny/store";
import { describe, expect, inject, it } from "vitest";
import { createScratchDatabase } from "../../../test-support/backends.ts";
import { requirementMissing } from "../../../test-support/requirement.ts";
import { formId, ids, seedSubmissionFixtures } from "./support.ts";

const cliPath = fileURLToPath(new URL("../../cli/bin/scrutiny.js", import.meta.url));

interface Backend {
  name: string;
  flags: string[];
  dispose: () => Promise<void>;
}

async function prepareBackend(name: "pglite" | "postgres"): Promise<Backend> {
  if (name === "pglite") {
    const dataDir = join(mkdtempSync(join(tmpdir(), "scrutiny-crash-")), "data");
    return { name, flags: ["--data-dir", dataDir], dispose: async () => {} };
  }
  const adminUrl = inject("postgresUrl");
  if (adminUrl === null) throw new Error("PostgreSQL unavailable");
  const scratch = await createScratchDatabase(adminUrl);
  return { name, flags: ["--database-url", scratch.url], dispose: scratch.drop };
}

async function seed(flags: string[]): Promise<void> {
  const databaseUrl = flags[0] === "--database-url" ? flags[1] : undefined;
  const dataDir = flags[0] === "--data-dir" ? flags[1] : undefined;
  const opened = await openStore({ databaseUrl, dataDir });
  if (!opened.ok) throw new Error(opened.error.message);
  await seedSubmissionFixtures(opened.value);
  await opened.value.close();
}

/** Starts `scrutiny serve` and resolves with its base URL once it listens. */
function startServer(flags: string[]): Promise<{ child: ChildProcess; baseUrl: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(
      process.execPath,
      [cliPath, "serve", "--no-demo", "--host", "127.0.0.1", "--port", "0", ...flags],
      {
        env,
      },
    );
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      const match = /running on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) resolve({ child, baseUrl: match[1].replace("localhost", "127.0.0.1") });
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before listening: ${output}`)));
  });
}

async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "observer", password: "pw" }),
  });
  const cookie = response.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0] ?? "";
}

for (const backendName of ["pglite", "postgres"] as const) {
  const title = `crash test: every acknowledged submission survives SIGKILL [${backendName}]`;
  if (backendName === "postgres" && inject("postgresUrl") === null) {
    requirementMissing(title, "PostgreSQL is unreachable");
    describe.skip(title, () => {});
    continue;
  }
  describe(title, () => {
    it("keeps every receipt's submission intact after the server is killed mid-load", async () => {
      const backend = await prepareBackend(backendName);
      try {
        await seed(backend.flags);
        const { child, baseUrl } = await startServer(backend.flags);
        const cookie = await signIn(baseUrl);
        const acknowledged = new Map<string, { contentHash: string; votersCounted: number }>();
        let killed = false;
        let sent = 0;
        // Sixteen concurrent senders keep the group commit busy; the kill lands mid-stream.
        const sender = async () => {
          while (!killed) {
            const votersCounted = sent++;
            const id = randomUUID();
            try {
              const response = await fetch(`${baseUrl}/api/v1/submissions`, {
                method: "POST",
                headers: { "content-type": "application/json", cookie },
                body: JSON.stringify({
                  id,
                  formId,
                  formVersion: 1,
                  stationId: ids.station1,
                  phaseCode: "election-day",
                  submittedAt: "2019-11-17T10:00:00Z",
                  answers: {
                    ballot_box_sealed: "yes",
                    voters_counted: votersCounted % 5000,
                    overall_assessment: "good",
                  },
                }),
              });
              if (response.status === 201) {
                const { receipt } = (await response.json()) as { receipt: { contentHash: string } };
                acknowledged.set(id, {
                  contentHash: receipt.contentHash,
                  votersCounted: votersCounted % 5000,
                });
              }
            } catch {
              // The server died under this request: it was never acknowledged.
            }
          }
        };
        const senders = Array.from({ length: 16 }, sender);
        while (acknowledged.size < 300) await new Promise((resolve) => setTimeout(resolve, 10));
        child.kill("SIGKILL");
        await new Promise((resolve) => child.once("exit", resolve));
        killed = true;
        await Promise.all(senders);
        expect(acknowledged.size).toBeGreaterThanOrEqual(300);

        // Restart on the same data: recovery must bring back every acknowledged report, intact.
        const restarted = await startServer(backend.flags);
        restarted.child.kill("SIGTERM");
        await new Promise((resolve) => restarted.child.once("exit", resolve));
        const databaseUrl = backend.flags[0] === "--database-url" ? backend.flags[1] : undefined;
        const dataDir = backend.flags[0] === "--data-dir" ? backend.flags[1] : undefined;
        const opened = await openStore({ databaseUrl, dataDir });
        if (!opened.ok) throw new Error(opened.error.message);
        const store = opened.value;
        try {
          let missing = 0;
          let altered = 0;
          for (const [id, expected] of acknowledged) {
            const row = await store.submissions.get(id);
            if (row === undefined) missing++;
            else if (
              row.contentHash !== expected.contentHash ||
              row.answers["voters_counted"] !== expected.votersCounted
            ) {
              altered++;
            }
          }
          expect({ missing, altered }).toEqual({ missing: 0, altered: 0 });
        } finally {
          await store.close();
        }
      } finally {
        await backend.dispose();
      }
    });
  });
}
