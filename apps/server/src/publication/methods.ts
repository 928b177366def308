// The methods a snapshot's figures follow, in words, with the versions that produced them.
import { forensicsFileNames } from "./forensics.ts";
import type { SnapshotData } from "./snapshot.ts";

/** Version of the methods text and of the estimation it describes (docs/METHODS.md). */
export const METHODS_VERSION = "1";

const DESIGNS: Record<string, string> = {
  stratified:
    "Stratified random sample of polling stations. Each station weighs N_h / n_h of its stratum (stratum sizes N_h as stored with the plan, in strata.csv); the variance is summed over strata with stations as clusters (several visits to one station are one cluster); 95% intervals are Wilson intervals on the effective sample size.",
  simple_random:
    "Simple random sample of polling stations. Stations are clusters of their visits; 95% intervals are Wilson intervals on the effective sample size.",
  "simple-random":
    "Simple random sample of polling stations. Stations are clusters of their visits; 95% intervals are Wilson intervals on the effective sample size.",
  convenience:
    "Convenience sample: stations were not chosen at random, so the figures describe only the stations observed and do not generalise to all stations. Intervals are plain binomial (Wilson) intervals on the stations observed.",
};

export function methodsText(data: SnapshotData): string {
  const { meta } = data;
  const plan =
    meta.plan === null
      ? "Planned stations without a plan record."
      : `Plan version ${meta.plan.version} (${meta.plan.status}, ${meta.plan.source}${meta.plan.confirmedAt ? `, confirmed ${meta.plan.confirmedAt}` : ""}).`;
  const indicators = data.indicators.map((i) => {
    const d = i.definition as {
      kind: string;
      name?: Record<string, string>;
      unit: string;
      formKind: string;
      condition?: string;
      question?: string;
      phases?: string[] | null;
    };
    const what = d.kind === "share" ? `share where \`${d.condition}\`` : `${d.kind} of \`${d.question}\``;
    const phases = d.phases ? `; phases ${d.phases.join(", ")}` : "";
    return `- \`${i.code}\` version ${i.version}: ${d.name?.["en"] ?? i.code}. ${what}, counting ${d.unit}s on ${d.formKind} forms${phases}.`;
  });
  return [
    `# Methods`,
    "",
    `Methods version ${METHODS_VERSION}. Mission ${meta.mission.code}, election ${meta.election.code}.`,
    "",
    "## Sampling design",
    "",
    `${DESIGNS[meta.design] ?? meta.design} ${plan}`,
    "",
    "## What enters a figure",
    "",
    "Every figure states its numerator, its denominator and what was excluded: quarantined reports (kept, excluded from statistics), reports at stations outside the deployment plan, and units without an answer. Means and medians read a number question; incident indicators count reports by category and the share of observed stations with such an incident.",
    `Breakdowns: overall, by phase and by ${meta.areaLevel}; a cell with fewer than ${meta.minCellUnits} units is marked small.`,
    "",
    "## Indicators",
    "",
    ...indicators,
    "",
    ...observerEffectsMethods(data),
    ...forensicsMethods(data),
    "## Recomputing",
    "",
    "`scrutiny recompute DIR_OR_ZIP` reads reports.csv, plan.csv, strata.csv, stations.csv, areas.csv, phases.csv and indicators.json, recomputes every row of estimates.csv and incidents.csv and compares them cell by cell. The formulas and their references are in docs/METHODS.md of Scrutiny.",
    "",
  ].join("\n");
}

function forensicsMethods(data: SnapshotData): string[] {
  if (data.forensics.length === 0) return [];
  const lines = data.forensics.map((f) => {
    const names = forensicsFileNames(f.name);
    const { source, options } = f.inputs;
    const what = source.contest === null ? source.name : `${source.name} (contest ${source.contest})`;
    const file = source.fileSha256 === null ? "" : `, read from a file with SHA-256 ${source.fileSha256}`;
    return `- \`${names.report}\`: ${what}${file}; ${f.results.stationCount} stations in \`${names.stations}\` (areas in \`${names.areas}\`), inputs in \`${names.inputs}\`; seed ${options.seed ?? 1}${options.level === undefined ? "" : `, breakdown by ${options.level}`}.`;
  });
  return [
    "## Forensics of official results",
    "",
    "Each report is the forensic analysis of the official results it names, computed by Scrutiny's forensics service from the station rows and inputs published beside it: turnout and leader-share distributions, whole-number percentages against their exact null, last- and second-digit tests against a null fitted to the station sizes, the fraud-model fingerprint (Klimek et al.) with bootstrap intervals, control-relation failures and the regional breakdown. Every test is a signal with a caveat, never proof.",
    "Every figure of a report is recomputed by `scrutiny recompute`: the bootstrap and Monte Carlo draws are seeded, so they come out the same. The rows the source file's parser left out are not among the station rows; their count by reason and their list are an input (in the inputs file), from which the report's exclusions section is recomputed.",
    "",
    ...lines,
    "",
  ];
}

function observerEffectsMethods(data: SnapshotData): string[] {
  const assessed = data.indicators.filter((i) => (i.definition as { assessment?: unknown }).assessment);
  if (assessed.length === 0) return [];
  return [
    "## Observer effects",
    "",
    `For the assessment indicators (${assessed.map((i) => `\`${i.code}\``).join(", ")}), observer-effects.json holds each team's severity (an additive model on the scale with Holm-adjusted flags, and an ordinal model on the latent scale), agreement between teams on stations two teams observed (Cohen's kappa, Krippendorff's alpha), and the indicator as reported and adjusted for team severity. Teams are named by the random ids reports.csv gives them. \`scrutiny recompute\` refits them from reports.csv and compares every number.`,
    "",
  ];
}
