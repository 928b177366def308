import type { Command } from "commander";
import { describeStorage, openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { withStorageOptions } from "./storage-options.ts";

export function registerMigrate(program: Command): void {
  withStorageOptions(
    program.command("migrate").description("Apply pending database migrations, then exit"),
  ).action(async (flags: StorageFlags) => {
    const store = await openConfiguredStore(resolveStorage(flags));
    process.stdout.write(`migrations applied (${describeStorage(store)})\n`);
    await store.close();
  });
}
