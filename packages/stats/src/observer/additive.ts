// Team severity in scale points from the additive two-way fixed-effects model
//   y_v = α_station + β_team + ε_v,   Σ_team β = 0,
// fitted by absorbing station effects and solving the reduced normal equations C β = Q of an
// incomplete block design (stations are blocks, teams are treatments): Searle, "Linear
// Models" (1971), §7.2 (two-way crossed classification, no interaction, unbalanced data);
// John & Williams, "Cyclic and Computer Generated Designs" (1995), ch. 1 (C-matrix).
// With P = 11ᵀ/T, the constrained solution is β̂ = (C + P)⁻¹Q and Var(β̂) = σ²[(C + P)⁻¹ - P]
// (the Moore–Penrose inverse of C). Only teams connected by shared stations are comparable,
// so the largest connected component is fitted and other teams are reported not estimable.
// Outliers: t = β̂/se against Student's t with the residual degrees of freedom (σ̂² rests on the
// stations seen by several teams only, often a few dozen df), two-sided p-values Holm-adjusted
// over the estimable teams (multiple.ts). A team needs `minSharedStations` stations shared with
// other teams to be estimable: with one or two its severity is one or two station contrasts and
// would be flagged on noise. Shrunken severities (empirical Bayes, Morris 1983, JASA 78:47): with
// β_t ~ N(0, τ²), τ̂² = max(0, mean(β̂²) − mean(se²)) by moments, β̃_t = β̂_t·τ̂²/(τ̂² + se_t²), the
// best guess of a team's severity when most teams are neutral; flags use the unshrunken test.

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import type { StatsIssue } from "../design/types.ts";
import { spdInverse } from "../math/linalg.ts";
import { fSf, tTwoSidedP } from "../math/special.ts";
import { holmAdjust } from "./multiple.ts";
import type { AssessmentObservation } from "./types.ts";

export interface TeamSeverity {
  readonly teamId: string;
  readonly visits: number;
  /** Stations this team saw that another team also saw. */
  readonly sharedStations: number;
  /** False when the team shares no station with the main connected group of teams. */
  readonly estimable: boolean;
  /** Scale points above (harsher) or below (more lenient) the average team; null if not estimable. */
  readonly severity: number | null;
  /** Empirical-Bayes shrunken severity (towards 0 by τ̂²/(τ̂² + se²)); null if not estimable. */
  readonly shrunkSeverity: number | null;
  readonly standardError: number | null;
  readonly z: number | null;
  readonly pValue: number | null;
  /** Holm-adjusted p-value across all estimable teams. */
  readonly adjustedPValue: number | null;
  readonly flag: "harsh" | "lenient" | null;
}

export interface AdditiveFit {
  readonly teams: readonly TeamSeverity[];
  /** Residual standard deviation of a single assessment, in scale points. */
  readonly residualSd: number;
  readonly degreesOfFreedom: number;
  /** Between-team variance of true severities estimated by moments (scale points²). */
  readonly teamVariance: number;
  readonly observations: number;
  readonly stations: number;
  /** Connected groups of teams (by shared stations); severities compare within the largest. */
  readonly components: number;
  /** Team effects by team id (estimable teams only), for adjustment of mean scores. */
  readonly effectByTeam: ReadonlyMap<string, number>;
  /**
   * F test of equal team severities (station effects only vs station + team) over the fitted
   * group: F = [(RSS₀ − RSS)/(T − 1)] / [RSS/df]; null when there are no residual df.
   */
  readonly homogeneity: {
    readonly statistic: number;
    readonly df1: number;
    readonly df2: number;
    readonly pValue: number;
  } | null;
  /** Plain-language warnings about the design (weak connectivity, teams not estimable). */
  readonly warnings: readonly string[];
}

export interface AdditiveOptions {
  /** Family-wise error rate for flags; default 0.05. */
  readonly alpha?: number;
  /** Stations shared with other teams a team needs to be estimable; default 3. */
  readonly minSharedStations?: number;
}

