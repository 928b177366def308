// Official results and election forensics for an election: the election's own stored results
// (aggregated by party across its contests) and imported results files (results sets), each with
// its forensic report as JSON and as a self-contained HTML page. Parsing and the analysis run on a
// worker thread (forensics/runner.ts); reports are computed on upload and cached.
import { createHash, randomUUID } from "node:crypto";
import { forensics as contract, forensicsTables } from "@scrutiny/contract";
import { type InputIssue, ResultsMapping, type UploadLimits } from "@scrutiny/domain";
import { type ForensicsReport, renderForensicsHtml } from "@scrutiny/forensics";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { sendTables } from "../exports/send.ts";
import { encodeResults } from "../forensics/columnar-codec.ts";
import type { AnalysisOptions, ForensicsJobResult } from "../forensics/compute.ts";
import type { FingerprintJobs } from "../forensics/fingerprint-job.ts";
import { markNonFinite, restoreNonFinite } from "../forensics/json-numbers.ts";
import { OFFICIAL_CONTROLS, officialStationResults } from "../forensics/official.ts";
import type { ResultsFileSpec } from "../forensics/results-file.ts";
import type { ForensicsRunner } from "../forensics/runner.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

// A file over the decompressed-size limit is "too large" (413) like an over-long body; every other
// problem with its content, the row cap included, is 422.
const fileIssues = (issues: readonly InputIssue[]) =>
  new HttpError(
    issues.some((issue) => issue.code === "too_large") ? 413 : 422,
    "invalid_results",
    `the results file cannot be imported: ${issues
      .slice(0, 3)
      .map((i) => i.message)
      .join("; ")}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ""}`,
    { issues },
    { count: issues.length },
  );

