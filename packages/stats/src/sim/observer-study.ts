// Calibration study of the observer-effect methods on simulated missions (sim/missions.ts):
// false flags of neutral teams, power for planted harsh teams, and the adjusted-minus-raw
// difference when every team is neutral. Used by the CI test at small sizes and by
// `npm run calibrate` at full size.
import { fitAdditiveSeverity } from "../observer/additive.ts";
import { estimateAssessment } from "../observer/adjust.ts";
import { type MissionSimulation, simulateMission } from "./missions.ts";

export interface ObserverStudy {
  readonly missions: number;
  /** Neutral teams that were estimable, and how many were flagged. */
  readonly neutralTeams: number;
  readonly neutralFlagged: number;
  /** Missions with at least one neutral team flagged (family-wise error). */
  readonly missionsWithFalseFlag: number;
  /** Planted harsh teams that were estimable, and how many were flagged harsh. */
  readonly harshTeams: number;
  readonly harshFlagged: number;
  /** Teams reported not estimable (too few shared stations), over all missions. */
  readonly notEstimable: number;
  readonly teams: number;
  /** Assessed missions where the equal-severity test rejected at 5% (the adjustment was applied). */
  readonly adjustedMissions: number;
  /** Mean adjusted − raw share (proportion) over the missions where it was computed. */
  readonly meanAdjustedMinusRaw: number;
  readonly assessedMissions: number;
}

export function runObserverStudy(
  config: MissionSimulation,
  missions: number,
  firstSeed: number,
  options: { readonly adjustedEvery?: number } = {},
): ObserverStudy {
  const every = options.adjustedEvery ?? 1;
  let neutralTeams = 0;
  let neutralFlagged = 0;
  let missionsWithFalseFlag = 0;
  let harshTeams = 0;
  let harshFlagged = 0;
  let notEstimable = 0;
  let teams = 0;
  let adjustedMissions = 0;
  let diff = 0;
  let assessed = 0;
  for (let m = 0; m < missions; m++) {
    const sim = simulateMission(config, firstSeed + m);
    const fit = fitAdditiveSeverity(sim.observations);
    if (!fit.ok) continue;
    let falseHere = 0;
    for (const t of fit.value.teams) {
      teams++;
      if (!t.estimable) {
        notEstimable++;
        continue;
      }
      const truth = sim.severity.get(t.teamId) ?? 0;
      if (truth === 0) {
        neutralTeams++;
        if (t.flag !== null) {
          neutralFlagged++;
          falseHere++;
        }
      } else {
        harshTeams++;
        if (t.flag === "harsh") harshFlagged++;
      }
    }
    if (falseHere > 0) missionsWithFalseFlag++;
    if (m % every === 0) {
      const a = estimateAssessment(
        sim.observations,
        { kind: "convenience" },
        { parameterUncertainty: false },
      );
      if (a.ok && a.value.adjusted) {
        diff += a.value.adjusted.value - a.value.raw.value;
        assessed++;
        if (a.value.adjusted.value !== a.value.raw.value) adjustedMissions++;
      }
    }
  }
  return {
    missions,
    neutralTeams,
    neutralFlagged,
    missionsWithFalseFlag,
    harshTeams,
    harshFlagged,
    notEstimable,
    teams,
    adjustedMissions,
    meanAdjustedMinusRaw: assessed > 0 ? diff / assessed : Number.NaN,
    assessedMissions: assessed,
  };
}
