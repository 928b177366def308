// One condition language, two evaluations: every indicator is estimated from station totals
// computed in SQL (conditions compiled from the domain's syntax tree) and from the same totals
// computed in JavaScript (the domain's evaluator over the reports' patterns, the fallback path),
// and each is checked against an independent per-visit estimate (the stats package's
// estimateProportion/estimateMean over one observation per report). The table covers every answer
// type the forms store (select one, select multiple as an array and as a spaced text, integers as
// numbers and texts, decimals, free text, dates, yes/no as text and as JSON booleans, times,
// missing keys and JSON nulls) and every condition form; each row says which path must serve it.
import { contentHash, evaluateBoolean, storedToAnswer } from "@scrutiny/domain";
import { estimateMean, estimateProportion, type Observation } from "@scrutiny/stats";
import type { Store } from "@scrutiny/store";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import {
  type CompiledIndicator,
  compileIndicator,
  type IndicatorDefinition,
} from "../src/analysis/definitions.ts";
import { answerNumber, questionsOf, totalsFromPatterns } from "../src/analysis/engine.ts";
import { AnalysisService, type MissionContext } from "../src/analysis/service.ts";
import { columnOf, decidedInSql, estimateIndicatorFromTotals } from "../src/analysis/totals.ts";

const ELECTION = "00000000-0000-4000-9c00-000000000001";
const MISSION = "00000000-0000-4000-9c00-000000000002";
const TEAM = "00000000-0000-4000-9c00-000000000003";
const OBSERVER = "00000000-0000-4000-9c00-000000000004";
const CHECKLIST = "00000000-0000-4000-9c00-000000000005";
const INCIDENT = "00000000-0000-4000-9c00-000000000006";
const REGIONS = ["00000000-0000-4000-9c00-0000000000a1", "00000000-0000-4000-9c00-0000000000a2"];
const STATIONS = Array.from(
  { length: 24 },
  (_, i) => `00000000-0000-4000-9c01-${String(i).padStart(12, "0")}`,
);
const PHASES = ["day-1", "day-2"];

/** A small deterministic generator (mulberry32), so the reports are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Answers of every type, with missing keys and JSON nulls mixed in. */
function answersOf(rnd: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const a: Record<string, unknown> = {};
  const put = (name: string, values: readonly unknown[]) => {
    const r = rnd();
    if (r < 0.08) return; // question not answered (key absent)
    a[name] = r < 0.12 ? null : pick(values);
  };
  put("choice", ["a", "b", "c", "a", "b"]);
  put("choice2", ["a", "b", "c"]);
  put("multi", [["a"], ["a", "c"], ["b", "c"], [], ["c", "b", "a"], "a c", "b", ""]);
  put("int", [0, 1, 2, 3, 5, 7, 10, 11, 12, 15, 20, -4, "12", "7"]);
  put("dec", [0.1, 0.3, 1.5, 2.25, 3.75, 7.5, 10.125, -0.5, "2.5", 4]);
  put("txt", ["hello world", "", "Привет", "a", "42", "no digits here"]);
  put("day", ["2024-03-01", "2024-02-29", "2024-02-30", "2024-03-05", "2023-12-31"]);
  put("day_end", ["2024-03-02", "2024-03-08", "2024-03-01"]);
  put("yn", ["yes", "no", "yes", true, false]);
  // Shapes only the JavaScript path decides.
  put("tm", ["08:30", "17:05", "07:59"]);
  put("day_loose", ["2024-3-1", "2024-03-01", "2024-3-5"]);
  put("odd", ["1e3", " 7", 5, "0x10", "Infinity", 2]);
  put("dec0", [0, 1, 2.5, 4]);
  put("big", [1e20, 3, 5]);
  // Calculated values are stored with the answers (a turnout computed on the phone).
  put("turnout_calc", [45.5, 61, 72.25, 98, "63"]);
  // Repeats: one object per incident, with a photo or not, witnesses inside; [] for none, and
  // shapes that are not instances (a text, an array of texts) which count as no instance.
  const photo = () => (rnd() < 0.5 ? `${Math.floor(rnd() * 16).toString(16)}`.repeat(64) : undefined);
  const incident = () => ({
    category: pick(["violence", "intimidation", "procedure", "violence"]),
    injured: pick([0, 0, 1, 3, "2"]),
    actors: pick([["police"], ["police", "party"], [], "party police"]),
    when: pick(["08:30", "17:05"]),
    ...(rnd() < 0.5 ? { photo: photo() ?? "not-a-hash" } : {}),
    witnesses: Array.from({ length: Math.floor(rnd() * 3) }, () => ({ age: pick([16, 18, 40, "25"]) })),
  });
  const r = rnd();
  if (r < 0.1) a["incidents"] = [];
  else if (r < 0.15) a["incidents"] = pick(["none", ["violence"], null]);
  else if (r < 0.75) a["incidents"] = Array.from({ length: 1 + Math.floor(rnd() * 3) }, incident);
  const protocol = photo();
  if (protocol !== undefined) a["protocol_photo"] = protocol;
  else if (rnd() < 0.2) a["protocol_photo"] = "IMG_0042.jpg";
  return a;
}

