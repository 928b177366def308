import { defineConfig } from "vitest/config";

// One runner for every package. Storage suites open one database per worker
// (PGlite creation costs seconds), so files run in forked workers.
export default defineConfig({
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "apps/*/test/**/*.test.ts",
      "fixtures/test/**/*.test.ts",
      "e2e/**/*.test.ts",
    ],
    globalSetup: ["./test-support/global-setup.ts"],
    pool: "forks",
    // A worker keeps its imported modules from one file to the next: importing the server, the
    // store and PGlite again for every file cost about a sixth of the run. Files share no state
    // through modules (each opens and disposes its own stores and servers); stubbed globals are
    // restored after each test.
    isolate: false,
    unstubGlobals: true,
    // Vitest's default is one worker per core less one: a single worker on a 2-core CI machine.
    // Most files wait on PostgreSQL, Chromium or a child server rather than compute, so two
    // workers halve the run without starving them.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
    // CLI processes the tests start run the build the global set-up makes at the start of the run
    // (never a stale one), and servers they start log warnings and errors only.
    // Every answer of a server built in a test is checked against its route's declared schema.
    // Uploads start no background fingerprint refits (minutes of CPU each, competing with every
    // other test): the tests of the refits ask for a few explicitly.
    env: {
      SCRUTINY_LOG_LEVEL: "warn",
      SCRUTINY_CHECK_RESPONSES: "1",
      SCRUTINY_FINGERPRINT_BOOTSTRAP: "0",
      SCRUTINY_FINGERPRINT_NULL_REPLICATES: "0",
    },
  },
});
