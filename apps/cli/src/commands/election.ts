// `scrutiny election`: an election described in one file (JSON or YAML), created, changed and
// exported in that same shape, so that a set-up can be kept, reviewed and repeated.
import { writeFileSync } from "node:fs";
import { ElectionSetup, formatDescribed, formatOfFileName } from "@scrutiny/domain";
import type { SetupConflict, Store } from "@scrutiny/store";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { electionByCode } from "./import.ts";
import { readDescribed, refuseDescribed } from "./input-files.ts";
import { withStorageOptions } from "./storage-options.ts";

interface FileFlags extends StorageFlags {
  readonly file: string;
}

interface ExportFlags extends StorageFlags {
  readonly file?: string;
  readonly format?: string;
}

async function withStore<T>(flags: StorageFlags, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(resolveStorage(flags));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Says why the store refused a described file, located in it where it can be. */
export function refuseSetup(
  file: string,
  read: { text: string; format: "json" | "yaml" },
  conflict: SetupConflict,
): never {
  if (conflict.code === "invalid") refuseDescribed(file, read.text, read.format, conflict.issues);
  throw new CliError(`${conflict.message}; nothing was stored`);
}

function summary(setup: ElectionSetup): string {
  const entries = setup.contests.reduce((sum, c) => sum + c.entries.length, 0);
  return `${setup.phases.length} phases, ${setup.contests.length} contests with ${entries} candidates or parties, time zone ${setup.timeZone}`;
}

export function registerElection(program: Command): void {
  const command = program
    .command("election")
    .description("Set up an election from its description (JSON or YAML), change it, export it");

  withStorageOptions(
    command
      .command("create")
      .description(
        "Create an election from a file: name, country, date, time zone, languages, phases, contests",
      )
      .requiredOption("--file <file>", "election description (.json, .yaml or .yml)"),
  ).action(async (flags: FileFlags) => {
    const read = readDescribed(flags.file, ElectionSetup);
    await withStore(flags, async (store) => {
      const created = await store.setup.create(read.value);
      if (!created.ok) refuseSetup(flags.file, read, created.error);
      process.stdout.write(
        `election ${read.value.code} created (${created.value.id}): ${summary(read.value)}\n` +
          `next: scrutiny import stations FILE --election ${read.value.code}\n`,
      );
    });
  });

  withStorageOptions(
    command
      .command("update")
      .description(
        "Change an election to what its file says (found by its code); contests are matched by code",
      )
      .requiredOption("--file <file>", "election description (.json, .yaml or .yml)"),
  ).action(async (flags: FileFlags) => {
    const read = readDescribed(flags.file, ElectionSetup);
    await withStore(flags, async (store) => {
      const electionId = await electionByCode(store, read.value.code);
      const updated = await store.setup.update(electionId, read.value);
      if (!updated.ok) refuseSetup(flags.file, read, updated.error);
      process.stdout.write(`election ${read.value.code} updated: ${summary(read.value)}\n`);
    });
  });

  withStorageOptions(
    command
      .command("export")
      .description("Write an election's description in the format `election create` reads")
      .argument("<code>", "code of the election")
      .option("--file <file>", "write here (.json, .yaml or .yml); default: JSON on standard output")
      .option("--format <format>", "json or yaml (default: from the file name, else json)"),
  ).action(async (code: string, flags: ExportFlags) => {
    const format =
      flags.format === undefined
        ? flags.file === undefined
          ? "json"
          : formatOfFileName(flags.file)
        : flags.format === "json" || flags.format === "yaml"
          ? flags.format
          : undefined;
    if (format === undefined)
      throw new CliError(
        flags.format === undefined
          ? `${flags.file}: name a .json, .yaml or .yml file, or give --format`
          : `invalid --format "${flags.format}": use json or yaml`,
      );
    await withStore(flags, async (store) => {
      const setup = await store.setup.read(await electionByCode(store, code));
      if (setup === undefined) throw new CliError(`no election "${code}"`);
      const text = formatDescribed(setup, format);
      if (flags.file === undefined) process.stdout.write(text);
      else {
        writeFileSync(flags.file, text);
        process.stderr.write(`election ${code} written to ${flags.file}\n`);
      }
    });
  });

  withStorageOptions(command.command("list").description("List the elections on this server")).action(
    async (flags: StorageFlags) => {
      await withStore(flags, async (store) => {
        const list = await store.elections.list();
        if (list.length === 0)
          process.stdout.write("no elections yet: scrutiny election create --file FILE\n");
        for (const e of list)
          process.stdout.write(
            `${e.code}\t${e.electionDate}\t${e.timeZone}\t${Object.values(e.name)[0] ?? ""}\n`,
          );
      });
    },
  );
}