interface Case {
  readonly condition: string;
  readonly path: "sql" | "js";
}

// Every condition form: comparisons (= != < <= > >=) on texts, numbers and dates, and/or/not,
// selected(), count-selected(), empty and not empty, arithmetic, number(), boolean(), constants;
// then forms or answers outside the compiled subset, which must take the JavaScript path.
const shares: readonly Case[] = [
  { condition: "${choice} = 'a'", path: "sql" },
  { condition: "${choice} != 'b'", path: "sql" },
  { condition: "${choice} = 'a' or ${choice} = 'c'", path: "sql" },
  { condition: "not(${choice} = 'a') and ${yn} = 'yes'", path: "sql" },
  { condition: "${yn} = 'true' or ${yn} = 'yes'", path: "sql" },
  { condition: "${choice} = ''", path: "sql" },
  { condition: "${choice} != ''", path: "sql" },
  { condition: "${choice} = ${choice2}", path: "sql" },
  { condition: "${yn} = 'yes' and ${choice} = 'a' or not(${int} > 3)", path: "sql" },
  { condition: "selected(${multi}, 'a')", path: "sql" },
  { condition: "selected(${multi}, 'b') or selected(${multi}, ' c ')", path: "sql" },
  { condition: "selected(${multi}, '')", path: "sql" },
  { condition: "count-selected(${multi}) >= 2", path: "sql" },
  { condition: "count-selected(${multi}) = 0", path: "sql" },
  { condition: "${int} > 10", path: "sql" },
  { condition: "${int} <= 5 and ${int} != 3", path: "sql" },
  { condition: "${int} = 12", path: "sql" },
  { condition: "${int} >= '7'", path: "sql" },
  { condition: "${int} + ${dec} > 7.5", path: "sql" },
  { condition: "${int} * 2 - ${dec} div 4 >= 10", path: "sql" },
  { condition: "-${int} < -5", path: "sql" },
  { condition: "${int} < ${dec}", path: "sql" },
  { condition: "${dec} < 1.5", path: "sql" },
  { condition: "${dec} = 0.1 + 0.2", path: "sql" },
  { condition: "${dec} > 0.25 and ${dec} < 4", path: "sql" },
  { condition: "number(${txt}) > 0", path: "sql" },
  { condition: "boolean(${txt})", path: "sql" },
  { condition: "${txt} = 'hello world' or ${txt} = 'Привет'", path: "sql" },
  { condition: "${yn} = true()", path: "sql" },
  { condition: "(${int} > 5) = (${dec} > 2)", path: "sql" },
  { condition: "${day} < '2024-03-02'", path: "sql" },
  { condition: "${day} = '2024-03-01'", path: "sql" },
  { condition: "${day} = ${day_end}", path: "sql" },
  { condition: "${day_end} - ${day} >= 2", path: "sql" },
  { condition: "${day} + 1 = ${day_end}", path: "sql" },
  // Over calculated values, repeat instances and attachments (every report of the form counts
  // for conditions that read only instances or attachments: none is an answer).
  { condition: "${turnout_calc} > 60", path: "sql" },
  { condition: "any-instance(${incidents}, ${category} = 'violence')", path: "sql" },
  { condition: "any-instance(${incidents}, ${category} = 'violence' and ${injured} > 0)", path: "sql" },
  { condition: "count-instances(${incidents}) >= 2", path: "sql" },
  { condition: "count-instances(${incidents}, selected(${actors}, 'police')) > 0", path: "sql" },
  { condition: "any-instance(${incidents}, has-attachment(${photo}))", path: "sql" },
  { condition: "any-instance(${incidents}, any-instance(${witnesses}, ${age} >= 18))", path: "sql" },
  { condition: "has-attachment(${protocol_photo})", path: "sql" },
  { condition: "not(has-attachment(${protocol_photo})) and ${choice} = 'a'", path: "sql" },
  { condition: "any-instance(${incidents}, ${when} > '08:00')", path: "js" },
  { condition: "any-instance(${incidents}, string-length(${category}) > 8)", path: "js" },
  // The JavaScript path: forms outside the compiled subset...
  { condition: "${tm} > '08:00'", path: "js" },
  { condition: "string-length(${txt}) > 3", path: "js" },
  { condition: "${int} mod 2 = 0", path: "js" },
  { condition: "if(${int} > 5, 'big', 'small') = 'big'", path: "js" },
  // ... and answers whose shape the SQL does not reproduce exactly.
  { condition: "${dec} = '1.5'", path: "js" },
  { condition: "${day_loose} = '2024-03-01'", path: "js" },
  { condition: "${odd} > 4", path: "js" },
  { condition: "${int} div ${dec0} > 1", path: "js" },
  { condition: "${big} > 4", path: "js" },
];

