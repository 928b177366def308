// A form's reports as one table: one row per report, one column per question (headed by its
// label in the chosen language), answers shown as their choice labels, with the report's
// revision and review status beside them.

import { isUnanswered } from "../forms/answer-types.ts";
import type { FormDefinition, LocalizedText, Question } from "../forms/definition.ts";
import { choicesOf, questionsOf } from "../forms/definition.ts";
import type { ExportTable, TableCell, TableColumn } from "./spreadsheet.ts";

/** One report as the export reads it. */
export interface ExportedSubmission {
  readonly id: string;
  readonly stationCode: string;
  readonly stationName: string;
  readonly phaseCode: string;
  readonly formVersion: number;
  readonly submittedAt: string;
  readonly receivedAt: string;
  readonly revision: number;
  readonly status: string;
  readonly lastReview: string | null;
  readonly flags: number;
  readonly answers: Readonly<Record<string, unknown>>;
}

/** Headers of the report's own columns, in the export's language. */
export interface SubmissionColumnLabels {
  readonly id: string;
  readonly stationCode: string;
  readonly stationName: string;
  readonly phaseCode: string;
  readonly formVersion: string;
  readonly submittedAt: string;
  readonly receivedAt: string;
  readonly revision: string;
  readonly status: string;
  readonly lastReview: string;
  readonly flags: string;
}

export const SUBMISSION_COLUMN_LABELS: Readonly<Record<"en" | "ru", SubmissionColumnLabels>> = {
  en: {
    id: "Report",
    stationCode: "Station code",
    stationName: "Station",
    phaseCode: "Phase",
    formVersion: "Form version",
    submittedAt: "Submitted at",
    receivedAt: "Received at",
    revision: "Revision",
    status: "Review status",
    lastReview: "Last review",
    flags: "Flags",
  },
  ru: {
    id: "Отчёт",
    stationCode: "Код участка",
    stationName: "Участок",
    phaseCode: "Этап",
    formVersion: "Версия формы",
    submittedAt: "Отправлен",
    receivedAt: "Получен",
    revision: "Редакция",
    status: "Статус проверки",
    lastReview: "Последнее решение",
    flags: "Отметки",
  },
};

function text(value: LocalizedText | undefined, language: string, form: FormDefinition): string | undefined {
  if (value === undefined) return undefined;
  for (const lang of [language, form.defaultLanguage, ...Object.keys(value)]) {
    const found = value[lang];
    if (found !== undefined && found !== "") return found;
  }
  return undefined;
}

function answerCell(form: FormDefinition, question: Question, value: unknown, language: string): TableCell {
  if (isUnanswered(value)) return undefined;
  const choices = choicesOf(form, question);
  const label = (name: string) => text(choices.find((c) => c.name === name)?.label, language, form) ?? name;
  if (Array.isArray(value)) return value.map((name) => label(String(name))).join("; ");
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return choices.length > 0 ? label(value) : value;
  return JSON.stringify(value);
}

/**
 * The reports of one form as a table. Questions of every version appear once, in the order of
 * `form` (the current version); a report of an older version leaves the newer questions empty.
 */
export function submissionsTable(
  form: FormDefinition,
  submissions: readonly ExportedSubmission[],
  language: string,
  labels: SubmissionColumnLabels = SUBMISSION_COLUMN_LABELS.en,
): ExportTable {
  const questions = questionsOf(form);
  const own: TableColumn[] = (Object.keys(labels) as (keyof SubmissionColumnLabels)[]).map((key) => ({
    key: `report.${key}`,
    label: labels[key],
  }));
  const columns = [
    ...own,
    ...questions.map((q) => ({ key: `answer.${q.name}`, label: text(q.label, language, form) ?? q.name })),
  ];
  const rows = submissions.map((s) => {
    const row: Record<string, TableCell> = {
      "report.id": s.id,
      "report.stationCode": s.stationCode,
      "report.stationName": s.stationName,
      "report.phaseCode": s.phaseCode,
      "report.formVersion": s.formVersion,
      "report.submittedAt": s.submittedAt,
      "report.receivedAt": s.receivedAt,
      "report.revision": s.revision,
      "report.status": s.status,
      "report.lastReview": s.lastReview,
      "report.flags": s.flags,
    };
    for (const q of questions) row[`answer.${q.name}`] = answerCell(form, q, s.answers[q.name], language);
    return row;
  });
  return { name: text(form.title, language, form) ?? "reports", columns, rows };
}
