// The first and last lines of a backup file (`scrutiny export`): what it holds and how many rows
// of each table, so that a restore refuses a file of another schema, or one cut short.
import { z } from "zod";

export const BACKUP_FORMAT = "scrutiny-backup";

export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  /** The newest migration of the database it was taken from (its journal time). */
  schema: z.number().int().nonnegative(),
  election: z.object({ id: z.uuid(), code: z.string().min(1) }),
  createdAt: z.iso.datetime({ offset: true }),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export const BackupFooter = z.object({
  end: z.literal(true),
  rows: z.record(z.string(), z.number().int().nonnegative()),
});
export type BackupFooter = z.infer<typeof BackupFooter>;
