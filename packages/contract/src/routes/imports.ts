import { CountryCallingCode, RosterMapping, StationMapping } from "@scrutiny/domain";
import { z } from "zod";
import { Issue } from "../errors.ts";
import { electionAdmin, ownMission, resource, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { AnyJson, ElectionParams, Instant, MissionParams } from "./common.ts";

/** A problem of an uploaded file, located by line and column (or by path). */
export const FileIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])).optional(),
  line: z.number().int().optional(),
  column: z.union([z.string(), z.number()]).optional(),
  sheet: z.string().optional(),
  code: z.string(),
  message: z.string(),
  /** What the problem names, to say it in the reader's language (the web's `errors.file.*`). */
  params: Issue.shape.params,
});
export type FileIssue = z.infer<typeof FileIssue>;

/** What a station import changed (or would change, in a dry run). */
export const StationImportSummary = z.object({
  stations: z.object({
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    unchanged: z.number().int(),
    /** Stations the file does not list that stay (removal not asked for). */
    kept: z.number().int().optional(),
  }),
  areas: z.object({ added: z.number().int(), changed: z.number().int() }),
  addedCodes: z.array(z.string()),
  changedStations: z.array(z.object({ code: z.string(), fields: z.array(z.string()) })),
  removedCodes: z.array(z.string()),
  dryRun: z.boolean().optional(),
});
export type StationImportSummary = z.infer<typeof StationImportSummary>;

export const ImportJob = z.object({
  id: z.uuid(),
  electionId: z.uuid(),
  missionId: z.uuid().nullable(),
  kind: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  stage: z.string(),
  fileName: z.string().nullable(),
  total: z.number().int(),
  processed: z.number().int(),
  summary: StationImportSummary.nullable(),
  issues: z.array(FileIssue).nullable(),
  createdAt: Instant,
  finishedAt: Instant.nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** A saved column mapping (its columns are the file's own). */
export const SavedMapping = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(["stations", "observers"]),
  mapping: z.record(z.string(), AnyJson),
  /** The mission that saved it, the only one that may overwrite it (null: the election's). */
  missionId: z.uuid().nullable(),
  updatedAt: Instant,
});
export type SavedMapping = z.infer<typeof SavedMapping>;

/** An uploaded station file: its header, first rows, a suggested mapping and the saved ones. */
export const StationUpload = z.object({
  uploadId: z.string(),
  fileName: z.string().nullable(),
  format: z.enum(["csv", "xlsx"]),
  delimiter: z.string().nullable(),
  header: z.array(z.string()),
  rows: z.number().int(),
  preview: z.array(z.array(z.string())),
  suggestedMapping: StationMapping,
  /** The election's saved station mappings (each checked when it was saved). */
  savedMappings: z.array(SavedMapping.extend({ mapping: StationMapping })),
});

export const JobParams = z.object({ jobId: z.uuid() });
export const MappingName = z.string().trim().min(1).max(80);
export const StationUploadQuery = z.object({ fileName: z.string().max(300).optional() });

export const StationImportRequest = z
  .object({
    uploadId: z.uuid(),
    /** A mapping given here, or the name of a saved one. */
    mapping: StationMapping.optional(),
    mappingName: MappingName.optional(),
    /** Save the mapping under this name for the next file of the same shape. */
    saveMappingAs: MappingName.optional(),
    /** Stations the file does not list are kept unless this is set, with their count confirmed. */
    removeMissing: z.boolean().default(false),
    confirmRemovals: z.number().int().min(0).optional(),
    dryRun: z.boolean().default(false),
  })
  .refine((r) => r.mapping !== undefined || r.mappingName !== undefined, {
    message: "give a mapping or the name of a saved one",
    path: ["mapping"],
  });

export const ObserverImportRequest = z
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

/** What a roster import changed. */
export const RosterSummary = z.object({
  observers: z.object({ added: z.number(), changed: z.number(), unchanged: z.number() }),
  teams: z.object({ added: z.number(), changed: z.number() }),
  areaAssignments: z.number(),
});
export type RosterSummary = z.infer<typeof RosterSummary>;

export const SaveMappingRequest = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("stations"), mapping: StationMapping }),
]);

export const STATION_UPLOAD = {
  raw: [
    "application/octet-stream",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ],
  limit: 128 * 1024 * 1024,
} as const;

/** Stations and areas are the election's: only its administrators import them. */
const stationImporters = roles(["coordinator"], electionAdmin());
const Job = z.object({ job: ImportJob });

export const uploadStations = defineRoute({
  method: "POST",
  path: "/api/v1/elections/:electionId/imports/stations/uploads",
  summary:
    "Upload a station file (CSV or XLSX, raw bytes): its header, first rows, a suggested and the saved mappings",
  tags: ["imports"],
  params: ElectionParams,
  query: StationUploadQuery,
  body: STATION_UPLOAD,
  responses: { 201: StationUpload },
  policy: stationImporters,
});

export const importStations = defineRoute({
  method: "POST",
  path: "/api/v1/elections/:electionId/imports/stations",
  summary: "Import an uploaded station file with a mapping; all or nothing, in the background",
  tags: ["imports"],
  params: ElectionParams,
  body: StationImportRequest,
  responses: { 202: Job },
  policy: stationImporters,
});

export const importJob = defineRoute({
  method: "GET",
  path: "/api/v1/imports/:jobId",
  summary: "An import job: stage and progress while it runs; what changed, or the problems, after",
  tags: ["imports"],
  params: JobParams,
  responses: { 200: Job },
  // The mission that started it; an administrator's (the election's), its coordinators.
  policy: roles(["coordinator"], resource("importJob", "jobId", "read")),
});

export const recentImports = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/imports",
  summary: "Recent station imports of the election (yours, or every one for an administrator)",
  tags: ["imports"],
  params: ElectionParams,
  responses: { 200: z.object({ jobs: z.array(ImportJob) }) },
  policy: stationImporters,
});

export const stationMappings = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/imports/mappings",
  summary: "Saved station-file mappings",
  tags: ["imports"],
  params: ElectionParams,
  responses: { 200: z.object({ mappings: z.array(SavedMapping) }) },
  policy: stationImporters,
});

export const saveStationMapping = defineRoute({
  method: "PUT",
  path: "/api/v1/elections/:electionId/imports/mappings/:name",
  summary: "Save a station-file mapping under a name",
  tags: ["imports"],
  params: ElectionParams.extend({ name: MappingName }),
  body: SaveMappingRequest,
  responses: { 200: z.object({ mapping: SavedMapping }) },
  // A saved mapping is overwritten only by the mission that saved it (or the election's, by its
  // administrators); a new name, by any administrator of the election.
  policy: roles(
    ["coordinator"],
    [electionAdmin(), resource("stationMapping", "name", "write", { absent: "create" })],
  ),
});

export const rosterMappings = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/imports/mappings",
  summary: "Saved roster mappings of a mission",
  tags: ["imports"],
  params: MissionParams,
  responses: { 200: z.object({ mappings: z.array(SavedMapping) }) },
  policy: roles(["coordinator"], ownMission()),
});

export const importObservers = defineRoute({
  method: "POST",
  path: "/api/v1/missions/:missionId/imports/observers",
  summary:
    "Import the observer roster (CSV): observers by code, phones to E.164, teams of two or more, long-term observers' areas",
  tags: ["imports"],
  params: MissionParams,
  body: ObserverImportRequest,
  bodyLimit: 9 * 1024 * 1024,
  responses: { 200: z.object({ summary: RosterSummary }) },
  policy: roles(["coordinator"], ownMission()),
});
