// Assessment indicators raw and adjusted for team severity.
// Raw: the design-based share of assessments at or beyond a cut (default "bad" = 3 or 4).
// Adjusted: each assessment's bad indicator is corrected by the expected effect of its team's
// severity under the ordinal model (ordinal.ts),
//   ỹ_v = 1{y_v ≥ cut} - E[ Φ(η_s + b_t - τ) - Φ(η_s - τ) | station s's assessments ],
// the expectation taken over the posterior of the station's quality. Under the model
// E[ỹ_v] = E[Φ(η_s - τ)], the share a neutral (average) team would report, so the corrected
// values feed the same design-based estimator as the raw ones (same weights, strata and
// station clusters). The correction is zero when every team is neutral. Its uncertainty adds
// a delta-method term gᵀ V g for the estimated model parameters (Casella & Berger,
// "Statistical Inference", 2nd ed., §5.5.4) to the design variance.
// Why not subtract the additive effect and re-threshold: scores are integers, so a shift
// below half a point never moves a score across the cut, and the bad share is a nonlinear
// (probit-shaped) function of severity; the simulation in test/simulation.test.ts shows
// that the ordinal correction removes the bias that harsh and lenient teams cause.

import type { Result } from "@scrutiny/domain";
import { ok } from "@scrutiny/domain";
import { applyDesign } from "../design/survey.ts";
import type { Estimate, Observation, SamplingDesign, StatsIssue } from "../design/types.ts";
import { groupByStation } from "../estimators/clusters.ts";
import type { ProportionOptions } from "../estimators/proportion.ts";
import { estimateProportion, proportionFromClusters } from "../estimators/proportion.ts";
import { wilsonEffective } from "../estimators/wilson.ts";
import { spdInverse } from "../math/linalg.ts";
import { normCdfFast } from "../math/normal-fast.ts";
import { normalQuadrature } from "../math/quadrature.ts";
import { chiSquarePValue } from "../math/special.ts";
import type { OrdinalFit, OrdinalOptions } from "./ordinal.ts";
import { fitOrdinalModel, layoutOf, stationPosterior, unpack } from "./ordinal.ts";
import type { AssessmentObservation } from "./types.ts";

export interface AssessmentOptions extends ProportionOptions {
  /** Scores at or above this count (default 3: bad or very bad). */
  readonly cut?: number;
  /** A fitted ordinal model to reuse; fitted here when absent. */
  readonly fit?: OrdinalFit;
  readonly model?: OrdinalOptions;
  /** Level of the equal-severity test that decides whether to adjust (default 0.05). */
  readonly alpha?: number;
  /** Add the delta-method variance of the model parameters (default true). */
  readonly parameterUncertainty?: boolean;
  /**
   * When to correct (default "teams-differ"): only when the ordinal model's Wald test of equal team
   * severities (teamsDifferTest) rejects at `alpha` (0.05), else the adjusted share is the raw one. Reason: noise in
   * the fitted severities biases the correction (Φ is convex below the cut, so zero-mean noise
   * shifts the expected correction), which moved the adjusted share 1-2 points below the raw one
   * on missions where every team was neutral. "always" corrects regardless.
   */
  readonly adjustWhen?: "teams-differ" | "always";
}

export interface AssessmentEstimate {
  readonly raw: Estimate;
  /** Null when the severity model could not be fitted (see `modelIssue`). */
  readonly adjusted: Estimate | null;
  readonly modelIssue: StatsIssue | null;
  readonly cut: number;
}

/**
 * Wald test that every team has the same severity in the ordinal model: W = b̂ᵀ V̂⁻¹ b̂ over the
 * T − 1 free severities, against χ²(T − 1). Null when the covariance block cannot be inverted.
 */
export function teamsDifferTest(
  fit: OrdinalFit,
): { readonly statistic: number; readonly df: number; readonly pValue: number } | null {
  const L = layoutOf(fit.data);
  const m = L.T - 1;
  if (m < 1) return null;
  const P = fit.theta.length;
  const block = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) block[i * m + j] = fit.covariance[(L.iTeam + i) * P + L.iTeam + j] ?? 0;
  const inv = spdInverse(block, m);
  if (inv === null) return null;
  let w = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      w += (fit.theta[L.iTeam + i] ?? 0) * (inv[i * m + j] ?? 0) * (fit.theta[L.iTeam + j] ?? 0);
  return { statistic: w, df: m, pValue: chiSquarePValue(w, m) };
}

