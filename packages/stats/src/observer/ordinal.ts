// Ordinal (cumulative probit) model for assessments with random station quality and fixed
// team severity — the probit analogue of the many-facet Rasch model for rater severity
// (Linacre, "Many-Facet Rasch Measurement", 1989) and a cumulative link mixed model
// (Agresti, "Analysis of Ordinal Categorical Data", 2nd ed., 2010, ch. 10):
//   y*_v = η_s + b_t + ε_v,  ε ~ N(0,1),  y_v = k  ⇔  τ_{k-1} < y*_v ≤ τ_k,
//   η_s = μ_g(s) + σ u_s,  u_s ~ N(0,1)  (g = stratum/region of the station),
//   τ_1 = 0, τ_k = τ_{k-1} + exp(γ_k);  Σ_t b_t = 0 (severity relative to the average team).
// The station effect is integrated out by Gauss–Hermite quadrature (marginal likelihood;
// Bock & Aitkin, Psychometrika 46, 1981). A weak N(0, priorSd²) penalty on b keeps teams
// whose every answer is extreme finite. Maximised by Berndt–Hall–Hall–Hausman (BHHH)
// iterations with step halving (Berndt et al., Ann. Econ. Soc. Meas. 3, 1974); the
// inverse of the final BHHH + penalty information gives standard errors.

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import type { StatsIssue } from "../design/types.ts";
import { spdInverse, spdSolve } from "../math/linalg.ts";
import { normCdf, normPdf } from "../math/normal.ts";
import { normCdfFast } from "../math/normal-fast.ts";
import { normalQuadrature } from "../math/quadrature.ts";
import type { AssessmentObservation } from "./types.ts";

export interface OrdinalOptions {
  /** Quadrature points; default 16. */
  readonly quadraturePoints?: number;
  /** Prior standard deviation of team severities on the latent scale; default 1. */
  readonly severityPriorSd?: number;
  readonly maxIterations?: number;
  /** Group for station means (default: stratum id); null puts every station in one group. */
  readonly groupOf?: (o: AssessmentObservation) => string | null;
}

/** Prepared data in typed arrays, observations grouped by station. */
export interface OrdinalData {
  readonly nObs: number;
  /** Indices into the filtered observation list, grouped by station. */
  readonly order: Int32Array;
  readonly stationStart: Int32Array;
  readonly stationGroup: Int32Array;
  readonly stationIds: readonly string[];
  readonly obsTeam: Int32Array;
  readonly obsCat: Int32Array;
  readonly teamIds: readonly string[];
  readonly groupIds: readonly string[];
  /** Observed score values, ascending; category index k ↔ categories[k]. */
  readonly categories: readonly number[];
  /** The observations kept (answered), in the order indexed by `order`. */
  readonly kept: readonly AssessmentObservation[];
}

