// FormDefinition -> XLSForm workbook (.xlsx bytes).
//
// Sheets: survey, choices, settings, and `checks` when the form has
// data-quality checks (other XLSForm tools ignore extra sheets).
// Standard columns: type, name, label::<language>, hint::..., media::image::...,
// required, relevant, constraint, constraint_message::..., calculation,
// choice_filter, repeat_count, parameters (range). Language headers are written
// as the imported workbook wrote them (`languageNames`), else "English (en)"
// for known codes, else the key itself ("Español"). Scrutiny columns that other
// tools ignore: critical, critical_when, min, max, max_length, max_distance
// (survey) and form_kind (settings); other tools therefore do not enforce
// min/max. Columns Scrutiny does not interpret (`extra`, choice `properties`,
// `settings`) are written back under their original headers.
// yes/no and assessment questions are written as `select_one <list>`; import
// recognises them again from their lists' choices, so export -> import gives
// back the same definition.
import type {
  Choice,
  FormDefinition,
  FormItem,
  LocalizedText,
  MediaLabels,
  Question,
} from "../forms/definition.ts";
import { isQuestion, MEDIA_KINDS } from "../forms/definition.ts";
import { DEFAULT_LANGUAGE_KEY, languageLabel } from "./languages.ts";
import { writeXlsx, type XlsxCell } from "./xlsx.ts";

type Column = { header: string; get: (item: FormItem) => XlsxCell };

/** XLSForm's media column names for each kind of media label. */
export const MEDIA_COLUMN: Readonly<Record<(typeof MEDIA_KINDS)[number], string>> = {
  image: "image",
  bigImage: "big-image",
  audio: "audio",
  video: "video",
};

function usesPlainColumns(form: FormDefinition): boolean {
  return form.defaultLanguage === DEFAULT_LANGUAGE_KEY;
}

/** How a language key is written in headers. */
export function languageHeader(form: Pick<FormDefinition, "languageNames">, lang: string): string {
  const written = form.languageNames?.[lang];
  if (written !== undefined) return written;
  return /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(lang) ? languageLabel(lang) : lang;
}

function localizedHeader(form: FormDefinition, base: string, lang: string): string {
  return lang === DEFAULT_LANGUAGE_KEY && usesPlainColumns(form)
    ? base
    : `${base}::${languageHeader(form, lang)}`;
}

function typeCell(item: FormItem): string {
  switch (item.type) {
    case "yes_no":
    case "assessment":
      return `select_one ${item.listName}`;
    case "select_one":
    case "select_multiple": {
      if (item.choicesFile !== undefined) return `${item.type}_from_file ${item.choicesFile}`;
      return `${item.type} ${item.listName}${item.orOther === true ? " or_other" : ""}`;
    }
    case "group":
      return "begin group";
    case "repeat":
      return "begin repeat";
    case "datetime":
      return "dateTime";
    default:
      return item.type;
  }
}

function allItems(items: readonly FormItem[]): FormItem[] {
  return items.flatMap((i) => (i.type === "group" || i.type === "repeat" ? [i, ...allItems(i.items)] : [i]));
}

function questionField<T>(pick: (q: Question) => T) {
  return (item: FormItem) => (isQuestion(item) ? pick(item) : undefined);
}

function mediaOf(item: FormItem): MediaLabels | undefined {
  return item.media;
}

function surveyColumns(form: FormDefinition): Column[] {
  const items = allItems(form.items);
  const used = (test: (item: FormItem) => boolean) => items.some(test);
  const text = (pick: (item: FormItem) => LocalizedText | undefined, lang: string) => (item: FormItem) =>
    pick(item)?.[lang];
  const perLanguage = (base: string, pick: (item: FormItem) => LocalizedText | undefined): Column[] =>
    used((i) => pick(i) !== undefined)
      ? form.languages.map((lang) => ({ header: localizedHeader(form, base, lang), get: text(pick, lang) }))
      : [];
  const optional = (header: string, get: (item: FormItem) => XlsxCell): Column[] =>
    used((i) => get(i) !== undefined) ? [{ header, get }] : [];
  const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? "yes" : "no");
  const numeric = (i: FormItem) => i.type === "integer" || i.type === "decimal";
  const columns: Column[] = [
    { header: "type", get: typeCell },
    { header: "name", get: (i) => i.name },
    ...form.languages.map((lang) => ({
      header: localizedHeader(form, "label", lang),
      get: text((i) => i.label, lang),
    })),
    ...perLanguage("hint", (i) => i.hint),
    ...MEDIA_KINDS.flatMap((kind) => perLanguage(`media::${MEDIA_COLUMN[kind]}`, (i) => mediaOf(i)?.[kind])),
    { header: "required", get: questionField((q) => q.requiredWhen ?? yesNo(q.required)) },
    { header: "relevant", get: (i) => i.relevant },
    { header: "constraint", get: questionField((q) => q.constraint) },
    ...perLanguage("constraint_message", (i) => (isQuestion(i) ? i.constraintMessage : undefined)),
    ...optional("calculation", (i) => (i.type === "calculate" ? i.calculation : undefined)),
    ...optional("choice_filter", (i) =>
      i.type === "select_one" || i.type === "select_multiple" ? i.choiceFilter : undefined,
    ),
    ...optional("repeat_count", (i) => (i.type === "repeat" ? i.repeatCount : undefined)),
    ...optional("parameters", (i) =>
      i.type === "range" && i.extra?.["parameters"] === undefined
        ? `start=${i.start} end=${i.end} step=${i.step}`
        : undefined,
    ),
    ...optional(
      "critical",
      questionField((q) => yesNo(q.critical)),
    ),
    ...optional(
      "critical_when",
      questionField((q) => q.criticalWhen),
    ),
    ...optional("min", (i) => (numeric(i) && "min" in i ? i.min : undefined)),
    ...optional("max", (i) => (numeric(i) && "max" in i ? i.max : undefined)),
    ...optional("max_length", (i) => (i.type === "text" ? i.maxLength : undefined)),
    ...optional("max_distance", (i) => (i.type === "geopoint" ? i.maxDistanceFromStation : undefined)),
  ];
  // Columns kept from the imported workbook, in first-seen order.
  const extraHeaders = [...new Set(items.flatMap((i) => Object.keys(i.extra ?? {})))];
  for (const header of extraHeaders) columns.push({ header, get: (i) => i.extra?.[header] });
  return columns;
}

