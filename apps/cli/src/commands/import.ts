import {
  CountryCallingCode,
  parseRoster,
  parseStations,
  RosterMapping,
  readTable,
  StationMapping,
  suggestRosterMapping,
  suggestStationMapping,
} from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { describeStorage, openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { registerBackupImport } from "./backup.ts";
import { readBytes, readJson, refuse } from "./input-files.ts";
import { ProgressBar } from "./progress.ts";
import { withStorageOptions } from "./storage-options.ts";

interface StationFlags extends StorageFlags {
  readonly election: string;
  readonly mapping?: string;
  readonly keepMissing?: boolean;
  readonly removeMissing?: boolean;
  readonly confirmRemovals?: string;
  readonly dryRun?: boolean;
}

interface ObserverFlags extends StorageFlags {
  readonly mission: string;
  readonly election?: string;
  readonly mapping?: string;
  readonly countryCode?: string;
}

export async function electionByCode(store: Store, code: string): Promise<string> {
  const election = await store.elections.findByCode(code);
  if (election === undefined) {
    const known = (await store.elections.list()).map((e) => e.code).join(", ") || "none";
    throw new CliError(`no election "${code}" (elections: ${known})`);
  }
  return election.id;
}

export async function missionByCode(
  store: Store,
  code: string,
  electionCode: string | undefined,
): Promise<{ id: string; electionId: string }> {
  const electionId = electionCode === undefined ? null : await electionByCode(store, electionCode);
  const found = await store.deployment.missionByCode(electionId, code);
  const [mission] = found;
  if (mission === undefined) throw new CliError(`no mission "${code}"`);
  if (found.length > 1)
    throw new CliError(`several elections have a mission "${code}": name one with --election`);
  return mission;
}

function removeMissingOf(flags: StationFlags): boolean {
  if (flags.removeMissing && flags.keepMissing)
    throw new CliError("give --remove-missing or --keep-missing, not both");
  return flags.removeMissing ?? false;
}

function countOf(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0)
    throw new CliError(`--confirm-removals wants a whole number, not "${value}"`);
  return count;
}