export interface OrdinalFit {
  readonly data: OrdinalData;
  /** Free parameter vector: [μ_g..., log σ, γ_2..γ_{K-1}, b_1..b_{T-1}]. */
  readonly theta: Float64Array;
  /** Covariance of theta (inverse information). */
  readonly covariance: Float64Array;
  readonly thresholds: readonly number[];
  readonly sigma: number;
  readonly groupMeans: ReadonlyMap<string, number>;
  /** Team severity on the latent scale (SD units of one assessment's noise) and its SE. */
  readonly teamSeverity: ReadonlyMap<string, { severity: number; standardError: number }>;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export function prepareOrdinalData(
  observations: readonly AssessmentObservation[],
  groupOf: (o: AssessmentObservation) => string | null,
): OrdinalData | null {
  const kept = observations.filter((o) => o.value !== null && Number.isFinite(o.value));
  if (kept.length === 0) return null;
  const categories = [...new Set(kept.map((o) => o.value as number))].sort((a, b) => a - b);
  const catIndex = new Map<number, number>();
  categories.forEach((c, i) => {
    catIndex.set(c, i);
  });
  const teamIndex = new Map<string, number>();
  const teamIds: string[] = [];
  const groupIndex = new Map<string, number>();
  const groupIds: string[] = [];
  const byStation = new Map<string, number[]>();
  const obsTeam = new Int32Array(kept.length);
  const obsCat = new Int32Array(kept.length);
  const stationGroupMap = new Map<string, number>();
  kept.forEach((o, i) => {
    let t = teamIndex.get(o.teamId);
    if (t === undefined) {
      t = teamIds.length;
      teamIndex.set(o.teamId, t);
      teamIds.push(o.teamId);
    }
    obsTeam[i] = t;
    obsCat[i] = catIndex.get(o.value as number) ?? 0;
    const list = byStation.get(o.stationId);
    if (list) list.push(i);
    else {
      byStation.set(o.stationId, [i]);
      const g = groupOf(o) ?? "all";
      let gi = groupIndex.get(g);
      if (gi === undefined) {
        gi = groupIds.length;
        groupIndex.set(g, gi);
        groupIds.push(g);
      }
      stationGroupMap.set(o.stationId, gi);
    }
  });
  const S = byStation.size;
  const order = new Int32Array(kept.length);
  const stationStart = new Int32Array(S + 1);
  const stationGroup = new Int32Array(S);
  const stationIds: string[] = [];
  let pos = 0;
  let s = 0;
  for (const [id, list] of byStation) {
    stationStart[s] = pos;
    stationGroup[s] = stationGroupMap.get(id) ?? 0;
    stationIds.push(id);
    for (const i of list) order[pos++] = i;
    s++;
  }
  stationStart[S] = pos;
  return {
    nObs: kept.length,
    order,
    stationStart,
    stationGroup,
    stationIds,
    obsTeam,
    obsCat,
    teamIds,
    groupIds,
    categories,
    kept,
  };
}

/** Parameter layout helpers. */
export interface Layout {
  readonly G: number;
  readonly K: number;
  readonly T: number;
  readonly iSigma: number;
  readonly iGamma: number;
  readonly iTeam: number;
  /** Full length (with b_T); free length is full - 1. */
  readonly full: number;
}

export function layoutOf(d: OrdinalData): Layout {
  const G = d.groupIds.length;
  const K = d.categories.length;
  const T = d.teamIds.length;
  const iSigma = G;
  const iGamma = G + 1;
  const iTeam = iGamma + (K - 2);
  return { G, K, T, iSigma, iGamma, iTeam, full: iTeam + T };
}

/** Expands free parameters into (μ, σ, τ, b). */
export function unpack(
  theta: Float64Array,
  L: Layout,
): { mu: Float64Array; sigma: number; tau: Float64Array; b: Float64Array } {
  const mu = theta.slice(0, L.G);
  const sigma = Math.exp(theta[L.iSigma] ?? 0);
  const tau = new Float64Array(Math.max(0, L.K - 1));
  for (let j = 1; j < L.K - 1; j++) tau[j] = (tau[j - 1] ?? 0) + Math.exp(theta[L.iGamma + j - 1] ?? 0);
  const b = new Float64Array(L.T);
  let sum = 0;
  for (let t = 0; t < L.T - 1; t++) {
    b[t] = theta[L.iTeam + t] ?? 0;
    sum += b[t] ?? 0;
  }
  b[L.T - 1] = -sum;
  return { mu, sigma, tau, b };
}

const INV_SQRT_2PI = 0.3989422804014327;

/** log P(y = k | a) and derivatives w.r.t. a, the upper and the lower threshold. */
function catProb(
  k: number,
  a: number,
  tau: Float64Array,
  K: number,
): { logp: number; da: number; du: number; dl: number } {
  const hasU = k < K - 1;
  const hasL = k > 0;
  const u = hasU ? (tau[k] ?? 0) - a : Number.POSITIVE_INFINITY;
  const l = hasL ? (tau[k - 1] ?? 0) - a : Number.NEGATIVE_INFINITY;
  let p: number;
  if (hasL && l > 0) p = normCdfFast(-l) - (hasU ? normCdfFast(-u) : 0);
  else p = (hasU ? normCdfFast(u) : 1) - (hasL ? normCdfFast(l) : 0);
  p = Math.max(p, 1e-300);
  const fu = hasU ? normPdf(u) : 0;
  const fl = hasL ? normPdf(l) : 0;
  return { logp: Math.log(p), da: (fl - fu) / p, du: fu / p, dl: -fl / p };
}

interface Evaluation {
  readonly objective: number;
  readonly logLik: number;
  readonly gradFree: Float64Array;
  readonly infoFree: Float64Array;
}

/** Posterior weights over quadrature nodes for station s's quality, written into `out`. */
export function stationPosterior(
  d: OrdinalData,
  s: number,
  mu: Float64Array,
  sigma: number,
  tau: Float64Array,
  b: Float64Array,
  qPoints: number,
  out: Float64Array,
): void {
  const { nodes, weights } = normalQuadrature(qPoints);
  const K = d.categories.length;
  const g = d.stationGroup[s] ?? 0;
  let max = Number.NEGATIVE_INFINITY;
  for (let q = 0; q < qPoints; q++) {
    const eta = (mu[g] ?? 0) + sigma * (nodes[q] ?? 0);
    let ll = Math.log(weights[q] ?? 0);
    for (let p = d.stationStart[s] ?? 0; p < (d.stationStart[s + 1] ?? 0); p++) {
      const v = d.order[p] ?? 0;
      ll += catProb(d.obsCat[v] ?? 0, eta + (b[d.obsTeam[v] ?? 0] ?? 0), tau, K).logp;
    }
    out[q] = ll;
    if (ll > max) max = ll;
  }
  let tot = 0;
  for (let q = 0; q < qPoints; q++) tot += Math.exp((out[q] ?? 0) - max);
  for (let q = 0; q < qPoints; q++) out[q] = Math.exp((out[q] ?? 0) - max) / tot;
}

export function evaluate(
  d: OrdinalData,
  theta: Float64Array,
  qPoints: number,
  priorSd: number,
  withDerivatives: boolean,
): Evaluation {
  const L = layoutOf(d);
  const { mu, sigma, tau, b } = unpack(theta, L);
  const { nodes, weights } = normalQuadrature(qPoints);
  const S = d.stationIds.length;
  const K = L.K;
  const full = L.full;
  const grad = new Float64Array(full);
  const info = withDerivatives ? new Float64Array(full * full) : new Float64Array(0);
  let maxM = 0;
  for (let s = 0; s < S; s++) maxM = Math.max(maxM, (d.stationStart[s + 1] ?? 0) - (d.stationStart[s] ?? 0));
  const lq = new Float64Array(qPoints);
  const da = new Float64Array(maxM * qPoints);
  const du = new Float64Array(maxM * qPoints);
  const dl = new Float64Array(maxM * qPoints);
  const gs = new Float64Array(full);
  const mark = new Uint8Array(full);
  const expGamma = new Float64Array(Math.max(0, L.K - 2));
  for (let i = 0; i < L.K - 2; i++) expGamma[i] = Math.exp(theta[L.iGamma + i] ?? 0);
  let logLik = 0;
  const touched: number[] = [];
  for (let s = 0; s < S; s++) {
    const start = d.stationStart[s] ?? 0;
    const end = d.stationStart[s + 1] ?? 0;
    const g = d.stationGroup[s] ?? 0;
    let max = Number.NEGATIVE_INFINITY;
    for (let q = 0; q < qPoints; q++) {
      const eta = (mu[g] ?? 0) + sigma * (nodes[q] ?? 0);
      let ll = Math.log(weights[q] ?? 0);
      for (let p = start; p < end; p++) {
        const v = d.order[p] ?? 0;
        const k = d.obsCat[v] ?? 0;
        const a = eta + (b[d.obsTeam[v] ?? 0] ?? 0);
        const hasU = k < K - 1;
        const hasL = k > 0;
        const u = hasU ? (tau[k] ?? 0) - a : 0;
        const l = hasL ? (tau[k - 1] ?? 0) - a : 0;
        let pr: number;
        if (hasL && l > 0) pr = normCdfFast(-l) - (hasU ? normCdfFast(-u) : 0);
        else pr = (hasU ? normCdfFast(u) : 1) - (hasL ? normCdfFast(l) : 0);
        if (pr < 1e-300) pr = 1e-300;
        const fu = hasU ? INV_SQRT_2PI * Math.exp(-0.5 * u * u) : 0;
        const fl = hasL ? INV_SQRT_2PI * Math.exp(-0.5 * l * l) : 0;
        ll += Math.log(pr);
        const slot = (p - start) * qPoints + q;
        da[slot] = (fl - fu) / pr;
        du[slot] = fu / pr;
        dl[slot] = -fl / pr;
      }
      lq[q] = ll;
      if (ll > max) max = ll;
    }
    let tot = 0;
    for (let q = 0; q < qPoints; q++) tot += Math.exp((lq[q] ?? 0) - max);
    logLik += max + Math.log(tot);
    if (!withDerivatives) continue;
    // Score of station s: Σ_q r_q Σ_v ∂ log P_vq / ∂θ.
    touched.length = 0;
    const touch = (i: number, x: number) => {
      if (mark[i] !== 1) {
        mark[i] = 1;
        touched.push(i);
      }
      gs[i] = (gs[i] ?? 0) + x;
    };
    for (let q = 0; q < qPoints; q++) {
      const r = Math.exp((lq[q] ?? 0) - max) / tot;
      if (r < 1e-300) continue;
      for (let p = start; p < end; p++) {
        const v = d.order[p] ?? 0;
        const slot = (p - start) * qPoints + q;
        const dA = (da[slot] ?? 0) * r;
        touch(g, dA);
        touch(L.iSigma, dA * sigma * (nodes[q] ?? 0));
        touch(L.iTeam + (d.obsTeam[v] ?? 0), dA);
        const k = d.obsCat[v] ?? 0;
        // τ_j (j = 1..K-2 in 0-based tau index) depends on γ_i for i ≤ j.
        for (let i = 1; i <= L.K - 2; i++) {
          let x = 0;
          if (k <= L.K - 2 && i <= k) x += du[slot] ?? 0;
          if (k >= 1 && i <= k - 1) x += dl[slot] ?? 0;
          if (x !== 0) touch(L.iGamma + i - 1, x * r * (expGamma[i - 1] ?? 0));
        }
      }
    }
    for (const i of touched) {
      const gi = gs[i] ?? 0;
      grad[i] = (grad[i] ?? 0) + gi;
      for (const j of touched) info[i * full + j] = (info[i * full + j] ?? 0) + gi * (gs[j] ?? 0);
    }
    for (const i of touched) {
      gs[i] = 0;
      mark[i] = 0;
    }
  }
  // Ridge penalty on team severities.
  const pen = 1 / (priorSd * priorSd);
  let penalty = 0;
  for (let t = 0; t < L.T; t++) {
    const bt = b[t] ?? 0;
    penalty += 0.5 * pen * bt * bt;
    if (withDerivatives) {
      grad[L.iTeam + t] = (grad[L.iTeam + t] ?? 0) - pen * bt;
      info[(L.iTeam + t) * full + L.iTeam + t] = (info[(L.iTeam + t) * full + L.iTeam + t] ?? 0) + pen;
    }
  }
  const P = full - 1;
  const gradFree = new Float64Array(P);
  const infoFree = new Float64Array(withDerivatives ? P * P : 0);
  if (withDerivatives) {
    const last = full - 1;
    const isTeam = (i: number) => i >= L.iTeam;
    for (let i = 0; i < P; i++) gradFree[i] = (grad[i] ?? 0) - (isTeam(i) ? (grad[last] ?? 0) : 0);
    for (let i = 0; i < P; i++)
      for (let j = 0; j < P; j++) {
        let x = info[i * full + j] ?? 0;
        if (isTeam(j)) x -= info[i * full + last] ?? 0;
        if (isTeam(i)) x -= info[last * full + j] ?? 0;
        if (isTeam(i) && isTeam(j)) x += info[last * full + last] ?? 0;
        infoFree[i * P + j] = x;
      }
  }
  return { objective: logLik - penalty, logLik, gradFree, infoFree };
}

function initialTheta(d: OrdinalData): Float64Array {
  const L = layoutOf(d);
  const theta = new Float64Array(L.full - 1);
  const counts = new Float64Array(L.K);
  for (let i = 0; i < d.nObs; i++) counts[d.obsCat[i] ?? 0] = (counts[d.obsCat[i] ?? 0] ?? 0) + 1;
  const sigma0 = 0.5;
  const scale = Math.sqrt(1 + sigma0 * sigma0);
  const z: number[] = [];
  let cum = 0;
  for (let k = 0; k < L.K - 1; k++) {
    cum += counts[k] ?? 0;
    const c = Math.min(0.99, Math.max(0.01, cum / d.nObs));
    z.push(probit(c));
  }
  const mu0 = -(z[0] ?? 0) * scale;
  for (let g = 0; g < L.G; g++) theta[g] = mu0;
  theta[L.iSigma] = Math.log(sigma0);
  for (let j = 1; j < L.K - 1; j++) {
    const gap = ((z[j] ?? 0) - (z[j - 1] ?? 0)) * scale;
    theta[L.iGamma + j - 1] = Math.log(Math.max(0.05, gap));
  }
  return theta;
}

function probit(p: number): number {
  // Newton on Φ, adequate for initial values.
  let x = 0;
  for (let i = 0; i < 50; i++) x -= (normCdf(x) - p) / Math.max(1e-12, normPdf(x));
  return x;
}

/** Fits the ordinal station + team model by penalised marginal maximum likelihood. */
export function fitOrdinalModel(
  observations: readonly AssessmentObservation[],
  options: OrdinalOptions = {},
): Result<OrdinalFit, StatsIssue> {
  const qPoints = options.quadraturePoints ?? 16;
  const priorSd = options.severityPriorSd ?? 1;
  const maxIter = options.maxIterations ?? 200;
  const groupOf = options.groupOf ?? ((o: AssessmentObservation) => o.stratumId ?? null);
  const d = prepareOrdinalData(observations, groupOf);
  if (d === null) return err({ code: "no-data", reason: "no_assessments", message: "no assessments" });
  if (d.categories.length < 2)
    return err({
      code: "not-estimable",
      reason: "one_category",
      message: "all assessments fall in one category",
    });
  if (d.teamIds.length < 2)
    return err({
      code: "not-estimable",
      reason: "two_teams",
      message: "team severity needs at least two teams",
    });
  const L = layoutOf(d);
  const P = L.full - 1;
  let theta = initialTheta(d);
  let cur = evaluate(d, theta, qPoints, priorSd, true);
  let converged = false;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    const A = Float64Array.from(cur.infoFree);
    for (let i = 0; i < P; i++) A[i * P + i] = (A[i * P + i] ?? 0) * (1 + 1e-9) + 1e-10;
    const step = spdSolve(A, P, cur.gradFree);
    if (step === null)
      return err({
        code: "not-converged",
        reason: "not_positive_definite",
        message: "information matrix is not positive definite",
      });
    // Newton decrement gᵀ A⁻¹ g / 2: the predicted gain; stop once it is negligible.
    let decrement = 0;
    for (let i = 0; i < P; i++) decrement += (cur.gradFree[i] ?? 0) * (step[i] ?? 0);
    if (decrement / 2 < 1e-4) {
      converged = true;
      break;
    }
    let scale = 1;
    let accepted = false;
    for (let h = 0; h < 30; h++) {
      const next = Float64Array.from(theta);
      for (let i = 0; i < P; i++) next[i] = (next[i] ?? 0) + scale * (step[i] ?? 0);
      next[L.iSigma] = Math.min(3, Math.max(-6, next[L.iSigma] ?? 0));
      const trial = evaluate(d, next, qPoints, priorSd, false);
      if (trial.objective >= cur.objective - 1e-12) {
        theta = next;
        accepted = true;
        break;
      }
      scale /= 2;
    }
    const before = cur.objective;
    cur = evaluate(d, theta, qPoints, priorSd, true);
    let maxStep = 0;
    for (let i = 0; i < P; i++) maxStep = Math.max(maxStep, Math.abs(scale * (step[i] ?? 0)));
    if (!accepted || maxStep < 1e-6 || Math.abs(cur.objective - before) < 1e-9 * (1 + Math.abs(before))) {
      converged = accepted || maxStep < 1e-4;
      break;
    }
  }
  const cov = spdInverse(cur.infoFree, P);
  if (cov === null)
    return err({
      code: "not-converged",
      reason: "singular_optimum",
      message: "information matrix is singular at the optimum",
    });
  const { mu, sigma, tau, b } = unpack(theta, L);
  const groupMeans = new Map<string, number>();
  d.groupIds.forEach((g, i) => {
    groupMeans.set(g, mu[i] ?? 0);
  });
  const teamSeverity = new Map<string, { severity: number; standardError: number }>();
  const t0 = L.iTeam;
  let sumAll = 0;
  for (let i = 0; i < L.T - 1; i++)
    for (let j = 0; j < L.T - 1; j++) sumAll += cov[(t0 + i) * P + t0 + j] ?? 0;
  d.teamIds.forEach((id, t) => {
    const v = t < L.T - 1 ? (cov[(t0 + t) * P + t0 + t] ?? 0) : sumAll;
    teamSeverity.set(id, { severity: b[t] ?? 0, standardError: Math.sqrt(Math.max(0, v)) });
  });
  return ok({
    data: d,
    theta,
    covariance: cov,
    thresholds: [...tau],
    sigma,
    groupMeans,
    teamSeverity,
    logLikelihood: cur.logLik,
    iterations: iter + 1,
    converged,
  });
}
