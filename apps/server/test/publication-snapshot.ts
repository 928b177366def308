// A snapshot of a made-up mission (nothing like the demo): a stratified plan over two provinces
// and a capital, and reports on counting and incident forms with numbers, choices, arrays and
// unanswered questions, so that every kind of indicator and answer column is written and read.
import { EXCLUSION_REASONS, type ExclusionReason, type StationResults } from "@scrutiny/domain";
import { createRng } from "@scrutiny/stats";
import { OFFICIAL_CONTROLS } from "../src/forensics/official.ts";
import { describeResults, type SnapshotForensics } from "../src/publication/forensics.ts";
import type { SnapshotData } from "../src/publication/snapshot.ts";

const id = (prefix: number, n: number) =>
  `${prefix.toString(16).padStart(8, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

export function madeUpSnapshot(seed = 7): SnapshotData {
  const rng = createRng(seed);
  const areas: SnapshotData["areas"] = [
    {
      id: id(1, 1),
      parentId: null,
      level: "province",
      code: "WEST",
      name: { en: "Westmark", fr: "Marche-Ouest" },
    },
    { id: id(1, 2), parentId: null, level: "province", code: "EAST", name: { en: "Eastmoor" } },
    { id: id(1, 3), parentId: null, level: "province", code: "CAP", name: { en: 'Capital, "old" town' } },
    { id: id(1, 4), parentId: id(1, 1), level: "district", code: "W-A", name: { en: "West A" } },
    { id: id(1, 5), parentId: id(1, 2), level: "district", code: "E-A", name: { en: "East A" } },
  ];
  const districts = [id(1, 4), id(1, 5), id(1, 3)];
  const stations = Array.from({ length: 45 }, (_, i) => ({
    id: id(2, i + 1),
    code: `BV${String(i + 1).padStart(3, "0")}`,
    areaId: districts[i % 3] ?? "",
    kind: i === 44 ? "abroad" : "regular",
    registeredVoters: 400 + ((i * 37) % 900),
  }));
  const strata = [
    { stratum: "urban", populationSize: 15, sampleSize: 8 },
    { stratum: "rural", populationSize: 29, sampleSize: 10 },
  ];
  const planned = stations.slice(0, 44).flatMap((s, i) => {
    const stratum = i % 3 === 2 ? "urban" : "rural";
    const chosen = stratum === "urban" ? i < 26 : i < 31;
    return chosen
      ? [
          {
            stationId: s.id,
            stratum,
            inclusionProbability: stratum === "urban" ? 8 / 15 : 10 / 29,
            reserve: i === 30,
          },
        ]
      : [];
  });
  const teams = [id(3, 1), id(3, 2), id(3, 3), id(3, 4)];
  const questions = ["ballots_cast", "incident_kind", "procedures", "protocol_posted", "quality"];
  const reports = Array.from({ length: 120 }, (_, i) => {
    const plannedStation = planned[i % planned.length];
    const stationId = i % 17 === 0 ? (stations[40]?.id ?? "") : (plannedStation?.stationId ?? "");
    const incident = i % 5 === 0;
    const quality = ["fine", "acceptable", "poor", "unacceptable"][rng.int(4)];
    return {
      id: id(4, i + 1),
      stationId,
      teamId: teams[i % 4] ?? null,
      phaseCode: i % 3 === 0 ? "advance" : "main-day",
      formKind: incident ? "incident" : "counting",
      formVersion: 1 + (i % 2),
      status: i % 23 === 0 ? "quarantined" : i % 7 === 0 ? "verified" : "accepted",
      answers: incident
        ? [null, ["intimidation", "carousel", "observer-blocked"][rng.int(3)], null, null, null]
        : [
            i % 11 === 0 ? null : 150 + rng.int(600) + (i % 4 === 0 ? 0.5 : 0),
            null,
            i % 9 === 0 ? null : ["secrecy", "ink"].slice(0, 1 + rng.int(2)),
            i % 13 === 0 ? null : rng.uniform() < 0.8 ? "yes" : "no",
            quality,
          ],
    };
  });
  return {
    meta: {
      publication: { id: id(5, 1), title: "Interim findings", publishedAt: "2031-05-04T10:00:00.000Z" },
      mission: {
        id: id(6, 1),
        code: "CIVIC-NET",
        name: { en: "Civic Network", fr: "Réseau civique" },
        kind: "domestic",
      },
      election: {
        id: id(7, 1),
        code: "general-2031",
        name: { en: "General election 2031" },
        date: "2031-05-02",
      },
      design: "stratified",
      plan: { version: 2, status: "current", source: "drawn", confirmedAt: "2031-04-01T08:00:00.000Z" },
      areaLevel: "province",
      minCellUnits: 10,
      licence: "CC-BY-4.0",
    },
    phases: [
      { code: "advance", kind: "early_voting", date: "2031-04-30", name: { en: "Advance voting" } },
      { code: "main-day", kind: "election_day", date: "2031-05-02", name: { en: "Main day" } },
    ],
    areas,
    stations,
    planned,
    strata,
    indicators: [
      {
        code: "protocol-missing",
        version: 3,
        definition: {
          kind: "share",
          name: { en: "Protocol not posted" },
          unit: "station",
          formKind: "counting",
          phases: null,
          condition: "${protocol_posted} = 'no'",
          assessment: null,
        },
      },
      {
        code: "poor-quality",
        version: 1,
        definition: {
          kind: "share",
          name: { en: "Counting poor or unacceptable" },
          unit: "visit",
          formKind: "counting",
          phases: ["main-day"],
          condition: "${quality} = 'poor' or ${quality} = 'unacceptable'",
          assessment: {
            question: "quality",
            scale: ["fine", "acceptable", "poor", "unacceptable"],
            cut: "poor",
          },
        },
      },
      {
        code: "ballots-mean",
        version: 1,
        definition: {
          kind: "mean",
          name: { en: "Ballots cast" },
          unit: "visit",
          formKind: "counting",
          phases: null,
          question: "ballots_cast",
        },
      },
      {
        code: "ballots-median",
        version: 1,
        definition: {
          kind: "median",
          name: { en: "Ballots cast (median)" },
          unit: "visit",
          formKind: "counting",
          phases: null,
          question: "ballots_cast",
        },
      },
      {
        code: "secrecy-skipped",
        version: 1,
        definition: {
          kind: "share",
          name: { en: "Secrecy procedure followed" },
          unit: "visit",
          formKind: "counting",
          phases: null,
          condition: "selected(${procedures}, 'secrecy')",
          assessment: null,
        },
      },
      {
        code: "incidents",
        version: 1,
        definition: {
          kind: "incidents",
          name: { en: "Incidents" },
          unit: "station",
          formKind: "incident",
          phases: null,
          question: "incident_kind",
        },
      },
    ],
    questions,
    reports,
    forensics: [madeUpForensics()],
  };
}

/**
 * Official results of a made-up country (240 stations counted honestly from a binomial draw, a
 * tenth of them with turnout set to a round 90%), two area levels whose district names repeat across
 * provinces, contestants whose names hold commas and quotes, a protocol line and rows the parser
 * left out: every part of a published analysis is written and read.
 */
export function madeUpForensics(seed = 11): SnapshotForensics {
  const e = countedElection(240, 6, seed);
  const n = e.registered.length;
  const issued = Int32Array.from(e.issued);
  for (let s = 0; s < n; s += 10) issued[s] = Math.round(0.9 * (e.registered[s] ?? 0));
  const names = ['Union "Forward", list 1', "Greens", "Farmers, Workers", "Independent K. Ode"];
  const results: StationResults = {
    stationCount: n,
    stationCodes: Array.from({ length: n }, (_, s) => `P${(s % 6) + 1}/${String(s + 1).padStart(4, "0")}`),
    sourceLines: Int32Array.from({ length: n }, (_, s) => s + 2 + Math.floor(s / 50)),
    areaLevels: [
      {
        name: "province",
        labels: ["Norrland", "Sydmark", "Österby"],
        index: Int32Array.from({ length: n }, (_, s) => Math.floor(((e.area[s] ?? 0) % 6) / 2)),
        parent: Int32Array.from([-1, -1, -1]),
      },
      {
        name: "district",
        labels: ["Central", "Harbour", "Central", "Hills", "Central", "Lakes"],
        index: Int32Array.from(e.area),
        parent: Int32Array.from([0, 0, 1, 1, 2, 2]),
      },
    ],
    registered: e.registered,
    ballotsIssued: issued,
    valid: Int32Array.from({ length: n }, (_, s) => Math.min(e.valid[s] ?? 0, issued[s] ?? 0)),
    invalid: Int32Array.from({ length: n }, (_, s) => (issued[s] ?? 0) - (e.valid[s] ?? 0)),
    contestants: names.map((name, i) => ({ name, votes: e.votes[i] ?? new Int32Array(n) })),
    leaderIndex: 0,
    lines: [
      {
        key: "received",
        header: "Ballots received",
        values: Int32Array.from(e.registered, (r) => r + 20),
      },
    ],
  };
  return {
    name: "forensics-1",
    results,
    inputs: describeResults(results, {
      source: {
        kind: "results-set",
        id: id(6, 1),
        name: "Final protocols",
        contest: null,
        fileSha256: "ab".repeat(32),
      },
      // A few seeded replicates: the published intervals recompute exactly.
      options: { seed: 1, bootstrap: 3 },
      controls: [
        ...OFFICIAL_CONTROLS,
        {
          id: "received",
          description: "received >= issued",
          left: ["received"],
          relation: ">=",
          right: ["issued"],
        },
      ],
      leaderRule: "named",
      notes: ["valid = sum of votes"],
      exclusions: {
        rows: n + 5,
        kept: n,
        excluded: 5,
        byReason: Object.fromEntries(
          EXCLUSION_REASONS.map((r) => [r, r === "no-protocol" ? 3 : r === "missing-count" ? 2 : 0]),
        ) as Record<ExclusionReason, number>,
        byArea: null,
        list: Array.from({ length: 5 }, (_, k) => ({
          line: 52 + 51 * k,
          station: `X${k}`,
          area: "Norrland",
          reason: k < 3 ? ("no-protocol" as const) : ("missing-count" as const),
          detail: k < 3 ? "no protocol published" : "registered is empty",
        })),
      },
    }),
  };
}

/** Stations in areas with their own turnout and party strengths, counted as binomial draws. */
export function countedElection(stations: number, areas: number, seed: number) {
  const rng = createRng(seed);
  const registered = new Int32Array(stations);
  const issued = new Int32Array(stations);
  const valid = new Int32Array(stations);
  const area = new Int32Array(stations);
  const votes = Array.from({ length: 4 }, () => new Int32Array(stations));
  const turnout = Array.from({ length: areas }, () => 0.4 + 0.3 * rng.uniform());
  const strength = Array.from({ length: areas }, () => [3 + rng.uniform(), 2, 1 + rng.uniform(), 0.5]);
  for (let s = 0; s < stations; s++) {
    const a = rng.int(areas);
    area[s] = a;
    registered[s] = 80 + rng.int(1500);
    issued[s] = rng.binomial(registered[s] ?? 0, Math.min(0.95, (turnout[a] ?? 0.5) + 0.05 * rng.normal()));
    let left = (issued[s] ?? 0) - rng.binomial(issued[s] ?? 0, 0.02);
    valid[s] = left;
    const w = strength[a] ?? [1, 1, 1, 1];
    let rest = w.reduce((x, y) => x + y, 0);
    w.forEach((wc, c) => {
      const k = c === w.length - 1 ? left : rng.binomial(left, wc / rest);
      (votes[c] as Int32Array)[s] = k;
      left -= k;
      rest -= wc;
    });
  }
  return { registered, issued, valid, area, votes };
}
