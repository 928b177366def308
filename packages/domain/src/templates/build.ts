// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
// Small builders that keep the bilingual templates readable.
import type {
  AssessmentQuestion,
  DataQualityCheck,
  DateQuestion,
  FormItem,
  Group,
  IntegerQuestion,
  LocalizedText,
  NoteItem,
  SelectMultipleQuestion,
  SelectOneQuestion,
  TextQuestion,
  TimeQuestion,
  YesNoQuestion,
} from "../forms/definition.ts";

export const t = (en: string, ru: string): LocalizedText => ({ en, ru });

type Extra = {
  hint?: LocalizedText;
  required?: boolean;
  relevant?: string;
  constraint?: string;
  constraintMessage?: LocalizedText;
};

export function yesNo(
  name: string,
  label: LocalizedText,
  extra: Extra & { criticalWhen?: "yes" | "no" } = {},
): YesNoQuestion {
  const { criticalWhen, ...rest } = extra;
  return {
    type: "yes_no",
    name,
    listName: "yes_no",
    label,
    required: true,
    ...rest,
    ...(criticalWhen !== undefined ? { critical: true, criticalWhen: `. = '${criticalWhen}'` } : {}),
  };
}

export function integer(
  name: string,
  label: LocalizedText,
  extra: Extra & { min?: number; max?: number } = {},
): IntegerQuestion {
  return { type: "integer", name, label, min: 0, ...extra };
}

export function time(name: string, label: LocalizedText, extra: Extra = {}): TimeQuestion {
  return { type: "time", name, label, ...extra };
}

export function date(name: string, label: LocalizedText, extra: Extra = {}): DateQuestion {
  return { type: "date", name, label, ...extra };
}

export function text(
  name: string,
  label: LocalizedText,
  extra: Extra & { maxLength?: number } = {},
): TextQuestion {
  return { type: "text", name, label, ...extra };
}

export function selectOne(
  name: string,
  listName: string,
  label: LocalizedText,
  extra: Extra = {},
): SelectOneQuestion {
  return { type: "select_one", name, listName, label, ...extra };
}

export function selectMultiple(
  name: string,
  listName: string,
  label: LocalizedText,
  extra: Extra = {},
): SelectMultipleQuestion {
  return { type: "select_multiple", name, listName, label, ...extra };
}

export function assessment(name: string, label: LocalizedText, extra: Extra = {}): AssessmentQuestion {
  return { type: "assessment", name, listName: "assessment", label, ...extra };
}

export function note(name: string, label: LocalizedText): NoteItem {
  return { type: "note", name, label };
}

export function group(name: string, label: LocalizedText, items: FormItem[], relevant?: string): Group {
  return { type: "group", name, label, items, ...(relevant !== undefined ? { relevant } : {}) };
}

export function check(id: string, expression: string, message: LocalizedText): DataQualityCheck {
  return { id, expression, message };
}

/** Arrival and departure times, used by every checklist. */
export const arrival = time(
  "arrival_time",
  t("Time of arrival at the station", "Время прибытия на участок"),
  {
    required: true,
  },
);
export const departure = time(
  "departure_time",
  t("Time of departure from the station", "Время ухода с участка"),
  {
    required: true,
  },
);
export const departureAfterArrival = check(
  "departure_after_arrival",
  "${departure_time} >= ${arrival_time}",
  t("Departure is recorded before arrival", "Время ухода раньше времени прибытия"),
);

export const overallAssessment = (label: LocalizedText, required = true): AssessmentQuestion =>
  assessment("overall_assessment", label, { required });

export const comments = text("comments", t("Comments (optional)", "Комментарии (необязательно)"), {
  hint: t(
    "Describe any problem you marked, with facts: who, what, how many.",
    "Опишите отмеченные проблемы фактами: кто, что, сколько.",
  ),
});
