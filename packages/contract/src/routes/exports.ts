import { Code, IncidentSeverity, IncidentStatus } from "@scrutiny/domain";
import { z } from "zod";
import { ownMission, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { MissionParams, StationSearch } from "./common.ts";
import { XLSX_TYPE } from "./forms.ts";
import { SubmissionSelectionQuery } from "./submissions.ts";

/** What every export asks: the file's format and the headers' language. */
const ExportQuery = z.object({
  format: z.enum(["csv", "xlsx"]).default("csv"),
  /** Language of the headers and labels (a form's default language, or English, when absent). */
  language: z.string().min(1).max(64).optional(),
});

export const FormExportParams = z.object({ missionId: z.uuid(), formId: z.uuid() });
export const FormExportQuery = ExportQuery.extend({
  ...SubmissionSelectionQuery.shape,
  /**
   * The table a CSV holds: `reports` (the default: one row per report) or a repeat's name (one row
   * per instance). An XLSX holds them all, one sheet each.
   */
  table: z.string().min(1).max(200).optional(),
});

export const submissionsExport = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/forms/:formId/submissions/export",
  summary:
    "A form's reports in the mission that the reports list's filters keep (status, station, observer, phase, flagged): one row per report, one column per question (labels in the chosen language), with revision and review status; each repeat a table of its own, one row per instance; CSV (one table) or XLSX (a sheet per table), formula-like text neutralised",
  tags: ["submissions"],
  params: FormExportParams,
  query: FormExportQuery,
  responses: { 200: { contentType: "text/csv" } },
  policy: roles(["coordinator", "analyst"], ownMission()),
});

export const MissingExportQuery = ExportQuery.extend({
  /** The phase; election day (else the first phase) when absent, as the coverage page. */
  phaseCode: Code.optional(),
  /** Only stations whose code or name contains this, as the coverage page's search. */
  station: StationSearch.optional(),
});

export const missingExport = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/coverage/missing/export",
  summary:
    "Every planned station without a report in the phase, one row per observer to call (team, name, phone), a row without a team when none visits it: the whole list the coverage page pages through; CSV or XLSX",
  tags: ["coverage"],
  params: MissionParams,
  query: MissingExportQuery,
  responses: { 200: { contentType: "text/csv" } },
  // Observers' phones: the coordinators', as the coverage page.
  policy: roles(["coordinator"], ownMission()),
});

export const IncidentsExportQuery = ExportQuery.extend({
  status: IncidentStatus.optional(),
  severity: IncidentSeverity.optional(),
  phaseCode: z.string().trim().min(1).max(64).optional(),
  assigneeId: z.uuid().optional(),
  station: StationSearch.optional(),
});

export const incidentsExport = defineRoute({
  method: "GET",
  path: "/api/v1/missions/:missionId/incidents/export",
  summary:
    "The incident inbox as a table, every incident the filters keep (not a page): station, phase, form, time, severity, status, assignee, team and observer, the critical answers; CSV or XLSX",
  tags: ["incidents"],
  params: MissionParams,
  query: IncidentsExportQuery,
  responses: { 200: { contentType: "text/csv" } },
  policy: roles(["coordinator", "analyst"], ownMission()),
});

export const EXPORT_TYPES = { csv: "text/csv; charset=utf-8", xlsx: XLSX_TYPE } as const;
