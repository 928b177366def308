// XLSForm workbook (.xlsx bytes) -> FormDefinition, as the XLSForm spec and
// pyxform define it.
//
// Types: text (string), integer (int), decimal, range (parameters start= end=
// step=), date, time, dateTime, geopoint (gps, location), image (photo),
// audio, video, file, barcode, acknowledge (trigger), note, calculate (and
// hidden), select_one / select_multiple <list> [or_other] (also the old
// notations), select_one_from_file / select_multiple_from_file <file.csv>
// (the file uploaded beside the form), begin/end group, begin/end repeat
// (repeat_count), pyxform's "add ... prompt" aliases. Columns: name, label,
// hint, constraint_message and media (image, big-image, audio, video) in any
// number of languages (`label::English (en)`, `label::Español`, `label:العربية`
// or plain `label`; names are kept as written), required, relevant (alias
// relevance), constraint, calculation, choice_filter, repeat_count, parameters
// (range; required as yes/no or as an expression), and Scrutiny's critical, critical_when, min, max, max_length,
// max_distance. Settings form_id, form_title, version, default_language,
// form_kind. Every other column, choice column and setting is kept as written
// (`extra`, `properties`, `settings`) and exported again unchanged.
//
// Nothing is dropped silently. Every issue names its sheet, row (`line`) and
// column (letter) where the workbook allows:
// - ERRORS (import fails): unsupported question types (rank, geotrace, ...),
//   expressions we cannot parse or that use unsupported functions (instance,
//   digest) or references to missing or ambiguous names, duplicate column
//   headers, duplicate names in one group, unknown choice lists, unbalanced
//   groups, bad numbers.
// - WARNINGS (import succeeds and lists them): metadata rows (start, end,
//   deviceid, ...) which Scrutiny records itself, extra sheets, kept columns
//   whose effect Scrutiny does not enforce (default, read_only, trigger),
//   missing form_id / form_kind (defaults used), cells that do not apply to
//   their row's type, and files the form needs that were not uploaded beside
//   it (as pyxform, which converts without them): a select_*_from_file's CSV
//   (the question offers no choices until a version with the file is
//   published) and a pulldata() CSV (pulldata gives "" until then, as ODK does
//   for a missing key). Both drop logic. A warning with `dropsLogic` means the form as stored
//   checks less than the workbook says (publishing it needs an acknowledgement).
import type { IssueParams } from "../common/issue-params.ts";
import { err, type InputIssue, ok, type Result } from "../common/result.ts";
import {
  FORM_KINDS,
  type FormDefinition,
  type FormKind,
  listShape,
  type MEDIA_KINDS,
  type QuestionType,
  safeParseFormDefinition,
} from "../forms/definition.ts";
import { apolloToXlsForm, isApolloWorkbook } from "./apollo.ts";
import { issueParamsOf, type XlsFormImportCode, type XlsFormImportParams } from "./codes.ts";
import { type FileIssue, isChoicesFileName, mediaFileOf, readChoicesFile, readDataFile } from "./files.ts";
import { DEFAULT_LANGUAGE_KEY, parseLanguage } from "./languages.ts";
import { columnIndex, columnLetter, readXlsx, type XlsxRow, type XlsxSheet } from "./xlsx.ts";

export interface XlsFormIssue extends InputIssue {
  readonly severity: "error" | "warning";
  /** A warning about logic of the workbook that the stored form will not enforce. */
  readonly dropsLogic?: boolean;
}

export interface ImportedXlsForm {
  readonly form: FormDefinition;
  readonly warnings: XlsFormIssue[];
}

export interface XlsFormImportOptions {
  /** Used when the settings sheet has no form_id. */
  readonly id?: string;
  /** Used when the settings sheet has no form_kind. */
  readonly kind?: FormKind;
  /** Used when the settings sheet has no integer version. */
  readonly version?: number;
  /** Files uploaded beside the form, by name (choices of select_*_from_file, pulldata's CSVs). */
  readonly files?: Readonly<Record<string, Uint8Array>>;
  /**
   * A file the form uses that was not uploaded is an error (uploads to the server), not the
   * warning pyxform's conversion gives (the form offering no choices until a version with it).
   */
  readonly requireFiles?: boolean;
}

interface Column {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
  readonly base: string;
  readonly qualifier?: string;
  /** For localized columns: the language key; undefined for plain columns until resolved. */
  lang?: string;
}

interface Table {
  readonly sheet: XlsxSheet;
  readonly headerRow: number;
  readonly columns: Column[];
  readonly rows: readonly XlsxRow[];
}

const MEDIA_BASES: Readonly<Record<string, MediaKind>> = {
  "media:image": "image",
  "media:big-image": "bigImage",
  "media:audio": "audio",
  "media:video": "video",
};
type MediaKind = (typeof MEDIA_KINDS)[number];
const LOCALIZED = new Set([
  "label",
  "hint",
  "constraint_message",
  "form_title",
  "message",
  ...Object.keys(MEDIA_BASES),
]);
const HEADER_ALIASES: Readonly<Record<string, string>> = {
  relevance: "relevant",
  "jr:count": "repeat_count",
  calculate: "calculation",
  "choice filter": "choice_filter",
  "list name": "list_name",
  "constraint message": "constraint_message",
  "jr:constraintmsg": "constraint_message",
  "bind:jr:constraintmsg": "constraint_message",
  "bind::jr:constraintmsg": "constraint_message",
  "bind:constraint": "constraint",
  "bind::constraint": "constraint",
  "bind:relevant": "relevant",
  "bind::relevant": "relevant",
  "bind:required": "required",
  "bind::required": "required",
  "required message": "required_message",
  requiredmsg: "required_message",
  "jr:requiredmsg": "required_message",
};

const SURVEY_SUPPORTED = new Set([
  "type",
  "name",
  "label",
  "hint",
  "required",
  "relevant",
  "constraint",
  "constraint_message",
  "calculation",
  "choice_filter",
  "repeat_count",
  "critical",
  "critical_when",
  "min",
  "max",
  "max_length",
  "max_distance",
  ...Object.keys(MEDIA_BASES),
]);
/** Kept and exported again, but not enforced: worth a warning. */
const KEPT_NOT_ENFORCED: Readonly<Record<string, { message: string; dropsLogic: boolean }>> = {
  default: {
    message: "default answers are kept for export but not filled in by Scrutiny",
    dropsLogic: false,
  },
  read_only: { message: "read_only is kept for export but not enforced", dropsLogic: false },
  trigger: {
    message: "triggers (recalculation on change) are kept for export but not run",
    dropsLogic: true,
  },
};

