import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildServer } from "@scrutiny/server";
import { openStore } from "@scrutiny/store";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createScratchDatabase } from "../../../test-support/backends.ts";
import { requirementMissing } from "../../../test-support/requirement.ts";
import { seedPublishingMissions } from "../../server/test/publication-fixture.ts";
import { seedSubmissionFixtures } from "../../server/test/support.ts";
import { runCli } from "./run-cli.ts";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Replaces text in one file of a package folder; with `fixHash` datapackage.json is updated too. */
function edit(dir: string, name: string, change: (text: string) => string, fixHash: boolean): void {
  const before = readFileSync(join(dir, name));
  const after = Buffer.from(change(before.toString("utf8")));
  expect(after.equals(before)).toBe(false);
  writeFileSync(join(dir, name), after);
  if (fixHash) {
    const descriptor = readFileSync(join(dir, "datapackage.json"), "utf8");
    writeFileSync(join(dir, "datapackage.json"), descriptor.replace(sha256(before), sha256(after)));
  }
}

function copyDir(from: string): string {
  const to = mkdtempSync(join(tmpdir(), "scrutiny-package-"));
  for (const name of readdirSync(from)) writeFileSync(join(to, name), readFileSync(join(from, name)));
  return to;
}

for (const backend of ["pglite", "postgres"] as const) {
  const title = `scrutiny publish and scrutiny recompute [${backend}]`;
  const adminUrl = inject("postgresUrl");
  if (backend === "postgres" && adminUrl === null) {
    requirementMissing(title, "PostgreSQL is unreachable (set TEST_DATABASE_URL)");
    describe.skip(title, () => {});
    continue;
  }
  describe(title, () => {
    const work = mkdtempSync(join(tmpdir(), "scrutiny-publish-"));
    const out = join(work, "package");
    let storage: string[] = [];
    let drop: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      let options: { dataDir: string } | { databaseUrl: string };
      if (backend === "postgres" && adminUrl !== null) {
        const scratch = await createScratchDatabase(adminUrl);
        drop = scratch.drop;
        options = { databaseUrl: scratch.url };
        storage = ["--database-url", scratch.url];
      } else {
        options = { dataDir: join(work, "db") };
        storage = ["--data-dir", join(work, "db")];
      }
      const opened = await openStore(options);
      if (!opened.ok) throw new Error(opened.error.message);
      const store = opened.value;
      await seedSubmissionFixtures(store);
      const app = await buildServer({ store });
      await seedPublishingMissions(store, app);
      await app.close();
      await store.close();
    }, 180_000);
    afterAll(async () => {
      await drop?.();
      rmSync(work, { recursive: true, force: true });
    });

    it("publishes a mission's snapshot into the log and writes its package", async () => {
      const refused = await runCli(["publish", "--mission", "no-such-mission", ...storage]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('no mission "no-such-mission"');
      const run = await runCli([
        "publish",
        "--mission",
        "alpha-watch",
        "--title",
        "Interim",
        "--forensics",
        "official",
        "--out",
        out,
        ...storage,
      ]);
      expect(run.code, run.stderr).toBe(0);
      // 11 files of the snapshot, 4 of the forensics of the election's official results.
      expect(run.stdout).toMatch(
        /^published [0-9a-f-]{36}: 15 files, datapackage\.json sha256 [0-9a-f]{64}, log entry \d+$/m,
      );
      expect(readFileSync(join(out, "forensics-1.json"), "utf8")).toContain('"kind":"scrutiny.forensics"');
      const badSource = await runCli([
        "publish",
        "--mission",
        "alpha-watch",
        "--forensics",
        "nowhere",
        ...storage,
      ]);
      expect(badSource.code).toBe(1);
      expect(badSource.stderr).toContain("--forensics nowhere");
      const hash = /sha256 ([0-9a-f]{64})/.exec(run.stdout)?.[1];
      expect(sha256(readFileSync(join(out, "datapackage.json")))).toBe(hash);
      const verified = await runCli(["verify", ...storage]);
      expect(verified.code, verified.stdout).toBe(0);
      expect(verified.stdout).toContain("ok: the log is intact");
    }, 180_000);

    it("recomputes an intact package, folder or zip, to every published figure exactly", async () => {
      const folder = await runCli(["recompute", out]);
      expect(folder.code, folder.stdout + folder.stderr).toBe(0);
      expect(folder.stdout).toMatch(
        /^ok: \d+ figures recomputed from the package's files, every one equal$/m,
      );
      const zip = join(work, "package.zip");
      const entries = Object.fromEntries(
        readdirSync(out).map((name) => [
          `publication/${name}`,
          new Uint8Array(readFileSync(join(out, name))),
        ]),
      );
      writeFileSync(zip, zipSync(entries));
      const zipped = await runCli(["recompute", zip]);
      expect(zipped.code, zipped.stderr).toBe(0);
      expect(zipped.stdout).toBe(folder.stdout);
    }, 120_000);

    it("catches an edited answer even when its hash was updated, and names the figure", async () => {
      const dir = copyDir(out);
      // One sealed box becomes unsealed: alpha-watch published 8 of 24.
      edit(
        dir,
        "reports.csv",
        (text) => text.replace(/,voting,1,accepted,yes,/, ",voting,1,accepted,no,"),
        true,
      );
      const run = await runCli(["recompute", dir]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        "figure differs: estimates.csv box-unsealed / overall / all / numerator: published 8, recomputed 9",
      );
      expect(run.stdout).not.toContain("hash mismatch");
      expect(run.stderr).toMatch(/\d+ of \d+ figures differ, 0 files do not match their hashes/);
    }, 120_000);

    it("names a file whose bytes no longer match datapackage.json", async () => {
      const dir = copyDir(out);
      edit(dir, "methods.md", (text) => `${text}\nAn added sentence.\n`, false);
      const run = await runCli(["recompute", dir]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        "hash mismatch: methods.md: its SHA-256 is not the one datapackage.json declares",
      );
    }, 120_000);
  });
}
