// Analysis orchestration: reads a mission's reports once (one SQL statement extracting only the
// answers the indicators need), then estimates indicators, observer effects, the PVT and the
// turnout check, and puts missions side by side. All SQL is in packages/store.
import { createHash } from "node:crypto";
import { err, ok, type Result } from "@scrutiny/domain";
import type { Estimate } from "@scrutiny/stats";
import type { Store } from "@scrutiny/store";
import {
  type CompiledIndicator,
  compileIndicator,
  defaultIndicators,
  defaultMatchCodes,
  IndicatorDefinition,
} from "./definitions.ts";
import { estimateDifference } from "./difference.ts";
import { type IndicatorEstimates, questionsOf, totalsFromPatterns } from "./engine.ts";
import { type MissionDesign, missionDesign, type Places, placesOf } from "./frame.ts";
import { assessmentObservations, type ObserverEffectsResult, observerEffects } from "./observer.ts";
import {
  HEADCOUNT_QUESTION,
  isVoteQuestion,
  PROTOCOL_QUESTIONS,
  type PvtSection,
  pvtSection,
  type TurnoutSection,
  turnoutSection,
} from "./pvt.ts";
import { type Why, why } from "./reasons.ts";
import type { MissionFrame, MissionInfo, ObservationPattern, StoredIndicator } from "./store-types.ts";
import { columnOf, decidedInSql, estimateIndicatorFromTotals } from "./totals.ts";

export interface AnalysisIssue {
  readonly code: "not_found" | "invalid";
  readonly message: string;
  /** What was not found (and its number), as the 404 says it. */
  readonly what?: "mission" | "plan_version" | "election";
  readonly name?: string | number;
}

export interface MissionContext {
  readonly frame: MissionFrame;
  readonly places: Places;
  /** The geography revision `places` was read at. */
  readonly geographyRevision: number;
  readonly design: MissionDesign;
  readonly indicators: readonly CompiledIndicator[];
  readonly invalid: readonly { code: string; message: string }[];
  readonly phaseOrder: readonly string[];
}

export interface MissionHeader {
  readonly id: string;
  readonly code: string;
  readonly name: Record<string, string>;
  readonly kind: string;
  readonly design: string;
  readonly generalises: boolean;
  readonly note: string | null;
  readonly strata: MissionDesign["strata"];
  /** The plan version the estimates follow (null: planned stations without a plan record). */
  readonly plan: { version: number; status: string; source: string; confirmedAt: string | null } | null;
  readonly reports: number;
}

export interface EstimatesResponse {
  readonly mission: MissionHeader;
  readonly phases: MissionFrame["phases"];
  readonly areaLevels: readonly string[];
  readonly areas: readonly { id: string; code: string; level: string; name: Record<string, string> }[];
  readonly minCellUnits: number;
  readonly indicators: readonly IndicatorEstimates[];
  readonly invalidIndicators: readonly { code: string; message: string }[];
}

export interface ComparisonRow {
  readonly code: string;
  readonly name: Record<string, string>;
  readonly source: "stored" | "default";
  readonly members: readonly ({
    missionId: string;
    missionCode: string;
    indicatorCode: string | null;
    estimate: Estimate | null;
  } & Why)[];
  readonly differences: readonly {
    a: string;
    b: string;
    difference: number;
    lower: number;
    upper: number;
    z: number;
    pValue: number;
    generalises: boolean;
  }[];
}

const NOT_GENERALISING =
  "Convenience sample: stations were not chosen at random, so figures describe only the stations observed.";

function tallyReports(patterns: readonly ObservationPattern[]): number {
  let n = 0;
  for (const p of patterns) n += p.count;
  return n;
}

export class AnalysisService {
  /** Each election's places with the geography revision they were read at. */
  private readonly places = new Map<string, { revision: number; places: Promise<Places> }>();
  private readonly inflight = new Map<string, Promise<ObservationPattern[]>>();
  private readonly effectsCache = new Map<string, ObserverEffectsResult>();

  constructor(private readonly store: Store) {}

