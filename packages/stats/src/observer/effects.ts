// Observer effects in one call: team severity from the additive model (scale points, with
// SEs and Holm-adjusted outlier flags; additive.ts), team severity from the ordinal model
// (latent units; ordinal.ts), and agreement between teams on doubly observed stations —
// Cohen's kappa, unweighted and quadratic-weighted (Cohen 1960, 1968) on the first two
// teams' assessments per station, and Krippendorff's alpha, ordinal and nominal, on all
// assessments per station (Krippendorff 2011). See the individual modules for formulas.

import type { Result } from "@scrutiny/domain";
import { ok } from "@scrutiny/domain";
import type { KappaResult } from "../agreement/kappa.ts";
import { cohensKappa } from "../agreement/kappa.ts";
import type { AlphaResult } from "../agreement/krippendorff.ts";
import { krippendorffAlpha } from "../agreement/krippendorff.ts";
import type { StatsIssue } from "../design/types.ts";
import type { AdditiveFit, AdditiveOptions, TeamSeverity } from "./additive.ts";
import { fitAdditiveSeverity } from "./additive.ts";
import type { OrdinalFit, OrdinalOptions } from "./ordinal.ts";
import { fitOrdinalModel } from "./ordinal.ts";
import type { AssessmentObservation } from "./types.ts";

export interface TeamEffect extends TeamSeverity {
  /** Severity on the ordinal model's latent scale (noise SD units), with its SE. */
  readonly latentSeverity: number | null;
  readonly latentStandardError: number | null;
}

export interface Agreement {
  /** Stations assessed by two or more different teams. */
  readonly doublyObservedStations: number;
  readonly kappa: Result<KappaResult, StatsIssue>;
  readonly weightedKappa: Result<KappaResult, StatsIssue>;
  readonly alphaOrdinal: Result<AlphaResult, StatsIssue>;
  readonly alphaNominal: Result<AlphaResult, StatsIssue>;
}

export interface ObserverEffects {
  readonly teams: readonly TeamEffect[];
  readonly additive: AdditiveFit;
  /** Null when the ordinal model could not be fitted; see `ordinalIssue`. */
  readonly ordinal: OrdinalFit | null;
  readonly ordinalIssue: StatsIssue | null;
  readonly agreement: Agreement;
}

export interface ObserverEffectOptions extends AdditiveOptions {
  readonly model?: OrdinalOptions;
  /** The ordered scale's values; default [1, 2, 3, 4]. */
  readonly scale?: readonly number[];
}

/** Pairs and units of assessments from stations that several teams saw. */
export function agreementData(observations: readonly AssessmentObservation[]): {
  pairs: [number, number][];
  units: number[][];
} {
  const byStation = new Map<string, { team: string; value: number }[]>();
  for (const o of observations) {
    if (o.value === null) continue;
    const list = byStation.get(o.stationId) ?? [];
    list.push({ team: o.teamId, value: o.value });
    byStation.set(o.stationId, list);
  }
  const pairs: [number, number][] = [];
  const units: number[][] = [];
  for (const list of byStation.values()) {
    const first = list[0];
    const second = list.find((x) => first !== undefined && x.team !== first.team);
    if (first && second) {
      pairs.push([first.value, second.value]);
      units.push(list.map((x) => x.value));
    }
  }
  return { pairs, units };
}

/** Fits team severities, flags outlying teams and measures agreement. */
export function fitObserverEffects(
  observations: readonly AssessmentObservation[],
  options: ObserverEffectOptions = {},
): Result<ObserverEffects, StatsIssue> {
  const additive = fitAdditiveSeverity(observations, options);
  if (!additive.ok) return additive;
  const ordinal = fitOrdinalModel(observations, options.model);
  const teams: TeamEffect[] = additive.value.teams.map((t) => {
    const o = ordinal.ok ? ordinal.value.teamSeverity.get(t.teamId) : undefined;
    return { ...t, latentSeverity: o?.severity ?? null, latentStandardError: o?.standardError ?? null };
  });
  const { pairs, units } = agreementData(observations);
  const scale = options.scale ?? [1, 2, 3, 4];
  const agreement: Agreement = {
    doublyObservedStations: pairs.length,
    kappa: cohensKappa(pairs, { categories: scale, weights: "none" }),
    weightedKappa: cohensKappa(pairs, { categories: scale, weights: "quadratic" }),
    alphaOrdinal: krippendorffAlpha(units, "ordinal"),
    alphaNominal: krippendorffAlpha(units, "nominal"),
  };
  return ok({
    teams,
    additive: additive.value,
    ordinal: ordinal.ok ? ordinal.value : null,
    ordinalIssue: ordinal.ok ? null : ordinal.error,
    agreement,
  });
}
