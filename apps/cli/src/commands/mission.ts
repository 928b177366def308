// `scrutiny mission`: the missions observing an election (international, domestic, citizen), each
// with its own staff, forms, roster, plans and data.
import { MissionSetup, type MissionSetupInput } from "@scrutiny/domain";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { refuseSetup } from "./election.ts";
import { electionByCode } from "./import.ts";
import { readDescribed } from "./input-files.ts";
import { withStorageOptions } from "./storage-options.ts";

interface MissionFlags extends StorageFlags {
  readonly election: string;
  readonly file?: string;
  readonly code?: string;
  readonly name?: string;
  readonly kind?: string;
  readonly languages?: string;
  readonly design?: string;
}

/** The mission from flags, checked by the API's schema. */
function fromFlags(flags: MissionFlags): MissionSetup {
  if (flags.code === undefined || flags.name === undefined || flags.kind === undefined)
    throw new CliError("give --file, or --code, --name and --kind");
  const languages = (flags.languages ?? "en")
    .split(",")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const input: MissionSetupInput = {
    code: flags.code,
    name: { [languages[0] ?? "en"]: flags.name },
    kind: flags.kind as MissionSetupInput["kind"],
    languages,
    ...(flags.design === undefined ? {} : { design: flags.design as MissionSetupInput["design"] }),
  };
  const parsed = MissionSetup.safeParse(input);
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues.map((i) => `--${String(i.path[0] ?? "mission")}: ${i.message}`).join("; "),
    );
  return parsed.data;
}

export function registerMission(program: Command): void {
  const command = program.command("mission").description("Add and list the missions observing an election");

  withStorageOptions(
    command
      .command("create")
      .description("Add a mission to an election, from flags or from a file (JSON or YAML)")
      .requiredOption("--election <code>", "code of the election")
      .option("--file <file>", "mission description (.json, .yaml or .yml): code, name, kind, languages")
      .option("--code <code>", "the mission's code, unique in the election")
      .option("--name <name>", "its name, in its first language")
      .option("--kind <kind>", "international, domestic or citizen")
      .option("--languages <codes>", "languages it works in, e.g. en,ru (default en)")
      .option("--design <design>", "simple_random, stratified or convenience (plans set it when confirmed)"),
  ).action(async (flags: MissionFlags) => {
    const read = flags.file === undefined ? undefined : readDescribed(flags.file, MissionSetup);
    const setup = read?.value ?? fromFlags(flags);
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const electionId = await electionByCode(store, flags.election);
      const created = await store.setup.createMission(electionId, setup);
      if (!created.ok) {
        if (read !== undefined && flags.file !== undefined) refuseSetup(flags.file, read, created.error);
        throw new CliError(
          `${created.error.code === "invalid" ? "invalid mission" : created.error.message}; nothing was stored`,
        );
      }
      process.stdout.write(
        `mission ${setup.code} (${setup.kind}) added to ${flags.election} (${created.value.id})\n` +
          `next: scrutiny import observers FILE --mission ${setup.code} --election ${flags.election}\n`,
      );
    } finally {
      await store.close();
    }
  });

  withStorageOptions(
    command
      .command("list")
      .description("List the missions of an election")
      .requiredOption("--election <code>", "code of the election"),
  ).action(async (flags: MissionFlags) => {
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const missions = await store.setup.missions(await electionByCode(store, flags.election));
      if (missions.length === 0) process.stdout.write("no missions yet: scrutiny mission create\n");
      for (const m of missions)
        process.stdout.write(
          `${m.code}\t${m.kind}\t${m.design}\t${(m.languages ?? []).join(",")}\t${Object.values(m.name)[0] ?? ""}\n`,
        );
    } finally {
      await store.close();
    }
  });
}
