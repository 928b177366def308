// A form's reports as tables: one row per report, one column per question answered once per
// report (headed by its label in the chosen language), answers shown as their choice labels, with
// the report's revision and review status beside them. A repeat (one instance per incident, per
// ballot box...) cannot be one column: the report's table counts its instances, and the repeat
// has a table of its own, one row per instance, keyed by report and instance number ("2", or
// "2.1" for the first instance of a repeat inside the second).

import { isUnanswered } from "../forms/answer-types.ts";
import type { FormDefinition, LocalizedText, Question, Repeat } from "../forms/definition.ts";
import { choicesOf, findQuestion, isQuestion, walkItems } from "../forms/definition.ts";
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

/** Headers of a repeat's own columns, and of the count of instances in the report's table. */
export interface RepeatColumnLabels {
  readonly instance: string;
  /** `{name}` is the repeat's label. */
  readonly instances: string;
}

export const REPEAT_COLUMN_LABELS: Readonly<Record<"en" | "ru", RepeatColumnLabels>> = {
  en: { instance: "Instance", instances: "{name}: instances" },
  ru: { instance: "Экземпляр", instances: "{name}: число экземпляров" },
};

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

/**
 * The label of one choice of a question, as the forms of a kind name it in the reader's language
 * (an incident category, say); the stored value when none of them has it.
 */
export function choiceLabel(
  forms: readonly { readonly kind: string; readonly definition: FormDefinition }[],
  formKind: string,
  questionName: string,
  value: string,
  language: string,
): string {
  for (const form of forms) {
    if (form.kind !== formKind) continue;
    const question = findQuestion(form.definition, questionName);
    if (question === undefined) continue;
    const choice = choicesOf(form.definition, question).find((c) => c.name === value);
    const label = text(choice?.label, language, form.definition);
    if (label !== undefined) return label;
  }
  return value;
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

/** Questions asked once per report, and each repeat with the questions asked once per its instance. */
interface FormLayout {
  readonly questions: Question[];
  readonly repeats: RepeatLayout[];
}
interface RepeatLayout extends FormLayout {
  readonly repeat: Repeat;
  /** Names of the repeats around it, outermost first. */
  readonly parents: readonly string[];
}

function layoutOf(form: FormDefinition): FormLayout {
  const top: FormLayout = { questions: [], repeats: [] };
  const byRepeat = new Map<Repeat, RepeatLayout>();
  const all: RepeatLayout[] = [];
  walkItems(form.items, (item, _path, containers) => {
    const repeats = containers.filter((c): c is Repeat => c.type === "repeat");
    const owner = repeats.length === 0 ? top : byRepeat.get(repeats[repeats.length - 1] as Repeat);
    if (owner === undefined) return;
    if (item.type === "repeat") {
      const layout: RepeatLayout = {
        repeat: item,
        parents: repeats.map((r) => r.name),
        questions: [],
        repeats: [],
      };
      byRepeat.set(item, layout);
      owner.repeats.push(layout);
      all.push(layout);
    } else if (isQuestion(item)) owner.questions.push(item);
  });
  return { questions: top.questions, repeats: all };
}

function instancesOf(value: unknown): Readonly<Record<string, unknown>>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null)
    : [];
}

/** Every instance of a repeat in one report, with its number path, following the repeats around it. */
function instancesIn(
  answers: Readonly<Record<string, unknown>>,
  path: readonly string[],
): { number: string; answers: Readonly<Record<string, unknown>> }[] {
  let level: { number: string; answers: Readonly<Record<string, unknown>> }[] = [{ number: "", answers }];
  for (const name of path)
    level = level.flatMap((outer) =>
      instancesOf(outer.answers[name]).map((inner, i) => ({
        number: outer.number === "" ? String(i + 1) : `${outer.number}.${i + 1}`,
        answers: inner,
      })),
    );
  return level;
}

function questionColumns(form: FormDefinition, questions: readonly Question[], language: string) {
  return questions.map((q) => ({ key: `answer.${q.name}`, label: text(q.label, language, form) ?? q.name }));
}

function repeatLabel(form: FormDefinition, repeat: Repeat, language: string): string {
  return text(repeat.label, language, form) ?? repeat.name;
}

/**
 * The reports of one form: first the reports' table, then one table per repeat (in document
 * order). Questions of every version appear once, in the order of `form` (the current version); a
 * report of an older version leaves the newer questions empty.
 */
export function submissionsTables(
  form: FormDefinition,
  submissions: readonly ExportedSubmission[],
  language: string,
  labels: SubmissionColumnLabels = SUBMISSION_COLUMN_LABELS.en,
  repeatLabels: RepeatColumnLabels = REPEAT_COLUMN_LABELS.en,
): ExportTable[] {
  const layout = layoutOf(form);
  const topRepeats = layout.repeats.filter((r) => r.parents.length === 0);
  const own: TableColumn[] = (Object.keys(labels) as (keyof SubmissionColumnLabels)[]).map((key) => ({
    key: `report.${key}`,
    label: labels[key],
  }));
  const columns = [
    ...own,
    ...questionColumns(form, layout.questions, language),
    ...topRepeats.map((r) => ({
      key: `repeat.${r.repeat.name}`,
      label: repeatLabels.instances.replace("{name}", repeatLabel(form, r.repeat, language)),
    })),
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
    for (const q of layout.questions)
      row[`answer.${q.name}`] = answerCell(form, q, s.answers[q.name], language);
    for (const r of topRepeats) row[`repeat.${r.repeat.name}`] = instancesOf(s.answers[r.repeat.name]).length;
    return row;
  });
  const reports: ExportTable = {
    id: "reports",
    name: text(form.title, language, form) ?? "reports",
    columns,
    rows,
  };
  const repeats = layout.repeats.map((r): ExportTable => {
    const path = [...r.parents, r.repeat.name];
    return {
      id: r.repeat.name,
      name: repeatLabel(form, r.repeat, language),
      columns: [
        { key: "report.id", label: labels.id },
        { key: "report.stationCode", label: labels.stationCode },
        { key: "instance", label: repeatLabels.instance },
        ...questionColumns(form, r.questions, language),
      ],
      rows: submissions.flatMap((s) =>
        instancesIn(s.answers, path).map((instance) => {
          const row: Record<string, TableCell> = {
            "report.id": s.id,
            "report.stationCode": s.stationCode,
            instance: instance.number,
          };
          for (const q of r.questions)
            row[`answer.${q.name}`] = answerCell(form, q, instance.answers[q.name], language);
          return row;
        }),
      ),
    };
  });
  return [reports, ...repeats];
}
