// PostgreSQL crashes (immediate shutdown: no checkpoint, recovery from WAL on start) while a
// server takes a stream of reports, then comes back: every acknowledged report is stored intact,
// and the same server process takes reports again without a restart of its own. The cluster
// is the test's own (initdb in a temporary directory, a random port in 5500-5599).
import { openStore } from "@scrutiny/store";
import { describe, expect, it } from "vitest";
import { requirementMissing } from "../../../test-support/requirement.ts";
import {
  createThrowawayPostgres,
  throwawayPostgresAvailable,
} from "../../../test-support/throwaway-postgres.ts";
import { lostOrAltered, ReportStream, signIn, startServer, stopServer } from "./crash-support.ts";
import { seedSubmissionFixtures } from "./support.ts";

const title = "PostgreSQL crash and restart under load";
if (!throwawayPostgresAvailable()) {
  requirementMissing(title, "no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql");
  describe.skip(title, () => {});
} else {
  describe(title, () => {
    // About 15 s on an idle machine; the timeout only guards against a hang.
    it("loses no acknowledged report when the database crashes, and serves again after", {
      timeout: 120_000,
    }, async () => {
      const cluster = createThrowawayPostgres();
      try {
        cluster.start();
        const seeded = await openStore({ databaseUrl: cluster.url });
        if (!seeded.ok) throw new Error(seeded.error.message);
        await seedSubmissionFixtures(seeded.value);
        await seeded.value.close();

        const { child, baseUrl, output } = await startServer(["--database-url", cluster.url]);
        try {
          const stream = new ReportStream(baseUrl, await signIn(baseUrl));
          await stream.until(200);
          cluster.crash();
          const atCrash = stream.acknowledged.size;
          const failuresAtCrash = stream.failures;
          // While the database is down, reports fail (never acknowledged) and the server lives.
          while (stream.failures < failuresAtCrash + 20) await new Promise((r) => setTimeout(r, 20));
          expect(child.exitCode, output()).toBeNull();
          cluster.start();
          await stream.until(atCrash + 200);
          await stream.stop();

          const opened = await openStore({ databaseUrl: cluster.url, migrate: false });
          if (!opened.ok) throw new Error(opened.error.message);
          try {
            expect(await lostOrAltered(opened.value, stream.acknowledged)).toEqual({
              missing: 0,
              altered: 0,
            });
          } finally {
            await opened.value.close();
          }
        } finally {
          await stopServer(child);
        }
      } finally {
        cluster.destroy();
      }
    });
  });
}
