// Observer effects for assessment indicators: team severity (additive model with Holm-adjusted
// flags, ordinal model on the latent scale), agreement on doubly observed stations, and the
// indicator raw beside adjusted for team severity (packages/stats observer/*).
import type { Result } from "@scrutiny/domain";
import {
  type AssessmentObservation,
  type Estimate,
  estimateAssessment,
  fitObserverEffects,
  type KappaResult,
  type StatsIssue,
  tQuantile,
} from "@scrutiny/stats";
import type { CompiledIndicator } from "./definitions.ts";
import { type MissionDesign, weightedDesign } from "./frame.ts";
import { NO_ISSUE, type Why, whyOf } from "./reasons.ts";
import type { ObservationPattern } from "./store-types.ts";

export interface TeamRow {
  readonly teamId: string;
  readonly teamCode: string;
  readonly visits: number;
  readonly sharedStations: number;
  readonly estimable: boolean;
  /** Scale points; positive = rates worse than the average team. */
  readonly severity: number | null;
  /** Empirical-Bayes shrunken severity (the best single guess when most teams are neutral). */
  readonly shrunkSeverity: number | null;
  readonly standardError: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly z: number | null;
  readonly adjustedPValue: number | null;
  readonly flag: "harsh" | "lenient" | null;
  readonly latentSeverity: number | null;
  readonly latentStandardError: number | null;
}

export interface KappaSummary {
  readonly value: number;
  readonly standardError: number | null;
  readonly lower: number;
  readonly upper: number;
}

export interface AgreementSummary {
  readonly doublyObservedStations: number;
  readonly kappa: KappaSummary | null;
  readonly weightedKappa: KappaSummary | null;
  readonly alphaOrdinal: number | null;
  readonly alphaNominal: number | null;
}

export interface ObserverEffectsResult extends Why {
  readonly indicatorCode: string;
  readonly question: string;
  readonly formKind: string;
  readonly observations: number;
  readonly teams: readonly TeamRow[];
  readonly flagged: { harsh: number; lenient: number };
  /** Residual degrees of freedom of the severity model (the t reference of the flags). */
  readonly degreesOfFreedom: number | null;
  /** Design warnings: weak connectivity, teams not estimable. */
  readonly warnings: readonly string[];
  readonly agreement: AgreementSummary;
  readonly raw: Estimate | null;
  readonly adjusted: Estimate | null;
}

/** Assessments (1 = best ... k = worst) of one question on one form kind, per visit with its team. */
export function assessmentObservations(
  indicator: CompiledIndicator,
  patterns: readonly ObservationPattern[],
  questionIndex: ReadonlyMap<string, number>,
  md: MissionDesign,
): AssessmentObservation[] {
  const d = indicator.definition;
  if (d.kind !== "share" || d.assessment === null) return [];
  const scale = d.assessment.scale;
  const qi = questionIndex.get(d.assessment.question) ?? -1;
  const phases = d.phases === null ? null : new Set(d.phases);
  const out: AssessmentObservation[] = [];
  for (const p of patterns) {
    if (p.formKind !== d.formKind || p.status === "quarantined" || p.teamId === null) continue;
    if (phases !== null && !phases.has(p.phaseCode)) continue;
    if (md.planBound && !md.stratumOf.has(p.stationId)) continue;
    const answer = p.answers[qi];
    const k = typeof answer === "string" ? scale.indexOf(answer) : -1;
    const o: AssessmentObservation = {
      stationId: p.stationId,
      stratumId: md.stratumOf.get(p.stationId) ?? null,
      teamId: p.teamId,
      phase: p.phaseCode,
      value: k < 0 ? null : k + 1,
    };
    for (let c = 0; c < p.count; c++) out.push(o);
  }
  return out;
}

function kappaOf(
  r: Result<KappaResult, StatsIssue>,
): { value: number; standardError: number | null; lower: number; upper: number } | null {
  return r.ok
    ? {
        value: r.value.kappa,
        standardError: r.value.standardError,
        lower: r.value.ci.lower,
        upper: r.value.ci.upper,
      }
    : null;
}