/**
 * Per-observation correction Δ_v (aligned with fit.data.kept). With `stations`, only those
 * stations' observations are computed (others stay 0).
 */
export function severityCorrections(
  fit: OrdinalFit,
  theta: Float64Array,
  cut: number,
  qPoints = 16,
  stations?: readonly number[],
): Float64Array {
  const d = fit.data;
  const L = layoutOf(d);
  const { mu, sigma, tau, b } = unpack(theta, L);
  const kCut = d.categories.findIndex((c) => c >= cut);
  const delta = new Float64Array(d.nObs);
  if (kCut <= 0) return delta; // nothing or everything counts: no severity effect on the share
  const threshold = tau[kCut - 1] ?? 0;
  const { nodes } = normalQuadrature(qPoints);
  const post = new Float64Array(qPoints);
  const list = stations ?? Array.from({ length: d.stationIds.length }, (_, s) => s);
  for (const s of list) {
    stationPosterior(d, s, mu, sigma, tau, b, qPoints, post);
    const g = d.stationGroup[s] ?? 0;
    for (let p = d.stationStart[s] ?? 0; p < (d.stationStart[s + 1] ?? 0); p++) {
      const v = d.order[p] ?? 0;
      const bt = b[d.obsTeam[v] ?? 0] ?? 0;
      let x = 0;
      for (let q = 0; q < qPoints; q++) {
        const eta = (mu[g] ?? 0) + sigma * (nodes[q] ?? 0);
        x += (post[q] ?? 0) * (normCdfFast(eta + bt - threshold) - normCdfFast(eta - threshold));
      }
      delta[v] = x;
    }
  }
  return delta;
}

