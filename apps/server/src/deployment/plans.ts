// Drawing a mission's deployment plan: the election's stations as the frame, strata labelled by
// area levels and attributes, the seeded draw (pure, @scrutiny/stats), then stored with N_h, n_h
// as a proposed version that the coordinator confirms.
import { randomUUID } from "node:crypto";
import type { ImportedSample, InputIssue, SamplePlanRequest } from "@scrutiny/domain";
import { buildFrame, drawSample, type SampleSpec, type SamplingIssue } from "@scrutiny/stats";
import type { Store } from "@scrutiny/store";
import type { Refusal } from "../http/errors.ts";

export type PlanOutcome = { ok: true; planId: string; version: number } | ({ ok: false } & Refusal);

/** A sampling refusal as the API says it: its code and the params the contract declares. */
function refusalOf(issue: SamplingIssue): Refusal {
  switch (issue.code) {
    case "empty_frame":
      return { code: issue.code, message: issue.message };
    case "unknown_station":
      return { code: issue.code, message: issue.message, params: { codes: [...issue.params.codes] } };
    default:
      return issue;
  }
}

export async function drawPlan(
  store: Store,
  input: {
    missionId: string;
    electionId: string;
    request: SamplePlanRequest;
    createdBy: string | null;
    /** Make it the deployment at once (the CLI's --confirm); else it waits, proposed. */
    confirm?: boolean;
  },
): Promise<PlanOutcome> {
  const { request } = input;
  const rows = await store.deployment.frame(input.electionId);
  if (rows.length === 0)
    return { ok: false, code: "empty_frame", message: "the election has no stations yet" };
  let spec: SampleSpec;
  let strataBy: string[] = [];
  let frame = rows.map((row) => ({ id: row.id, stratum: "" }));
  if (request.design === "convenience") {
    const byCode = new Map(rows.map((row) => [row.code, row.id]));
    const unknown = request.stationCodes.filter((code) => !byCode.has(code));
    if (unknown.length > 0)
      return {
        ok: false,
        code: "unknown_station",
        message: `${unknown.length} station codes are not stations of this election: ${unknown.slice(0, 10).join(", ")}`,
        params: { codes: unknown.slice(0, 10) },
        details: { unknown: unknown.slice(0, 100) },
      };
    spec = { design: "convenience", stationIds: request.stationCodes.map((code) => byCode.get(code) ?? "") };
  } else if (request.design === "simple_random") {
    spec = { design: "simple_random", size: request.size, seed: request.seed, reserve: request.reserve };
  } else {
    const built = buildFrame(rows, request.strata);
    if (!built.ok) return { ok: false, ...built.error };
    frame = built.value;
    strataBy = request.strata;
    spec = {
      design: "stratified",
      size: request.size,
      seed: request.seed,
      allocation: request.allocation,
      reserve: request.reserve,
      ...(request.sizes ? { sizes: request.sizes } : {}),
    };
  }
  const drawn = drawSample(frame, spec);
  if (!drawn.ok) return { ok: false, ...refusalOf(drawn.error) };
  const planId = randomUUID();
  const sampled = drawn.value.stations.filter((s) => !s.reserve).length;
  const version = await store.deployment.savePlan({
    id: planId,
    missionId: input.missionId,
    design: drawn.value.design,
    seed: drawn.value.seed,
    strataBy,
    allocation: request.design === "stratified" ? request.allocation : null,
    sampleSize: sampled,
    reservePerStratum: request.design === "convenience" ? 0 : request.reserve,
    frameSize: rows.length,
    createdBy: input.createdBy,
    strata: drawn.value.strata,
    stations: drawn.value.stations,
    confirm: input.confirm === true,
  });
  return { ok: true, planId, version };
}

/**
 * Stores a sample the mission drew elsewhere as a proposed plan version (confirmed like a drawn
 * one). Its stations must be the election's; π_i and N_h are kept as given (or N_h as Σ 1/π_i).
 */
export async function importPlan(
  store: Store,
  input: {
    missionId: string;
    electionId: string;
    sample: ImportedSample;
    createdBy: string | null;
    confirm?: boolean;
  },
): Promise<PlanOutcome & { issues?: InputIssue[] }> {
  const { sample } = input;
  const ids = await store.deployment.stationIdsByCode(
    input.electionId,
    sample.stations.map((s) => s.code),
  );
  const issues: InputIssue[] = sample.stations
    .filter((s) => !ids.has(s.code))
    .map((s) => ({
      line: s.line,
      code: "unknown_station",
      message: `no station ${s.code} in this election`,
      params: { code: s.code },
    }));
  const summary = await store.elections.summary(input.electionId);
  const frameSize = summary?.stations ?? 0;
  const population = sample.strata.reduce((sum, s) => sum + s.populationSize, 0);
  if (sample.sizes === "given" && population > frameSize)
    issues.push({
      code: "population_too_large",
      message: `the strata hold ${population} stations, but the election has ${frameSize}`,
      params: { population, stations: frameSize },
    });
  if (issues.length > 0)
    return {
      ok: false,
      code: "invalid_sample",
      message: `${issues.length} problems in the sample; nothing was stored`,
      params: { count: issues.length },
      issues,
    };
  const planId = randomUUID();
  const version = await store.deployment.savePlan({
    id: planId,
    missionId: input.missionId,
    design: "stratified",
    seed: null,
    strataBy: sample.stratified ? ["stratum"] : [],
    allocation: null,
    sampleSize: sample.stations.length,
    reservePerStratum: 0,
    frameSize,
    createdBy: input.createdBy,
    source: "imported",
    strata: sample.strata.map((s) => ({ ...s, reserveSize: 0 })),
    stations: sample.stations.map((s, order) => ({
      stationId: ids.get(s.code) ?? "",
      stratum: s.stratum,
      inclusionProbability: s.probability,
      reserve: false,
      order,
    })),
    confirm: input.confirm === true,
  });
  return { ok: true, planId, version };
}
