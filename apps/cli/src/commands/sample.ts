import { readFileSync } from "node:fs";
import {
  parseImportedSample,
  readTable,
  SamplePlanRequest,
  type SamplePlanRequestInput,
} from "@scrutiny/domain";
import { drawPlan, importPlan } from "@scrutiny/server";
import type { Store } from "@scrutiny/store";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { missionByCode } from "./import.ts";
import { printIssues, readBytes, refuse } from "./input-files.ts";
import { withStorageOptions } from "./storage-options.ts";

interface SampleFlags extends StorageFlags {
  readonly mission: string;
  readonly election?: string;
  readonly design: string;
  readonly strata?: string;
  readonly size?: string;
  readonly seed?: string;
  readonly allocation: string;
  readonly reserve: string;
  readonly stations?: string;
  readonly confirm?: boolean;
}

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new CliError(`invalid ${flag} "${value}": use a whole number`);
  return n;
}

/** The plan request from the flags, validated by the same schema as the API's. */
function planRequest(flags: SampleFlags): SamplePlanRequest {
  let input: SamplePlanRequestInput;
  if (flags.design === "convenience") {
    if (!flags.stations)
      throw new CliError("a convenience plan needs --stations FILE (one station code a line)");
    let text: string;
    try {
      text = readFileSync(flags.stations, "utf8");
    } catch (error) {
      throw new CliError(
        `cannot read ${flags.stations}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
      );
    }
    const stationCodes = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "");
    input = { design: "convenience", stationCodes };
  } else {
    const size = wholeNumber(flags.size, "--size");
    const seed = wholeNumber(flags.seed, "--seed");
    if (size === undefined) throw new CliError("--size is required for a random sample");
    if (seed === undefined) throw new CliError("--seed is required: the same seed draws the same sample");
    const reserve = wholeNumber(flags.reserve, "--reserve") ?? 0;
    if (flags.design === "simple_random") input = { design: "simple_random", size, seed, reserve };
    else if (flags.design === "stratified") {
      const strata = (flags.strata ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      if (strata.length === 0)
        throw new CliError("a stratified sample needs --strata, e.g. region,settlement");
      if (flags.allocation !== "proportional" && flags.allocation !== "fixed")
        throw new CliError(`invalid --allocation "${flags.allocation}": use proportional or fixed`);
      input = { design: "stratified", strata, size, seed, reserve, allocation: flags.allocation };
    } else
      throw new CliError(`invalid --design "${flags.design}": use simple_random, stratified or convenience`);
  }
  const parsed = SamplePlanRequest.safeParse(input);
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "plan"}: ${i.message}`).join("; "),
    );
  return parsed.data;
}

export function registerSample(program: Command): void {
  const sample = withStorageOptions(
    program
      .command("sample")
      .description(
        "Draw a mission's deployment plan (seeded, reproducible) and store it with its stratum sizes, as a new version",
      )
      .requiredOption("--mission <code>", "code of the mission")
      .option("--election <code>", "code of the election, when several have a mission of that code")
      .option("--design <design>", "simple_random, stratified or convenience", "stratified")
      .option("--strata <variables>", "area levels and/or station attributes, e.g. region,settlement")
      .option("--size <n>", "stations in the sample")
      .option("--seed <n>", "seed of the generator; the same seed draws the same sample")
      .option("--allocation <kind>", "proportional or fixed (equal per stratum)", "proportional")
      .option("--reserve <k>", "reserve stations per stratum, drawn after the sample", "0")
      .option("--stations <file>", "convenience plan: station codes, one a line")
      .option("--confirm", "make the new plan the deployment at once (else it waits, proposed)"),
  );
  sample.action(async (flags: SampleFlags) => {
    const request = planRequest(flags);
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const mission = await missionByCode(store, flags.mission, flags.election);
      const outcome = await drawPlan(store, {
        missionId: mission.id,
        electionId: mission.electionId,
        request,
        createdBy: null,
        confirm: flags.confirm === true,
      });
      if (!outcome.ok)
        throw new CliError(
          outcome.code === "empty_frame"
            ? "the election has no stations yet: import them first"
            : outcome.message,
        );
      await printPlan(store, mission.id, outcome.version, flags.mission);
    } finally {
      await store.close();
    }
  });

  sample
    .command("import")
    .description(
      "Import the mission's own sample as a plan version: stations with inclusion probabilities (and strata), or stations with strata plus the strata's N_h and n_h",
    )
    .requiredOption("--file <file>", "CSV of the sampled stations: station, probability and/or stratum")
    .option("--strata <file>", "CSV of the strata: stratum, N_h, n_h (then π = n_h / N_h)")
    .action(async (_options: unknown, command: Command) => {
      const flags = command.optsWithGlobals() as SampleFlags & { file: string; strata?: string };
      const read = (file: string) => {
        const table = readTable(readBytes(file));
        if (!table.ok) refuse(file, table.error, "nothing was stored");
        return table.value;
      };
      const stationsTable = read(flags.file);
      const strataTable = flags.strata === undefined ? undefined : read(flags.strata);
      const parsed = parseImportedSample(stationsTable, strataTable);
      if (!parsed.ok) {
        // The issues name their file (stations or strata); the file name says it here.
        const inFile = (file: "stations" | "strata") =>
          parsed.error.filter((i) => (i.path?.[0] ?? "stations") === file).map(({ path: _p, ...i }) => i);
        const strataIssues = inFile("strata");
        if (flags.strata !== undefined && strataIssues.length > 0) {
          printIssues(flags.file, inFile("stations"));
          refuse(flags.strata, strataIssues, "nothing was stored");
        }
        refuse(flags.file, inFile("stations"), "nothing was stored");
      }
      const store = await openConfiguredStore(resolveStorage(flags));
      try {
        const mission = await missionByCode(store, flags.mission, flags.election);
        const outcome = await importPlan(store, {
          missionId: mission.id,
          electionId: mission.electionId,
          sample: parsed.value,
          createdBy: null,
          confirm: flags.confirm === true,
        });
        if (!outcome.ok)
          refuse(
            flags.file,
            outcome.issues ?? [{ code: outcome.code, message: outcome.message }],
            "nothing was stored",
          );
        await printPlan(store, mission.id, outcome.version, flags.mission);
      } finally {
        await store.close();
      }
    });
}

