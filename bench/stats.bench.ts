// Statistics throughput: every observation indicator computed over a large in-memory set of
// observations (default 1,000,000 visits), beside a baseline plain loop that sums the same
// array (the ratio is what to compare across machines). Run: node --import tsx bench/stats.bench.ts
// Options: STATS_BENCH_OBS (default 1000000), STATS_BENCH_ORDINAL_OBS (default 200000: the
// ordinal severity model is iterative, so it is timed on a prefix and reported as such).
import type { AssessmentObservation, Observation, SamplingDesign } from "@scrutiny/stats";
import {
  agreementData,
  cohensKappa,
  countIncidents,
  createRng,
  estimateAssessment,
  estimateMean,
  estimateMedian,
  estimateProportion,
  fitAdditiveSeverity,
  fitOrdinalModel,
  krippendorffAlpha,
  pvtEstimate,
  turnoutGap,
} from "@scrutiny/stats";
import { machineLine } from "./support/machine.ts";

const OBS = Number(process.env["STATS_BENCH_OBS"] ?? 1_000_000);
const ORDINAL_OBS = Math.min(OBS, Number(process.env["STATS_BENCH_ORDINAL_OBS"] ?? 200_000));
const STRATA = 10;
const TEAMS = 1000;

// Build a stratified mission: 2.5 visits per station on average.
const rng = createRng(2026);
const stationsSampled = Math.round(OBS / 2.5);
const populationPerStratum = Math.ceil((stationsSampled * 1.5) / STRATA);
const assessments: AssessmentObservation[] = new Array(OBS);
const queue: Observation<number>[] = new Array(OBS);
const scores = new Float64Array(OBS);
let k = 0;
let s = 0;
while (k < OBS) {
  const stratumId = `r${s % STRATA}`;
  const stationId = `s${s}`;
  const quality = rng.normal() * 0.6 + (s % STRATA) * 0.05;
  const visits = 1 + rng.int(4);
  for (let v = 0; v < visits && k < OBS; v++) {
    const teamId = `t${((s % STRATA) * TEAMS) / STRATA + rng.int(TEAMS / STRATA)}`;
    const y = quality + rng.normal();
    const value = 1 + (y > -0.6 ? 1 : 0) + (y > 1 ? 1 : 0) + (y > 2 ? 1 : 0);
    assessments[k] = { stationId, stratumId, teamId, phase: "voting", value };
    queue[k] = {
      stationId,
      stratumId,
      teamId,
      phase: "voting",
      value: Math.round(Math.exp(2 + rng.normal())),
    };
    scores[k] = value;
    k++;
  }
  s++;
}
const design: SamplingDesign = {
  kind: "stratified",
  strata: Array.from({ length: STRATA }, (_, h) => ({ id: `r${h}`, populationSize: populationPerStratum })),
};
const bad = assessments.map((o) => ({ ...o, value: o.value === null ? null : o.value >= 3 }));
const stationList = [...new Set(assessments.map((o) => o.stationId))];
const incidents = assessments
  .filter((_, i) => i % 37 === 0)
  .map((o, i) => ({ ...o, category: ["intimidation", "ballot-stuffing", "carousel"][i % 3] ?? "other" }));
const protocols = stationList.map((stationId, i) => {
  const registered = 500 + (i % 1500);
  const valid = Math.round(registered * 0.6);
  const a = Math.round(valid * 0.55);
  return {
    stationId,
    stratumId: `r${i % STRATA}`,
    registered,
    ballotsCast: valid + 3,
    valid,
    invalid: 3,
    votes: { a, b: valid - a },
  };
});
const headCounts = protocols.map((p) => ({
  stationId: p.stationId,
  stratumId: p.stratumId,
  day: "election-day",
  observed: p.ballotsCast - 10,
  reported: p.ballotsCast,
}));

interface Row {
  name: string;
  n: number;
  ms: number;
}
const rows: Row[] = [];
function time(name: string, n: number, f: () => unknown): void {
  const t0 = performance.now();
  const r = f();
  const ms = performance.now() - t0;
  if (r && typeof r === "object" && "ok" in r && r.ok === false) throw new Error(`${name} failed`);
  rows.push({ name, n, ms });
}

// Baseline: a plain loop summing the same array of scores.
let baselineMs = Number.POSITIVE_INFINITY;
for (let rep = 0; rep < 5; rep++) {
  const t0 = performance.now();
  let sum = 0;
  for (let i = 0; i < OBS; i++) sum += scores[i] ?? 0;
  baselineMs = Math.min(baselineMs, performance.now() - t0);
  if (sum < 0) console.log(sum);
}
// Baseline over the observation objects themselves (property access, what every estimator pays).
let objectLoopMs = Number.POSITIVE_INFINITY;
for (let rep = 0; rep < 5; rep++) {
  const t0 = performance.now();
  let sum = 0;
  for (const o of assessments) sum += o.value ?? 0;
  objectLoopMs = Math.min(objectLoopMs, performance.now() - t0);
  if (sum < 0) console.log(sum);
}

time("bad share, visit unit (stratified, clustered)", OBS, () => estimateProportion(bad, design));
time("bad share, station unit", OBS, () => estimateProportion(bad, design, { unit: "station" }));
time("mean of a number", OBS, () => estimateMean(queue, design));
time("median of a number (Woodruff)", OBS, () => estimateMedian(queue, design));
time("incidents by category", OBS, () => countIncidents(incidents, assessments, design));
time("additive team severity (1,000 teams)", OBS, () => fitAdditiveSeverity(assessments));
const agreement = agreementData(assessments);
time("Cohen's kappa (weighted)", agreement.pairs.length, () =>
  cohensKappa(agreement.pairs, { categories: [1, 2, 3, 4], weights: "quadratic" }),
);
time("Krippendorff's alpha (ordinal)", agreement.units.length, () =>
  krippendorffAlpha(agreement.units, "ordinal"),
);
time("PVT shares and turnout", protocols.length, () => pvtEstimate(protocols, design));
time("turnout head-count gap", headCounts.length, () => turnoutGap(headCounts, design));
const prefix = assessments.slice(0, ORDINAL_OBS);
let fitted: ReturnType<typeof fitOrdinalModel> | null = null;
time("ordinal severity model fit", ORDINAL_OBS, () => {
  fitted = fitOrdinalModel(prefix);
  return fitted;
});
time("severity-adjusted bad share (with delta method)", ORDINAL_OBS, () => {
  const f = fitted;
  if (f === null || !f.ok) throw new Error("ordinal fit failed");
  return estimateAssessment(prefix, design, { fit: f.value });
});

const lines: string[] = [];
lines.push("## Observation statistics");
lines.push("");
lines.push(`Machine: ${machineLine()}`);
lines.push("");
lines.push(
  `Baseline: plain loop summing ${OBS.toLocaleString("en")} numbers from a Float64Array: ${baselineMs.toFixed(2)} ms; over the observation objects: ${objectLoopMs.toFixed(2)} ms.`,
);
lines.push("");
lines.push("| indicator | units | time (ms) | per million units (ms) | × baseline loop |");
lines.push("| --- | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  const perMillion = (r.ms / r.n) * 1e6;
  lines.push(
    `| ${r.name} | ${r.n.toLocaleString("en")} | ${r.ms.toFixed(1)} | ${perMillion.toFixed(1)} | ${(perMillion / ((baselineMs / OBS) * 1e6)).toFixed(0)} |`,
  );
}
console.log(lines.join("\n"));