const METADATA = new Set([
  "imei",
  "phonenumber",
  "start",
  "end",
  "today",
  "deviceid",
  "subscriberid",
  "simserial",
  "phonenumber",
  "username",
  "email",
  "audit",
  "start-geopoint",
  "instanceid",
]);

type SimpleType = Exclude<QuestionType, "yes_no" | "assessment" | "select_one" | "select_multiple">;
type ParsedType =
  | { readonly k: "question"; readonly type: SimpleType }
  | {
      readonly k: "select";
      readonly type: "select_one" | "select_multiple";
      readonly listName: string;
      readonly orOther: boolean;
      readonly file?: string;
    }
  | { readonly k: "note" }
  | { readonly k: "begin_group" }
  | { readonly k: "end_group" }
  | { readonly k: "begin_repeat" }
  | { readonly k: "end_repeat" }
  | { readonly k: "begin_loop"; readonly listName: string }
  | { readonly k: "end_loop" }
  | { readonly k: "metadata" }
  | {
      readonly k: "unsupported";
      readonly message: string;
      readonly params: XlsFormImportParams<"unsupported_type">;
    };

/** Question types and pyxform's aliases for them. */
const SIMPLE_TYPES: Readonly<Record<string, SimpleType>> = {
  text: "text",
  string: "text",
  "add text prompt": "text",
  integer: "integer",
  int: "integer",
  "add integer prompt": "integer",
  decimal: "decimal",
  "add decimal prompt": "decimal",
  range: "range",
  date: "date",
  "add date prompt": "date",
  time: "time",
  "add time prompt": "time",
  datetime: "datetime",
  "add datetime prompt": "datetime",
  geopoint: "geopoint",
  gps: "geopoint",
  location: "geopoint",
  "add location prompt": "geopoint",
  image: "image",
  photo: "image",
  "add image prompt": "image",
  audio: "audio",
  "add audio prompt": "audio",
  video: "video",
  "add video prompt": "video",
  file: "file",
  barcode: "barcode",
  "add barcode prompt": "barcode",
  acknowledge: "acknowledge",
  trigger: "acknowledge",
  calculate: "calculate",
  hidden: "calculate",
  "phone number": "text",
  tel: "text",
};

function parseType(raw: string): ParsedType {
  const t = raw.trim().replace(/\s+/g, " ");
  const lower = t.toLowerCase();
  if (lower === "begin group" || lower === "begin_group") return { k: "begin_group" };
  if (lower === "end group" || lower === "end_group") return { k: "end_group" };
  if (lower === "begin repeat" || lower === "begin_repeat") return { k: "begin_repeat" };
  if (["end repeat", "end_repeat"].includes(lower)) return { k: "end_repeat" };
  // pyxform's loop: the group's questions once per choice of a list.
  const loop = /^begin[ _]loop over (\S+)$/i.exec(t);
  if (loop !== null) return { k: "begin_loop", listName: loop[1] ?? "" };
  if (["end loop", "end_loop"].includes(lower)) return { k: "end_loop" };
  const fromFile = /^(select_one_from_file|select_multiple_from_file)\s+(\S+)$/i.exec(t);
  if (fromFile !== null) {
    const file = fromFile[2] ?? "";
    return {
      k: "select",
      type: (fromFile[1] ?? "").toLowerCase() === "select_one_from_file" ? "select_one" : "select_multiple",
      listName: file,
      orOther: false,
      file,
    };
  }
  const select =
    /^(select_one|select_multiple|select one from|select all that apply from|select one|select all that apply)\s+(\S+)(?:\s+(.*))?$/i.exec(
      t,
    );
  if (select !== null) {
    const kind = (select[1] ?? "").toLowerCase();
    const listName = select[2] ?? "";
    const rest = (select[3] ?? "").trim().toLowerCase();
    const orOther = rest === "or_other" || rest === "or specify other";
    if (rest !== "" && !orOther)
      return {
        k: "unsupported",
        message: `'${t}': unexpected '${rest}' after the list name`,
        params: { what: "after_list", type: t, rest },
      };
    const type =
      kind.startsWith("select_one") || kind.startsWith("select one") ? "select_one" : "select_multiple";
    return { k: "select", type, listName, orOther };
  }
  if (lower === "note" || lower === "add note prompt") return { k: "note" };
  const simple = SIMPLE_TYPES[lower];
  if (simple !== undefined) return { k: "question", type: simple };
  if (METADATA.has(lower) || lower.startsWith("uri:")) return { k: "metadata" };
  if (lower.startsWith("select_one_external") || lower.startsWith("select_multiple_external"))
    return {
      k: "unsupported",
      message: `'${t}': external choices are not supported; use select_one_from_file`,
      params: { what: "external", type: t },
    };
  return {
    k: "unsupported",
    message: `question type '${t}' is not supported`,
    params: { what: "type", type: t },
  };
}

/**
 * A loop's questions once per choice (as pyxform expands `begin loop over <list>`): one group per
 * choice, named and labelled by it, `%(label)s` in texts replaced by the choice's label.
 */
function expandLoop(items: readonly Draft[], choices: readonly Draft[]): Draft[] {
  const substitute = (value: unknown, label: Record<string, string>): unknown => {
    if (Array.isArray(value)) return value.map((v) => substitute(v, label));
    if (typeof value !== "object" || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if ((k === "label" || k === "hint") && typeof v === "object" && v !== null)
        out[k] = Object.fromEntries(
          Object.entries(v as Record<string, string>).map(([lang, text]) => [
            lang,
            text.replace(/%\(label\)s/g, label[lang] ?? Object.values(label)[0] ?? ""),
          ]),
        );
      else out[k] = substitute(v, label);
    }
    return out;
  };
  return choices.map((choice) => {
    const label = (choice["label"] as Record<string, string> | undefined) ?? {};
    return {
      type: "group",
      name: String(choice["name"]),
      ...(Object.keys(label).length > 0 ? { label } : {}),
      items: items.map((item) => substitute(item, label)),
    };
  });
}

/** XLSForm `parameters`: `start=0 end=10 step=0.5` -> numbers by name. */
function parseParameters(raw: string): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  for (const m of raw.matchAll(/(start|end|step)\s*=\s*(\S+)/gi))
    out[(m[1] ?? "").toLowerCase()] = Number(m[2]);
  return out;
}

function parseBool(raw: string): boolean | undefined | "invalid" {
  const v = raw.trim().toLowerCase();
  if (v === "") return undefined;
  if (["yes", "true", "true()", "1"].includes(v)) return true;
  if (["no", "false", "false()", "0"].includes(v)) return false;
  return "invalid";
}

interface Where {
  sheet?: string;
  line?: number;
  column?: string;
  path?: (string | number)[];
  dropsLogic?: boolean;
}