const numbers: readonly { kind: "mean" | "median"; question: string; path: "sql" | "js" }[] = [
  { kind: "mean", question: "int", path: "sql" },
  { kind: "mean", question: "dec", path: "sql" },
  { kind: "mean", question: "day", path: "sql" },
  { kind: "median", question: "int", path: "sql" },
  { kind: "median", question: "dec", path: "sql" },
  { kind: "mean", question: "odd", path: "js" },
  { kind: "median", question: "big", path: "js" },
];

const incidents: readonly { question: string; path: "sql" | "js" }[] = [
  { question: "category", path: "sql" },
  { question: "category_mixed", path: "js" },
];

const name = { en: "case" };
const definitions: { code: string; definition: IndicatorDefinition; path: "sql" | "js" }[] = [
  ...shares.flatMap((c, i) =>
    (["visit", "station"] as const).map((unit) => ({
      code: `share-${i}-${unit}`,
      path: c.path,
      definition: {
        kind: "share",
        name,
        unit,
        formKind: "checklist",
        phases: unit === "station" ? ["day-2"] : null,
        condition: c.condition,
        assessment: null,
      } as IndicatorDefinition,
    })),
  ),
  ...numbers.map((c, i) => ({
    code: `${c.kind}-${i}`,
    path: c.path,
    definition: {
      kind: c.kind,
      name,
      unit: "visit",
      formKind: "checklist",
      phases: null,
      question: c.question,
    } as IndicatorDefinition,
  })),
  ...incidents.map((c, i) => ({
    code: `incidents-${i}`,
    path: c.path,
    definition: {
      kind: "incidents",
      name,
      unit: "station",
      formKind: "incident",
      phases: null,
      question: c.question,
    } as IndicatorDefinition,
  })),
];

interface Report {
  readonly stationId: string;
  readonly phase: string;
  readonly form: "checklist" | "incident";
  readonly status: string;
  readonly answers: Record<string, unknown>;
}

function reports(): Report[] {
  const rnd = random(20261201);
  const out: Report[] = [];
  for (let k = 0; k < 600; k++) {
    const stationId = STATIONS[Math.floor(rnd() * STATIONS.length)] as string;
    const phase = PHASES[Math.floor(rnd() * 2)] as string;
    const status = rnd() < 0.05 ? "quarantined" : "accepted";
    if (rnd() < 0.15) {
      const category = ["intimidation", "procedure", "campaigning"][Math.floor(rnd() * 3)];
      out.push({
        stationId,
        phase,
        form: "incident",
        status,
        answers: { category, category_mixed: rnd() < 0.2 ? 7 : category },
      });
    } else out.push({ stationId, phase, form: "checklist", status, answers: answersOf(rnd) });
  }
  return out;
}

/** Largest difference between the numbers of two estimates of the same shape (fails on others). */
function maxDifference(a: unknown, b: unknown, path = ""): number {
  if (typeof a === "number" && typeof b === "number") {
    if (Number.isNaN(a) && Number.isNaN(b)) return 0;
    if (a === b) return 0;
    return Math.abs(a - b) / Math.max(1, Math.abs(a));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(b.length, `${path} length`).toBe(a.length);
    return a.reduce((m: number, x, i) => Math.max(m, maxDifference(x, b[i], `${path}[${i}]`)), 0);
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a as object).sort());
    let m = 0;
    for (const key of Object.keys(a as object))
      m = Math.max(
        m,
        maxDifference(
          (a as Record<string, unknown>)[key],
          (b as Record<string, unknown>)[key],
          `${path}.${key}`,
        ),
      );
    return m;
  }
  expect(b, path).toEqual(a);
  return 0;
}