function surveyRows(form: FormDefinition): XlsxCell[][] {
  const columns = surveyColumns(form);
  const rows: XlsxCell[][] = [columns.map((c) => c.header)];
  const emit = (items: readonly FormItem[]): void => {
    for (const item of items) {
      rows.push(columns.map((c) => c.get(item)));
      if (item.type === "group" || item.type === "repeat") {
        emit(item.items);
        rows.push([`end ${item.type}`, item.name]);
      }
    }
  };
  emit(form.items);
  return rows;
}

function choiceRows(form: FormDefinition): XlsxCell[][] {
  const fromFile = new Set(
    allItems(form.items).flatMap((i) =>
      (i.type === "select_one" || i.type === "select_multiple") && i.choicesFile !== undefined
        ? [i.listName]
        : [],
    ),
  );
  const lists = Object.entries(form.choiceLists).filter(([name]) => !fromFile.has(name));
  const choices = lists.flatMap(([, cs]) => cs);
  const text = (pick: (c: Choice) => LocalizedText | undefined, lang: string) => (c: Choice) =>
    pick(c)?.[lang];
  const columns: { header: string; get: (c: Choice) => XlsxCell }[] = [
    ...form.languages.map((lang) => ({
      header: localizedHeader(form, "label", lang),
      get: text((c) => c.label, lang),
    })),
    ...MEDIA_KINDS.flatMap((kind) =>
      choices.some((c) => c.media?.[kind] !== undefined)
        ? form.languages.map((lang) => ({
            header: localizedHeader(form, `media::${MEDIA_COLUMN[kind]}`, lang),
            get: text((c) => c.media?.[kind], lang),
          }))
        : [],
    ),
    ...[...new Set(choices.flatMap((c) => Object.keys(c.properties ?? {})))].map((header) => ({
      header,
      get: (c: Choice) => c.properties?.[header],
    })),
  ];
  const rows: XlsxCell[][] = [["list_name", "name", ...columns.map((c) => c.header)]];
  for (const [listName, list] of lists)
    for (const choice of list) rows.push([listName, choice.name, ...columns.map((c) => c.get(choice))]);
  return rows;
}

function settingsRows(form: FormDefinition): XlsxCell[][] {
  const header: string[] = ["form_id", "version", "form_kind", "form_title"];
  const values: XlsxCell[] = [form.id, form.version, form.kind, form.title[form.defaultLanguage]];
  for (const lang of form.languages) {
    if (lang === form.defaultLanguage || form.title[lang] === undefined) continue;
    header.push(`form_title::${languageHeader(form, lang)}`);
    values.push(form.title[lang]);
  }
  if (!usesPlainColumns(form)) {
    header.push("default_language");
    values.push(languageHeader(form, form.defaultLanguage));
  }
  for (const [key, value] of Object.entries(form.settings ?? {})) {
    header.push(key);
    values.push(value);
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

/** The choices of a `select_*_from_file` list as the CSV file it came from (name, label, properties). */
export function choicesFileCsv(form: FormDefinition, listName: string): string {
  const choices = form.choiceLists[listName] ?? [];
  const props = [...new Set(choices.flatMap((c) => Object.keys(c.properties ?? {})))];
  const labelLangs = form.languages.filter((lang) => choices.some((c) => c.label?.[lang] !== undefined));
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = [
    "name",
    ...labelLangs.map((lang) =>
      lang === DEFAULT_LANGUAGE_KEY ? "label" : `label::${languageHeader(form, lang)}`,
    ),
    ...props,
  ];
  const lines = [header.map(quote).join(",")];
  for (const c of choices)
    lines.push(
      [
        c.name,
        ...labelLangs.map((lang) => c.label?.[lang] ?? ""),
        ...props.map((p) => c.properties?.[p] ?? ""),
      ]
        .map(quote)
        .join(","),
    );
  return `${lines.join("\n")}\n`;
}

/** A pulldata() file of the form as the CSV it came from (columns in first-seen order). */
export function dataFileCsv(form: FormDefinition, file: string): string {
  const rows = form.dataFiles?.[file] ?? [];
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [
    header.map(quote).join(","),
    ...rows.map((r) => header.map((h) => quote(r[h] ?? "")).join(",")),
  ];
  return `${lines.join("\n")}\n`;
}
