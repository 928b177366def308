// Publishing a mission's snapshot: gather the data behind its figures (never observers' personal
// data), write the data package, compute the figures from the package's own data, and store the
// files with their transparency-log entry in one transaction. A publication is never changed.
import { randomUUID } from "node:crypto";
import type { publications } from "@scrutiny/contract";
import {
  choicesOf,
  DESCRIPTOR_FILE,
  err,
  type FormDefinition,
  ok,
  questionsOf,
  type Result,
} from "@scrutiny/domain";
import type { PublicationSummary, Store } from "@scrutiny/store";
import { AnalysisService } from "../analysis/service.ts";
import { type ForensicsJob, type ForensicsJobResult, runForensicsJob } from "../forensics/compute.ts";
import { computeFigures, computeObserverEffects, ESTIMATE_COLUMNS, figureTables } from "./figures.ts";
import { compareReports, forensicsJob, type PublishedReport, publishedReport } from "./forensics.ts";
import { type ForensicsRequest, gatherForensics } from "./forensics-sources.ts";
import { packageFiles, readPackage, sha256Hex, typedRow } from "./package.ts";
import { recomputePackage } from "./recompute.ts";
import type { SnapshotData } from "./snapshot.ts";

type PublicationPreview = publications.PublicationPreview;
type EstimateRow = publications.EstimateRow;

/**
 * Answers of these types are published when an indicator reads them: closed choices, numbers,
 * dates and times cannot name a person. Free text, barcodes, positions, files and calculations
 * may, so they are published only when the form marks the question public (XLSForm column
 * `publish` = yes); otherwise the publication is refused, naming the indicator and question.
 */
const PUBLISHABLE_TYPES = new Set([
  "yes_no",
  "select_one",
  "select_multiple",
  "assessment",
  "integer",
  "decimal",
  "range",
  "acknowledge",
  "date",
  "time",
  "datetime",
]);

export type PublishIssue =
  | {
      readonly code: "not_found";
      readonly message: string;
      readonly what: "mission" | "plan_version" | "election";
      readonly name?: string | number;
    }
  | { readonly code: "nothing_to_publish" | "invalid_forensics"; readonly message: string }
  | {
      readonly code: "personal_data";
      readonly message: string;
      readonly params: { readonly indicator: string; readonly question: string; readonly form: string };
    };

export interface PublishRequest {
  readonly title?: string | undefined;
  readonly licence?: string | undefined;
  readonly planVersion?: number | undefined;
  /** Forensics of official results to publish with the snapshot. */
  readonly forensics?: readonly ForensicsRequest[] | undefined;
}

/** Runs a forensics job: on the server's worker thread, or inline (CLI). */
export type ForensicsExecutor = (job: ForensicsJob) => Promise<ForensicsJobResult>;

export class PublicationService {
  constructor(
    private readonly store: Store,
    private readonly analysis: AnalysisService,
    private readonly runForensics: ForensicsExecutor = async (job) => runForensicsJob(job),
  ) {}

  async publish(
    missionId: string,
    publishedBy: string | null,
    request: PublishRequest = {},
  ): Promise<Result<PublicationSummary, PublishIssue>> {
    const gathered = await this.snapshotData(missionId, request);
    if (!gathered.ok) return gathered;
    const draft = gathered.value;
    // The figures come from the data as the package holds it (read back), so that anyone who
    // recomputes from the files gets the very same text.
    const read = readPackage(fileMap(packageFiles(draft, { estimates: [], incidents: [] })));
    if (!read.ok) throw new Error(`publication: the package does not read back: ${read.error}`);
    const data = read.value.data;
    const estimates = computeFigures(data);
    if (!estimates.ok) throw new Error(`publication: ${estimates.error}`);
    // The forensics run once, on the worker (seconds for a country); the check below re-reads
    // their reports instead of re-running them, recompute (and the tests) re-run them.
    const reports = new Map<string, PublishedReport>();
    for (const analysis of data.forensics)
      reports.set(
        analysis.name,
        publishedReport(analysis.name, await this.runForensics(forensicsJob(analysis))),
      );
    const effects = computeObserverEffects(data);
    if (!effects.ok) throw new Error(`publication: ${effects.error}`);
    const files = packageFiles(data, figureTables(estimates.value, data), reports, effects.value);
    const check = recomputePackage(fileMap(files), { forensics: false });
    if (!check.ok || check.value.mismatches.length > 0 || check.value.hashProblems.length > 0)
      throw new Error("publication: the package does not recompute to its own figures");
    const reread = readPackage(fileMap(files));
    for (const { name, report } of reread.ok ? reread.value.published.forensics : [])
      if (report === null || compareReports(report, reports.get(name)).mismatches.length > 0)
        throw new Error(`publication: ${name} does not read back as computed`);
    const descriptor = files.find((f) => f.name === DESCRIPTOR_FILE);
    if (descriptor === undefined) throw new Error("publication: no descriptor");
    const contentHash = sha256Hex(descriptor.bytes);
    const { meta } = data;
    await this.store.publications.create(
      {
        id: meta.publication.id,
        missionId: meta.mission.id,
        electionId: meta.election.id,
        title: meta.publication.title,
        planVersion: meta.plan?.version ?? null,
        contentHash,
        publishedBy,
        publishedAt: meta.publication.publishedAt,
        files: files.map((f) => ({ ...f, sha256: sha256Hex(f.bytes) })),
      },
      { kind: "publication", id: meta.publication.id, mission: meta.mission.id, contentHash },
    );
    const stored = await this.store.publications.get(meta.publication.id);
    if (stored === undefined) throw new Error("publication: not found after storing it");
    return ok(stored);
  }

