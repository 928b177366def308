// Pure helpers over the assignment and the outbox: which phase is on, which forms belong to it,
// the check-in times this phone recorded but the server may not know yet.
import {
  FORM_KINDS_BY_PHASE,
  type FormDefinition,
  type ObserverAssignment,
  type ObserverStop,
  safeParseFormDefinition,
} from "@scrutiny/domain";
import type { OutboxEntry, ReportEntry } from "./db.ts";

export type Phase = ObserverAssignment["election"]["phases"][number];

/** Today's phase, else the next one, else the last (all dates are the election's local dates). */
export function currentPhase(phases: readonly Phase[], today: string): Phase | undefined {
  return (
    phases.find((p) => p.date === today) ?? phases.find((p) => p.date > today) ?? phases[phases.length - 1]
  );
}

export function localDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface UsableForm {
  readonly formId: string;
  readonly code: string;
  readonly kind: string;
  readonly definition: FormDefinition;
}

/** The assignment's forms that parse (a broken one is left out rather than breaking the app). */
export function usableForms(assignment: ObserverAssignment): UsableForm[] {
  return assignment.forms.flatMap((form) => {
    const parsed = safeParseFormDefinition(form.definition);
    return parsed.ok
      ? [{ formId: form.formId, code: form.code, kind: form.kind, definition: parsed.value }]
      : [];
  });
}

export function formsForPhase(forms: readonly UsableForm[], phase: Phase | undefined): UsableForm[] {
  const kinds = phase === undefined ? undefined : FORM_KINDS_BY_PHASE[phase.kind];
  return kinds === undefined ? [...forms] : forms.filter((form) => kinds.includes(form.kind));
}

/** Stops with the check-in/out times recorded on this phone laid over the server's. */
export function withLocalVisitTimes(
  stops: readonly ObserverStop[],
  entries: readonly OutboxEntry[],
): ObserverStop[] {
  const local = new Map<string, { arrivedAt?: string; departedAt?: string }>();
  for (const entry of entries) {
    if (entry.kind !== "visit") continue;
    const times = local.get(entry.visitId) ?? {};
    if (entry.event === "arrival") times.arrivedAt = entry.at;
    else times.departedAt = entry.at;
    local.set(entry.visitId, times);
  }
  return stops.map((stop) => {
    const times = local.get(stop.visitId);
    return times === undefined
      ? stop
      : {
          ...stop,
          arrivedAt: times.arrivedAt ?? stop.arrivedAt,
          departedAt: times.departedAt ?? stop.departedAt,
        };
  });
}

export function reportsOfVisit(entries: readonly OutboxEntry[], visitId: string): ReportEntry[] {
  return entries
    .filter((e): e is ReportEntry => e.kind === "report" && e.body.visitId === visitId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function pendingCount(entries: readonly OutboxEntry[]): number {
  return entries.filter((e) => e.status === "pending").length;
}

export function draftKey(visitId: string, formId: string): string {
  return `${visitId}|${formId}`;
}
export function amendKey(submissionId: string): string {
  return `amend|${submissionId}`;
}
