import { z } from "zod";
import { FORENSICS_TABLES, type ForensicsTableId } from "../forensics-tables.ts";
import { ownElection, resource, roles, signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { ElectionParams, Instant } from "./common.ts";

export const SetParams = z.object({ electionId: z.uuid(), setId: z.uuid() });
export const SourceParams = z.object({
  electionId: z.uuid(),
  source: z.union([z.literal("official"), z.uuid()]),
});
export const ReportQuery = z.object({
  /** Official results only: analyse one contest (by code) instead of all of them by party. */
  contest: z.string().min(1).max(100).optional(),
  /** Area level of the regional breakdown (default: the broadest). */
  level: z.string().min(1).max(100).optional(),
  /** Language of area names in the official results' breakdown. */
  lang: z.enum(["en", "ru"]).default("en"),
  download: z.enum(["0", "1"]).optional(),
});
export const ForensicsExportQuery = ReportQuery.omit({ download: true }).extend({
  format: z.enum(["csv", "xlsx"]).default("xlsx"),
  /** The table a CSV holds (the first, the histograms, by default); an XLSX holds them all. */
  table: z.enum(FORENSICS_TABLES as [ForensicsTableId, ...ForensicsTableId[]]).optional(),
});
export const ResultsUploadQuery = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  fileName: z.string().trim().min(1).max(300).default("results.csv"),
  preset: z.enum(["ru-cec"]).optional(),
  /** The column mapping as JSON (see docs/METHODS.md). */
  mapping: z.string().min(2).max(50_000).optional(),
  /** The contest (by code) the file holds results of; omit for the whole election. */
  contest: z.string().min(1).max(100).optional(),
  /** The contestant to analyse as leader (exact name or unique fragment); default the national winner. */
  leader: z.string().trim().min(1).max(300).optional(),
  /** "true": refuse the file if any row would be left out (no protocol, missing counts, arithmetic). */
  strict: z.enum(["true", "false"]).optional(),
});

export const RESULTS_UPLOAD = {
  raw: [
    "application/octet-stream",
    "text/csv",
    "application/zip",
    "application/x-zip-compressed",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ],
  limit: 128 * 1024 * 1024,
} as const;

/** An uploaded results set as listed: where it came from and what it holds. */
export const ResultsSetSummary = z.object({
  id: z.uuid(),
  electionId: z.uuid(),
  contestId: z.uuid().nullable(),
  contestCode: z.string().nullable(),
  name: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  preset: z.string().nullable(),
  stationCount: z.number().int(),
  leader: z.string(),
  areaLevels: z.array(z.object({ name: z.string(), areas: z.number().int() })),
  arithmeticFlags: z.number().int(),
  /** The mission that uploaded it and may delete it (null: an administrator's upload). */
  missionId: z.uuid().nullable(),
  createdAt: Instant,
});
export type ResultsSetSummary = z.infer<typeof ResultsSetSummary>;

/** A section of the report: its figures and a reading in words. */
const Section = z
  .object({ reading: z.string() })
  .describe(
    "a section of @scrutiny/forensics' ForensicsReport (its figures, as that type declares them, and a reading in words)",
  );

/**
 * The forensic report (@scrutiny/forensics' ForensicsReport, whose type the web app uses): the
 * election's totals field by field, then one section per test, each with its reading.
 */
export const ForensicsReportSchema = z.object({
  kind: z.literal("scrutiny.forensics"),
  version: z.literal(1),
  caveat: z.string(),
  election: z.object({
    stations: z.number().int(),
    registered: z.number(),
    ballotsIssued: z.number(),
    leader: z.string(),
    leaderRule: z.enum(["named", "national-winner"]),
    leaderNote: z.string(),
    notes: z.array(z.string()),
    contestants: z.array(z.object({ name: z.string(), votes: z.number(), share: z.number().nullable() })),
    areaLevels: z.array(z.object({ name: z.string(), areas: z.number().int() })),
  }),
  histograms: z.unknown().describe("percent histograms of turnout and the leader's share (ForensicsReport)"),
  integerPercentages: Section,
  fingerprint: Section.optional(),
  mainContestantFits: z
    .array(z.unknown().describe("the fraud-model fit with one main contestant as winner (ForensicsReport)"))
    .optional(),
  exclusions: z.unknown().optional().describe("stations left out of the tests, and why (ForensicsReport)"),
  digits: Section,
  arithmetic: Section.extend({ flaggedStations: z.number().int() }),
  breakdown: Section.optional(),
  timings: z.record(z.string(), z.number()),
});

export const listResultsSets = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/results-sets",
  summary: "Official results available for forensics: the election's own and uploaded results sets",
  tags: ["forensics"],
  params: ElectionParams,
  responses: {
    200: z.object({
      official: z.object({ available: z.boolean(), protocols: z.number(), contests: z.number() }),
      resultsSets: z.array(ResultsSetSummary),
    }),
  },
  policy: signedIn(ownElection()),
});

export const uploadResultsSet = defineRoute({
  method: "POST",
  path: "/api/v1/elections/:electionId/results-sets",
  summary:
    "Upload an official results file (CSV, .zip holding one CSV, or .xlsx as the raw body) with a preset or a column mapping; parsed all-or-nothing, stored, analysed",
  tags: ["forensics"],
  params: ElectionParams,
  query: ResultsUploadQuery,
  body: RESULTS_UPLOAD,
  responses: {
    201: z.object({
      resultsSet: ResultsSetSummary,
      /** Time spent reading, testing and storing the file. */
      milliseconds: z.record(z.string(), z.number()),
    }),
  },
  // The set is the uploading mission's; other missions of the election read it.
  policy: roles(["coordinator", "analyst"], ownElection()),
});

export const deleteResultsSet = defineRoute({
  method: "DELETE",
  path: "/api/v1/elections/:electionId/results-sets/:setId",
  summary: "Delete an uploaded results set",
  tags: ["forensics"],
  params: SetParams,
  responses: { 204: z.undefined().describe("no body") },
  policy: roles(["coordinator", "analyst"], resource("resultsSet", "setId", "write")),
});

export const forensicReport = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/forensics/:source",
  summary:
    "Forensic report (JSON) of the election's official results (source 'official', by party) or of an uploaded results set",
  tags: ["forensics"],
  params: SourceParams,
  query: ReportQuery,
  responses: { 200: ForensicsReportSchema },
  policy: signedIn(ownElection()),
});

export const forensicReportHtml = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/forensics/:source/report.html",
  summary: "The same forensic report as a self-contained HTML page (download=1 for an attachment)",
  tags: ["forensics"],
  params: SourceParams,
  query: ReportQuery,
  responses: { 200: { contentType: "text/html" } },
  policy: signedIn(ownElection()),
});

export const forensicTables = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/forensics/:source/tables",
  summary:
    "The forensic report's figures as the page's table views show them (histograms, fingerprint observed and fitted, last digits, digit tests): XLSX (a sheet each) or one table as CSV, formula-like text neutralised",
  tags: ["forensics"],
  params: SourceParams,
  query: ForensicsExportQuery,
  responses: { 200: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } },
  policy: signedIn(ownElection()),
});