  /** What `publish` would publish, computed from the package it would write, and not stored. */
  async preview(
    missionId: string,
    request: PublishRequest = {},
  ): Promise<Result<PublicationPreview, PublishIssue>> {
    const gathered = await this.snapshotData(missionId, request);
    if (!gathered.ok) return gathered;
    const draft = gathered.value;
    const read = readPackage(fileMap(packageFiles(draft, { estimates: [], incidents: [] })));
    if (!read.ok) throw new Error(`publication: the package does not read back: ${read.error}`);
    const data = read.value.data;
    const estimates = computeFigures(data);
    if (!estimates.ok) throw new Error(`publication: ${estimates.error}`);
    const tables = figureTables(estimates.value, data);
    // The forensics' reports are named but not computed here (seconds for a country).
    const files = packageFiles(data, tables, new Map(data.forensics.map((f) => [f.name, {}])));
    const rows = tables.estimates.map((row) => typedRow(ESTIMATE_COLUMNS, row) as unknown as EstimateRow);
    const reports: Record<string, number> = {};
    for (const r of data.reports) reports[r.status] = (reports[r.status] ?? 0) + 1;
    const { meta } = data;
    return ok({
      title: meta.publication.title,
      licence: meta.licence,
      mission: { id: meta.mission.id, code: meta.mission.code, name: meta.mission.name },
      election: { id: meta.election.id, code: meta.election.code, name: meta.election.name },
      design: meta.design,
      planVersion: meta.plan?.version ?? null,
      reports,
      indicators: estimates.value.map((i) => ({
        code: i.code,
        version: i.version,
        name: i.definition.name,
        kind: i.definition.kind,
        overall: rows.find((r) => r.indicator === i.code && r.breakdown === "overall") ?? null,
        cells: rows.filter((r) => r.indicator === i.code).length,
      })),
      questions: {
        published: [...data.questions],
        withheld: await this.withheldQuestions(meta.election.id, data),
      },
      forensics: data.forensics.map((f) => ({
        name: f.name,
        source: f.inputs.source.name,
        contest: f.inputs.source.contest,
        stations: f.results.stationCount,
      })),
      files: files.map((f) => ({
        name: f.name,
        rows: f.name.endsWith(".csv") ? Math.max(0, countLines(f.bytes) - 1) : null,
      })),
      removed: Object.values(WITHHELD),
      removedKinds: Object.keys(WITHHELD) as (keyof typeof WITHHELD)[],
    });
  }

  /** Questions of the mission's forms whose answers the snapshot leaves out. */
  private async withheldQuestions(electionId: string, data: SnapshotData): Promise<string[]> {
    const kinds = new Set(data.reports.map((r) => r.formKind));
    const published = new Set(data.questions);
    const out = new Set<string>();
    for (const form of await this.store.forms.listForElection(electionId))
      if (kinds.has(form.kind))
        for (const q of questionsOf(form.definition as FormDefinition))
          if (!published.has(q.name)) out.add(q.name);
    return [...out].sort();
  }

