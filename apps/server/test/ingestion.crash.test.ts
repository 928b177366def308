import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "@scrutiny/store";
import { describe, expect, inject, it } from "vitest";
import { createScratchDatabase } from "../../../test-support/backends.ts";
import { requirementMissing } from "../../../test-support/requirement.ts";
import { lostOrAltered, ReportStream, signIn, startServer, stopServer } from "./crash-support.ts";
import { seedSubmissionFixtures } from "./support.ts";

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

function openFlags(flags: string[]) {
  const databaseUrl = flags[0] === "--database-url" ? flags[1] : undefined;
  const dataDir = flags[0] === "--data-dir" ? flags[1] : undefined;
  return openStore({ databaseUrl, dataDir });
}

for (const backendName of ["pglite", "postgres"] as const) {
  const title = `crash test: every acknowledged submission survives SIGKILL [${backendName}]`;
  if (backendName === "postgres" && inject("postgresUrl") === null) {
    requirementMissing(title, "PostgreSQL is unreachable");
    describe.skip(title, () => {});
    continue;
  }
  describe(title, () => {
    // Well under a minute on an idle machine; the timeout only guards against a hang.
    it("keeps every receipt's submission intact after the server is killed mid-load", {
      timeout: 180_000,
    }, async () => {
      const backend = await prepareBackend(backendName);
      try {
        const seeded = await openFlags(backend.flags);
        if (!seeded.ok) throw new Error(seeded.error.message);
        await seedSubmissionFixtures(seeded.value);
        await seeded.value.close();

        const { child, baseUrl } = await startServer(backend.flags);
        // Sixteen concurrent senders keep the group commit busy; the kill lands mid-stream.
        const stream = new ReportStream(baseUrl, await signIn(baseUrl));
        await stream.until(300);
        await stopServer(child, "SIGKILL");
        await stream.stop();
        expect(stream.acknowledged.size).toBeGreaterThanOrEqual(300);

        // Restart on the same data: recovery must bring back every acknowledged report, intact.
        const restarted = await startServer(backend.flags);
        await stopServer(restarted.child);
        const opened = await openFlags(backend.flags);
        if (!opened.ok) throw new Error(opened.error.message);
        try {
          expect(await lostOrAltered(opened.value, stream.acknowledged)).toEqual({ missing: 0, altered: 0 });
        } finally {
          await opened.value.close();
        }
      } finally {
        await backend.dispose();
      }
    });
  });
}