  /**
   * The election's stations and areas, read again whenever the stored geography revision has
   * moved (any station import, edit or removal, by this process or another), so analysis never
   * answers from stations, area names or registered voters that are no longer stored.
   */
  private async placesOf(electionId: string): Promise<{ revision: number; places: Places }> {
    const revision = (await this.store.analysis.geographyRevision(electionId)) ?? -1;
    let entry = this.places.get(electionId);
    if (entry === undefined || entry.revision !== revision) {
      // Read after the revision: a write in between makes the next request read again.
      const places = this.store.analysis.geography(electionId).then(placesOf);
      const made = { revision, places };
      places.catch(() => {
        if (this.places.get(electionId) === made) this.places.delete(electionId);
      });
      this.places.set(electionId, made);
      entry = made;
    }
    return { revision, places: await entry.places };
  }

  /** One read of the mission's reports; concurrent identical reads share it. */
  private patterns(
    missionId: string,
    questions: readonly string[],
    teams = true,
  ): Promise<ObservationPattern[]> {
    const key = `${missionId}|${teams}|${questions.join(",")}`;
    let p = this.inflight.get(key);
    if (p === undefined) {
      p = this.store.analysis.observationPatterns(missionId, questions, { teams });
      const drop = () => this.inflight.delete(key);
      p.then(drop, drop);
      this.inflight.set(key, p);
    }
    return p;
  }

  async context(missionId: string, planVersion?: number): Promise<Result<MissionContext, AnalysisIssue>> {
    const frame = await this.store.analysis.missionFrame(missionId, planVersion);
    if (frame === undefined)
      return err({
        code: "not_found",
        message: planVersion === undefined ? "mission not found" : `plan version ${planVersion} not found`,
        ...(planVersion === undefined ? { what: "mission" } : { what: "plan_version", name: planVersion }),
      });
    const [{ revision, places }, stored] = await Promise.all([
      this.placesOf(frame.mission.electionId),
      this.indicatorsOf(frame.mission),
    ]);
    const indicators: CompiledIndicator[] = [];
    const invalid: { code: string; message: string }[] = [];
    for (const s of stored) {
      const parsed = IndicatorDefinition.safeParse(s.definition);
      if (!parsed.success) {
        invalid.push({ code: s.code, message: parsed.error.issues[0]?.message ?? "invalid definition" });
        continue;
      }
      const compiled = compileIndicator({ code: s.code, version: s.version, definition: parsed.data });
      if (compiled.ok) indicators.push(compiled.value);
      else invalid.push({ code: s.code, message: `${compiled.error.path}: ${compiled.error.message}` });
    }
    return ok({
      frame,
      places,
      geographyRevision: revision,
      design: missionDesign(frame, places),
      indicators,
      invalid,
      phaseOrder: frame.phases.map((p) => p.code),
    });
  }

  /** Stored indicators; a mission without any gets the default set (stored, version 1). */
  async indicatorsOf(mission: MissionInfo): Promise<StoredIndicator[]> {
    const current = await this.store.analysis.currentIndicators(mission.id);
    if (current.length > 0) return current;
    const history = await this.store.analysis.indicatorHistory(mission.id, "voting-bad");
    if (history.length > 0) return current; // every indicator was retired on purpose
    await this.seedDefaults(mission);
    return this.store.analysis.currentIndicators(mission.id);
  }

  async seedDefaults(mission: MissionInfo): Promise<void> {
    const defaults = defaultIndicators({ headCounts: mission.kind === "domestic" });
    await this.store.analysis.seedIndicators(
      mission.id,
      defaults.map((d) => ({ code: d.code, definition: d.definition as unknown as Record<string, unknown> })),
    );
  }

  private header(ctx: MissionContext, reports: number): MissionHeader {
    const convenience = ctx.design.design.kind === "convenience";
    return {
      id: ctx.frame.mission.id,
      code: ctx.frame.mission.code,
      name: ctx.frame.mission.name,
      kind: ctx.frame.mission.kind,
      design: ctx.design.design.kind,
      generalises: !convenience,
      note: convenience ? NOT_GENERALISING : null,
      strata: ctx.design.strata,
      plan:
        ctx.frame.plan === null
          ? null
          : {
              version: ctx.frame.plan.version,
              status: ctx.frame.plan.status,
              source: ctx.frame.plan.source,
              confirmedAt: ctx.frame.plan.confirmedAt,
            },
      reports,
    };
  }