async function seed(store: Store, rows: readonly Report[]): Promise<void> {
  await store.elections.insertBundle({
    election: {
      id: ELECTION,
      code: "conditions-2024",
      name: { en: "Conditions test election" },
      country: "XC",
      electionDate: "2024-03-03",
      phases: PHASES.map((code, i) => ({
        code,
        kind: i === 0 ? "early_voting" : "election_day",
        date: `2024-03-0${2 + i}`,
        name: { en: code },
      })),
    },
    areas: REGIONS.map((id, i) => ({
      id,
      electionId: ELECTION,
      parentId: null,
      level: "province",
      code: `P${i + 1}`,
      name: { en: `Province ${i + 1}` },
    })),
    stations: STATIONS.map((id, i) => ({
      id,
      electionId: ELECTION,
      areaId: REGIONS[i % 2] as string,
      code: `S-${i + 1}`,
      name: `Station ${i + 1}`,
      address: null,
      registeredVoters: 500 + 37 * i,
      latitude: null,
      longitude: null,
      kind: "regular" as const,
      attributes: {},
    })),
    contests: [],
    candidates: [],
    officialResults: [],
  });
  await store.missions.insertBundle({
    mission: {
      id: MISSION,
      electionId: ELECTION,
      code: "cond",
      name: { en: "Conditions mission" },
      kind: "international",
      design: "stratified",
    },
    observers: [
      {
        id: OBSERVER,
        missionId: MISSION,
        code: "900001",
        name: "Observer",
        phone: "+10000000001",
        languages: ["en"],
        accreditation: null,
        role: "short_term",
      },
    ],
    teams: [{ id: TEAM, missionId: MISSION, code: "T1", observerIds: [OBSERVER] }],
    // 20 of the 24 stations planned, in two strata; reports at the other four are outside the plan.
    plannedStations: STATIONS.slice(0, 20).map((stationId, i) => ({
      missionId: MISSION,
      stationId,
      stratum: i % 2 === 0 ? "east" : "west",
      inclusionProbability: 0.4,
      reserve: false,
    })),
    visits: [],
  });
  for (const [id, kind] of [
    [CHECKLIST, "checklist"],
    [INCIDENT, "incident"],
  ] as const) {
    const definition = {
      id,
      version: 1,
      kind,
      title: { en: kind },
      languages: ["en"],
      defaultLanguage: "en",
      choiceLists: {},
      items: [],
    };
    await store.forms.create({
      id,
      electionId: ELECTION,
      missionId: MISSION,
      code: kind,
      kind,
      definition: definition as never,
      contentHash: contentHash(definition as never),
    });
  }
  await store.submissions.insertMany(
    rows.map((r, k) => ({
      id: `00000000-0000-4000-9c02-${String(k).padStart(12, "0")}`,
      missionId: MISSION,
      formId: r.form === "checklist" ? CHECKLIST : INCIDENT,
      formVersion: 1,
      teamId: TEAM,
      observerId: OBSERVER,
      stationId: r.stationId,
      phaseCode: r.phase,
      answers: r.answers,
      submittedAt: "2024-03-03T10:00:00.000Z",
      contentHash: `hash-${k}`,
      status: r.status,
    })),
  );
  for (const d of definitions)
    await store.analysis.saveIndicator({
      missionId: MISSION,
      code: d.code,
      definition: d.definition as unknown as Record<string, unknown>,
    });
}