class Issues {
  readonly list: XlsFormIssue[] = [];
  /** One of the importer's declared problems (codes.ts), with what it names. */
  add<C extends XlsFormImportCode>(
    severity: "error" | "warning",
    code: C,
    params: XlsFormImportParams<C>,
    message: string,
    where: Where = {},
  ) {
    this.push(severity, code, message, where, issueParamsOf(params));
  }
  /** A problem the form definition's checks found in what was read, with their code and params. */
  push(severity: "error" | "warning", code: string, message: string, where: Where, params?: IssueParams) {
    const prefix =
      where.sheet === undefined
        ? ""
        : `${where.sheet}${where.line !== undefined ? ` row ${where.line}` : ""}${where.column !== undefined ? `, column ${where.column}` : ""}: `;
    const named = params !== undefined && Object.keys(params).length > 0 ? { params: { ...params } } : {};
    this.list.push({ severity, code, message: `${prefix}${message}`, ...where, ...named });
  }
  get hasErrors(): boolean {
    return this.list.some((i) => i.severity === "error");
  }
}

const MEDIA_HEADER = /^(?:media\s*::?\s*)?(image|big-image|audio|video)(?:\s*::?\s*(.+))?$/i;

function splitHeader(raw: string): { base: string; qualifier?: string } {
  const h = raw.trim();
  const alias = HEADER_ALIASES[h.toLowerCase()];
  if (alias !== undefined) return { base: alias };
  const media = MEDIA_HEADER.exec(h);
  if (media !== null) {
    const base = `media:${(media[1] ?? "").toLowerCase()}`;
    const q = media[2]?.trim();
    return q === undefined || q === "" ? { base } : { base, qualifier: q };
  }
  let base: string;
  let qualifier: string | undefined;
  const dd = h.indexOf("::");
  if (dd >= 0) {
    base = h.slice(0, dd);
    qualifier = h.slice(dd + 2);
  } else {
    const d = h.indexOf(":");
    if (d >= 0) {
      base = h.slice(0, d);
      qualifier = h.slice(d + 1);
    } else base = h;
  }
  base = base.trim().toLowerCase().replace(/\s+/g, "_");
  const q = qualifier?.trim();
  return q === undefined || q === "" ? { base } : { base, qualifier: q };
}

function readTable(sheet: XlsxSheet): Table | undefined {
  const [header, ...rows] = sheet.rows;
  if (header === undefined) return undefined;
  const columns: Column[] = [];
  for (const [index, raw] of [...header.cells.entries()].sort(([a], [b]) => a - b)) {
    if (raw.trim() === "") continue;
    const { base, qualifier } = splitHeader(raw);
    columns.push({
      index,
      letter: columnLetter(index),
      header: raw.trim(),
      base,
      ...(qualifier !== undefined ? { qualifier } : {}),
    });
  }
  return { sheet, headerRow: header.row, columns, rows };
}

