import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { describeStorage, openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { DEMO_SEED, loadDemo } from "../demo/load-demo.ts";
import { withStorageOptions } from "./storage-options.ts";

interface DemoFlags extends StorageFlags {
  readonly seed: string;
  readonly groundTruth?: string;
}

export function registerDemo(program: Command): void {
  withStorageOptions(
    program
      .command("demo")
      .description("Load the seeded demo election (110 constituencies, ~5,800 stations, three missions)")
      .option("--seed <n>", "seed of the generator; the same seed gives the same election", String(DEMO_SEED))
      .option(
        "--ground-truth <file>",
        "also write the hidden ground truth (for checking analyses) to this JSON file",
      ),
  ).action(async (flags: DemoFlags) => {
    const seed = Number(flags.seed);
    if (!Number.isSafeInteger(seed)) throw new CliError(`invalid seed "${flags.seed}": use a whole number`);
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      if ((await store.elections.list()).length > 0) {
        throw new CliError(
          `the database (${describeStorage(store)}) already holds an election; use an empty one`,
        );
      }
      const loaded = await loadDemo(store, { seed, log: (line) => process.stdout.write(`${line}\n`) });
      process.stdout.write(
        `demo election loaded in ${(loaded.milliseconds / 1000).toFixed(1)} s (${describeStorage(store)})\n`,
      );
      if (flags.groundTruth) {
        writeFileSync(flags.groundTruth, `${JSON.stringify(loaded.demo.groundTruth, null, 1)}\n`);
        process.stdout.write(`ground truth written to ${flags.groundTruth}\n`);
      }
    } finally {
      await store.close();
    }
  });
}
