// Exports built by the server, so every download applies the same rules (columns, labels in the
// chosen language, formula-like text neutralised) whoever asks and from wherever.
import { dataExports as routes } from "@scrutiny/contract";
import {
  SUBMISSION_COLUMN_LABELS,
  safeParseFormDefinition,
  submissionsTable,
  tablesToXlsx,
  tableToCsv,
} from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { requireMission } from "../deployment/access.ts";
import { notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

export function exportRoutes(app: FastifyInstance, store: Store): void {
  registerRoute(app, routes.submissionsExport, async ({ params, query, reply }) => {
    const mission = await requireMission(store, params.missionId);
    const form = await store.forms.current(params.formId);
    // A form of another election (or a mission's own form for another mission) is not found here.
    if (
      form === undefined ||
      form.electionId !== mission.electionId ||
      (form.missionId !== null && form.missionId !== params.missionId)
    )
      throw notFound("form");
    const parsed = safeParseFormDefinition(form.definition);
    if (!parsed.ok) throw new Error(`stored form ${form.formId} v${form.version} does not parse`);
    const definition = parsed.value;
    const language = query.language ?? definition.defaultLanguage;
    const labels = language === "ru" ? SUBMISSION_COLUMN_LABELS.ru : SUBMISSION_COLUMN_LABELS.en;
    const rows = await store.submissions.forExport(params.missionId, params.formId);
    const table = submissionsTable(definition, rows, language, labels);
    const fileName = `${form.code}-reports.${query.format}`;
    reply
      .header("content-type", routes.EXPORT_TYPES[query.format])
      .header("content-disposition", `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`);
    return reply.send(query.format === "csv" ? tableToCsv(table) : Buffer.from(tablesToXlsx([table])));
  });
}
