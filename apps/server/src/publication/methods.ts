// The methods a snapshot's figures follow, in words, with the versions that produced them.
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
    "## Recomputing",
    "",
    "`scrutiny recompute DIR_OR_ZIP` reads reports.csv, plan.csv, strata.csv, stations.csv, areas.csv, phases.csv and indicators.json, recomputes every row of estimates.csv and incidents.csv and compares them cell by cell. The formulas and their references are in docs/METHODS.md of Scrutiny.",
    "",
  ].join("\n");
}
