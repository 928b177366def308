// The incident inbox, built from the mission's reports and their follow-up history. Which reports
// are incidents: every report of an incident form, and every report of another form that trips
// one of its critical conditions (judged by the domain's rules, as in the live view).
import type { incidents } from "@scrutiny/contract";
import {
  compareIncidents,
  type IncidentSeverity,
  type IncidentStatus,
  incidentState,
  initialSeverity,
  type LocalizedText,
  safeParseFormDefinition,
} from "@scrutiny/domain";
import type { IncidentFollowUpRow, IncidentReport, Store } from "@scrutiny/store";
import type { ReferenceCache } from "../ingestion/references.ts";
import { criticalAnswers, hasCriticalQuestions } from "../live/feed.ts";

type Incident = incidents.Incident;
type IncidentChange = incidents.IncidentChange;

interface InboxForm {
  readonly kind: string;
  readonly title: LocalizedText;
}

/** The forms whose reports can be incidents, among those the mission can use. */
export async function incidentForms(
  store: Store,
  electionId: string,
  missionId: string,
): Promise<Map<string, InboxForm>> {
  const forms = new Map<string, InboxForm>();
  for (const form of await store.forms.listForElection(electionId)) {
    if (form.missionId !== null && form.missionId !== missionId) continue;
    const parsed = safeParseFormDefinition(form.definition);
    if (!parsed.ok) continue;
    if (form.kind === "incident" || hasCriticalQuestions(parsed.value))
      forms.set(form.formId, { kind: form.kind, title: parsed.value.title });
  }
  return forms;
}

/**
 * Every incident of the mission, in inbox order; optionally of one phase, and at stations whose
 * code or name contains `station`.
 */
export async function missionIncidents(
  store: Store,
  references: ReferenceCache,
  forms: ReadonlyMap<string, InboxForm>,
  missionId: string,
  only: { readonly phaseCode?: string | undefined; readonly station?: string | undefined } = {},
): Promise<Incident[]> {
  const reports = await store.incidents.reports(missionId, [...forms.keys()], only);
  const candidates: { report: IncidentReport; critical: Incident["critical"]; form: InboxForm }[] = [];
  for (const report of reports) {
    const form = forms.get(report.formId);
    if (form === undefined) continue;
    const critical = await criticalAnswers(references, report.formId, report.formVersion, report.answers);
    if (form.kind !== "incident" && critical.length === 0) continue;
    candidates.push({ report, critical, form });
  }
  const history = groupBySubmission(await store.incidents.followUps(candidates.map((c) => c.report.id)));
  return candidates
    .map(({ report, critical, form }) => toIncident(report, form, critical, history.get(report.id) ?? []))
    .sort(compareIncidents);
}

export function toIncident(
  report: IncidentReport,
  form: InboxForm,
  critical: Incident["critical"],
  changes: readonly IncidentFollowUpRow[],
): Incident {
  const state = incidentState(initialSeverity(critical.length > 0), changes.map(stateOf));
  const last = changes.at(-1);
  return {
    submissionId: report.id,
    formId: report.formId,
    formTitle: form.title,
    formKind: form.kind,
    phaseCode: report.phaseCode,
    stationId: report.stationId,
    stationCode: report.stationCode,
    stationName: report.stationName,
    teamCode: report.teamCode,
    observerName: report.observerName,
    observerPhone: report.observerPhone,
    submittedAt: report.submittedAt,
    reviewStatus: report.status,
    critical,
    status: state.status,
    severity: state.severity,
    assigneeId: state.assigneeId,
    assigneeName: last?.assigneeName ?? null,
    changes: changes.length,
    lastChangeAt: last?.createdAt ?? null,
  };
}

export function toChange(row: IncidentFollowUpRow): IncidentChange {
  return {
    id: row.id,
    ...stateOf(row),
    assigneeName: row.assigneeName,
    note: row.note,
    authorId: row.authorUserId,
    authorName: row.authorName,
    at: row.createdAt,
  };
}

function stateOf(row: IncidentFollowUpRow) {
  return {
    status: row.status as IncidentStatus,
    severity: row.severity as IncidentSeverity,
    assigneeId: row.assigneeUserId,
  };
}

function groupBySubmission(rows: readonly IncidentFollowUpRow[]): Map<string, IncidentFollowUpRow[]> {
  const grouped = new Map<string, IncidentFollowUpRow[]>();
  for (const row of rows) grouped.set(row.submissionId, [...(grouped.get(row.submissionId) ?? []), row]);
  return grouped;
}