export function registerImport(program: Command): void {
  const command = program
    .command("import")
    .description("Import areas and polling stations, a mission's observers, or a backup");
  registerBackupImport(command);

  withStorageOptions(
    command
      .command("stations")
      .description(
        "Import areas and polling stations from CSV or XLSX; re-import updates by station code (all or nothing)",
      )
      .argument("<file>", "CSV (comma, semicolon or tab; UTF-8 or Windows-1251) or XLSX file")
      .requiredOption("--election <code>", "code of the election")
      .option("--mapping <file>", "JSON column mapping; default: suggested from the header (printed)")
      .option("--keep-missing", "keep stations the file does not list (the default)")
      .option("--remove-missing", "remove stations the file does not list (needs --confirm-removals)")
      .option(
        "--confirm-removals <count>",
        "with --remove-missing: how many removals you agree to (see --dry-run)",
      )
      .option("--dry-run", "go through the whole import and report what it would do; write nothing"),
  ).action(async (file: string, flags: StationFlags) => {
    const bytes = readBytes(file);
    const progress = new ProgressBar(process.stderr);
    progress.update("reading", 0, 0);
    const table = readTable(bytes);
    if (!table.ok) {
      progress.clear();
      refuse(file, table.error);
    }
    let mapping: unknown;
    if (flags.mapping) mapping = readJson(flags.mapping);
    else {
      mapping = suggestStationMapping(table.value.header);
      progress.clear();
      process.stderr.write(
        `mapping suggested from the header (save and edit it for --mapping):\n${JSON.stringify(mapping)}\n`,
      );
    }
    const checked = StationMapping.safeParse(mapping);
    if (!checked.success)
      throw new CliError(
        `invalid mapping: ${checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    progress.update("parsing", 0, table.value.rows.length);
    const parsed = parseStations(table.value, checked.data);
    if (!parsed.ok) {
      progress.clear();
      refuse(file, parsed.error);
    }
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const electionId = await electionByCode(store, flags.election);
      const started = performance.now();
      const outcome = await store.stationImports.apply(electionId, parsed.value, {
        removeMissing: removeMissingOf(flags),
        ...(flags.confirmRemovals === undefined ? {} : { confirmRemovals: countOf(flags.confirmRemovals) }),
        dryRun: flags.dryRun ?? false,
        onProgress: (p) => progress.update(p.stage, p.processed, p.total),
      });
      progress.clear();
      if (!outcome.ok) {
        if (outcome.error.code === "removal_unconfirmed") {
          const { removals, removedCodes } = outcome.error;
          throw new CliError(
            `this would remove ${removals.toLocaleString("en")} stations the file does not list (${removedCodes.slice(0, 10).join(", ")}${removals > 10 ? ", ..." : ""}); nothing was imported. To remove them, run again with --remove-missing --confirm-removals ${removals}`,
          );
        }

        for (const c of outcome.error.conflicts)
          process.stderr.write(
            `station ${c.code} is not in the file but has ${c.submissions} reports and ${c.visits} visits\n`,
          );
        throw new CliError(
          "stations with reports or visits cannot be removed: keep them in the file, or import without --remove-missing",
        );
      }
      const seconds = (performance.now() - started) / 1000;
      const s = outcome.value.stations;
      const rows = parsed.value.stations.length;
      process.stdout.write(
        `${[
          `${flags.dryRun ? "would import" : "imported"} ${rows.toLocaleString("en")} stations in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString("en")} rows/s, ${describeStorage(store)})`,
          `stations: ${s.added} added, ${s.changed} changed, ${s.removed} removed, ${s.unchanged} unchanged, ${s.kept} not in the file kept`,
          `areas: ${outcome.value.areas.added} added, ${outcome.value.areas.changed} changed`,
          ...(outcome.value.addedCodes.length > 0 ? [`added: ${outcome.value.addedCodes.join(", ")}`] : []),
          ...outcome.value.changedStations.map((c) => `changed ${c.code}: ${c.fields.join(", ")}`),
          ...(outcome.value.removedCodes.length > 0
            ? [`removed: ${outcome.value.removedCodes.join(", ")}`]
            : []),
        ].join("\n")}\n`,
      );
    } finally {
      await store.close();
    }
  });

  withStorageOptions(
    command
      .command("observers")
      .description("Import a mission's observer roster (CSV): codes, names, phones, languages, teams, areas")
      .argument("<file>", "CSV file")
      .requiredOption("--mission <code>", "code of the mission")
      .option("--election <code>", "code of the election, when several have a mission of that code")
      .option("--mapping <file>", "JSON column mapping; default: suggested from the header")
      .option("--country-code <digits>", "calling code for phone numbers written without one, e.g. 375"),
  ).action(async (file: string, flags: ObserverFlags) => {
    const bytes = readBytes(file);
    const table = readTable(bytes);
    if (!table.ok) refuse(file, table.error);
    const mapping = flags.mapping ? readJson(flags.mapping) : suggestRosterMapping(table.value.header);
    const checked = RosterMapping.safeParse(mapping);
    if (!checked.success)
      throw new CliError(
        `invalid mapping: ${checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    if (flags.countryCode !== undefined && !CountryCallingCode.safeParse(flags.countryCode).success)
      throw new CliError(`invalid --country-code "${flags.countryCode}": use digits such as 375`);
    const roster = parseRoster(table.value, checked.data, {
      ...(flags.countryCode ? { defaultCountryCode: flags.countryCode } : {}),
    });
    if (!roster.ok) refuse(file, roster.error);
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const mission = await missionByCode(store, flags.mission, flags.election);
      const outcome = await store.roster.importRoster(mission.id, mission.electionId, roster.value);
      if (!outcome.ok)
        refuse(
          file,
          outcome.error.map((e) => ({
            line: e.line,
            code: e.code,
            message: `no area "${e.areaCode}" in this election`,
          })),
        );
      const { observers, teams, areaAssignments } = outcome.value;
      process.stdout.write(
        `observers: ${observers.added} added, ${observers.changed} changed, ${observers.unchanged} unchanged\n` +
          `teams: ${teams.added} added, ${teams.changed} changed; area assignments: ${areaAssignments}\n`,
      );
    } finally {
      await store.close();
    }
  });
}
