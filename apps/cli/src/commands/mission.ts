// `scrutiny mission`: the missions observing an election (international, domestic, citizen), each
// with its own staff, forms, roster, plans and data.
import { MissionPatch, MissionSetup, type MissionSetupInput } from "@scrutiny/domain";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { refuseSetup } from "./election.ts";
import { electionByCode, missionByCode } from "./import.ts";
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
  /** `update`: the language --name is in (default the mission's first). */
  readonly language?: string;
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

/**
 * A change to a mission from flags, checked by the API's schema: --name sets the name in one
 * language (--language, else the mission's first) and keeps the others.
 */
function patchFromFlags(
  flags: MissionFlags,
  current: { name: Record<string, string>; languages: readonly string[] },
): MissionPatch {
  const languages =
    flags.languages === undefined
      ? undefined
      : flags.languages
          .split(",")
          .map((l) => l.trim())
          .filter((l) => l !== "");
  const language = flags.language ?? languages?.[0] ?? current.languages[0] ?? "en";
  const input = {
    ...(flags.name === undefined ? {} : { name: { ...current.name, [language]: flags.name } }),
    ...(flags.kind === undefined ? {} : { kind: flags.kind }),
    ...(languages === undefined ? {} : { languages }),
  };
  if (Object.keys(input).length === 0)
    throw new CliError("give --file, or one of --name, --kind, --languages");
  const parsed = MissionPatch.safeParse(input);
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues.map((i) => `--${String(i.path[0] ?? "mission")}: ${i.message}`).join("; "),
    );
  return parsed.data;
}

export function registerMission(program: Command): void {
  const command = program
    .command("mission")
    .description("Add, change and list the missions observing an election");

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
      .command("update")
      .description("Rename a mission, change its kind or languages (its code and election stay)")
      .requiredOption("--code <code>", "the mission's code")
      .option("--election <code>", "code of the election, when several have a mission of that code")
      .option("--file <file>", "the changes (.json, .yaml or .yml): name, kind, languages")
      .option("--name <name>", "its new name, in --language (the others are kept)")
      .option("--language <code>", "the language of --name (default: the mission's first)")
      .option("--kind <kind>", "international, domestic or citizen")
      .option("--languages <codes>", "languages it works in, e.g. en,ru"),
  ).action(async (flags: MissionFlags & { readonly code: string; readonly election?: string }) => {
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const found = await missionByCode(store, flags.code, flags.election);
      const [current] = (await store.setup.missions(found.electionId)).filter((m) => m.id === found.id);
      if (current === undefined) throw new CliError(`no mission "${flags.code}"`);
      const patch =
        flags.file === undefined
          ? patchFromFlags(flags, { name: current.name, languages: current.languages ?? [] })
          : readDescribed(flags.file, MissionPatch).value;
      const updated = await store.setup.updateMission(found.id, patch);
      if (updated === undefined) throw new CliError(`no mission "${flags.code}"`);
      process.stdout.write(
        `mission ${updated.code} (${updated.kind}) updated: ${Object.entries(updated.name)
          .map(([l, n]) => `${l}: ${n}`)
          .join(", ")}; languages ${(updated.languages ?? []).join(",")}\n`,
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
