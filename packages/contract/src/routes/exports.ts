import { z } from "zod";
import { ownMission, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { XLSX_TYPE } from "./forms.ts";

export const FormExportParams = z.object({ missionId: z.uuid(), formId: z.uuid() });
export const FormExportQuery = z.object({
  format: z.enum(["csv", "xlsx"]).default("csv"),
  /** Language of the question and choice labels; the form's default language when absent. */
  language: z.string().min(1).max(64).optional(),
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
    "A form's reports in the mission: one row per report, one column per question (labels in the chosen language), with revision and review status; each repeat a table of its own, one row per instance; CSV (one table) or XLSX (a sheet per table), formula-like text neutralised",
  tags: ["submissions"],
  params: FormExportParams,
  query: FormExportQuery,
  responses: { 200: { contentType: "text/csv" } },
  policy: roles(["coordinator", "analyst"], ownMission()),
});

export const EXPORT_TYPES = { csv: "text/csv; charset=utf-8", xlsx: XLSX_TYPE } as const;
