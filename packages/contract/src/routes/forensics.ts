import { z } from "zod";
import { ownElection, resource, roles, signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { ElectionParams, Undescribed } from "./common.ts";

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

export const listResultsSets = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/results-sets",
  summary: "Official results available for forensics: the election's own and uploaded results sets",
  tags: ["forensics"],
  params: ElectionParams,
  responses: {
    200: z.object({
      official: z.object({ available: z.boolean(), protocols: z.number(), contests: z.number() }),
      resultsSets: z.array(Undescribed),
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
  responses: { 201: z.object({ resultsSet: Undescribed, milliseconds: Undescribed }) },
  // The set is the uploading mission's; other missions of the election read it.
  policy: roles(["coordinator", "analyst"], ownElection()),
});

export const deleteResultsSet = defineRoute({
  method: "DELETE",
  path: "/api/v1/elections/:electionId/results-sets/:setId",
  summary: "Delete an uploaded results set",
  tags: ["forensics"],
  params: SetParams,
  responses: { 204: z.undefined() },
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
  responses: { 200: Undescribed },
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