  private async snapshotData(
    missionId: string,
    request: PublishRequest,
  ): Promise<Result<SnapshotData, PublishIssue>> {
    const c = await this.analysis.context(missionId, request.planVersion);
    if (!c.ok)
      return err({
        code: "not_found",
        message: c.error.message,
        what: c.error.what ?? "mission",
        ...(c.error.name === undefined ? {} : { name: c.error.name }),
      });
    const { frame, indicators } = c.value;
    const electionId = frame.mission.electionId;
    const forensics = await gatherForensics(this.store, electionId, request.forensics ?? []);
    if (!forensics.ok) return forensics;
    if (indicators.length === 0 && forensics.value.length === 0)
      return err({
        code: "nothing_to_publish",
        message: "the mission has no valid indicator and no forensics to publish",
      });
    const [election, geography, forms] = await Promise.all([
      this.store.elections.summary(electionId),
      this.store.analysis.geography(electionId),
      this.store.forms.listForElection(electionId),
    ]);
    if (election === undefined)
      return err({ code: "not_found", message: "election not found", what: "election" });
    const questions = [...new Set(indicators.flatMap((i) => i.questions))].sort();
    for (const indicator of indicators) {
      for (const name of indicator.questions) {
        for (const form of forms) {
          if (form.kind !== indicator.definition.formKind) continue;
          const question = questionsOf(form.definition as FormDefinition).find((q) => q.name === name);
          if (question === undefined || PUBLISHABLE_TYPES.has(question.type)) continue;
          if (/^(yes|true|1)$/i.test(question.extra?.["publish"] ?? "")) continue;
          return err({
            code: "personal_data",
            message: `indicator ${indicator.code} reads ${name}, a ${question.type} question of form ${form.code} that may name people; mark it public in the form (XLSForm column publish = yes) or change the indicator`,
            params: { indicator: indicator.code, question: name, form: form.code },
          });
        }
      }
    }
    const reports = await this.store.publications.reports(missionId, questions);
    const id = randomUUID();
    const publishedAt = new Date().toISOString();
    return ok({
      meta: {
        publication: {
          id,
          title: request.title ?? `${frame.mission.code}: ${election.code}`,
          publishedAt,
        },
        mission: {
          id: frame.mission.id,
          code: frame.mission.code,
          name: frame.mission.name,
          kind: frame.mission.kind,
        },
        election: { id: election.id, code: election.code, name: election.name, date: election.electionDate },
        design: frame.mission.design,
        plan:
          frame.plan === null
            ? null
            : {
                version: frame.plan.version,
                status: frame.plan.status,
                source: frame.plan.source,
                confirmedAt: frame.plan.confirmedAt,
              },
        areaLevel: c.value.places.levels[0] ?? "region",
        minCellUnits: 30,
        licence: request.licence ?? "CC-BY-4.0",
      },
      phases: frame.phases,
      areas: [...geography.areas].sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id)),
      stations: geography.stations
        .map((s) => ({
          id: s.id,
          code: s.code,
          areaId: s.areaId,
          kind: s.kind,
          registeredVoters: s.registeredVoters,
        }))
        .sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id)),
      planned: [...frame.planned].sort((a, b) => a.stationId.localeCompare(b.stationId)),
      strata: frame.plan?.strata ?? [],
      indicators: indicators.map((i) => {
        const categories =
          i.definition.kind === "incidents" ? categoryLabels(forms, i.definition) : undefined;
        return {
          code: i.code,
          version: i.version,
          definition: i.definition,
          ...(categories === undefined ? {} : { categories }),
        };
      }),
      questions,
      reports,
      forensics: forensics.value,
    });
  }
}

/** The labels of the choices of an incidents indicator's question, from the first form of its kind having it. */
function categoryLabels(
  forms: readonly { kind: string; definition: unknown }[],
  definition: { formKind: string; question: string },
): Record<string, Record<string, string>> | undefined {
  for (const form of forms) {
    if (form.kind !== definition.formKind) continue;
    const def = form.definition as FormDefinition;
    const question = questionsOf(def).find((q) => q.name === definition.question);
    if (question === undefined) continue;
    const choices = choicesOf(def, question);
    if (choices.length > 0) return Object.fromEntries(choices.map((c) => [c.name, { ...c.label }]));
  }
  return undefined;
}

/** What a snapshot never holds, in the words the review page shows. */
const WITHHELD = {
  observers: "observers' names, phone numbers, observer codes and accounts",
  senders_and_times: "who sent each report and when (submission and receipt times)",
  reviews: "reviewers' reasons and flags (a report's status is published)",
  unread_answers: "every answer no published indicator reads (free text only when the form marks it public)",
} as const;

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return n;
}

export function fileMap(files: readonly { name: string; bytes: Uint8Array }[]): Map<string, Uint8Array> {
  return new Map(files.map((f) => [f.name, f.bytes]));
}

/** The publishing service over a store (the CLI's `scrutiny publish`). */
export function publicationService(store: Store): PublicationService {
  return new PublicationService(store, new AnalysisService(store));
}
