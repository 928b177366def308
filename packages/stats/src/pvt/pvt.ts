// Parallel vote tabulation (PVT / quick count): from observers' copies of the results
// protocols at sampled stations, estimate turnout (Σ ballots cast / Σ registered) and each
// contestant's share (Σ votes / Σ valid votes) as ratio estimators with stratified station
// variance and a margin of error; compare with the official national figures (is the
// official share inside the interval?); and list stations whose observed protocol differs
// from the one the commission published. Estok, Nevitte & Cowan, "The Quick Count and
// Election Observation" (NDI, 2002), ch. 5-7; Lohr, "Sampling: Design and Analysis"
// (3rd ed.), §4.1 and §6 (ratio estimation with clusters).

import type { Result } from "@scrutiny/domain";
import { err, ok } from "@scrutiny/domain";
import type { ClusterTotals } from "../design/survey.ts";
import type { SamplingDesign, StatsIssue } from "../design/types.ts";
import { CONVENIENCE_NOTE } from "../design/types.ts";
import type { RatioEstimate } from "./ratio.ts";
import { ratioFromClusters } from "./ratio.ts";

/** The counts of one station's results protocol. */
export interface ProtocolCount {
  readonly stationId: string;
  readonly stratumId?: string | null;
  readonly registered?: number | null;
  /** Ballots cast (the turnout numerator). */
  readonly ballotsCast: number;
  readonly valid: number;
  readonly invalid?: number | null;
  /** Votes per contestant id. */
  readonly votes: Readonly<Record<string, number>>;
}

export interface OfficialFigures {
  readonly turnout?: number;
  /** Official national share per contestant id (of valid votes, 0-1). */
  readonly shares?: Readonly<Record<string, number>>;
}

export interface OfficialComparison {
  readonly official: number;
  /** official - estimate. */
  readonly difference: number;
  readonly z: number;
  /** True when the official figure lies inside the interval. */
  readonly inside: boolean;
}

export interface ContestantShare {
  readonly contestantId: string;
  readonly estimate: RatioEstimate;
  readonly official: OfficialComparison | null;
}

export interface ProtocolDiscrepancy {
  readonly stationId: string;
  readonly fields: readonly { field: string; observed: number | null; published: number | null }[];
}

export interface PvtResult {
  readonly stations: number;
  readonly turnout: RatioEstimate | null;
  readonly turnoutOfficial: OfficialComparison | null;
  readonly shares: readonly ContestantShare[];
  /** Share of invalid ballots among valid + invalid, when reported. */
  readonly invalidShare: RatioEstimate | null;
  /** Stations whose observed protocol differs from the published one. */
  readonly discrepancies: readonly ProtocolDiscrepancy[];
  /** Stations with several observed copies that disagree (first copy used). */
  readonly conflictingCopies: readonly string[];
  /** Published protocols missing for observed stations. */
  readonly unpublished: readonly string[];
  readonly generalises: boolean;
  readonly note: string | null;
}

export interface PvtOptions {
  readonly level?: number;
  readonly fpc?: boolean;
  readonly official?: OfficialFigures;
  /** Published protocols of the same stations, to list discrepancies. */
  readonly published?: readonly ProtocolCount[];
  /** Absolute difference tolerated before a field counts as different; default 0. */
  readonly tolerance?: number;
}

function fieldsOf(p: ProtocolCount): Map<string, number | null> {
  const m = new Map<string, number | null>();
  m.set("registered", p.registered ?? null);
  m.set("ballotsCast", p.ballotsCast);
  m.set("valid", p.valid);
  m.set("invalid", p.invalid ?? null);
  for (const [k, v] of Object.entries(p.votes)) m.set(`votes.${k}`, v);
  return m;
}

function differences(a: ProtocolCount, b: ProtocolCount, tol: number): ProtocolDiscrepancy["fields"] {
  const fa = fieldsOf(a);
  const fb = fieldsOf(b);
  const out: { field: string; observed: number | null; published: number | null }[] = [];
  for (const key of new Set([...fa.keys(), ...fb.keys()])) {
    const x = fa.get(key) ?? null;
    const y = fb.get(key) ?? null;
    if (x === null && y === null) continue;
    if (x === null || y === null || Math.abs(x - y) > tol)
      out.push({ field: key, observed: x, published: y });
  }
  return out;
}

