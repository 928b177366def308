// `scrutiny attachments sweep`: removes what uploads left behind that no report will ever read -
// attachments no stored report or revision refers to, and the chunks of uploads that never
// finished - once older than a grace period (observers upload a photo just before its report;
// a phone that sends it again restarts the wait). Run it from cron or by hand; --dry-run counts.
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { describeStorage, openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { withStorageOptions } from "./storage-options.ts";

const DAY_MS = 86_400_000;

export function registerAttachments(program: Command): void {
  const attachments = program.command("attachments").description("Attachments (photos, recordings, files)");
  withStorageOptions(
    attachments
      .command("sweep")
      .description(
        "Remove attachments no report refers to and uploads that never finished, older than the grace period",
      )
      .option("--older-than <days>", "grace period in days since the last upload", "7")
      .option("--dry-run", "count what would be removed, remove nothing"),
  ).action(async (flags: StorageFlags & { olderThan: string; dryRun?: boolean }) => {
    const days = Number(flags.olderThan);
    if (!Number.isFinite(days) || days < 1)
      throw new CliError(`--older-than: '${flags.olderThan}' is not a number of days of at least 1`);
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const swept = await store.attachments.sweep({
        before: new Date(Date.now() - days * DAY_MS),
        dryRun: flags.dryRun === true,
      });
      const verb = flags.dryRun === true ? "would remove" : "removed";
      process.stdout.write(
        `${verb} ${swept.unreferenced} attachment(s) no report refers to (${swept.unreferencedBytes} bytes) and ` +
          `${swept.abandonedUploads} unfinished upload(s) (${swept.abandonedBytes} bytes), older than ${days} day(s) (${describeStorage(store)})\n`,
      );
    } finally {
      await store.close();
    }
  });
}
