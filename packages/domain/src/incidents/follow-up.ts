// The follow-up of an incident: what a coordinator decided about a reported incident or a
// report that raised a critical flag. Each change is a new entry; nothing is overwritten, so the
// inbox can always show who moved an incident, when, and why.
import { z } from "zod";

export const INCIDENT_STATUSES = ["new", "in_follow_up", "resolved"] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** Most urgent first: the inbox sorts by this order. */
export const INCIDENT_SEVERITIES = ["critical", "high", "normal", "low"] as const;
export const IncidentSeverity = z.enum(INCIDENT_SEVERITIES);
export type IncidentSeverity = z.infer<typeof IncidentSeverity>;

/** One change of an incident's follow-up. Fields left out keep their current value. */
export const IncidentFollowUpInput = z.strictObject({
  status: IncidentStatus.optional(),
  severity: IncidentSeverity.optional(),
  /** A staff account of the mission; `null` clears the assignment. */
  assigneeId: z.uuid().nullable().optional(),
  note: z.string().trim().min(1).max(4000),
});
export type IncidentFollowUpInput = z.infer<typeof IncidentFollowUpInput>;

/** A stored change, oldest first when given as a history. */
export interface IncidentFollowUp {
  readonly status: IncidentStatus;
  readonly severity: IncidentSeverity;
  readonly assigneeId: string | null;
}

export interface IncidentState {
  readonly status: IncidentStatus;
  readonly severity: IncidentSeverity;
  readonly assigneeId: string | null;
}

/**
 * The severity an incident starts with, before anyone triages it: critical when the report
 * trips one of its form's critical conditions, normal otherwise.
 */
export function initialSeverity(raisesCriticalFlag: boolean): IncidentSeverity {
  return raisesCriticalFlag ? "critical" : "normal";
}

/** Where an incident stands after its changes (the last one wins; none: new, untriaged). */
export function incidentState(
  initial: IncidentSeverity,
  history: readonly IncidentFollowUp[],
): IncidentState {
  const last = history.at(-1);
  return last ?? { status: "new", severity: initial, assigneeId: null };
}

/** The change to store: the input applied to the current state. */
export function applyFollowUp(current: IncidentState, input: IncidentFollowUpInput): IncidentState {
  return {
    status: input.status ?? current.status,
    severity: input.severity ?? current.severity,
    assigneeId: input.assigneeId === undefined ? current.assigneeId : input.assigneeId,
  };
}

/**
 * Inbox order: open incidents before resolved ones, then by severity, then newest first.
 * Ties end on the id so that pages never overlap.
 */
export function compareIncidents(
  a: IncidentState & { readonly submittedAt: string; readonly submissionId: string },
  b: IncidentState & { readonly submittedAt: string; readonly submissionId: string },
): number {
  const open = Number(a.status === "resolved") - Number(b.status === "resolved");
  if (open !== 0) return open;
  const severity = INCIDENT_SEVERITIES.indexOf(a.severity) - INCIDENT_SEVERITIES.indexOf(b.severity);
  if (severity !== 0) return severity;
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? 1 : -1;
  return a.submissionId < b.submissionId ? -1 : a.submissionId > b.submissionId ? 1 : 0;
}
