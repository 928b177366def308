// Public API of @scrutiny/stats: pure, design-based observation statistics.

export type { KappaResult, KappaWeights } from "./agreement/kappa.ts";
export { cohensKappa, kappaFromTable } from "./agreement/kappa.ts";
export type { AlphaMetric, AlphaResult } from "./agreement/krippendorff.ts";
export { krippendorffAlpha } from "./agreement/krippendorff.ts";
export type { ClusterTotals, DesignedSample, RatioResult } from "./design/survey.ts";
export { applyDesign, ratioEstimate, totalEstimate } from "./design/survey.ts";
export * from "./design/types.ts";
export type { StationRule } from "./estimators/clusters.ts";
export type { ProportionDifference } from "./estimators/compare.ts";
export { compareProportions, newcombeDifference, newcombeHybrid } from "./estimators/compare.ts";
export type {
  IncidentCategoryCount,
  IncidentReport,
  IncidentSummary,
  VisitedStation,
} from "./estimators/incidents.ts";
export { countIncidents, countIncidentsFromStations } from "./estimators/incidents.ts";
export { estimateMean } from "./estimators/mean.ts";
export type { StationValues } from "./estimators/median.ts";
export { estimateMedian, estimateMedianFromStations } from "./estimators/median.ts";
export type { ProportionOptions } from "./estimators/proportion.ts";
export { estimateProportion } from "./estimators/proportion.ts";
export type { StationTotal, StationTotalsOptions } from "./estimators/totals.ts";
export { clustersFromTotals, estimateFromStationTotals } from "./estimators/totals.ts";
export type { EffectiveWilson, Interval } from "./estimators/wilson.ts";
export { waldInterval, wilsonEffective, wilsonFromCounts, wilsonInterval } from "./estimators/wilson.ts";
export { spdInverse } from "./math/linalg.ts";
export { normCdf, normPdf, normQuantile, normSf, twoSidedP, zForLevel } from "./math/normal.ts";
export {
  chiSquarePValue,
  fSf,
  gammaQ,
  incompleteBeta,
  logGamma,
  tQuantile,
  tSf,
  tTwoSidedP,
} from "./math/special.ts";
export type { AdditiveFit, AdditiveOptions, TeamSeverity } from "./observer/additive.ts";
export { fitAdditiveSeverity } from "./observer/additive.ts";
export type { AssessmentEstimate, AssessmentOptions } from "./observer/adjust.ts";
export { estimateAssessment, severityCorrections } from "./observer/adjust.ts";
export type { Agreement, ObserverEffectOptions, ObserverEffects, TeamEffect } from "./observer/effects.ts";
export { agreementData, fitObserverEffects } from "./observer/effects.ts";
export { holmAdjust } from "./observer/multiple.ts";
export type { OrdinalFit, OrdinalOptions } from "./observer/ordinal.ts";
export { fitOrdinalModel } from "./observer/ordinal.ts";
export type { AssessmentObservation } from "./observer/types.ts";
export type {
  ContestantShare,
  OfficialComparison,
  OfficialFigures,
  ProtocolCount,
  ProtocolDiscrepancy,
  PvtOptions,
  PvtResult,
} from "./pvt/pvt.ts";
export { pvtEstimate } from "./pvt/pvt.ts";
export type { RatioEstimate } from "./pvt/ratio.ts";
export { ratioFromClusters } from "./pvt/ratio.ts";
export type { HeadCount, StationDayGap, TurnoutGapOptions, TurnoutGapResult } from "./pvt/turnout.ts";
export { turnoutGap } from "./pvt/turnout.ts";
export type { Rng } from "./random/rng.ts";
export { createRng, sampleWithoutReplacement } from "./random/rng.ts";
export * from "./sampling/draw.ts";
export * from "./sampling/frame.ts";
export type { ConnectivityDesign, MissionSimulation, SimulatedMission } from "./sim/missions.ts";
export { DEFAULT_MISSION, simulateMission } from "./sim/missions.ts";
export type { ObserverStudy } from "./sim/observer-study.ts";
export { runObserverStudy } from "./sim/observer-study.ts";
export type { BiasedTeams, SimulatedElection, SimulatedStratum, SimulationConfig } from "./sim/simulate.ts";
export { DEFAULT_SIMULATION, simulateElection } from "./sim/simulate.ts";