  async estimates(
    missionId: string,
    options: {
      areaLevel?: string | undefined;
      minCellUnits?: number | undefined;
      planVersion?: number | undefined;
    } = {},
  ): Promise<Result<EstimatesResponse, AnalysisIssue>> {
    const c = await this.context(missionId, options.planVersion);
    if (!c.ok) return c;
    const ctx = c.value;
    const areaLevel = options.areaLevel ?? ctx.places.levels[0] ?? "region";
    const minCellUnits = options.minCellUnits ?? 30;
    const engineOptions = { areaLevel, minCellUnits, phaseOrder: ctx.phaseOrder };
    // Per-station totals from one SQL statement; an indicator some of whose reports it does not
    // decide (a condition outside the compiled subset, answers of an unexpected shape) is totalled
    // from the reports' patterns in JavaScript instead. Both go to the same estimator.
    const rows = await this.store.analysis.stationTotals(missionId, ctx.indicators.map(columnOf));
    let reports = 0;
    for (const r of rows) reports += r.n;
    const slow = ctx.indicators.filter((indicator, i) => !decidedInSql(indicator, rows, i));
    const { questions, index } = questionsOf(slow);
    const patterns = slow.length > 0 ? await this.patterns(missionId, questions, false) : [];
    const indicators = ctx.indicators.map((indicator, i) =>
      slow.includes(indicator)
        ? estimateIndicatorFromTotals(
            indicator,
            totalsFromPatterns(indicator, patterns, index),
            0,
            ctx.design,
            ctx.places,
            engineOptions,
          )
        : estimateIndicatorFromTotals(indicator, rows, i, ctx.design, ctx.places, engineOptions),
    );
    const levelAreas = [...ctx.places.areas.values()]
      .filter((a) => a.level === areaLevel)
      .map((a) => ({ id: a.id, code: a.code, level: a.level, name: a.name }))
      .sort((a, b) => a.code.localeCompare(b.code));
    return ok({
      mission: this.header(ctx, reports),
      phases: ctx.frame.phases,
      areaLevels: ctx.places.levels,
      areas: levelAreas,
      minCellUnits,
      indicators,
      invalidIndicators: ctx.invalid,
    });
  }

  async observerEffects(
    missionId: string,
  ): Promise<Result<{ mission: MissionHeader; effects: ObserverEffectsResult[] }, AnalysisIssue>> {
    const c = await this.context(missionId);
    if (!c.ok) return c;
    const ctx = c.value;
    const assessment = ctx.indicators.filter((i) => i.definition.kind === "share" && i.definition.assessment);
    const { questions, index } = questionsOf(assessment);
    const patterns = await this.patterns(missionId, questions);
    const teamCodes = new Map(ctx.frame.teams.map((t) => [t.id, t.code]));
    const effects = assessment.map((indicator) => {
      const obs = assessmentObservations(indicator, patterns, index, ctx.design);
      const hash = createHash("sha256");
      // The fit depends on the design (plan version, strata and their N_h) and the places, too.
      hash.update(
        JSON.stringify([
          indicator.definition,
          ctx.design.design.kind,
          ctx.design.strata,
          ctx.frame.plan?.version ?? null,
          ctx.geographyRevision,
        ]),
      );
      for (const o of obs) hash.update(`${o.stationId}${o.teamId}${o.value};`);
      const key = `${missionId}|${indicator.code}|${hash.digest("hex")}`;
      const cached = this.effectsCache.get(key);
      if (cached) return cached;
      const fitted = observerEffects(indicator, obs, ctx.design, teamCodes, 30);
      if (this.effectsCache.size > 100) this.effectsCache.clear();
      this.effectsCache.set(key, fitted);
      return fitted;
    });
    return ok({ mission: this.header(ctx, tallyReports(patterns)), effects });
  }

