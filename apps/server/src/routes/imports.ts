import { randomUUID } from "node:crypto";
import {
  CountryCallingCode,
  parseRoster,
  RosterMapping,
  readCsvTable,
  readTable,
  StationMapping,
  suggestRosterMapping,
  suggestStationMapping,
} from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireUser } from "../auth/authenticate.ts";
import { requireElectionCoordinator, requireMission } from "../deployment/access.ts";
import { JobProgressBoard, runStationImport } from "../deployment/station-import-job.ts";
import { UploadCache } from "../deployment/uploads.ts";
import { forbidden, HttpError, notFound } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";

const ElectionParams = z.object({ electionId: z.uuid() });
const MissionParams = z.object({ missionId: z.uuid() });
const JobParams = z.object({ jobId: z.uuid() });
const MappingName = z.string().trim().min(1).max(80);
const UploadQuery = z.object({ fileName: z.string().max(300).optional() });

const StationImportRequest = z
  .object({
    uploadId: z.uuid(),
    /** A mapping given here, or the name of a saved one. */
    mapping: StationMapping.optional(),
    mappingName: MappingName.optional(),
    /** Save the mapping under this name for the next file of the same shape. */
    saveMappingAs: MappingName.optional(),
    removeMissing: z.boolean().default(true),
    dryRun: z.boolean().default(false),
  })
  .refine((r) => r.mapping !== undefined || r.mappingName !== undefined, {
    message: "give a mapping or the name of a saved one",
    path: ["mapping"],
  });

const ObserverImportRequest = z
  .object({
    /** The roster as CSV text. */
    content: z
      .string()
      .min(1)
      .max(8 * 1024 * 1024),
    mapping: RosterMapping.optional(),
    mappingName: MappingName.optional(),
    saveMappingAs: MappingName.optional(),
    /** Country calling code for national phone numbers, e.g. "375". */
    defaultCountryCode: CountryCallingCode.optional(),
  })
  .refine((r) => !(r.mapping !== undefined && r.mappingName !== undefined), {
    message: "give a mapping or the name of a saved one, not both",
    path: ["mapping"],
  });

const SaveMappingRequest = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("stations"), mapping: StationMapping }),
]);

const UPLOAD_LIMIT = 128 * 1024 * 1024;
const UPLOAD_TYPES = [
  "application/octet-stream",
  "text/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
];
const PREVIEW_ROWS = 5;

/**
 * Imports of areas and stations (upload, preview with a suggested mapping, background job with
 * progress) and of observer rosters; column mappings saved per election or mission.
 */
