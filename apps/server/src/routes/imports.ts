import { randomUUID } from "node:crypto";
import { imports as routes } from "@scrutiny/contract";
import { type RosterMapping, StationMapping, type UploadLimits } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { requireElection, requireMission } from "../deployment/access.ts";
import { JobProgressBoard, runStationImport } from "../deployment/station-import-job.ts";
import { UploadCache } from "../deployment/uploads.ts";
import type { ForensicsRunner } from "../forensics/runner.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { requireWrite } from "../http/policy.ts";
import { registerRoute } from "../http/route.ts";

const PREVIEW_ROWS = 5;

/**
 * Imports of areas and stations (upload, preview with a suggested mapping, background job with
 * progress) and of observer rosters; column mappings saved per election or mission.
 */
export function importRoutes(
  app: FastifyInstance,
  store: Store,
  limits: UploadLimits,
  worker: ForensicsRunner,
): void {
  const uploads = new UploadCache();
  const board = new JobProgressBoard();
  // Imports already running finish (and record their outcome) before the server stops.
  app.addHook("onClose", () => board.drain());

  registerRoute(app, routes.uploadStations, async ({ user, params, query, body, reply }) => {
    const { electionId } = params;
    await requireElection(store, electionId);
    if (body.length === 0)
      throw new HttpError(422, "empty_file", "the file is empty", {
        issues: [{ path: ["body"], line: 1, code: "empty_file", message: "the file is empty" }],
      });
    // Read on the worker thread: a 50 MB file takes seconds, /health must not wait for it.
    const read = await worker.run({ kind: "table-preview", bytes: body, limits, previewRows: PREVIEW_ROWS });
    if (read.kind === "unreadable" || read.kind === "invalid")
      throw new HttpError(
        read.issues.some((issue) => issue.code === "too_large") ? 413 : 422,
        "unreadable_file",
        read.issues[0]?.message ?? "unreadable",
        { issues: read.issues },
      );
    if (read.kind !== "preview") throw new Error(`unexpected table job result ${read.kind}`);
    const table = read.preview;
    const upload = uploads.put({
      electionId,
      userId: user.id,
      fileName: query.fileName ?? null,
      bytes: body,
    });
    return reply.status(201).send({
      uploadId: upload.id,
      fileName: upload.fileName,
      format: table.format,
      delimiter: table.delimiter,
      header: table.header,
      rows: table.rows,
      preview: table.preview,
      suggestedMapping: table.suggestedMapping,
      savedMappings: await store.imports.mappings(electionId, "stations"),
    });
  });

  registerRoute(app, routes.importStations, async ({ reply, user, params, body }) => {
    const { electionId } = params;
    await requireElection(store, electionId);
    const upload = uploads.get(body.uploadId, user.id);
    if (upload === undefined || upload.electionId !== electionId) throw notFound("upload");
    let mapping = body.mapping;
    if (mapping === undefined && body.mappingName !== undefined) {
      const saved = await store.imports.mapping(electionId, "stations", body.mappingName);
      if (saved === undefined) throw notFound("saved_mapping", body.mappingName);
      const parsed = StationMapping.safeParse(saved.mapping);
      if (!parsed.success)
        throw new HttpError(422, "invalid_mapping", "the saved mapping is no longer valid");
      mapping = parsed.data;
    }
    if (mapping === undefined) throw new HttpError(400, "invalid_request", "no mapping");
    if (body.saveMappingAs !== undefined) {
      // Saving over another mission's mapping is refused as the mapping route refuses it.
      const owner = await app.accessFacts.owner("stationMapping", body.saveMappingAs, params);
      if (owner !== undefined) await requireWrite(user, "stationMapping", owner, app.accessFacts);
      await store.imports.saveMapping({
        id: randomUUID(),
        electionId,
        missionId: user.missionId,
        kind: "stations",
        name: body.saveMappingAs,
        mapping,
      });
    }
    const jobId = randomUUID();
    await store.imports.createJob({
      id: jobId,
      electionId,
      missionId: user.missionId,
      kind: "stations",
      fileName: upload.fileName,
      total: 0,
      createdBy: user.id,
    });
    board.set(jobId, { stage: "queued", processed: 0, total: 0 });
    uploads.delete(upload.id);
    // Started after the reply: the client polls the job for progress.
    setImmediate(() =>
      board.track(
        runStationImport(store, board, worker, {
          jobId,
          electionId,
          bytes: upload.bytes,
          mapping,
          removeMissing: body.removeMissing,
          confirmRemovals: body.confirmRemovals,
          limits,
          dryRun: body.dryRun,
        }),
      ),
    );
    return reply.status(202).send({ job: await jobView(jobId) });
  });

  const jobView = async (jobId: string): Promise<routes.ImportJob | undefined> => {
    // The stored summary and issues are what the station import job wrote (jsonb columns).
    const job = (await store.imports.job(jobId)) as routes.ImportJob | undefined;
    if (job === undefined) return undefined;
    const live = board.get(jobId);
    return live === undefined || job.finishedAt !== null
      ? job
      : {
          ...job,
          status: "running" as const,
          stage: live.stage,
          processed: live.processed,
          total: live.total,
        };
  };

  registerRoute(app, routes.importJob, async ({ params }) => {
    const job = await jobView(params.jobId);
    if (job === undefined) throw notFound("import_job");
    return { job };
  });

  registerRoute(app, routes.recentImports, async ({ user, params }) => {
    const { electionId } = params;
    await requireElection(store, electionId);
    const jobs = await store.imports.recentJobs(electionId, user.role === "admin" ? null : user.missionId);
    return {
      jobs: await Promise.all(jobs.map(async (job) => (await jobView(job.id)) ?? (job as routes.ImportJob))),
    };
  });

  registerRoute(app, routes.stationMappings, async ({ params }) => {
    const { electionId } = params;
    await requireElection(store, electionId);
    return { mappings: await store.imports.mappings(electionId, "stations") };
  });

  registerRoute(app, routes.saveStationMapping, async ({ user, params, body }) => {
    const { electionId, name } = params;
    await requireElection(store, electionId);
    await store.imports.saveMapping({
      id: randomUUID(),
      electionId,
      missionId: user.missionId,
      kind: body.kind,
      name,
      mapping: body.mapping,
    });
    const mapping = await store.imports.mapping(electionId, "stations", name);
    if (mapping === undefined) throw notFound("saved_mapping", name);
    return { mapping };
  });

  registerRoute(app, routes.rosterMappings, async ({ params }) => {
    const { missionId } = params;
    await requireMission(store, missionId);
    return { mappings: await store.imports.mappings(missionId, "observers") };
  });

  registerRoute(app, routes.importObservers, async ({ params, body }) => {
    const { missionId } = params;
    const mission = await requireMission(store, missionId);
    let mapping: z.input<typeof RosterMapping> | undefined = body.mapping;
    if (mapping === undefined && body.mappingName !== undefined) {
      const saved = await store.imports.mapping(missionId, "observers", body.mappingName);
      if (saved === undefined) throw notFound("saved_mapping", body.mappingName);
      mapping = saved.mapping as z.input<typeof RosterMapping>;
    }
    const read = await worker.run({
      kind: "roster",
      content: body.content,
      mapping,
      defaultCountryCode: body.defaultCountryCode,
    });
    if (read.kind === "unreadable")
      throw new HttpError(
        422,
        "invalid_file",
        "the roster cannot be read",
        { issues: read.issues },
        { count: read.issues.length },
      );
    if (read.kind === "invalid")
      throw new HttpError(
        422,
        "invalid_file",
        `the roster has ${read.issues.length} problems; nothing was imported`,
        { issues: read.issues },
        { count: read.issues.length },
      );
    if (read.kind !== "roster") throw new Error(`unexpected table job result ${read.kind}`);
    const outcome = await store.roster.importRoster(missionId, mission.electionId, read.roster);
    if (!outcome.ok)
      throw new HttpError(
        422,
        "invalid_file",
        "the roster names areas this election does not have",
        {
          issues: outcome.error.map((e) => ({
            line: e.line,
            code: e.code,
            message: `no area "${e.areaCode}" in this election`,
            params: { code: e.areaCode },
          })),
        },
        { count: outcome.error.length },
      );
    if (body.saveMappingAs !== undefined)
      await store.imports.saveMapping({
        id: randomUUID(),
        electionId: mission.electionId,
        missionId,
        kind: "observers",
        name: body.saveMappingAs,
        mapping: mapping as Record<string, unknown>,
      });
    return { summary: outcome.value };
  });
}
