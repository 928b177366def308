// `scrutiny export --election CODE --file backup.ndjson.gz` writes one election, whole, to one
// file; `scrutiny import backup FILE` restores it into an empty database (PGlite or PostgreSQL).
// The file is NDJSON, gzip-compressed when its name ends in .gz: a header line, one line per row
// (table by table, in an order that restores without breaking a foreign key), a footer with the
// row counts. It holds password hashes and API token hashes: keep it as safe as the database.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { access, rename, rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { BACKUP_FORMAT, BackupFooter, BackupHeader } from "@scrutiny/domain";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { describeStorage, openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { withStorageOptions } from "./storage-options.ts";

interface ExportFlags extends StorageFlags {
  readonly election: string;
  readonly file: string;
}

const compressed = (file: string) => file.endsWith(".gz");

export function registerExport(program: Command): void {
  withStorageOptions(
    program
      .command("export")
      .description(
        "Write one election, whole (missions, roster, plans, forms, reports, results), to a backup file",
      )
      .requiredOption("--election <code>", "the election's code")
      .requiredOption("--file <file>", "backup file to write (.ndjson, or .ndjson.gz compressed)"),
  ).action(async (flags: ExportFlags) => {
    const store = await openConfiguredStore(resolveStorage(flags));
    // Written beside the target and renamed at the end: a failed export leaves no partial file.
    const partial = `${flags.file}.partial`;
    try {
      const electionId = await store.backup.electionId(flags.election);
      if (electionId === undefined) throw new CliError(`no election with code ${flags.election}`);
      const file = createWriteStream(partial);
      const gzip = compressed(flags.file) ? createGzip() : undefined;
      const out: Writable = gzip ?? file;
      const done = gzip ? pipeline(gzip, file) : once(file, "finish");
      const write = async (line: string) => {
        if (!out.write(`${line}\n`)) await once(out, "drain");
      };
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: 1,
        schema: await store.backup.schemaVersion(),
        election: { id: electionId, code: flags.election },
        createdAt: new Date().toISOString(),
      };
      await write(JSON.stringify(header));
      const summary = await store.backup.export(electionId, write);
      const footer: BackupFooter = { end: true, rows: summary.rows };
      await write(JSON.stringify(footer));
      out.end();
      await done;
      await rename(partial, flags.file);
      const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      process.stdout.write(
        `exported election ${flags.election} from ${describeStorage(store)}: ${total} rows to ${flags.file}\n`,
      );
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    } finally {
      await store.close();
    }
  });
}

/** `import backup FILE`, registered under the `import` command. */
export function registerBackupImport(importCommand: Command): void {
  withStorageOptions(
    importCommand
      .command("backup")
      .description("Restore a backup written by `scrutiny export` into an empty database")
      .argument("<file>", "backup file (.ndjson or .ndjson.gz)"),
  ).action(async (file: string, flags: StorageFlags) => {
    try {
      await access(file);
    } catch {
      throw new CliError(`cannot read ${file}`);
    }
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const schema = await store.backup.schemaVersion();
      let header: BackupHeader | undefined;
      let footer: BackupFooter | undefined;
      // The file is opened when the restore first asks for a row: a line reader emits from the
      // start, and lines emitted while nothing iterates would be lost.
      async function* rows(): AsyncGenerator<string> {
        try {
          const input: Readable = createReadStream(file);
          const lines = createInterface({
            input: compressed(file) ? input.pipe(createGunzip()) : input,
            crlfDelay: Number.POSITIVE_INFINITY,
          });
          input.once("error", (error) => lines.emit("error", error));
          for await (const line of lines) {
            if (header === undefined) {
              header = parseLine(BackupHeader, line, `${file} is not a Scrutiny backup`);
              if (header.schema !== schema)
                throw new CliError(
                  `${file} was written by a database at schema ${header.schema}, this one is at ${schema}: restore with the same version of Scrutiny`,
                );
              continue;
            }
            if (footer !== undefined) throw new CliError(`${file} has lines after its end`);
            if (line.startsWith('{"end"')) {
              footer = parseLine(BackupFooter, line, `${file} has an invalid last line`);
              continue;
            }
            yield line;
          }
        } catch (error) {
          if (error instanceof CliError) throw error;
          throw new CliError(
            `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          );
        }
      }
      const restored = await store.backup.restore(rows(), (summary) => {
        if (footer === undefined) return `${file} is cut short (no last line): nothing restored`;
        for (const [table, n] of Object.entries(footer.rows))
          if ((summary.rows[table] ?? 0) !== n)
            return `${file} lists ${n} rows of ${table}, ${summary.rows[table] ?? 0} were read: nothing restored`;
        return undefined;
      });
      if (!restored.ok) throw new CliError(restored.error.message);
      const total = Object.values(restored.summary.rows).reduce((a, b) => a + b, 0);
      process.stdout.write(
        `restored election ${header?.election.code}: ${total} rows into ${describeStorage(store)}\n`,
      );
    } finally {
      await store.close();
    }
  });
}

function parseLine<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
  line: string,
  message: string,
): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CliError(message);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CliError(message);
  return parsed.data;
}