/** Fits the additive station + team model and flags outlying teams. */
export function fitAdditiveSeverity(
  observations: readonly AssessmentObservation[],
  options: AdditiveOptions = {},
): Result<AdditiveFit, StatsIssue> {
  const alpha = options.alpha ?? 0.05;
  const minShared = options.minSharedStations ?? 3;
  const obs = observations.filter(
    (o): o is AssessmentObservation & { value: number } => o.value !== null && Number.isFinite(o.value),
  );
  if (obs.length === 0) return err({ code: "no-data", reason: "no_assessments", message: "no assessments" });
  const teamIndex = new Map<string, number>();
  const teamIds: string[] = [];
  for (const o of obs)
    if (!teamIndex.has(o.teamId)) {
      teamIndex.set(o.teamId, teamIds.length);
      teamIds.push(o.teamId);
    }
  const T = teamIds.length;
  const stations = new Map<string, { team: number; y: number }[]>();
  for (const o of obs) {
    const list = stations.get(o.stationId) ?? [];
    list.push({ team: teamIndex.get(o.teamId) ?? 0, y: o.value });
    stations.set(o.stationId, list);
  }
  // Union-find over teams sharing a station.
  const parent = Int32Array.from({ length: T }, (_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while ((parent[r] ?? r) !== r) r = parent[r] ?? r;
    let c = i;
    while (c !== r) {
      const next = parent[c] ?? r;
      parent[c] = r;
      c = next;
    }
    return r;
  };
  const visits = new Int32Array(T);
  const shared = new Int32Array(T);
  for (const list of stations.values()) {
    const first = list[0];
    const teamsHere = new Set(list.map((v) => v.team));
    for (const v of list) visits[v.team] = (visits[v.team] ?? 0) + 1;
    if (teamsHere.size > 1) for (const t of teamsHere) shared[t] = (shared[t] ?? 0) + 1;
    if (first) for (const v of list) parent[find(v.team)] = find(first.team);
  }
  const compSize = new Map<number, number>();
  for (let t = 0; t < T; t++) compSize.set(find(t), (compSize.get(find(t)) ?? 0) + (visits[t] ?? 0));
  let mainRoot = -1;
  let best = -1;
  for (const [root, size] of compSize) {
    if (size > best) {
      best = size;
      mainRoot = root;
    }
  }
  const local = new Int32Array(T).fill(-1);
  const members: number[] = [];
  for (let t = 0; t < T; t++) {
    if (find(t) === mainRoot && (shared[t] ?? 0) > 0) {
      local[t] = members.length;
      members.push(t);
    }
  }
  const Tc = members.length;
  const notEstimable = (t: number): TeamSeverity => ({
    teamId: teamIds[t] ?? "",
    visits: visits[t] ?? 0,
    sharedStations: shared[t] ?? 0,
    estimable: false,
    severity: null,
    shrunkSeverity: null,
    standardError: null,
    z: null,
    pValue: null,
    adjustedPValue: null,
    flag: null,
  });
  if (Tc < 2) {
    return ok({
      teams: teamIds.map((_, t) => notEstimable(t)),
      residualSd: Number.NaN,
      degreesOfFreedom: 0,
      teamVariance: Number.NaN,
      observations: obs.length,
      stations: stations.size,
      components: compSize.size,
      effectByTeam: new Map(),
      homogeneity: null,
      warnings: ["fewer than two teams share stations: team severity cannot be estimated"],
    });
  }
  const C = new Float64Array(Tc * Tc);
  const Q = new Float64Array(Tc);
  let nObs = 0;
  let nStations = 0;
  const counts = new Float64Array(Tc);
  const sums = new Float64Array(Tc);
  for (const list of stations.values()) {
    const first = list[0];
    if (!first || local[first.team] === -1 || find(first.team) !== mainRoot) continue;
    nStations++;
    nObs += list.length;
    counts.fill(0);
    sums.fill(0);
    let Y = 0;
    const touched: number[] = [];
    for (const v of list) {
      const i = local[v.team] ?? -1;
      if (i < 0) continue;
      if ((counts[i] ?? 0) === 0) touched.push(i);
      counts[i] = (counts[i] ?? 0) + 1;
      sums[i] = (sums[i] ?? 0) + v.y;
      Y += v.y;
    }
    const m = list.length;
    for (const i of touched) {
      const ni = counts[i] ?? 0;
      C[i * Tc + i] = (C[i * Tc + i] ?? 0) + ni;
      Q[i] = (Q[i] ?? 0) + (sums[i] ?? 0) - (ni * Y) / m;
      for (const j of touched) C[i * Tc + j] = (C[i * Tc + j] ?? 0) - (ni * (counts[j] ?? 0)) / m;
    }
  }
  const CP = Float64Array.from(C);
  for (let i = 0; i < Tc * Tc; i++) CP[i] = (CP[i] ?? 0) + 1 / Tc;
  const inv = spdInverse(CP, Tc);
  if (inv === null)
    return err({
      code: "not-estimable",
      reason: "singular_team_design",
      message: "team design matrix is singular",
    });
  const beta = new Float64Array(Tc);
  for (let i = 0; i < Tc; i++) {
    let s = 0;
    for (let j = 0; j < Tc; j++) s += (inv[i * Tc + j] ?? 0) * (Q[j] ?? 0);
    beta[i] = s;
  }
  // Residual variance: station effects α_s = mean(y - β). RSS₀: station effects alone.
  let rss = 0;
  let rss0 = 0;
  for (const list of stations.values()) {
    const first = list[0];
    if (!first || local[first.team] === -1 || find(first.team) !== mainRoot) continue;
    let a = 0;
    let ybar = 0;
    for (const v of list) {
      a += v.y - (beta[local[v.team] ?? 0] ?? 0);
      ybar += v.y;
    }
    a /= list.length;
    ybar /= list.length;
    for (const v of list) rss0 += (v.y - ybar) ** 2;
    for (const v of list) {
      const r = v.y - a - (beta[local[v.team] ?? 0] ?? 0);
      rss += r * r;
    }
  }
  const df = nObs - nStations - (Tc - 1);
  const sigma2 = df > 0 ? rss / df : Number.NaN;
  const ses = members.map((_, i) => Math.sqrt(Math.max(0, sigma2 * ((inv[i * Tc + i] ?? 0) - 1 / Tc))));
  const zs = members.map((_, i) => ((ses[i] ?? 0) > 0 ? (beta[i] ?? 0) / (ses[i] ?? 1) : 0));
  // Only teams with enough shared stations are tested (and enter the Holm family).
  const testable = members.map((t) => (shared[t] ?? 0) >= minShared && df > 0);
  const tested = members.flatMap((_, i) => (testable[i] ? [i] : []));
  const ps = zs.map((z) => tTwoSidedP(z, df));
  const adjTested = holmAdjust(tested.map((i) => ps[i] ?? 1));
  const adj = new Float64Array(Tc).fill(1);
  tested.forEach((i, k) => {
    adj[i] = adjTested[k] ?? 1;
  });
  let sumB2 = 0;
  let sumSe2 = 0;
  for (const i of tested) {
    sumB2 += (beta[i] ?? 0) ** 2;
    sumSe2 += (ses[i] ?? 0) ** 2;
  }
  const tau2 = tested.length > 0 ? Math.max(0, (sumB2 - sumSe2) / tested.length) : 0;
  const effectByTeam = new Map<string, number>();
  const teams = teamIds.map((id, t) => {
    const i = local[t] ?? -1;
    if (i < 0 || !testable[i]) return notEstimable(t);
    const b = beta[i] ?? 0;
    const se = ses[i] ?? 0;
    effectByTeam.set(id, b);
    const ap = adj[i] ?? 1;
    return {
      teamId: id,
      visits: visits[t] ?? 0,
      sharedStations: shared[t] ?? 0,
      estimable: true,
      severity: b,
      shrunkSeverity: tau2 + se * se > 0 ? (b * tau2) / (tau2 + se * se) : 0,
      standardError: se,
      z: zs[i] ?? null,
      pValue: ps[i] ?? null,
      adjustedPValue: ap,
      flag: ap < alpha ? (b > 0 ? ("harsh" as const) : ("lenient" as const)) : null,
    };
  });
  const df1 = Tc - 1;
  const fStat = df > 0 && rss > 0 ? Math.max(0, rss0 - rss) / df1 / (rss / df) : Number.NaN;
  const homogeneity =
    df > 0 && Number.isFinite(fStat) ? { statistic: fStat, df1, df2: df, pValue: fSf(fStat, df1, df) } : null;
  const warnings = designWarnings(shared, members.length, T, compSize.size, tested.length, df, minShared);
  return ok({
    teams,
    residualSd: Math.sqrt(sigma2),
    degreesOfFreedom: df,
    teamVariance: tau2,
    observations: nObs,
    stations: nStations,
    components: compSize.size,
    effectByTeam,
    homogeneity,
    warnings,
  });
}

/** Warnings when the design connects teams weakly: few shared stations, several groups, few df. */
function designWarnings(
  shared: Int32Array,
  connected: number,
  teams: number,
  components: number,
  tested: number,
  df: number,
  minShared: number,
): string[] {
  const out: string[] = [];
  if (tested < teams)
    out.push(
      `${teams - tested} of ${teams} teams share fewer than ${minShared} stations with other teams (or lie outside the main connected group): not estimable`,
    );
  if (components > 1)
    out.push(`teams form ${components} groups with no shared station; severities compare within the largest`);
  const sorted = Array.from(shared).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  if (median < 2 * minShared)
    out.push(
      `weakly connected design: the median team shares ${median} stations with other teams; severities are imprecise and only large biases can be detected`,
    );
  if (df < 30 && connected > 1)
    out.push(`only ${df} residual degrees of freedom: p-values use Student's t, and power is low`);
  return out;
}