/** The overall estimate computed per visit by the stats package, from the reports themselves. */
function perVisitOverall(indicator: CompiledIndicator, rows: readonly Report[], ctx: MissionContext) {
  const d = indicator.definition;
  const observations: Observation<boolean | number>[] = [];
  let quarantined = 0;
  let outside = 0;
  for (const r of rows) {
    if (r.form !== d.formKind || (d.phases !== null && !d.phases.includes(r.phase))) continue;
    if (r.status === "quarantined") {
      quarantined++;
      continue;
    }
    if (!ctx.design.stratumOf.has(r.stationId)) {
      outside++;
      continue;
    }
    let value: boolean | number | null;
    if (d.kind === "share" && indicator.condition !== null) {
      const answered =
        indicator.answeredBy.length === 0 ||
        indicator.answeredBy.some((q) => r.answers[q] !== undefined && r.answers[q] !== null);
      value = answered
        ? evaluateBoolean(indicator.condition, {
            answer: (q) => storedToAnswer(r.answers[q]),
            stored: (q) => r.answers[q],
          })
        : null;
    } else {
      const n = answerNumber(r.answers[(d as { question: string }).question]);
      value = Number.isFinite(n) ? n : null;
    }
    observations.push({
      stationId: r.stationId,
      stratumId: ctx.design.stratumOf.get(r.stationId) ?? null,
      teamId: TEAM,
      phase: r.phase,
      value,
    });
  }
  const options = {
    unit: d.unit,
    minCellUnits: 30,
    exclusions: { quarantined, "outside-plan": outside },
  };
  return d.kind === "share"
    ? estimateProportion(observations as Observation<boolean>[], ctx.design.design, options)
    : estimateMean(observations as Observation<number>[], ctx.design.design, options);
}

describeOnEachBackend(
  "indicator conditions: SQL and JavaScript give the same estimates",
  (getStore, backend) => {
    const rows = reports();
    let store: Store;
    let service: AnalysisService;
    let ctx: MissionContext;
    let worst = 0;

    beforeAll(async () => {
      store = getStore();
      await seed(store, rows);
      service = new AnalysisService(store);
      const c = await service.context(MISSION);
      if (!c.ok) throw new Error(c.error.message);
      ctx = c.value;
      expect(ctx.indicators).toHaveLength(definitions.length);
    });
    afterAll(() => {
      // The figure METHODS cites (largest relative difference, SQL path against JavaScript path).
      process.stdout.write(`conditions equivalence (${backend}): max difference ${worst.toExponential(2)}\n`);
    });

    const options = { areaLevel: "province", minCellUnits: 30, phaseOrder: PHASES };

    it.each(definitions.map((d) => [d.code, d] as const))("%s", async (_code, d) => {
      const compiled = compileIndicator({ code: d.code, version: 1, definition: d.definition });
      if (!compiled.ok) throw new Error(compiled.error.message);
      const indicator = compiled.value;
      const sqlRows = await store.analysis.stationTotals(MISSION, [columnOf(indicator)]);
      expect(decidedInSql(indicator, sqlRows, 0) ? "sql" : "js").toBe(d.path);

      const { questions, index } = questionsOf([indicator]);
      const patterns = await store.analysis.observationPatterns(MISSION, questions, { teams: false });
      const fromJs = estimateIndicatorFromTotals(
        indicator,
        totalsFromPatterns(indicator, patterns, index),
        0,
        ctx.design,
        ctx.places,
        options,
      );
      expect(fromJs.overall.estimate ?? fromJs.overall.incidents, fromJs.overall.issue ?? "").not.toBeNull();
      if (d.path === "sql") {
        const fromSql = estimateIndicatorFromTotals(indicator, sqlRows, 0, ctx.design, ctx.places, options);
        const difference = maxDifference(fromJs, fromSql);
        worst = Math.max(worst, difference);
        expect(difference).toBeLessThanOrEqual(1e-12);
      }
      // Independent of both: one observation per report, estimated per visit.
      if (d.definition.kind === "share" || d.definition.kind === "mean") {
        const reference = perVisitOverall(indicator, rows, ctx);
        if (!reference.ok) throw new Error(reference.error.message);
        expect(maxDifference(reference.value, fromJs.overall.estimate)).toBeLessThanOrEqual(1e-12);
      }
    });

    it("the service serves each indicator from the path the table names, with the same figures", async () => {
      const served = await service.estimates(MISSION, { areaLevel: "province" });
      if (!served.ok) throw new Error(served.error.message);
      const { questions, index } = questionsOf(ctx.indicators);
      const patterns = await store.analysis.observationPatterns(MISSION, questions, { teams: false });
      for (const indicator of ctx.indicators) {
        const got = served.value.indicators.find((x) => x.code === indicator.code);
        const fromJs = estimateIndicatorFromTotals(
          indicator,
          totalsFromPatterns(indicator, patterns, index),
          0,
          ctx.design,
          ctx.places,
          options,
        );
        expect(maxDifference(fromJs, got)).toBeLessThanOrEqual(1e-12);
      }
    });
  },
);