/** The stored plan version: its strata with N_h, n_h and π, and whether it is the deployment. */
async function printPlan(
  store: Store,
  missionId: string,
  version: number,
  missionCode: string,
): Promise<void> {
  const plan = await store.deployment.plan(missionId, version);
  if (plan === undefined) throw new Error("the plan just saved is missing");
  const sampled = plan.sampleSize;
  const stationTotal = await store.deployment.planStationCount(plan.id);
  const reserves = stationTotal - sampled;
  const lines = [
    `${plan.source === "imported" ? "imported " : ""}${plan.design} plan for mission ${missionCode}: ${sampled} of ${plan.frameSize} stations${reserves > 0 ? ` and ${reserves} reserves` : ""}${plan.seed === null ? "" : `, seed ${plan.seed}`}`,
  ];
  if (plan.strata.length > 0) {
    const width = Math.max(7, ...plan.strata.map((s) => s.stratum.length || 3));
    lines.push(
      `${"stratum".padEnd(width)}  ${"N_h".padStart(7)}  ${"n_h".padStart(5)}  ${"reserve".padStart(7)}  ${"pi".padStart(7)}`,
    );
    for (const s of plan.strata)
      lines.push(
        `${(s.stratum || "all").padEnd(width)}  ${String(s.populationSize).padStart(7)}  ${String(s.sampleSize).padStart(5)}  ${String(s.reserveSize).padStart(7)}  ${(s.sampleSize / s.populationSize).toFixed(4).padStart(7)}`,
      );
  }
  lines.push(
    plan.status === "current"
      ? `plan version ${plan.version} is the mission's deployment`
      : `plan version ${plan.version} is proposed: a coordinator confirms it in the web app (or run it with --confirm)`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}
