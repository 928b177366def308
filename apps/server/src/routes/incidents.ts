import { randomUUID } from "node:crypto";
import { dataExports, incidents as routes } from "@scrutiny/contract";
import { applyFollowUp, INCIDENT_SEVERITIES } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { requireMission } from "../deployment/access.ts";
import { incidentsTable } from "../exports/incidents.ts";
import { sendTables } from "../exports/send.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";
import { incidentForms, missionIncidents, toChange, toIncident } from "../incidents/inbox.ts";
import type { SubmissionIngestion } from "../ingestion/ingest.ts";
import { criticalAnswers } from "../live/feed.ts";

const STAFF_ROLES = new Set(["coordinator", "analyst"]);

/** The incident inbox: triage (severity), follow-up (status, assignee) and notes, each change kept. */
export function incidentRoutes(app: FastifyInstance, store: Store, ingestion: SubmissionIngestion): void {
  const inbox = async (
    missionId: string,
    only: { readonly phaseCode?: string | undefined; readonly station?: string | undefined },
  ) => {
    const mission = await requireMission(store, missionId);
    const forms = await incidentForms(store, mission.electionId, missionId);
    return missionIncidents(store, ingestion.references, forms, missionId, only);
  };

  // The inbox's filters, for its pages and its export alike.
  const filtered = (
    all: Awaited<ReturnType<typeof inbox>>,
    query: { status?: string | undefined; severity?: string | undefined; assigneeId?: string | undefined },
  ) =>
    all.filter(
      (incident) =>
        (query.status === undefined || incident.status === query.status) &&
        (query.severity === undefined || incident.severity === query.severity) &&
        (query.assigneeId === undefined || incident.assigneeId === query.assigneeId),
    );

  registerRoute(app, dataExports.incidentsExport, async ({ params, query, reply }) => {
    const matching = filtered(await inbox(params.missionId, query), query);
    const table = incidentsTable(matching, query.language ?? "en");
    return sendTables(reply, [table], query.format, "incidents");
  });

  registerRoute(app, routes.listIncidents, async ({ params, query }) => {
    const all = await inbox(params.missionId, query);
    const open = Object.fromEntries(INCIDENT_SEVERITIES.map((severity) => [severity, 0])) as Record<
      (typeof INCIDENT_SEVERITIES)[number],
      number
    >;
    for (const incident of all) if (incident.status !== "resolved") open[incident.severity] += 1;
    const matching = filtered(all, query);
    return {
      total: matching.length,
      open,
      limit: query.limit,
      offset: query.offset,
      incidents: matching.slice(query.offset, query.offset + query.limit),
      assignees: await assignees(store, params.missionId),
    };
  });

  registerRoute(app, routes.getIncident, async ({ params }) => {
    const { incident, history } = await loadIncident(store, ingestion, params.missionId, params.submissionId);
    return { incident, changes: history.map(toChange) };
  });

  registerRoute(app, routes.followUpIncident, async ({ user, params, body, reply }) => {
    const { incident, report, form, critical } = await loadIncident(
      store,
      ingestion,
      params.missionId,
      params.submissionId,
    );
    if (
      body.assigneeId !== undefined &&
      body.assigneeId !== null &&
      !(await assignees(store, params.missionId)).some((staff) => staff.id === body.assigneeId)
    )
      throw new HttpError(
        400,
        "invalid_input",
        "the assignee is not an active staff account of this mission",
        {
          issues: [
            {
              path: ["assigneeId"],
              code: "unknown_assignee",
              message: "not a staff account of this mission",
            },
          ],
        },
      );
    const next = applyFollowUp(incident, body);
    const id = randomUUID();
    await store.incidents.append({
      id,
      submissionId: incident.submissionId,
      status: next.status,
      severity: next.severity,
      assigneeUserId: next.assigneeId,
      note: body.note,
      authorUserId: user.id,
    });
    // Only the history changed: the report, its form and its critical answers are as loaded.
    const history = await store.incidents.followUps([incident.submissionId]);
    const change = history.find((row) => row.id === id);
    if (change === undefined) throw new Error("the follow-up just stored is missing");
    return reply
      .status(201)
      .send({ incident: toIncident(report, form, critical, history), change: toChange(change) });
  });
}

/** One incident of the mission, or 404 when the report is not one (or not the mission's). */
async function loadIncident(
  store: Store,
  ingestion: SubmissionIngestion,
  missionId: string,
  submissionId: string,
) {
  const mission = await requireMission(store, missionId);
  const report = await store.incidents.report(missionId, submissionId);
  if (report === undefined) throw notFound("incident");
  const form = (await incidentForms(store, mission.electionId, missionId)).get(report.formId);
  if (form === undefined) throw notFound("incident");
  const critical = await criticalAnswers(
    ingestion.references,
    report.formId,
    report.formVersion,
    report.answers,
  );
  if (form.kind !== "incident" && critical.length === 0) throw notFound("incident");
  const history = await store.incidents.followUps([submissionId]);
  return { incident: toIncident(report, form, critical, history), history, report, form, critical };
}

/** Active staff accounts of the mission, to assign incidents to. */
async function assignees(store: Store, missionId: string) {
  return (await store.users.listAccounts())
    .filter(
      (account) => account.missionId === missionId && STAFF_ROLES.has(account.role) && !account.disabledAt,
    )
    .map((account) => ({ id: account.id, name: account.displayName, role: account.role }));
}
