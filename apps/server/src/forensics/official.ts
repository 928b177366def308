// An election's stored official results (one row per contest x station, votes keyed by candidate
// code) -> columnar results aggregated by party, so one national analysis spans every
// constituency's contest: a party's candidates' votes are summed at each station (independents
// stand for themselves). Area levels come from the stored hierarchy, broadest first (region >
// constituency); the leader is the party with the most votes nationally.
import type { ControlRelation, StationResults } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";

export type OfficialResultsInput = Awaited<ReturnType<Store["resultsSets"]["officialResults"]>>;

/** The control relations stored protocols can be checked against. */
export const OFFICIAL_CONTROLS: readonly ControlRelation[] = [
  {
    id: "valid-votes",
    description: "valid ballots = sum of votes for all contestants",
    left: ["valid"],
    relation: "=",
    right: ["contestants"],
  },
  {
    id: "ballots-within-issued",
    description: "valid + invalid ballots <= ballots issued",
    left: ["issued"],
    relation: ">=",
    right: ["valid", "invalid"],
  },
  {
    id: "issued-within-list",
    description: "ballots issued <= registered voters",
    left: ["registered"],
    relation: ">=",
    right: ["issued"],
  },
];

const areaLabel = (a: { code: string; name: Record<string, string> }, language: string) =>
  a.name[language] ?? a.name["en"] ?? a.code;

/** Builds party-aggregated columnar results; undefined when the election has no official results. */
export function officialStationResults(
  input: OfficialResultsInput,
  language = "en",
): StationResults | undefined {
  const n = input.rows.length;
  if (n === 0) return undefined;

  // Contestants: parties (and independents by name), ordered by national votes.
  const partyOf = new Map<string, string>();
  for (const c of input.candidates) partyOf.set(`${c.contestId}\u0000${c.code}`, c.party ?? c.name);
  const partyNames = [...new Set(partyOf.values())];
  const partyIndex = new Map(partyNames.map((p, i) => [p, i]));
  const votes = partyNames.map(() => new Int32Array(n));
  const registered = new Int32Array(n);
  const ballotsIssued = new Int32Array(n);
  const valid = new Int32Array(n);
  const invalid = new Int32Array(n);
  const sourceLines = new Int32Array(n);

  // Area chains, broadest first.
  const byId = new Map(input.areas.map((a) => [a.id, a]));
  const chainCache = new Map<string, typeof input.areas>();
  const chain = (id: string): typeof input.areas => {
    const cached = chainCache.get(id);
    if (cached) return cached;
    const out: (typeof input.areas)[number][] = [];
    const seen = new Set<string>();
    for (let a = byId.get(id); a && !seen.has(a.id); a = a.parentId ? byId.get(a.parentId) : undefined) {
      seen.add(a.id);
      out.unshift(a);
    }
    chainCache.set(id, out);
    return out;
  };
  const levelNames: string[] = [];
  for (const row of input.rows) {
    const c = chain(row.areaId);
    if (c.length > levelNames.length) levelNames.splice(0, levelNames.length, ...c.map((a) => a.level));
  }
  const levels = levelNames.map((name) => ({
    name,
    labels: [] as string[],
    parents: [] as number[],
    dict: new Map<string, number>(),
    index: new Int32Array(n),
  }));

  const codes = new Set(input.rows.map((r) => r.stationCode));
  const prefixContest = codes.size < n;
  const stationCodes: string[] = new Array(n);
  input.rows.forEach((row, s) => {
    stationCodes[s] = prefixContest ? `${row.contestCode}/${row.stationCode}` : row.stationCode;
    sourceLines[s] = s + 1;
    registered[s] = row.registered;
    ballotsIssued[s] = row.issued;
    valid[s] = row.valid;
    invalid[s] = row.invalid;
    for (const [code, v] of Object.entries(row.votes)) {
      const p = partyIndex.get(partyOf.get(`${row.contestId}\u0000${code}`) ?? "");
      const column = p === undefined ? undefined : votes[p];
      if (column) column[s] = (column[s] ?? 0) + v;
    }
    const c = chain(row.areaId);
    levels.forEach((level, k) => {
      const area = c.find((a) => a.level === level.name);
      const key = area?.id ?? "";
      let id = level.dict.get(key);
      if (id === undefined) {
        id = level.labels.length;
        level.dict.set(key, id);
        level.labels.push(area ? areaLabel(area, language) : "—");
        level.parents.push(k === 0 ? -1 : (levels[k - 1]?.index[s] ?? -1));
      }
      level.index[s] = id;
    });
  });

  const totals = votes.map((v) => v.reduce((a, b) => a + b, 0));
  let leaderIndex = 0;
  totals.forEach((t, i) => {
    if (t > (totals[leaderIndex] ?? -1)) leaderIndex = i;
  });
  return {
    stationCount: n,
    stationCodes,
    sourceLines,
    areaLevels: levels.map((l) => ({
      name: l.name,
      labels: l.labels,
      index: l.index,
      parent: Int32Array.from(l.parents),
    })),
    registered,
    ballotsIssued,
    valid,
    invalid,
    contestants: partyNames.map((name, i) => ({ name, votes: votes[i] ?? new Int32Array(n) })),
    leaderIndex,
    lines: [],
  };
}