/** A small cache of computed reports (promises, so concurrent requests share one computation). */
class ReportCache {
  private readonly entries = new Map<string, Promise<ForensicsJobResult>>();
  constructor(private readonly capacity: number) {}
  get(key: string, compute: () => Promise<ForensicsJobResult>): Promise<ForensicsJobResult> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(key, value);
    value.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }
  forget(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

export function forensicsRoutes(
  root: FastifyInstance,
  store: Store,
  limits: UploadLimits,
  runner: ForensicsRunner,
  fingerprintJobs: FingerprintJobs,
): void {
  routes(root, store, runner, new ReportCache(16), limits, fingerprintJobs);
}

function routes(
  app: FastifyInstance,
  store: Store,
  runner: ForensicsRunner,
  cache: ReportCache,
  limits: UploadLimits,
  fingerprintJobs: FingerprintJobs,
): void {
  /** Official results' reports with their fingerprint replicates done, by results digest. */
  const replicated = new Map<string, ForensicsReport>();
  const requireElection = async (electionId: string) => {
    const election = await store.elections.summary(electionId);
    if (election === undefined) throw notFound("election");
    return election;
  };

  /** The report of a source: the election's official results or an uploaded set. */
  const reportOf = async (
    electionId: string,
    source: string,
    query: z.infer<typeof contract.ReportQuery>,
  ): Promise<{ report: ForensicsReport; title: string }> => {
    const election = await requireElection(electionId);
    const electionName = election.name[query.lang] ?? election.name["en"] ?? election.code;
    const options: AnalysisOptions = query.level === undefined ? {} : { level: query.level };
    if (source === "official") {
      const input = await store.resultsSets.officialResults(electionId, query.contest);
      if (input.rows.length === 0) {
        throw query.contest === undefined
          ? notFound("official_results")
          : notFound(
              "official_results",
              query.contest,
              `official results of contest "${query.contest}" not found`,
            );
      }
      const digest = createHash("sha256").update(JSON.stringify(input)).digest("hex");
      const key = `official|${electionId}|${query.contest ?? ""}|${query.level ?? ""}|${query.lang}|${digest}`;
      const fingerprintKey = `official|${electionId}|${query.contest ?? ""}|${digest}`;
      const outcome = await cache.get(key, async () => {
        const results = officialStationResults(input, query.lang);
        if (!results) throw notFound("official_results");
        // The fingerprint's replicates run in the background (fingerprint-job.ts).
        const analysed = await runner.run({
          kind: "analyse",
          results,
          controls: OFFICIAL_CONTROLS,
          options: { ...options, bootstrap: 0 },
        });
        if (analysed.kind === "report" && !replicated.has(fingerprintKey)) {
          fingerprintJobs.startFor(fingerprintKey, analysed.report, encodeResults(results), {
            alive: async () => true,
            save: async (report) => {
              // Only the fingerprint is kept (the rest depends on the level and language).
              replicated.set(fingerprintKey, report);
              while (replicated.size > 16) {
                const oldest = replicated.keys().next().value;
                if (oldest === undefined) break;
                replicated.delete(oldest);
              }
            },
          });
        }
        return analysed;
      });
      if (outcome.kind === "rejected") throw fileIssues(outcome.issues);
      if (outcome.kind !== "report") throw new Error("unexpected forensics outcome");
      const scope = query.contest === undefined ? "official results by party" : `contest ${query.contest}`;
      const done = replicated.get(fingerprintKey);
      const progress = fingerprintJobs.of(fingerprintKey);
      const report: ForensicsReport = {
        ...outcome.report,
        ...(done?.fingerprint ? { fingerprint: done.fingerprint } : {}),
        ...(progress ? { fingerprintReplicates: progress } : {}),
      };
      return { report, title: `Election forensics: ${electionName} (${scope})` };
    }
    if (query.contest !== undefined) {
      throw new HttpError(422, "contest_not_applicable", "contest applies to the official results only");
    }
    const set = await store.resultsSets.get(electionId, source);
    if (!set) throw notFound("results_set");
    const title = `Election forensics: ${set.name}`;
    const stored = restoreNonFinite(await store.resultsSets.report(electionId, source)) as ForensicsReport;
    // While the fingerprint's replicates run in the background, the report says how far they are.
    const progress = fingerprintJobs.of(source);
    const withProgress = (report: ForensicsReport) =>
      progress === undefined ? report : { ...report, fingerprintReplicates: progress };
    if (query.level === undefined || query.level === stored.breakdown?.level)
      return { report: withProgress(stored), title };
    // Another breakdown level: the rest recomputed, the fingerprint (level-independent) stored.
    const outcome = await cache.get(`set|${source}|${query.level}`, async () => {
      const data = await store.resultsSets.data(electionId, source);
      const mapping = await store.resultsSets.mapping(electionId, source);
      if (!data || !mapping) throw notFound("results_set");
      return runner.run({
        kind: "analyse-stored",
        data: data.data,
        controls: mapping.controls,
        options: { ...options, skipFingerprint: true },
      });
    });
    if (outcome.kind === "rejected") throw fileIssues(outcome.issues);
    if (outcome.kind !== "report") throw new Error("unexpected forensics outcome");
    const { fingerprint, mainContestantFits } = stored;
    return {
      report: withProgress({
        ...outcome.report,
        ...(fingerprint ? { fingerprint } : {}),
        ...(mainContestantFits ? { mainContestantFits } : {}),
      }),
      title,
    };
  };

  registerRoute(app, contract.listResultsSets, async ({ params }) => {
    const { electionId } = params;
    await requireElection(electionId);
    const official = await store.resultsSets.officialCounts(electionId);
    return {
      official: { available: official.rows > 0, protocols: official.rows, contests: official.contests },
      resultsSets: await store.resultsSets.list(electionId),
    };
  });

  registerRoute(app, contract.uploadResultsSet, async ({ reply, user, params, body, query }) => {
    const { electionId } = params;
    await requireElection(electionId);
    const bytes = body;
    let spec: ResultsFileSpec;
    if (query.preset !== undefined && query.mapping !== undefined) {
      throw new HttpError(422, "preset_and_mapping", "give either preset or mapping, not both");
    } else if (query.preset !== undefined) spec = { preset: query.preset };
    else if (query.mapping !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(query.mapping);
      } catch (error) {
        throw new HttpError(
          422,
          "invalid_mapping",
          `mapping is not valid JSON (${(error as Error).message})`,
        );
      }
      const parsed = ResultsMapping.safeParse(json);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({
          path: ["mapping", ...i.path.map(String)],
          code: i.code,
          message: `mapping.${i.path.join(".")}: ${i.message}`,
        }));
        throw new HttpError(422, "invalid_mapping", issues[0]?.message ?? "invalid mapping", { issues });
      }
      spec = { mapping: parsed.data };
    } else throw new HttpError(422, "no_mapping", "give a preset (ru-cec) or a column mapping");
    let contestId: string | null = null;
    if (query.contest !== undefined) {
      contestId = (await store.resultsSets.contestId(electionId, query.contest)) ?? null;
      if (contestId === null) throw notFound("contest", query.contest);
    }

    const started = performance.now();
    const outcome = await runner.run({
      kind: "upload",
      bytes,
      fileName: query.fileName,
      spec,
      limits,
      // The fingerprint's replicates (minutes) run after the upload, in the background.
      options: { bootstrap: 0 },
      parse: {
        ...(query.leader !== undefined ? { leader: query.leader } : {}),
        ...(query.strict === "true" ? { strict: true } : {}),
      },
    });
    if (outcome.kind === "rejected") throw fileIssues(outcome.issues);
    if (outcome.kind !== "uploaded") throw new Error("unexpected forensics outcome");
    const id = randomUUID();
    await store.resultsSets.insert({
      id,
      electionId,
      contestId,
      name: query.name ?? query.fileName,
      fileName: query.fileName,
      fileSha256: createHash("sha256").update(bytes).digest("hex"),
      preset: query.preset ?? null,
      mapping: outcome.mapping,
      stationCount: outcome.stationCount,
      leader: outcome.leader,
      areaLevels: outcome.areaLevels,
      arithmeticFlags: outcome.arithmeticFlags,
      dataFormat: 1,
      data: outcome.data,
      report: markNonFinite(outcome.report),
      createdBy: user.id,
      missionId: user.missionId,
    });
    fingerprintJobs.start(electionId, id, outcome.report, outcome.data);
    const resultsSet = await store.resultsSets.get(electionId, id);
    return reply.status(201).send({
      resultsSet,
      milliseconds: { ...outcome.milliseconds, total: Math.round(performance.now() - started) },
    });
  });

  registerRoute(app, contract.deleteResultsSet, async ({ reply, params }) => {
    const { electionId, setId } = params;
    if (!(await store.resultsSets.delete(electionId, setId))) throw notFound("results_set");
    cache.forget(`set|${setId}|`);
    return reply.status(204).send();
  });

  registerRoute(app, contract.forensicReport, async ({ params, query }) => {
    const { electionId, source } = params;
    const { report } = await reportOf(electionId, source, query);
    return report;
  });

  registerRoute(app, contract.forensicTables, async ({ reply, params, query }) => {
    const { electionId, source } = params;
    const { report } = await reportOf(electionId, source, query);
    const tables = forensicsTables.forensicsTables(report, query.lang);
    return sendTables(reply, tables, query.format, `forensics-${source}`, query.table);
  });

  registerRoute(app, contract.forensicReportHtml, async ({ reply, params, query }) => {
    const { electionId, source } = params;
    const { report, title } = await reportOf(electionId, source, query);
    if (query.download === "1") {
      reply.header("content-disposition", `attachment; filename="forensics-${source}.html"`);
    }
    return reply.header("content-type", "text/html; charset=utf-8").send(renderForensicsHtml(report, title));
  });
}