  async pvt(
    missionId: string,
  ): Promise<
    Result<{ mission: MissionHeader; pvt: PvtSection; turnout: TurnoutSection | null }, AnalysisIssue>
  > {
    const c = await this.context(missionId);
    if (!c.ok) return c;
    const ctx = c.value;
    const forms = await this.store.forms.listForElection(ctx.frame.mission.electionId);
    const voteQuestions = new Set<string>();
    const collect = (items: unknown): void => {
      if (!Array.isArray(items)) return;
      for (const item of items as { name?: unknown; items?: unknown }[]) {
        if (typeof item.name === "string" && isVoteQuestion(item.name)) voteQuestions.add(item.name);
        collect(item.items);
      }
    };
    for (const f of forms) if (f.kind === "counting") collect((f.definition as { items?: unknown }).items);
    const questions = [...PROTOCOL_QUESTIONS, ...voteQuestions, HEADCOUNT_QUESTION].sort();
    const index = new Map(questions.map((q, i) => [q, i]));
    const [patterns, official] = await Promise.all([
      this.patterns(missionId, questions),
      this.store.analysis.officialResults(ctx.frame.mission.electionId),
    ]);
    const frameStations = new Set<string>();
    const geography = await this.store.analysis.geography(ctx.frame.mission.electionId);
    for (const s of geography.stations) if (s.kind !== "abroad") frameStations.add(s.id);
    const pvt = pvtSection(patterns, index, ctx.design, ctx.places, official, frameStations);
    const turnout =
      ctx.frame.mission.kind === "domestic"
        ? turnoutSection(patterns, index, ctx.design, ctx.places, official, ctx.phaseOrder)
        : null;
    return ok({ mission: this.header(ctx, tallyReports(patterns)), pvt, turnout });
  }

  /** The same indicator for every mission of an election, with pairwise tests of difference. */
  async comparison(
    electionId: string,
  ): Promise<Result<{ missions: MissionHeader[]; rows: ComparisonRow[] }, AnalysisIssue>> {
    const missions = await this.store.analysis.missionsOfElection(electionId);
    if (missions.length === 0)
      return err({ code: "not_found", message: "election not found or without missions", what: "election" });
    const stored = await this.store.analysis.matches(electionId);
    const estimates = new Map<string, EstimatesResponse>();
    for (const m of missions) {
      const e = await this.estimates(m.id, {});
      if (e.ok) estimates.set(m.id, e.value);
    }
    let matches: {
      code: string;
      name: Record<string, string>;
      members: Record<string, string>;
      source: "stored" | "default";
    }[];
    if (stored.length > 0) matches = stored.map((s) => ({ ...s, source: "stored" }));
    else {
      matches = defaultMatchCodes().map((d) => ({
        code: d.code,
        name: d.name,
        members: Object.fromEntries(missions.map((m) => [m.id, d.code])),
        source: "default",
      }));
    }
    const rows: ComparisonRow[] = matches.map((match) => {
      const members = missions.map((m) => {
        const code = match.members[m.id] ?? null;
        const found =
          code === null ? undefined : estimates.get(m.id)?.indicators.find((i) => i.code === code);
        return {
          missionId: m.id,
          missionCode: m.code,
          indicatorCode: code,
          estimate: found?.overall.estimate ?? null,
          ...(code === null
            ? why("not_matched")
            : found === undefined
              ? why("no_such_indicator")
              : { issue: found.overall.issue, reason: found.overall.reason }),
        };
      });
      const differences: ComparisonRow["differences"][number][] = [];
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const a = members[i]?.estimate;
          const b = members[j]?.estimate;
          const d = a && b ? estimateDifference(a, b) : null;
          if (d !== null)
            differences.push({ a: members[i]?.missionId ?? "", b: members[j]?.missionId ?? "", ...d });
        }
      }
      return { code: match.code, name: match.name, source: match.source, members, differences };
    });
    const headers = missions.map((m) => {
      const e = estimates.get(m.id);
      return (
        e?.mission ?? {
          id: m.id,
          code: m.code,
          name: m.name,
          kind: m.kind,
          design: m.design,
          generalises: m.design !== "convenience",
          note: null,
          strata: [],
          plan: null,
          reports: 0,
        }
      );
    });
    return ok({ missions: headers, rows });
  }
}