/** Assigns language keys to localized columns and reports duplicate headers. */
function resolveColumns(
  table: Table,
  plainKey: string,
  issues: Issues,
  languageNames: Map<string, string>,
): void {
  const seen = new Map<string, Column>();
  for (const col of table.columns) {
    if (LOCALIZED.has(col.base)) {
      if (col.qualifier === undefined) col.lang = plainKey;
      else {
        const parsed = parseLanguage(col.qualifier);
        if (parsed === undefined) {
          issues.add(
            "error",
            "invalid_language",
            { text: col.header },
            `cannot read a language from '${col.header}'`,
            {
              sheet: table.sheet.name,
              line: table.headerRow,
              column: col.letter,
            },
          );
          continue;
        }
        col.lang = parsed.code;
        if (parsed.written !== undefined) languageNames.set(parsed.code, parsed.written);
      }
    }
    const key =
      col.lang !== undefined
        ? `${col.base}::${col.lang}`
        : `${col.base}::${col.qualifier?.toLowerCase() ?? ""}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.add(
        "error",
        "duplicate_column",
        { header: col.header, first: first.letter, firstHeader: first.header },
        `column '${col.header}' repeats column ${first.letter} ('${first.header}')`,
        {
          sheet: table.sheet.name,
          line: table.headerRow,
          column: col.letter,
        },
      );
      continue;
    }
    seen.set(key, col);
  }
}

const SMART_QUOTE = /[‘’“”]/;

function cell(row: XlsxRow, col: Column | undefined): string {
  if (col === undefined) return "";
  return (row.cells.get(col.index) ?? "").trim();
}

function findColumn(table: Table | undefined, base: string, lang?: string): Column | undefined {
  return table?.columns.find((c) => c.base === base && (lang === undefined || c.lang === lang));
}

function localizedColumns(table: Table, base: string): Column[] {
  return table.columns.filter((c) => c.base === base && c.lang !== undefined);
}

function readLocalized(table: Table, row: XlsxRow, base: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const col of localizedColumns(table, base)) {
    const v = cell(row, col);
    if (v !== "" && col.lang !== undefined && out[col.lang] === undefined) out[col.lang] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Media labels of a row (`media::image::Español`, `audio`, ...), by kind and language. */
function readMedia(table: Table, row: XlsxRow): Record<string, Record<string, string>> | undefined {
  const out: Record<string, Record<string, string>> = {};
  for (const [base, kind] of Object.entries(MEDIA_BASES)) {
    const text = readLocalized(table, row, base);
    if (text !== undefined) out[kind] = text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The row's cells in columns Scrutiny does not interpret, by header as written. */
function keptCells(
  table: Table,
  row: XlsxRow,
  interpreted: ReadonlySet<string>,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const col of table.columns) {
    if (interpreted.has(col.base)) continue;
    const v = cell(row, col);
    if (v !== "") out[col.header] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

type Draft = Record<string, unknown>;
type Path = (string | number)[];

interface Locations {
  readonly items: Map<string, number>;
  readonly choices: Map<string, number>;
  readonly checks: Map<number, number>;
}

/** Errors and warnings in workbook order: sheet, then row, then column. */
function sortIssues(list: XlsFormIssue[], sheets: readonly XlsxSheet[]): XlsFormIssue[] {
  // Issues of files uploaded beside the workbook come after its sheets, file by file.
  const files = [...new Set(list.map((i) => i.sheet))].filter(
    (name) => name !== undefined && !sheets.some((s) => s.name === name),
  );
  const sheetIndex = (name?: string) => {
    const i = sheets.findIndex((s) => s.name === name);
    if (i >= 0) return i;
    const f = files.indexOf(name);
    return f < 0 ? -1 : sheets.length + f;
  };
  const colIndex = (c: InputIssue["column"]) => (typeof c === "string" ? columnIndex(c) : (c ?? -1));
  return list
    .map((issue, order) => ({ issue, order }))
    .sort(
      (a, b) =>
        sheetIndex(a.issue.sheet) - sheetIndex(b.issue.sheet) ||
        (a.issue.line ?? 0) - (b.issue.line ?? 0) ||
        colIndex(a.issue.column) - colIndex(b.issue.column) ||
        a.order - b.order,
    )
    .map((x) => x.issue);
}

export function importXlsForm(
  bytes: Uint8Array,
  options: XlsFormImportOptions = {},
): Result<ImportedXlsForm, XlsFormIssue[]> {
  const sheets = readXlsx(bytes);
  if (!sheets.ok) return err(sheets.error.map((i) => ({ ...i, severity: "error" as const })));
  return importXlsFormSheets(sheets.value, options);
}

/** Import from already-read sheets (e.g. from another notation than .xlsx). */
export function importXlsFormSheets(
  sheets: readonly XlsxSheet[],
  options: XlsFormImportOptions = {},
): Result<ImportedXlsForm, XlsFormIssue[]> {
  if (isApolloWorkbook(sheets)) {
    const apollo = apolloToXlsForm(sheets);
    const imported = importXlsFormSheets(apollo.sheets, options);
    if (!imported.ok) return err(imported.error.map(apollo.locate));
    return ok({
      form: imported.value.form,
      warnings: [...apollo.warnings, ...imported.value.warnings.map(apollo.locate)],
    });
  }
  const issues = new Issues();
  // Files the labels show (media::image, audio, ...), where first named: uploaded beside the
  // workbook, they are kept with the form and ODK Collect downloads them with it.
  const mediaLabelFiles = new Map<string, { sheet: string; line: number }>();
  const noteMedia = (
    media: Record<string, Record<string, string>> | undefined,
    sheet: string,
    line: number,
  ) => {
    for (const byLanguage of Object.values(media ?? {}))
      for (const file of Object.values(byLanguage))
        if (!mediaLabelFiles.has(file)) mediaLabelFiles.set(file, { sheet, line });
  };
  const byName = (name: string) => sheets.find((s) => s.name.trim().toLowerCase() === name);
  let surveySheet = byName("survey");
  if (surveySheet === undefined && sheets.length === 1 && sheets[0] !== undefined) {
    surveySheet = sheets[0];
    issues.add(
      "warning",
      "survey_sheet_renamed",
      { name: surveySheet.name },
      `the only sheet, '${surveySheet.name}', is read as the survey sheet`,
      {
        sheet: surveySheet.name,
      },
    );
  }
  if (surveySheet === undefined) {
    issues.add("error", "missing_survey", {}, "the workbook has no 'survey' sheet");
    return err(issues.list);
  }
  const choicesSheet = byName("choices");
  const settingsSheet = byName("settings");
  const checksSheet = byName("checks");
  for (const s of sheets) {
    if ([surveySheet, choicesSheet, settingsSheet, checksSheet].includes(s)) continue;
    const lower = s.name.trim().toLowerCase();
    const known = ["external_choices", "entities", "osm"].includes(lower);
    issues.add(
      "warning",
      known ? "unsupported_sheet" : "extra_sheet",
      { name: s.name },
      known
        ? `sheet '${s.name}' is an XLSForm feature Scrutiny does not support; ignored`
        : `sheet '${s.name}' is not part of XLSForm; ignored`,
      { sheet: s.name },
    );
  }

  // Settings first: default_language decides what plain `label` columns are.
  const settings = settingsSheet === undefined ? undefined : readTable(settingsSheet);
  const settingsRow = settings?.rows[0];
  const setting = (base: string): { value: string; col?: Column } => {
    const col = findColumn(settings, base);
    return settingsRow === undefined || col === undefined
      ? { value: "" }
      : { value: cell(settingsRow, col), col };
  };
  const settingWhere = (col?: Column) =>
    settings === undefined
      ? {}
      : {
          sheet: settings.sheet.name,
          line: settingsRow?.row ?? settings.headerRow + 1,
          ...(col !== undefined ? { column: col.letter } : {}),
        };

  const defaultLanguageSetting = setting("default_language");
  let declaredDefault: string | undefined;
  let declaredWritten: string | undefined;
  if (defaultLanguageSetting.value !== "") {
    const parsed = parseLanguage(defaultLanguageSetting.value);
    if (parsed === undefined)
      issues.add(
        "error",
        "invalid_language",
        { text: defaultLanguageSetting.value },
        `cannot read a language from '${defaultLanguageSetting.value}'`,
        settingWhere(defaultLanguageSetting.col),
      );
    else {
      declaredDefault = parsed.code;
      declaredWritten = parsed.written;
    }
  }
  const plainKey = declaredDefault ?? DEFAULT_LANGUAGE_KEY;
  const languageNames = new Map<string, string>();
  if (declaredDefault !== undefined && declaredWritten !== undefined)
    languageNames.set(declaredDefault, declaredWritten);

  const survey = readTable(surveySheet);
  if (survey === undefined || survey.rows.length === 0) {
    issues.add("error", "empty_survey", {}, "the survey sheet has no questions", { sheet: surveySheet.name });
    return err(issues.list);
  }
  const choices = choicesSheet === undefined ? undefined : readTable(choicesSheet);
  const checks = checksSheet === undefined ? undefined : readTable(checksSheet);
  for (const t of [settings, survey, choices, checks])
    if (t !== undefined) resolveColumns(t, plainKey, issues, languageNames);
  // Settings Scrutiny does not interpret are kept as written.
  const otherSettings: Record<string, string> = {};
  if (settings !== undefined && settingsRow !== undefined)
    for (const col of settings.columns) {
      if (["form_id", "form_title", "version", "default_language", "form_kind"].includes(col.base)) continue;
      const v = cell(settingsRow, col);
      if (v !== "") otherSettings[col.header] = v;
    }

  const where = (table: Table, row: number, col?: Column) => ({
    sheet: table.sheet.name,
    line: row,
    ...(col !== undefined ? { column: col.letter } : {}),
  });
  const locations: Locations = { items: new Map(), choices: new Map(), checks: new Map() };

  // Choices.
  const choiceLists: Record<string, Draft[]> = {};
  if (choices !== undefined) {
    const choiceColumns = new Set(["list_name", "name", "label", ...Object.keys(MEDIA_BASES)]);
    const listCol = findColumn(choices, "list_name");
    const nameCol = findColumn(choices, "name");
    if (choices.rows.length > 0 && (listCol === undefined || nameCol === undefined))
      issues.add(
        "error",
        "missing_column",
        { what: "choices" },
        "the choices sheet needs list_name and name columns",
        where(choices, choices.headerRow),
      );
    else
      for (const row of choices.rows) {
        const list = cell(row, listCol);
        const name = cell(row, nameCol);
        if (list === "" && name === "") continue;
        if (list === "" || name === "") {
          issues.add(
            "error",
            "incomplete_choice",
            { what: list === "" ? "list_name" : "name" },
            list === "" ? "choice without list_name" : "choice without name",
            where(choices, row.row, list === "" ? listCol : nameCol),
          );
          continue;
        }
        const entries = choiceLists[list] ?? [];
        choiceLists[list] = entries;
        locations.choices.set(`${list}\u0000${entries.length}`, row.row);
        const label = readLocalized(choices, row, "label");
        const media = readMedia(choices, row);
        noteMedia(media, choices.sheet.name, row.row);
        const properties = keptCells(choices, row, choiceColumns);
        entries.push({
          name,
          ...(label !== undefined ? { label } : {}),
          ...(media !== undefined ? { media } : {}),
          ...(properties !== undefined ? { properties } : {}),
        });
      }
  }

  // Survey.
  for (const column of survey.columns) {
    const kept = KEPT_NOT_ENFORCED[column.base];
    if (kept === undefined) continue;
    const used = survey.rows.filter((r) => cell(r, column) !== "");
    const first = used[0];
    if (first !== undefined)
      issues.add(
        "warning",
        `not_enforced_${column.base as "default" | "read_only" | "trigger"}`,
        { header: column.header, rows: used.length },
        `'${column.header}': ${kept.message} (${used.length} row${used.length === 1 ? "" : "s"})`,
        {
          sheet: survey.sheet.name,
          line: first.row,
          column: column.letter,
          ...(kept.dropsLogic ? { dropsLogic: true } : {}),
        },
      );
  }
  const col = (base: string) => findColumn(survey, base);
  const typeCol = col("type");
  const nameCol = col("name");
  if (typeCol === undefined) {
    issues.add(
      "error",
      "missing_column",
      { what: "type" },
      "the survey sheet has no 'type' column",
      where(survey, survey.headerRow),
    );
    return err(issues.list);
  }
  const root: Draft[] = [];
  const stack: {
    draft: Draft;
    items: Draft[];
    path: Path;
    row: number;
    repeat: boolean;
    loopOver?: string;
  }[] = [];
  const current = () => stack[stack.length - 1];
  // pulldata('file', 'column', 'key-column', ...) calls, by file: where first written and the
  // columns they read. The CSVs the form needs beside it.
  const pulldataFiles = new Map<
    string,
    { at: { sheet: string; line: number; column?: string }; columns: Set<string> }
  >();
  // The uploaded files the form uses, kept with the version (content-addressed).
  const usedFiles = new Map<string, Uint8Array>();
  /** Every file a select_*_from_file or pulldata() names, read or not. */
  const namedFiles = new Set<string>();
  const duplicateChoicesAllowed = Object.entries(otherSettings).some(
    ([k, v]) => k.trim().toLowerCase() === "allow_choice_duplicates" && /^(yes|true)$/i.test(v.trim()),
  );
  /** Problems inside an uploaded file, located at its row and column (the file stands for the sheet). */
  const addFileIssues = (file: string, list: readonly FileIssue[]) => {
    for (const i of list)
      issues.push(
        "error",
        i.code,
        i.message,
        {
          sheet: file,
          ...(i.line !== undefined ? { line: i.line } : {}),
          ...(i.column !== undefined ? { column: i.column } : {}),
        },
        i.params,
      );
  };
  /** A file the form uses that is not among the uploaded ones: an error on upload, else pyxform's warning. */
  const missingFile = (
    code: "missing_choices_file" | "missing_pulldata_file",
    file: string,
    what: string,
    consequence: string,
    at: { sheet: string; line: number; column?: string },
  ) =>
    options.requireFiles === true
      ? issues.add(
          "error",
          code,
          { what: "upload", file },
          `${what} was not uploaded beside the form: upload it with the workbook`,
          at,
        )
      : issues.add(
          "warning",
          code,
          { what: "later", file },
          `${what} was not uploaded beside the form: ${consequence}`,
          {
            ...at,
            dropsLogic: true,
          },
        );
  for (const row of survey.rows) {
    const typeRaw = cell(row, typeCol);
    if (typeRaw === "") {
      const other = [...row.cells.entries()].find(([, v]) => v.trim() !== "");
      if (other !== undefined)
        issues.add(
          "warning",
          "row_without_type",
          {},
          "row has no type and is ignored",
          where(survey, row.row, typeCol),
        );
      continue;
    }
    const parsed = parseType(typeRaw);
    const at = (c?: Column) => where(survey, row.row, c);
    // An expression cell as pyxform reads it: curly quotes (what spreadsheet programs type for
    // ' and ") become straight ones, with a warning so the author can fix the workbook.
    const expression = (base: string): string => {
      const c = col(base);
      const raw = cell(row, c);
      if (!SMART_QUOTE.test(raw)) return pulled(raw, c);
      issues.add(
        "warning",
        "smart_quotes_replaced",
        { header: c?.header ?? base },
        `curly quotes in '${c?.header ?? base}' are read as straight quotes, as pyxform reads them`,
        at(c),
      );
      return pulled(raw.replace(/[‘’]/g, "'").replace(/[“”]/g, '"'), c);
    };
    // Notes the files an expression pulls data from (their name is a literal, as ODK requires).
    const pulled = (source: string, c: Column | undefined): string => {
      for (const m of source.matchAll(
        /\bpulldata\s*\(\s*(['"])([^'"]*)\1(?:\s*,\s*(['"])([^'"]*)\3\s*,\s*(['"])([^'"]*)\5)?/g,
      )) {
        const file = m[2] ?? "";
        if (file === "") continue;
        const entry = pulldataFiles.get(file) ?? { at: at(c), columns: new Set<string>() };
        for (const column of [m[4], m[6]])
          if (column !== undefined && column !== "") entry.columns.add(column);
        pulldataFiles.set(file, entry);
      }
      return source;
    };
    if (parsed.k === "unsupported") {
      issues.add("error", "unsupported_type", parsed.params, parsed.message, at(typeCol));
      continue;
    }
    if (parsed.k === "metadata") {
      issues.add(
        "warning",
        "metadata_ignored",
        { type: typeRaw },
        `metadata '${typeRaw}' is not collected by Scrutiny (it records submission time and device itself)`,
        at(typeCol),
      );
      continue;
    }
    if (parsed.k === "end_group" || parsed.k === "end_repeat" || parsed.k === "end_loop") {
      const open = current();
      if (
        open === undefined ||
        open.repeat !== (parsed.k === "end_repeat") ||
        (open.loopOver !== undefined) !== (parsed.k === "end_loop")
      ) {
        issues.add(
          "error",
          "unbalanced_group",
          { what: "end", type: typeRaw },
          `'${typeRaw}' without a matching begin`,
          at(typeCol),
        );
        continue;
      }
      stack.pop();
      if (open.loopOver !== undefined) {
        const list = choiceLists[open.loopOver];
        if (list === undefined)
          issues.add(
            "error",
            "unknown_list",
            { list: open.loopOver },
            `choice list '${open.loopOver}' does not exist`,
            where(survey, open.row, typeCol),
          );
        else open.draft["items"] = expandLoop(open.items, list);
      }
      continue;
    }
    const siblings = current()?.items ?? root;
    const path: Path = [...(current()?.path ?? []), "items", siblings.length];
    const name = cell(row, nameCol);
    const draft: Draft = { name };
    if (name === "") issues.add("error", "missing_name", {}, "the row has no name", at(nameCol ?? typeCol));
    locations.items.set(JSON.stringify(path), row.row);
    const label = readLocalized(survey, row, "label");
    const media = readMedia(survey, row);
    noteMedia(media, survey.sheet.name, row.row);
    const relevant = expression("relevant");
    const extra = keptCells(survey, row, SURVEY_SUPPORTED);
    const common = {
      ...(label !== undefined ? { label } : {}),
      ...(media !== undefined ? { media } : {}),
      ...(relevant !== "" ? { relevant } : {}),
    };
    const ignore = (bases: string[]) => {
      for (const base of bases)
        for (const c of survey.columns.filter((x) => x.base === base))
          if (cell(row, c) !== "")
            issues.add(
              "warning",
              "ignored_cell",
              { header: c.header, type: typeRaw },
              `'${c.header}' does not apply to '${typeRaw}' and is ignored`,
              at(c),
            );
    };
    const questionOnly = [
      "required",
      "constraint",
      "constraint_message",
      "calculation",
      "choice_filter",
      "critical",
      "critical_when",
      "min",
      "max",
      "max_length",
      "max_distance",
    ];

    if (parsed.k === "begin_group" || parsed.k === "begin_repeat" || parsed.k === "begin_loop") {
      const items: Draft[] = [];
      const repeatCount = expression("repeat_count");
      Object.assign(draft, {
        type: parsed.k === "begin_repeat" ? "repeat" : "group",
        ...common,
        ...(parsed.k === "begin_repeat" && repeatCount !== "" ? { repeatCount } : {}),
        items,
        ...(extra !== undefined ? { extra } : {}),
      });
      ignore(["hint", ...questionOnly, ...(parsed.k === "begin_group" ? ["repeat_count"] : [])]);
      siblings.push(draft);
      stack.push({
        draft,
        items,
        path,
        row: row.row,
        repeat: parsed.k === "begin_repeat",
        ...(parsed.k === "begin_loop" ? { loopOver: parsed.listName } : {}),
      });
      continue;
    }
    ignore(["repeat_count"]);
    const hint = readLocalized(survey, row, "hint");
    Object.assign(draft, { ...common, ...(hint !== undefined ? { hint } : {}) });
    if (parsed.k === "note") {
      draft["type"] = "note";
      if (extra !== undefined) draft["extra"] = extra;
      ignore(questionOnly);
      siblings.push(draft);
      continue;
    }
    if (parsed.k === "select") {
      if (parsed.file !== undefined) {
        const file = parsed.file;
        // pyxform's parameters value=<column> label=<column> name the file's columns.
        const columns: { value?: string; label?: string } = {};
        for (const m of (extra?.["parameters"] ?? "").matchAll(/\b(value|label)\s*=\s*([^\s,]+)/gi))
          columns[(m[1] ?? "").toLowerCase() as "value" | "label"] = m[2] ?? "";
        const bytes = options.files?.[file];
        namedFiles.add(file);
        if (!isChoicesFileName(file))
          issues.add(
            "error",
            "unsupported_choices_file",
            { file },
            `'${file}': choices are read from .csv, .xml or .geojson files`,
            at(typeCol),
          );
        else if (bytes === undefined)
          missingFile(
            "missing_choices_file",
            file,
            `the choices file '${file}'`,
            "the question offers no choices until a version with it is published",
            at(typeCol),
          );
        else {
          const loaded = readChoicesFile(file, bytes, {
            columns,
            duplicatesAllowed: duplicateChoicesAllowed,
            plainLanguage: plainKey,
          });
          if (loaded.ok) {
            choiceLists[file] = loaded.value.map((c) => ({ ...c }));
            usedFiles.set(file, bytes);
          } else addFileIssues(file, loaded.error);
        }
        draft["choicesFile"] = file;
        if (Object.keys(columns).length > 0) draft["choicesFileColumns"] = columns;
      }
      const list = choiceLists[parsed.listName];
      const filter = expression("choice_filter");
      const shape =
        list === undefined || parsed.orOther || filter !== "" || parsed.file !== undefined
          ? "other"
          : listShape(list.map((c) => ({ name: String(c["name"]) })));
      draft["type"] = parsed.type === "select_one" && shape !== "other" ? shape : parsed.type;
      draft["listName"] = parsed.listName;
      if (filter !== "") draft["choiceFilter"] = filter;
      if (parsed.orOther) draft["orOther"] = true;
    } else {
      draft["type"] = parsed.type;
      ignore(["choice_filter"]);
    }
    if (parsed.k === "question" && parsed.type === "calculate") {
      const calculation = expression("calculation");
      if (calculation !== "") draft["calculation"] = calculation;
    } else ignore(["calculation"]);
    if (parsed.k === "question" && parsed.type === "range") {
      const params = parseParameters(extra?.["parameters"] ?? cell(row, findColumn(survey, "parameters")));
      draft["start"] = params["start"] ?? 1;
      draft["end"] = params["end"] ?? 10;
      draft["step"] = params["step"] ?? 1;
      for (const [k, v] of Object.entries(params))
        if (v !== undefined && !Number.isFinite(v))
          issues.add(
            "error",
            "invalid_number",
            { what: "range", parameter: k },
            `range parameter ${k} is not a number`,
            at(findColumn(survey, "parameters")),
          );
      // start/end/step are the range itself; other parameters stay in the kept cell.
      if (
        extra?.["parameters"] !== undefined &&
        /^\s*((start|end|step)\s*=\s*\S+\s*)+$/i.test(extra["parameters"])
      ) {
        const { parameters: _parameters, ...rest } = extra;
        if (Object.keys(rest).length > 0) draft["extra"] = rest;
      } else if (extra !== undefined) draft["extra"] = extra;
    } else if (extra !== undefined) draft["extra"] = extra;

    // required: yes/no, or an expression (required when it is true), as pyxform reads it.
    const requiredValue = parseBool(cell(row, col("required")));
    if (requiredValue === "invalid") draft["requiredWhen"] = expression("required");
    else if (requiredValue !== undefined) draft["required"] = requiredValue;
    const criticalValue = parseBool(cell(row, col("critical")));
    if (criticalValue === "invalid")
      issues.add(
        "error",
        "invalid_boolean",
        { value: cell(row, col("critical")) },
        `'${cell(row, col("critical"))}' is not yes or no`,
        at(col("critical")),
      );
    else if (criticalValue !== undefined) draft["critical"] = criticalValue;
    for (const [base, key] of [
      ["constraint", "constraint"],
      ["critical_when", "criticalWhen"],
    ] as const) {
      const v = expression(base);
      if (v !== "") draft[key] = v;
    }
    const constraintMessage = readLocalized(survey, row, "constraint_message");
    if (constraintMessage !== undefined) draft["constraintMessage"] = constraintMessage;
    const numeric = draft["type"] === "integer" || draft["type"] === "decimal";
    for (const [base, key, applies] of [
      ["min", "min", numeric],
      ["max", "max", numeric],
      ["max_length", "maxLength", draft["type"] === "text"],
      ["max_distance", "maxDistanceFromStation", draft["type"] === "geopoint"],
    ] as const) {
      const c = col(base);
      const raw = cell(row, c);
      if (raw === "") continue;
      if (!applies) {
        ignore([base]);
        continue;
      }
      const n = Number(raw);
      if (!Number.isFinite(n))
        issues.add(
          "error",
          "invalid_number",
          { what: "cell", value: raw },
          `'${raw}' is not a number`,
          at(c),
        );
      else draft[key] = n;
    }
    siblings.push(draft);
  }
  // pulldata's CSVs: read when uploaded; otherwise pulldata gives "" (as ODK for a key not found).
  const dataFiles: Record<string, Record<string, string>[]> = {};
  for (const [file, { at: first, columns }] of pulldataFiles) {
    const name = options.files?.[`${file}.csv`] !== undefined ? `${file}.csv` : file;
    const bytes = options.files?.[name];
    namedFiles.add(name);
    if (bytes === undefined) {
      missingFile(
        "missing_pulldata_file",
        `${file}.csv`,
        `the file '${file}.csv' that pulldata('${file}', ...) reads`,
        "pulldata gives an empty value until a version with it is published",
        first,
      );
      continue;
    }
    const loaded = readDataFile(bytes, [...columns]);
    if (!loaded.ok) addFileIssues(name, loaded.error);
    else {
      dataFiles[file] = loaded.value;
      usedFiles.set(name, bytes);
    }
  }
  for (const [file, first] of mediaLabelFiles) {
    const bytes = options.files?.[file];
    namedFiles.add(file);
    if (bytes !== undefined) usedFiles.set(file, bytes);
    else
      issues.add(
        "warning",
        "missing_media_file",
        { file },
        `the file '${file}' that a label shows was not uploaded beside the form: the label shows without it`,
        first,
      );
  }
  // Uploaded files the form does not use are not kept: say so, they may be misnamed.
  for (const name of Object.keys(options.files ?? {}))
    if (!namedFiles.has(name))
      issues.add(
        "warning",
        "unused_file",
        { file: name },
        `'${name}' was uploaded beside the form, but no select_*_from_file, pulldata() or media label of the form names it: it is not kept`,
        { sheet: name },
      );
  const mediaFiles = Object.fromEntries(
    [...usedFiles]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, bytes]) => [name, mediaFileOf(name, bytes)]),
  );
  for (const open of stack)
    issues.add(
      "error",
      "unbalanced_group",
      { what: "open", name: String(open.draft["name"]) },
      `group '${String(open.draft["name"])}' is never closed`,
      where(survey, open.row, typeCol),
    );

  // Checks.
  const checkDrafts: Draft[] = [];
  if (checks !== undefined) {
    for (const row of checks.rows) {
      const id = cell(row, findColumn(checks, "id"));
      const expression = cell(row, findColumn(checks, "expression"));
      if (id === "" && expression === "") continue;
      locations.checks.set(checkDrafts.length, row.row);
      checkDrafts.push({ id, expression, message: readLocalized(checks, row, "message") ?? {} });
    }
  }

  // Languages: every key of a localized column with a value, survey labels first.
  const languages: string[] = [];
  const addLanguage = (lang: string | undefined) => {
    if (lang !== undefined && !languages.includes(lang)) languages.push(lang);
  };
  for (const table of [survey, choices, checks, settings])
    if (table !== undefined)
      for (const c of table.columns)
        if (c.lang !== undefined && c.base === "label" && table.rows.some((r) => cell(r, c) !== ""))
          addLanguage(c.lang);
  for (const table of [survey, choices, checks, settings])
    if (table !== undefined)
      for (const c of table.columns)
        if (c.lang !== undefined && table.rows.some((r) => cell(r, c) !== "")) addLanguage(c.lang);
  const defaultLanguage = declaredDefault ?? languages[0] ?? DEFAULT_LANGUAGE_KEY;
  if (languages.length === 0) addLanguage(defaultLanguage);
  // Labels of choices files in the form's languages: a plain `label` column is the default
  // language's when the workbook names its languages; a language the workbook lacks is left out.
  for (const file of usedFiles.keys()) {
    const list = choiceLists[file];
    if (list === undefined) continue;
    const dropped = new Set<string>();
    for (const choice of list) {
      const label = choice["label"] as Record<string, string> | undefined;
      if (label === undefined) continue;
      const kept: Record<string, string> = {};
      for (const [lang, value] of Object.entries(label)) {
        const key = languages.includes(lang) ? lang : lang === plainKey ? defaultLanguage : undefined;
        if (key === undefined) dropped.add(lang);
        else if (kept[key] === undefined || key === lang) kept[key] = value;
      }
      choice["label"] = kept;
    }
    for (const lang of dropped)
      issues.add(
        "warning",
        "file_language_unused",
        { language: lang },
        `labels in '${lang}' are left out: the form has no such language`,
        { sheet: file, line: 1 },
      );
  }

  // Identity.
  const formId = setting("form_id");
  let id = formId.value;
  if (id !== "" && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(id)) {
    const slug = id
      .replace(/[^A-Za-z0-9_.-]+/g, "_")
      .replace(/^[^A-Za-z0-9]+/, "")
      .slice(0, 100);
    issues.add(
      "warning",
      "form_id_changed",
      { value: id, id: slug },
      `form_id '${id}' is not an identifier; using '${slug}'`,
      settingWhere(formId.col),
    );
    id = slug;
  }
  if (id === "") {
    id = options.id ?? "imported_form";
    if (options.id === undefined)
      issues.add(
        "warning",
        "missing_form_id",
        { id },
        `no form_id in the settings sheet; using '${id}'`,
        settingWhere(formId.col),
      );
  }
  const kindSetting = setting("form_kind");
  let kind: FormKind = options.kind ?? "voting";
  if (kindSetting.value !== "") {
    const k = FORM_KINDS.find((x) => x === kindSetting.value.toLowerCase());
    if (k === undefined)
      issues.add(
        "error",
        "invalid_form_kind",
        { value: kindSetting.value, kinds: [...FORM_KINDS] },
        `form_kind '${kindSetting.value}' is not one of ${FORM_KINDS.join(", ")}`,
        settingWhere(kindSetting.col),
      );
    else kind = k;
  } else if (options.kind === undefined)
    issues.add(
      "warning",
      "missing_form_kind",
      { formKind: kind },
      `no form_kind in the settings sheet; using '${kind}'`,
      settingWhere(),
    );
  const versionSetting = setting("version");
  let version = options.version ?? 1;
  if (versionSetting.value !== "") {
    const n = Number(versionSetting.value);
    if (Number.isSafeInteger(n) && n >= 1) version = n;
    else
      issues.add(
        "warning",
        "version_not_integer",
        { value: versionSetting.value, version },
        `version '${versionSetting.value}' is not a positive integer; using ${version}`,
        settingWhere(versionSetting.col),
      );
  }
  const title: Record<string, string> = {};
  if (settings !== undefined && settingsRow !== undefined)
    for (const c of localizedColumns(settings, "form_title")) {
      const v = cell(settingsRow, c);
      const lang = c.qualifier === undefined ? defaultLanguage : c.lang;
      if (v !== "" && lang !== undefined) title[lang] = v;
    }
  if (title[defaultLanguage] === undefined) title[defaultLanguage] = id;

  const draft = {
    id,
    version,
    kind,
    title,
    languages,
    ...(languageNames.size > 0
      ? { languageNames: Object.fromEntries([...languageNames].filter(([k]) => languages.includes(k))) }
      : {}),
    defaultLanguage,
    items: root,
    choiceLists,
    checks: checkDrafts,
    ...(Object.keys(otherSettings).length > 0 ? { settings: otherSettings } : {}),
    ...(Object.keys(dataFiles).length > 0 ? { dataFiles } : {}),
    ...(Object.keys(mediaFiles).length > 0 ? { mediaFiles } : {}),
  };
  // Validate what was read even after errors, to report every problem in one pass.
  const hadErrors = issues.hasErrors;
  const parsed = safeParseFormDefinition(draft);
  if (parsed.ok && !hadErrors) return ok({ form: parsed.value, warnings: sortIssues(issues.list, sheets) });
  if (!parsed.ok)
    for (const issue of parsed.error) {
      const loc = locate(issue.path ?? [], { survey, choices, checks, settings, settingsRow }, locations);
      if (hadErrors) {
        // After import errors, skip consequences without a place and second reports of a cell.
        if (loc.sheet === undefined) continue;
        if (issues.list.some((i) => i.sheet === loc.sheet && i.line === loc.line && i.column === loc.column))
          continue;
      }
      issues.push(
        "error",
        issue.code,
        issue.message,
        { ...loc, path: [...(issue.path ?? [])] },
        issue.params,
      );
    }
  return err(sortIssues(issues.list, sheets));
}

const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  name: "name",
  type: "type",
  listName: "type",
  label: "label",
  hint: "hint",
  required: "required",
  requiredWhen: "required",
  relevant: "relevant",
  constraint: "constraint",
  constraintMessage: "constraint_message",
  critical: "critical",
  criticalWhen: "critical_when",
  min: "min",
  max: "max",
  maxLength: "max_length",
  maxDistanceFromStation: "max_distance",
  calculation: "calculation",
  choiceFilter: "choice_filter",
  repeatCount: "repeat_count",
  expression: "expression",
  message: "message",
  id: "id",
};

function columnFor(table: Table | undefined, rest: readonly (string | number)[]): Column | undefined {
  const [field, lang] = rest;
  if (typeof field !== "string") return undefined;
  const base = FIELD_COLUMNS[field];
  if (base === undefined) return undefined;
  if (LOCALIZED.has(base))
    return findColumn(table, base, typeof lang === "string" ? lang : undefined) ?? findColumn(table, base);
  return findColumn(table, base);
}

/** XlsxSheet, row and column of a FormDefinition path, as far as they are known. */
function locate(
  path: readonly (string | number)[],
  tables: {
    survey: Table;
    choices?: Table | undefined;
    checks?: Table | undefined;
    settings?: Table | undefined;
    settingsRow?: XlsxRow | undefined;
  },
  locations: Locations,
): { sheet?: string; line?: number; column?: string } {
  const [head] = path;
  if (head === "items") {
    for (let n = path.length; n >= 2; n--) {
      if (typeof path[n - 1] !== "number") continue;
      const row = locations.items.get(JSON.stringify(path.slice(0, n)));
      if (row === undefined) continue;
      const column = columnFor(tables.survey, path.slice(n)) ?? findColumn(tables.survey, "type");
      return {
        sheet: tables.survey.sheet.name,
        line: row,
        ...(column !== undefined ? { column: column.letter } : {}),
      };
    }
    return { sheet: tables.survey.sheet.name };
  }
  if (head === "choiceLists" && tables.choices !== undefined) {
    const [, list, index, ...rest] = path;
    const row = locations.choices.get(`${String(list)}\u0000${String(index)}`);
    const column = columnFor(tables.choices, rest);
    return {
      sheet: tables.choices.sheet.name,
      ...(row !== undefined ? { line: row } : {}),
      ...(column !== undefined ? { column: column.letter } : {}),
    };
  }
  if (head === "checks" && tables.checks !== undefined) {
    const [, index, ...rest] = path;
    const row = typeof index === "number" ? locations.checks.get(index) : undefined;
    const column = columnFor(tables.checks, rest);
    return {
      sheet: tables.checks.sheet.name,
      ...(row !== undefined ? { line: row } : {}),
      ...(column !== undefined ? { column: column.letter } : {}),
    };
  }
  const settingsColumn: Readonly<Record<string, string>> = {
    id: "form_id",
    title: "form_title",
    version: "version",
    kind: "form_kind",
    defaultLanguage: "default_language",
    languages: "default_language",
  };
  const base = typeof head === "string" ? settingsColumn[head] : undefined;
  if (base !== undefined && tables.settings !== undefined) {
    const column = findColumn(tables.settings, base);
    return {
      sheet: tables.settings.sheet.name,
      line: tables.settingsRow?.row ?? tables.settings.headerRow + 1,
      ...(column !== undefined ? { column: column.letter } : {}),
    };
  }
  return {};
}