export function importRoutes(app: FastifyInstance, store: Store): void {
  const uploads = new UploadCache();
  const board = new JobProgressBoard();
  // Imports already running finish (and record their outcome) before the server stops.
  app.addHook("onClose", () => board.drain());

  // Files arrive as raw bytes; the parser is registered in this plugin's scope only.
  void app.register(async (scope) => {
    for (const type of UPLOAD_TYPES) {
      // Another feature may have registered a smaller limit for the same type at the root.
      if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
      scope.addContentTypeParser(
        type,
        { parseAs: "buffer", bodyLimit: UPLOAD_LIMIT },
        (_request, body, done) => done(null, body),
      );
    }
    scope.post(
      "/api/v1/elections/:electionId/imports/stations/uploads",
      {
        bodyLimit: UPLOAD_LIMIT,
        schema: routeSchema({
          params: ElectionParams,
          querystring: UploadQuery,
          summary:
            "Upload a station file (CSV or XLSX, raw bytes): its header, first rows, a suggested and the saved mappings",
          tags: ["imports"],
        }),
      },
      async (request, reply) => {
        const { electionId } = request.params as z.infer<typeof ElectionParams>;
        const user = await requireElectionCoordinator(store, request, electionId);
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw new HttpError(422, "empty_file", "the file is empty", {
            issues: [{ line: 1, code: "empty_file", message: "the file is empty" }],
          });
        const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
        const table = readTable(bytes);
        if (!table.ok)
          throw new HttpError(422, "unreadable_file", table.error[0]?.message ?? "unreadable", {
            issues: table.error,
          });
        const { fileName } = request.query as z.infer<typeof UploadQuery>;
        const upload = uploads.put({ electionId, userId: user.id, fileName: fileName ?? null, bytes });
        return reply.status(201).send({
          uploadId: upload.id,
          fileName: upload.fileName,
          format: table.value.format,
          delimiter: table.value.delimiter,
          header: table.value.header,
          rows: table.value.rows.length,
          preview: table.value.rows.slice(0, PREVIEW_ROWS).map((row) => row.fields),
          suggestedMapping: suggestStationMapping(table.value.header),
          savedMappings: await store.imports.mappings(electionId, "stations"),
        });
      },
    );
  });

  app.post(
    "/api/v1/elections/:electionId/imports/stations",
    {
      schema: routeSchema({
        params: ElectionParams,
        body: StationImportRequest,
        summary: "Import an uploaded station file with a mapping; all or nothing, in the background",
        tags: ["imports"],
      }),
    },
    async (request, reply) => {
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      const user = await requireElectionCoordinator(store, request, electionId);
      const body = request.body as z.infer<typeof StationImportRequest>;
      const upload = uploads.get(body.uploadId, user.id);
      if (upload === undefined || upload.electionId !== electionId)
        throw notFound("upload (send the file again)");
      let mapping = body.mapping;
      if (mapping === undefined && body.mappingName !== undefined) {
        const saved = await store.imports.mapping(electionId, "stations", body.mappingName);
        if (saved === undefined) throw notFound(`saved mapping "${body.mappingName}"`);
        const parsed = StationMapping.safeParse(saved.mapping);
        if (!parsed.success)
          throw new HttpError(422, "invalid_mapping", "the saved mapping is no longer valid");
        mapping = parsed.data;
      }
      if (mapping === undefined) throw new HttpError(400, "invalid_request", "no mapping");
      if (body.saveMappingAs !== undefined)
        await store.imports.saveMapping({
          id: randomUUID(),
          electionId,
          missionId: user.missionId,
          kind: "stations",
          name: body.saveMappingAs,
          mapping,
        });
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
          runStationImport(store, board, {
            jobId,
            electionId,
            bytes: upload.bytes,
            mapping,
            removeMissing: body.removeMissing,
            dryRun: body.dryRun,
          }),
        ),
      );
      return reply.status(202).send({ job: await jobView(jobId) });
    },
  );

  const jobView = async (jobId: string) => {
    const job = await store.imports.job(jobId);
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

  app.get(
    "/api/v1/imports/:jobId",
    {
      schema: routeSchema({
        params: JobParams,
        summary: "An import job: stage and progress while it runs; what changed, or the problems, after",
        tags: ["imports"],
      }),
    },
    async (request) => {
      const user = requireUser(request);
      const { jobId } = request.params as z.infer<typeof JobParams>;
      const job = await jobView(jobId);
      if (job === undefined) throw notFound("import job");
      if (user.role !== "admin" && (user.role !== "coordinator" || user.missionId !== job.missionId))
        throw forbidden("this is another mission's import");
      return { job };
    },
  );

  app.get(
    "/api/v1/elections/:electionId/imports",
    {
      schema: routeSchema({
        params: ElectionParams,
        summary: "Recent station imports of your mission",
        tags: ["imports"],
      }),
    },
    async (request) => {
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      const user = await requireElectionCoordinator(store, request, electionId);
      const jobs = await store.imports.recentJobs(electionId, user.role === "admin" ? null : user.missionId);
      return { jobs: await Promise.all(jobs.map(async (job) => (await jobView(job.id)) ?? job)) };
    },
  );

  app.get(
    "/api/v1/elections/:electionId/imports/mappings",
    {
      schema: routeSchema({
        params: ElectionParams,
        summary: "Saved station-file mappings",
        tags: ["imports"],
      }),
    },
    async (request) => {
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      await requireElectionCoordinator(store, request, electionId);
      return { mappings: await store.imports.mappings(electionId, "stations") };
    },
  );

  app.put(
    "/api/v1/elections/:electionId/imports/mappings/:name",
    {
      schema: routeSchema({
        params: ElectionParams.extend({ name: MappingName }),
        body: SaveMappingRequest,
        summary: "Save a station-file mapping under a name",
        tags: ["imports"],
      }),
    },
    async (request) => {
      const { electionId, name } = request.params as { electionId: string; name: string };
      const user = await requireElectionCoordinator(store, request, electionId);
      const body = request.body as z.infer<typeof SaveMappingRequest>;
      await store.imports.saveMapping({
        id: randomUUID(),
        electionId,
        missionId: user.missionId,
        kind: body.kind,
        name,
        mapping: body.mapping,
      });
      return { mapping: await store.imports.mapping(electionId, "stations", name) };
    },
  );

  app.get(
    "/api/v1/missions/:missionId/imports/mappings",
    {
      schema: routeSchema({
        params: MissionParams,
        summary: "Saved roster mappings of a mission",
        tags: ["imports"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      await requireMission(store, request, missionId, "coordinator");
      return { mappings: await store.imports.mappings(missionId, "observers") };
    },
  );

  app.post(
    "/api/v1/missions/:missionId/imports/observers",
    {
      bodyLimit: 9 * 1024 * 1024,
      schema: routeSchema({
        params: MissionParams,
        body: ObserverImportRequest,
        summary:
          "Import the observer roster (CSV): observers by code, phones to E.164, teams of two or more, long-term observers' areas",
        tags: ["imports"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      const { mission } = await requireMission(store, request, missionId, "coordinator");
      const body = request.body as z.infer<typeof ObserverImportRequest>;
      const table = readCsvTable(body.content);
      if (!table.ok)
        throw new HttpError(422, "invalid_file", "the roster cannot be read", { issues: table.error });
      let mapping: z.input<typeof RosterMapping> | undefined = body.mapping;
      if (mapping === undefined && body.mappingName !== undefined) {
        const saved = await store.imports.mapping(missionId, "observers", body.mappingName);
        if (saved === undefined) throw notFound(`saved mapping "${body.mappingName}"`);
        mapping = saved.mapping as z.input<typeof RosterMapping>;
      }
      mapping ??= suggestRosterMapping(table.value.header);
      const roster = parseRoster(table.value, mapping, {
        ...(body.defaultCountryCode ? { defaultCountryCode: body.defaultCountryCode } : {}),
      });
      if (!roster.ok)
        throw new HttpError(
          422,
          "invalid_file",
          `the roster has ${roster.error.length} problems; nothing was imported`,
          {
            issues: roster.error,
          },
        );
      const outcome = await store.roster.importRoster(missionId, mission.electionId, roster.value);
      if (!outcome.ok)
        throw new HttpError(422, "invalid_file", "the roster names areas this election does not have", {
          issues: outcome.error.map((e) => ({
            line: e.line,
            code: e.code,
            message: `no area "${e.areaCode}" in this election`,
          })),
        });
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
    },
  );
}
