#!/usr/bin/env node
// Entry point for `npx scrutiny`. After `npm run build` it runs the compiled JavaScript
// (apps/cli/dist, no dev dependency needed); without a build, or with SCRUTINY_SOURCE=1 (the
// tests set it, so they never run a stale build), it runs the TypeScript sources through tsx.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/scrutiny.js", import.meta.url);
let main;
if (process.env.SCRUTINY_SOURCE !== "1" && existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  let register;
  try {
    ({ register } = await import("tsx/esm/api"));
  } catch {
    process.stderr.write("scrutiny: not built and tsx is not installed: run `npm run build` first\n");
    process.exit(1);
  }
  register();
  ({ main } = await import("../src/main.ts"));
}
process.exitCode = await main(process.argv);
