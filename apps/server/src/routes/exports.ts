// Exports built by the server, so every download applies the same rules (columns, labels in the
// chosen language, formula-like text neutralised) whoever asks and from wherever.
import { dataExports as routes } from "@scrutiny/contract";
import {
  REPEAT_COLUMN_LABELS,
  SUBMISSION_COLUMN_LABELS,
  safeParseFormDefinition,
  submissionsTables,
} from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { coveragePhase, requireMission } from "../deployment/access.ts";
import { callListTable } from "../exports/call-list.ts";
import { sendTables } from "../exports/send.ts";
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
    const ru = language === "ru";
    // The reports list's filters, so a filtered list downloads as it is shown.
    const rows = await store.submissions.forExport({
      missionId: params.missionId,
      formId: params.formId,
      status: query.status,
      stationId: query.stationId,
      observerId: query.observerId,
      phaseCode: query.phaseCode,
      flagged: query.flagged === undefined ? undefined : query.flagged === "true",
    });
    const tables = submissionsTables(
      definition,
      rows,
      language,
      ru ? SUBMISSION_COLUMN_LABELS.ru : SUBMISSION_COLUMN_LABELS.en,
      ru ? REPEAT_COLUMN_LABELS.ru : REPEAT_COLUMN_LABELS.en,
    );
    return sendTables(reply, tables, query.format, `${form.code}-reports`, query.table);
  });

  registerRoute(app, routes.missingExport, async ({ params, query, reply }) => {
    const mission = await requireMission(store, params.missionId);
    const phaseCode = coveragePhase(mission, query.phaseCode);
    const { rows } = await store.coverage.missing(params.missionId, phaseCode, {
      limit: null,
      offset: 0,
      station: query.station,
    });
    const table = callListTable(rows, query.language ?? "en");
    return sendTables(reply, [table], query.format, `call-list-${phaseCode}`);
  });
}
