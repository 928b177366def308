import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { SamplePlanRequest, type SamplePlanRequestInput } from "@scrutiny/domain";
import { buildFrame, drawSample, type SampleSpec } from "@scrutiny/stats";
import type { Command } from "commander";
import { CliError } from "../cli-error.ts";
import { openConfiguredStore, resolveStorage, type StorageFlags } from "../config.ts";
import { missionByCode } from "./import.ts";
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
  withStorageOptions(
    program
      .command("sample")
      .description(
        "Draw a mission's deployment plan (seeded, reproducible) and store it with its stratum sizes",
      )
      .requiredOption("--mission <code>", "code of the mission")
      .option("--election <code>", "code of the election, when several have a mission of that code")
      .option("--design <design>", "simple_random, stratified or convenience", "stratified")
      .option("--strata <variables>", "area levels and/or station attributes, e.g. region,settlement")
      .option("--size <n>", "stations in the sample")
      .option("--seed <n>", "seed of the generator; the same seed draws the same sample")
      .option("--allocation <kind>", "proportional or fixed (equal per stratum)", "proportional")
      .option("--reserve <k>", "reserve stations per stratum, drawn after the sample", "0")
      .option("--stations <file>", "convenience plan: station codes, one a line"),
  ).action(async (flags: SampleFlags) => {
    const request = planRequest(flags);
    const store = await openConfiguredStore(resolveStorage(flags));
    try {
      const mission = await missionByCode(store, flags.mission, flags.election);
      const rows = await store.deployment.frame(mission.electionId);
      if (rows.length === 0) throw new CliError("the election has no stations yet: import them first");
      let frame = rows.map((row) => ({ id: row.id, stratum: "" }));
      let spec: SampleSpec;
      if (request.design === "convenience") {
        const byCode = new Map(rows.map((row) => [row.code, row.id]));
        const unknown = request.stationCodes.filter((code) => !byCode.has(code));
        if (unknown.length > 0)
          throw new CliError(
            `${unknown.length} codes are not stations of this election: ${unknown.slice(0, 10).join(", ")}`,
          );
        spec = {
          design: "convenience",
          stationIds: request.stationCodes.map((code) => byCode.get(code) ?? ""),
        };
      } else if (request.design === "simple_random") {
        spec = { design: "simple_random", size: request.size, seed: request.seed, reserve: request.reserve };
      } else {
        const built = buildFrame(rows, request.strata);
        if (!built.ok) throw new CliError(built.error.message);
        frame = built.value;
        spec = {
          design: "stratified",
          size: request.size,
          seed: request.seed,
          allocation: request.allocation,
          reserve: request.reserve,
        };
      }
      const drawn = drawSample(frame, spec);
      if (!drawn.ok) throw new CliError(drawn.error.message);
      const sampled = drawn.value.stations.filter((s) => !s.reserve).length;
      await store.deployment.savePlan({
        id: randomUUID(),
        missionId: mission.id,
        design: drawn.value.design,
        seed: drawn.value.seed,
        strataBy: request.design === "stratified" ? request.strata : [],
        allocation: request.design === "stratified" ? request.allocation : null,
        sampleSize: sampled,
        reservePerStratum: request.design === "convenience" ? 0 : request.reserve,
        frameSize: rows.length,
        createdBy: null,
        strata: drawn.value.strata,
        stations: drawn.value.stations,
      });
      const reserves = drawn.value.stations.length - sampled;
      const lines = [
        `${drawn.value.design} plan for mission ${flags.mission}: ${sampled} of ${rows.length} stations${reserves > 0 ? ` and ${reserves} reserves` : ""}${drawn.value.seed === null ? "" : `, seed ${drawn.value.seed}`}`,
      ];
      if (drawn.value.strata.length > 0) {
        const width = Math.max(7, ...drawn.value.strata.map((s) => s.stratum.length || 3));
        lines.push(
          `${"stratum".padEnd(width)}  ${"N_h".padStart(7)}  ${"n_h".padStart(5)}  ${"reserve".padStart(7)}  ${"pi".padStart(7)}`,
        );
        for (const s of drawn.value.strata)
          lines.push(
            `${(s.stratum || "all").padEnd(width)}  ${String(s.populationSize).padStart(7)}  ${String(s.sampleSize).padStart(5)}  ${String(s.reserveSize).padStart(7)}  ${(s.sampleSize / s.populationSize).toFixed(4).padStart(7)}`,
          );
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    } finally {
      await store.close();
    }
  });
}
