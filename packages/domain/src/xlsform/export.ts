// FormDefinition -> XLSForm workbook (.xlsx bytes).
//
// Sheets: survey, choices, settings, and `checks` when the form has
// data-quality checks (other XLSForm tools ignore extra sheets).
// Standard columns: type, name, label::<Lang (code)>, hint::..., required,
// relevant, constraint, constraint_message::.... Scrutiny columns that other
// tools ignore: critical, critical_when, min, max, max_length (survey) and
// form_kind (settings); other tools therefore do not enforce min/max.
// yes/no and assessment questions are written as `select_one <list>`; import
// recognises them again from their lists' choices, so export -> import gives
// back the same definition.
import type { FormDefinition, FormItem, LocalizedText } from "../forms/definition.ts";
import { isQuestion } from "../forms/definition.ts";
import { DEFAULT_LANGUAGE_KEY, languageLabel } from "./languages.ts";
import { writeXlsx, type XlsxCell } from "./xlsx.ts";

type Column = { header: string; get: (item: FormItem) => XlsxCell };

function usesPlainColumns(form: FormDefinition): boolean {
  return form.defaultLanguage === DEFAULT_LANGUAGE_KEY;
}

function localizedHeader(form: FormDefinition, base: string, lang: string): string {
  return lang === DEFAULT_LANGUAGE_KEY && usesPlainColumns(form) ? base : `${base}::${languageLabel(lang)}`;
}

function typeCell(item: FormItem): string {
  switch (item.type) {
    case "yes_no":
    case "assessment":
    case "select_one":
      return `select_one ${item.listName}`;
    case "select_multiple":
      return `select_multiple ${item.listName}`;
    case "group":
      return "begin group";
    default:
      return item.type;
  }
}

function anyItem(items: readonly FormItem[], test: (item: FormItem) => boolean): boolean {
  return items.some((i) => test(i) || (i.type === "group" && anyItem(i.items, test)));
}

function surveyColumns(form: FormDefinition): Column[] {
  const text = (pick: (item: FormItem) => LocalizedText | undefined, lang: string) => (item: FormItem) =>
    pick(item)?.[lang];
  const q =
    <T>(pick: (item: Exclude<FormItem, { type: "group" | "note" }>) => T) =>
    (item: FormItem) =>
      isQuestion(item) ? pick(item) : undefined;
  const columns: Column[] = [
    { header: "type", get: typeCell },
    { header: "name", get: (i) => i.name },
  ];
  for (const lang of form.languages)
    columns.push({ header: localizedHeader(form, "label", lang), get: text((i) => i.label, lang) });
  const optional: [boolean, Column | Column[]][] = [
    [
      anyItem(form.items, (i) => i.type !== "group" && i.hint !== undefined),
      form.languages.map((lang) => ({
        header: localizedHeader(form, "hint", lang),
        get: text((i) => (i.type === "group" ? undefined : i.hint), lang),
      })),
    ],
    [
      true,
      {
        header: "required",
        get: q((i) => (i.required === undefined ? undefined : i.required ? "yes" : "no")),
      },
    ],
    [true, { header: "relevant", get: (i) => i.relevant }],
    [true, { header: "constraint", get: q((i) => i.constraint) }],
    [
      anyItem(form.items, (i) => isQuestion(i) && i.constraintMessage !== undefined),
      form.languages.map((lang) => ({
        header: localizedHeader(form, "constraint_message", lang),
        get: text((i) => (isQuestion(i) ? i.constraintMessage : undefined), lang),
      })),
    ],
    [
      anyItem(form.items, (i) => isQuestion(i) && i.critical !== undefined),
      {
        header: "critical",
        get: q((i) => (i.critical === undefined ? undefined : i.critical ? "yes" : "no")),
      },
    ],
    [
      anyItem(form.items, (i) => isQuestion(i) && i.criticalWhen !== undefined),
      { header: "critical_when", get: q((i) => i.criticalWhen) },
    ],
    [
      anyItem(form.items, (i) => (i.type === "integer" || i.type === "decimal") && i.min !== undefined),
      { header: "min", get: (i) => (i.type === "integer" || i.type === "decimal" ? i.min : undefined) },
    ],
    [
      anyItem(form.items, (i) => (i.type === "integer" || i.type === "decimal") && i.max !== undefined),
      { header: "max", get: (i) => (i.type === "integer" || i.type === "decimal" ? i.max : undefined) },
    ],
    [
      anyItem(form.items, (i) => i.type === "text" && i.maxLength !== undefined),
      { header: "max_length", get: (i) => (i.type === "text" ? i.maxLength : undefined) },
    ],
  ];
  for (const [used, cols] of optional) if (used) columns.push(...(Array.isArray(cols) ? cols : [cols]));
  return columns;
}

function surveyRows(form: FormDefinition): XlsxCell[][] {
  const columns = surveyColumns(form);
  const rows: XlsxCell[][] = [columns.map((c) => c.header)];
  const emit = (items: readonly FormItem[]): void => {
    for (const item of items) {
      rows.push(columns.map((c) => c.get(item)));
      if (item.type === "group") {
        emit(item.items);
        rows.push(["end group", item.name]);
      }
    }
  };
  emit(form.items);
  return rows;
}

function choiceRows(form: FormDefinition): XlsxCell[][] {
  const rows: XlsxCell[][] = [
    ["list_name", "name", ...form.languages.map((lang) => localizedHeader(form, "label", lang))],
  ];
  for (const [listName, choices] of Object.entries(form.choiceLists))
    for (const choice of choices)
      rows.push([listName, choice.name, ...form.languages.map((lang) => choice.label[lang])]);
  return rows;
}

function settingsRows(form: FormDefinition): XlsxCell[][] {
  const header: string[] = ["form_id", "version", "form_kind", "form_title"];
  const values: XlsxCell[] = [form.id, form.version, form.kind, form.title[form.defaultLanguage]];
  for (const lang of form.languages) {
    if (lang === form.defaultLanguage || form.title[lang] === undefined) continue;
    header.push(`form_title::${languageLabel(lang)}`);
    values.push(form.title[lang]);
  }
  if (!usesPlainColumns(form)) {
    header.push("default_language");
    values.push(languageLabel(form.defaultLanguage));
  }
  return [header, values];
}

function checkRows(form: FormDefinition): XlsxCell[][] {
  const rows: XlsxCell[][] = [
    ["id", "expression", ...form.languages.map((lang) => localizedHeader(form, "message", lang))],
  ];
  for (const check of form.checks)
    rows.push([check.id, check.expression, ...form.languages.map((lang) => check.message[lang])]);
  return rows;
}

/** The form as an XLSForm .xlsx file. */
export function exportXlsForm(form: FormDefinition): Uint8Array {
  const sheets = [
    { name: "survey", rows: surveyRows(form) },
    { name: "choices", rows: choiceRows(form) },
    { name: "settings", rows: settingsRows(form) },
  ];
  if (form.checks.length > 0) sheets.push({ name: "checks", rows: checkRows(form) });
  return writeXlsx(sheets);
}