/** Raw and severity-adjusted share of assessments at or beyond `cut`. */
export function estimateAssessment(
  observations: readonly AssessmentObservation[],
  design: SamplingDesign,
  options: AssessmentOptions = {},
): Result<AssessmentEstimate, StatsIssue> {
  const cut = options.cut ?? 3;
  const bad: Observation<boolean>[] = observations.map((o) => ({
    ...o,
    value: o.value === null ? null : o.value >= cut,
  }));
  const raw = estimateProportion(bad, design, options);
  if (!raw.ok) return raw;
  let fit: OrdinalFit;
  if (options.fit) fit = options.fit;
  else {
    const f = fitOrdinalModel(observations, options.model);
    if (!f.ok) return ok({ raw: raw.value, adjusted: null, modelIssue: f.error, cut });
    fit = f.value;
  }
  if ((options.adjustWhen ?? "teams-differ") === "teams-differ") {
    const test = teamsDifferTest(fit);
    if (test !== null && !(test.pValue < (options.alpha ?? 0.05))) {
      const note =
        `${raw.value.note ? `${raw.value.note} ` : ""}Not adjusted: the test of equal team severities ` +
        `does not reject (Wald χ² = ${test.statistic.toFixed(1)} on ${test.df} df, p = ${test.pValue.toFixed(3)}), ` +
        "so the adjusted share is the raw one.";
      return ok({ raw: raw.value, adjusted: { ...raw.value, note }, modelIssue: null, cut });
    }
  }
  const qPoints = options.model?.quadraturePoints ?? 16;
  const unit = options.unit ?? "visit";
  const kept = fit.data.kept;
  const delta = severityCorrections(fit, fit.theta, cut, qPoints);
  const adjustedObs: Observation<number>[] = kept.map((o, i) => ({
    ...o,
    value: ((o.value ?? 0) >= cut ? 1 : 0) - (delta[i] ?? 0),
  }));
  const grouped = groupByStation(adjustedObs, (v) => v, unit, "mean");
  const missing = observations.length - kept.length;
  const adj = proportionFromClusters(grouped.clusters, missing, grouped.warnings, design, options, false);
  if (!adj.ok) return ok({ raw: raw.value, adjusted: null, modelIssue: adj.error, cut });
  let paramVar = 0;
  if (options.parameterUncertainty ?? true) {
    // Delta method: the adjusted share is linear in the corrections, value = Σ c_v ỹ_v with
    // c_v = w_s / X̂ (visit unit) or w_s / (m_s X̂) (station unit).
    const designed = applyDesign(grouped.clusters, design, options.fpc ?? false);
    if (!designed.ok) return designed;
    const s = designed.value;
    let X = 0;
    const weightOf = new Map<string, number>();
    for (let i = 0; i < s.n; i++) {
      X += (s.weight[i] ?? 0) * (s.x[i] ?? 0);
      weightOf.set(s.stationIds[i] ?? "", s.weight[i] ?? 0);
    }
    const visitsAt = new Map<string, number>();
    for (const o of kept) visitsAt.set(o.stationId, (visitsAt.get(o.stationId) ?? 0) + 1);
    const c = new Float64Array(kept.length);
    kept.forEach((o, i) => {
      const w = weightOf.get(o.stationId) ?? 0;
      c[i] = unit === "visit" ? w / X : w / ((visitsAt.get(o.stationId) ?? 1) * X);
    });
    const P = fit.theta.length;
    const grad = new Float64Array(P);
    const h = 1e-5;
    // Only stations whose corrections depend on parameter i are recomputed: a team's
    // parameter moves its own stations and (through Σb = 0) the last team's; a group mean
    // moves its group; σ and thresholds move every station.
    const d = fit.data;
    const L = layoutOf(d);
    const S = d.stationIds.length;
    const byTeam: number[][] = Array.from({ length: L.T }, () => []);
    const byGroup: number[][] = Array.from({ length: L.G }, () => []);
    for (let st = 0; st < S; st++) {
      byGroup[d.stationGroup[st] ?? 0]?.push(st);
      const seen = new Set<number>();
      for (let p = d.stationStart[st] ?? 0; p < (d.stationStart[st + 1] ?? 0); p++)
        seen.add(d.obsTeam[d.order[p] ?? 0] ?? 0);
      for (const t of seen) byTeam[t]?.push(st);
    }
    const lastTeam = byTeam[L.T - 1] ?? [];
    for (let i = 0; i < P; i++) {
      let subset: number[] | undefined;
      if (i < L.G) subset = byGroup[i];
      else if (i >= L.iTeam) subset = [...new Set([...(byTeam[i - L.iTeam] ?? []), ...lastTeam])];
      const up = Float64Array.from(fit.theta);
      up[i] = (up[i] ?? 0) + h;
      const du = severityCorrections(fit, up, cut, qPoints, subset);
      let g = 0;
      const visit = (st: number) => {
        for (let p = d.stationStart[st] ?? 0; p < (d.stationStart[st + 1] ?? 0); p++) {
          const v = d.order[p] ?? 0;
          g -= (c[v] ?? 0) * ((du[v] ?? 0) - (delta[v] ?? 0));
        }
      };
      if (subset) for (const st of subset) visit(st);
      else for (let st = 0; st < S; st++) visit(st);
      grad[i] = g / h;
    }
    for (let i = 0; i < P; i++)
      for (let j = 0; j < P; j++)
        paramVar += (grad[i] ?? 0) * (fit.covariance[i * P + j] ?? 0) * (grad[j] ?? 0);
  }
  const a = adj.value;
  const se = Math.sqrt(a.standardError ** 2 + Math.max(0, paramVar));
  const level = options.level ?? 0.95;
  const pc = Math.min(1, Math.max(0, a.value));
  // Wilson-type interval on the effective sample size implied by the total variance.
  const w = wilsonEffective(pc, se * se, a.denominator, a.ci.degreesOfFreedom ?? a.stations - 1, level);
  const adjusted: Estimate = {
    ...a,
    value: pc,
    numerator: a.numerator,
    standardError: se,
    effectiveSampleSize: w.effectiveN,
    ci: { ...w.interval, level, method: "wilson-effective-n", degreesOfFreedom: w.degreesOfFreedom },
    warnings: [...a.warnings, ...(fit.converged ? [] : ["the severity model did not fully converge"])],
    note:
      (a.note ? `${a.note} ` : "") +
      "Adjusted for team severity: the share an average team would have reported at the same stations (ordinal station + team model).",
  };
  return ok({ raw: raw.value, adjusted, modelIssue: null, cut });
}
