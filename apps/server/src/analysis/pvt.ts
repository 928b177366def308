// Parallel vote tabulation from observers' copies of counting protocols, and the turnout check of
// observers' head-counts against the turnout the commission reported per station and day.
// Votes are recorded per ballot position (`votes_C<n>`); positions differ by constituency, so the
// national tabulation is by party (candidates without a party count as "independent").
import {
  type HeadCount,
  type ProtocolCount,
  type PvtResult,
  pvtEstimate,
  type TurnoutGapResult,
  turnoutGap,
} from "@scrutiny/stats";
import { type MissionDesign, type Places, weightedDesign } from "./frame.ts";
import { NO_ISSUE, type Why, why, whyOf } from "./reasons.ts";
import type { ObservationPattern, OfficialData } from "./store-types.ts";

export const PROTOCOL_QUESTIONS = [
  "protocol_registered",
  "protocol_ballots_issued",
  "protocol_valid",
  "protocol_invalid",
] as const;
export const HEADCOUNT_QUESTION = "voters_counted";
export const INDEPENDENT = "independent";

export interface StationProtocolDiff {
  readonly stationId: string;
  readonly stationCode: string;
  readonly fields: readonly { field: string; observed: number | null; published: number | null }[];
}

export interface PvtSection extends Why {
  readonly result: PvtResult | null;
  readonly discrepancies: readonly StationProtocolDiff[];
  /** Official figures used for the comparison: in-country stations (the sampling frame). */
  readonly officialScope: string;
  readonly excluded: { quarantined: number; "outside-plan": number; incomplete: number };
}

export interface TurnoutSection extends Why {
  readonly result: Omit<TurnoutGapResult, "perStationDay"> | null;
  readonly byDay: readonly {
    day: string;
    observed: number;
    reported: number;
    stations: number;
    flagged: number;
  }[];
  /** Flagged station-days, largest gap first (at most 200). */
  readonly flagged: readonly {
    stationId: string;
    stationCode: string;
    day: string;
    observed: number;
    reported: number;
    gap: number;
  }[];
}

export const asNumber = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

/** A counting form's question for the votes of one ballot position: `votes_<candidate code>`. */
export const isVoteQuestion = (question: string): boolean => /^votes_C\d+$/.test(question);

/** What an observer copied from the counting protocol; votes by candidate code. */
export interface ObservedProtocol {
  readonly registered: number | null;
  readonly ballotsCast: number;
  readonly valid: number;
  readonly invalid: number | null;
  readonly votes: Record<string, number>;
}

/**
 * The protocol in one counting report, read question by question; null when the ballots cast or
 * the valid votes are missing (the report cannot be compared or tabulated).
 */
export function observedProtocol(
  answer: (question: string) => number | null,
  voteQuestions: readonly string[],
): ObservedProtocol | null {
  const ballotsCast = answer("protocol_ballots_issued");
  const valid = answer("protocol_valid");
  if (ballotsCast === null || valid === null) return null;
  const votes: Record<string, number> = {};
  for (const q of voteQuestions) {
    const n = answer(q);
    if (n !== null) votes[q.slice("votes_".length)] = n;
  }
  return {
    registered: answer("protocol_registered"),
    ballotsCast,
    valid,
    invalid: answer("protocol_invalid"),
    votes,
  };
}

/** Contest and party of every ballot position, per station. */
function partiesByStation(official: OfficialData): {
  contestOf: Map<string, string>;
  partyOf: Map<string, Map<string, string>>;
} {
  const contestOf = new Map<string, string>();
  for (const p of official.protocols)
    if (!contestOf.has(p.stationId)) contestOf.set(p.stationId, p.contestId);
  const partyOf = new Map<string, Map<string, string>>();
  for (const c of official.candidates) {
    const m = partyOf.get(c.contestId) ?? new Map<string, string>();
    m.set(c.code, c.party ?? INDEPENDENT);
    partyOf.set(c.contestId, m);
  }
  return { contestOf, partyOf };
}

function byParty(votes: Readonly<Record<string, number>>, parties: ReadonlyMap<string, string> | undefined) {
  const out: Record<string, number> = {};
  for (const [code, n] of Object.entries(votes)) {
    const party = parties?.get(code) ?? INDEPENDENT;
    out[party] = (out[party] ?? 0) + n;
  }
  return out;
}