function compare(est: RatioEstimate, official: number): OfficialComparison {
  const difference = official - est.value;
  return {
    official,
    difference,
    z:
      est.standardError > 0
        ? difference / est.standardError
        : difference === 0
          ? 0
          : Number.POSITIVE_INFINITY,
    inside: est.ci.lower <= official && official <= est.ci.upper,
  };
}

/** PVT estimates from observed protocols at sampled stations. */
export function pvtEstimate(
  observed: readonly ProtocolCount[],
  design: SamplingDesign,
  options: PvtOptions = {},
): Result<PvtResult, StatsIssue> {
  const level = options.level ?? 0.95;
  const fpc = options.fpc ?? true;
  const tol = options.tolerance ?? 0;
  const byStation = new Map<string, ProtocolCount>();
  const conflicting: string[] = [];
  for (const p of observed) {
    if (![p.ballotsCast, p.valid, ...Object.values(p.votes)].every((v) => Number.isFinite(v) && v >= 0)) {
      return err({
        code: "invalid-input",
        reason: "negative_counts",
        params: { station: p.stationId },
        message: `station ${p.stationId}: counts must be non-negative numbers`,
      });
    }
    const prev = byStation.get(p.stationId);
    if (prev === undefined) byStation.set(p.stationId, p);
    else if (differences(prev, p, 0).length > 0 && !conflicting.includes(p.stationId))
      conflicting.push(p.stationId);
  }
  if (byStation.size === 0)
    return err({ code: "no-data", reason: "no_protocols", message: "no observed protocols" });
  const protocols = [...byStation.values()];
  const contestants = [...new Set(protocols.flatMap((p) => Object.keys(p.votes)))].sort();
  const cluster = (p: ProtocolCount, y: number, x: number): ClusterTotals => ({
    stationId: p.stationId,
    stratumId: p.stratumId ?? null,
    y,
    x,
    units: 1,
  });

  const shares: ContestantShare[] = [];
  for (const c of contestants) {
    const r = ratioFromClusters(
      protocols.map((p) => cluster(p, p.votes[c] ?? 0, p.valid)),
      design,
      fpc,
      level,
    );
    if (!r.ok) return r;
    const off = options.official?.shares?.[c];
    shares.push({
      contestantId: c,
      estimate: r.value,
      official: off === undefined ? null : compare(r.value, off),
    });
  }
  const withRegistered = protocols.filter((p) => p.registered != null && p.registered > 0);
  let turnout: RatioEstimate | null = null;
  if (withRegistered.length > 0) {
    const r = ratioFromClusters(
      withRegistered.map((p) => cluster(p, p.ballotsCast, p.registered ?? 0)),
      design,
      fpc,
      level,
    );
    if (!r.ok) return r;
    turnout = r.value;
  }
  const withInvalid = protocols.filter((p) => p.invalid != null);
  let invalidShare: RatioEstimate | null = null;
  if (withInvalid.length > 0) {
    const r = ratioFromClusters(
      withInvalid.map((p) => cluster(p, p.invalid ?? 0, p.valid + (p.invalid ?? 0))),
      design,
      fpc,
      level,
    );
    if (r.ok) invalidShare = r.value;
  }
  const discrepancies: ProtocolDiscrepancy[] = [];
  const unpublished: string[] = [];
  if (options.published) {
    const pub = new Map(options.published.map((p) => [p.stationId, p]));
    for (const p of protocols) {
      const q = pub.get(p.stationId);
      if (q === undefined) {
        unpublished.push(p.stationId);
        continue;
      }
      const fields = differences(p, q, tol);
      if (fields.length > 0) discrepancies.push({ stationId: p.stationId, fields });
    }
  }
  const turnoutOff = options.official?.turnout;
  const convenience = design.kind === "convenience";
  return ok({
    stations: protocols.length,
    turnout,
    turnoutOfficial: turnout && turnoutOff !== undefined ? compare(turnout, turnoutOff) : null,
    shares,
    invalidShare,
    discrepancies,
    conflictingCopies: conflicting,
    unpublished,
    generalises: !convenience,
    note: convenience ? CONVENIENCE_NOTE : null,
  });
}