/** Fits observer effects and the adjusted indicator for one assessment indicator. */
export function observerEffects(
  indicator: CompiledIndicator,
  observations: readonly AssessmentObservation[],
  md: MissionDesign,
  teamCodes: ReadonlyMap<string, string>,
  minCellUnits: number,
): ObserverEffectsResult {
  const d = indicator.definition;
  const question = d.kind === "share" && d.assessment ? d.assessment.question : "";
  const scale = d.kind === "share" && d.assessment ? d.assessment.scale : [];
  const cut = d.kind === "share" && d.assessment ? scale.indexOf(d.assessment.cut) + 1 : 3;
  const base = {
    indicatorCode: indicator.code,
    question,
    formKind: d.formKind,
    observations: observations.filter((o) => o.value !== null).length,
  };
  const empty = {
    doublyObservedStations: 0,
    kappa: null,
    weightedKappa: null,
    alphaOrdinal: null,
    alphaNominal: null,
  };
  const fitted = fitObserverEffects(observations, { scale: scale.map((_, i) => i + 1) });
  if (!fitted.ok) {
    const raw = estimateAssessment(observations, weightedDesign(md, observations), {
      cut,
      unit: d.unit,
      minCellUnits,
      parameterUncertainty: false,
    });
    return {
      ...base,
      teams: [],
      flagged: { harsh: 0, lenient: 0 },
      degreesOfFreedom: null,
      warnings: [],
      agreement: empty,
      raw: raw.ok ? raw.value.raw : null,
      adjusted: null,
      ...whyOf(fitted.error),
    };
  }
  const fx = fitted.value;
  const df = fx.additive.degreesOfFreedom;
  const t975 = df > 0 ? tQuantile(0.975, df) : Number.NaN;
  const teams: TeamRow[] = fx.teams
    .map((t) => ({
      teamId: t.teamId,
      teamCode: teamCodes.get(t.teamId) ?? t.teamId.slice(0, 8),
      visits: t.visits,
      sharedStations: t.sharedStations,
      estimable: t.estimable,
      severity: t.severity,
      shrunkSeverity: t.shrunkSeverity,
      standardError: t.standardError,
      lower: t.severity !== null && t.standardError !== null ? t.severity - t975 * t.standardError : null,
      upper: t.severity !== null && t.standardError !== null ? t.severity + t975 * t.standardError : null,
      z: t.z,
      adjustedPValue: t.adjustedPValue,
      flag: t.flag,
      latentSeverity: t.latentSeverity,
      latentStandardError: t.latentStandardError,
    }))
    .sort((a, b) => a.teamCode.localeCompare(b.teamCode));
  const ag = fx.agreement;
  const alphaO = ag.alphaOrdinal.ok ? ag.alphaOrdinal.value.alpha : null;
  const alphaN = ag.alphaNominal.ok ? ag.alphaNominal.value.alpha : null;
  const assessed = estimateAssessment(observations, weightedDesign(md, observations), {
    cut,
    unit: d.unit,
    minCellUnits,
    ...(fx.ordinal ? { fit: fx.ordinal } : {}),
  });
  return {
    ...base,
    teams,
    flagged: {
      harsh: teams.filter((t) => t.flag === "harsh").length,
      lenient: teams.filter((t) => t.flag === "lenient").length,
    },
    degreesOfFreedom: df,
    warnings: fx.additive.warnings,
    agreement: {
      doublyObservedStations: ag.doublyObservedStations,
      kappa: kappaOf(ag.kappa),
      weightedKappa: kappaOf(ag.weightedKappa),
      alphaOrdinal: alphaO,
      alphaNominal: alphaN,
    },
    raw: assessed.ok ? assessed.value.raw : null,
    adjusted: assessed.ok ? assessed.value.adjusted : null,
    ...(() => {
      const failure = assessed.ok ? (assessed.value.modelIssue ?? fx.ordinalIssue) : assessed.error;
      return failure === null ? NO_ISSUE : whyOf(failure);
    })(),
  };
}