export function pvtSection(
  patterns: readonly ObservationPattern[],
  questionIndex: ReadonlyMap<string, number>,
  md: MissionDesign,
  places: Places,
  official: OfficialData,
  frameStations: ReadonlySet<string>,
): PvtSection {
  const { contestOf, partyOf } = partiesByStation(official);
  const voteQuestions = [...questionIndex.keys()].filter(isVoteQuestion);
  const at = (p: ObservationPattern, q: string) => asNumber(p.answers[questionIndex.get(q) ?? -1]);
  const observed: ProtocolCount[] = [];
  const excluded = { quarantined: 0, "outside-plan": 0, incomplete: 0 };
  for (const p of patterns) {
    if (p.formKind !== "counting") continue;
    if (p.status === "quarantined") {
      excluded.quarantined += p.count;
      continue;
    }
    if (md.planBound && !md.stratumOf.has(p.stationId)) {
      excluded["outside-plan"] += p.count;
      continue;
    }
    const protocol = observedProtocol((q) => at(p, q), voteQuestions);
    if (protocol === null) {
      excluded.incomplete += p.count;
      continue;
    }
    const contest = contestOf.get(p.stationId);
    observed.push({
      stationId: p.stationId,
      stratumId: md.stratumOf.get(p.stationId) ?? null,
      ...protocol,
      votes: byParty(protocol.votes, contest === undefined ? undefined : partyOf.get(contest)),
    });
  }
  const published: ProtocolCount[] = [];
  let offRegistered = 0;
  let offCast = 0;
  let offValid = 0;
  const offVotes: Record<string, number> = {};
  const seen = new Set<string>();
  for (const r of official.protocols) {
    if (seen.has(r.stationId)) continue;
    seen.add(r.stationId);
    const votes = byParty(r.votes, partyOf.get(r.contestId));
    published.push({
      stationId: r.stationId,
      registered: r.registeredVoters,
      ballotsCast: r.ballotsIssued,
      valid: r.valid,
      invalid: r.invalid,
      votes,
    });
    if (!frameStations.has(r.stationId)) continue;
    offRegistered += r.registeredVoters;
    offCast += r.ballotsIssued;
    offValid += r.valid;
    for (const [party, n] of Object.entries(votes)) offVotes[party] = (offVotes[party] ?? 0) + n;
  }
  const shares: Record<string, number> = {};
  for (const [party, n] of Object.entries(offVotes)) shares[party] = offValid > 0 ? n / offValid : 0;
  const officialScope = "official figures summed over in-country stations (the sampling frame)";
  if (observed.length === 0)
    return {
      result: null,
      ...why("no_protocols"),
      discrepancies: [],
      officialScope,
      excluded,
    };
  const r = pvtEstimate(observed, weightedDesign(md, observed), {
    official: { ...(offRegistered > 0 ? { turnout: offCast / offRegistered } : {}), shares },
    published,
  });
  if (!r.ok) return { result: null, ...whyOf(r.error), discrepancies: [], officialScope, excluded };
  const codeOf = (id: string) => places.stations.get(id)?.code ?? id;
  return {
    result: r.value,
    ...NO_ISSUE,
    discrepancies: r.value.discrepancies.map((d) => ({ ...d, stationCode: codeOf(d.stationId) })),
    officialScope,
    excluded,
  };
}

/** Observers' head-counts per station and day against the commission's daily turnout. */
export function turnoutSection(
  patterns: readonly ObservationPattern[],
  questionIndex: ReadonlyMap<string, number>,
  md: MissionDesign,
  places: Places,
  official: OfficialData,
  phaseOrder: readonly string[],
): TurnoutSection {
  const qi = questionIndex.get(HEADCOUNT_QUESTION) ?? -1;
  const reportedDaily = new Map<string, Map<string, number>>();
  for (const r of official.protocols) {
    if (reportedDaily.has(r.stationId)) continue;
    // turnoutByPhase is cumulative: a day's turnout is the difference from the previous phase.
    const m = new Map<string, number>();
    let previous = 0;
    for (const phase of phaseOrder) {
      const cumulative = r.turnoutByPhase[phase];
      if (cumulative === undefined) continue;
      m.set(phase, cumulative - previous);
      previous = cumulative;
    }
    reportedDaily.set(r.stationId, m);
  }
  const counted = new Map<string, { stationId: string; day: string; observed: number }>();
  for (const p of patterns) {
    if (p.formKind !== "voting" || p.status === "quarantined") continue;
    if (md.planBound && !md.stratumOf.has(p.stationId)) continue;
    const n = asNumber(p.answers[qi]);
    if (n === null) continue;
    const key = `${p.stationId}|${p.phaseCode}`;
    // Several reports of one station-day: the largest count is the whole day's.
    const prev = counted.get(key);
    if (prev === undefined || n > prev.observed)
      counted.set(key, { stationId: p.stationId, day: p.phaseCode, observed: n });
  }
  const counts: HeadCount[] = [];
  for (const c of counted.values()) {
    const reported = reportedDaily.get(c.stationId)?.get(c.day);
    if (reported === undefined) continue;
    counts.push({ ...c, stratumId: md.stratumOf.get(c.stationId) ?? null, reported });
  }
  if (counts.length === 0) return { result: null, ...why("no_head_counts"), byDay: [], flagged: [] };
  const r = turnoutGap(counts, weightedDesign(md, counts));
  if (!r.ok) return { result: null, ...whyOf(r.error), byDay: [], flagged: [] };
  const { perStationDay, ...result } = r.value;
  const days = new Map<string, { observed: number; reported: number; stations: number; flagged: number }>();
  for (const g of perStationDay) {
    const d = days.get(g.day) ?? { observed: 0, reported: 0, stations: 0, flagged: 0 };
    d.observed += g.observed;
    d.reported += g.reported;
    d.stations += 1;
    if (g.flagged) d.flagged += 1;
    days.set(g.day, d);
  }
  const byDay = phaseOrder
    .filter((p) => days.has(p))
    .map((day) => ({ day, ...(days.get(day) ?? { observed: 0, reported: 0, stations: 0, flagged: 0 }) }));
  const flagged = perStationDay
    .filter((g) => g.flagged)
    .sort((a, b) => b.gap - a.gap)
    .slice(0, 200)
    .map((g) => ({
      stationId: g.stationId,
      stationCode: places.stations.get(g.stationId)?.code ?? g.stationId,
      day: g.day,
      observed: g.observed,
      reported: g.reported,
      gap: g.gap,
    }));
  return { result, ...NO_ISSUE, byDay, flagged };
}
