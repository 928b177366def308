// Workbooks exported by NDI's Apollo, read as XLSForm plus what Apollo adds.
//
// Apollo writes (apollo/formsframework/utils.py, export_form): a `survey` sheet with the columns
// type, name, label, constraints (sic), extra; `choices` with integer names; `analysis` (name,
// analysis: PROCESS, RESULT, mean, histogram, N/A); `metadata` (name, prefix, form_type CHECKLIST
// / INCIDENT / SURVEY, the tags of registered and accredited voters, invalid and blank votes,
// vote_shares, ...); and for checklists `quality_checks` (name, description, left, relation,
// right, conjunction; a check is one or more criteria joined by && or ||). In Apollo a quality
// check *flags* a report when its expression is true; a Scrutiny check flags when its expression
// is false, so each becomes `not(...)`. Variables are upper-case tags, which become `${TAG}`.
//
// The result is an ordinary XLSForm (settings, survey, choices, checks sheets) for the one
// importer, so an Apollo form is checked exactly as every other form is.
import type { FormKind } from "../forms/definition.ts";
import { issueParamsOf, type XlsFormImportCode, type XlsFormImportParams } from "./codes.ts";
import type { XlsFormIssue } from "./import.ts";
import type { XlsxRow, XlsxSheet } from "./xlsx.ts";

export interface ApolloConversion {
  readonly sheets: XlsxSheet[];
  readonly warnings: XlsFormIssue[];
  /** Points an issue about a written sheet (settings, checks) back at Apollo's own (metadata, quality_checks). */
  readonly locate: (issue: XlsFormIssue) => XlsFormIssue;
}

/** True when the workbook has Apollo's `metadata` sheet with a form_type column. */
export function isApolloWorkbook(sheets: readonly XlsxSheet[]): boolean {
  const metadata = sheetNamed(sheets, "metadata");
  return metadata !== undefined && headerIndex(metadata, "form_type") !== undefined;
}

const KINDS: Readonly<Record<string, FormKind>> = {
  INCIDENT: "incident",
  CHECKLIST: "voting",
  SURVEY: "voting",
};

/** Apollo's sheets as XLSForm sheets (plus Scrutiny's `checks`), with what was mapped or left said as warnings. */
export function apolloToXlsForm(sheets: readonly XlsxSheet[]): ApolloConversion {
  const warnings: XlsFormIssue[] = [];
  const warn = <C extends XlsFormImportCode & `apollo_${string}`>(
    code: C,
    params: XlsFormImportParams<C>,
    message: string,
    where: { sheet: string; line?: number; column?: string },
    dropsLogic = false,
  ) =>
    warnings.push({
      severity: "warning",
      code,
      message,
      ...where,
      ...(Object.keys(params).length > 0 ? { params: issueParamsOf(params) } : {}),
      ...(dropsLogic ? { dropsLogic } : {}),
    });
  const out: XlsxSheet[] = [];

  const metadata = sheetNamed(sheets, "metadata");
  const meta = metadata === undefined ? new Map<string, string>() : firstRecord(metadata);
  const formType = (meta.get("form_type") ?? "").trim().toUpperCase();
  const kind = KINDS[formType];
  if (metadata !== undefined && kind === undefined)
    warn(
      "apollo_form_type",
      { type: formType },
      `Apollo form type '${formType}' is not known; the form is stored as a voting checklist`,
      {
        sheet: metadata.name,
        line: 2,
      },
    );
  if (metadata !== undefined && formType !== "INCIDENT")
    warn(
      "apollo_checklist_kind",
      { type: formType || "CHECKLIST" },
      `an Apollo ${formType || "CHECKLIST"} says nothing of the phase it is for; stored as a voting checklist (set form_kind in a settings sheet to choose another)`,
      { sheet: metadata.name, line: 2 },
    );
  const settingsRows: [string, string][] = [
    ["form_title", meta.get("name") ?? ""],
    ["form_id", formId(meta.get("prefix") ?? meta.get("name") ?? "")],
    ["form_kind", kind ?? "voting"],
  ];
  out.push(sheetOf("settings", [settingsRows.map(([h]) => h), settingsRows.map(([, v]) => v)]));

  const survey = sheetNamed(sheets, "survey");
  if (survey !== undefined) out.push(apolloSurvey(survey));
  const choices = sheetNamed(sheets, "choices");
  if (choices !== undefined) out.push(choices);

  const checks: string[][] = [["id", "expression", "message"]];
  /** Where each written check came from (its quality check, or the metadata's tags). */
  const checkSources: { sheet: string; line: number }[] = [];
  const qa = sheetNamed(sheets, "quality_checks");
  if (qa !== undefined)
    for (const check of qualityChecks(qa)) {
      const expression = apolloExpression(check.expression);
      if (expression === undefined) {
        warn(
          "apollo_check_unsupported",
          { name: check.name, expression: check.expression },
          `quality check '${check.name}' (${check.expression}) uses what Scrutiny's expressions cannot say (location or participant lookups, NULL, ^ or |); left out`,
          { sheet: qa.name, line: check.line },
          true,
        );
        continue;
      }
      checks.push([checkId(check.name, checks.length), `not(${expression})`, check.description]);
      checkSources.push({ sheet: qa.name, line: check.line });
    }
  // Apollo's result tags: the votes counted cannot exceed the voters accredited, nor those the registered.
  const tag = (key: string) => meta.get(key)?.trim() || undefined;
  const shares = (meta.get("vote_shares") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s));
  const accredited = tag("accredited_voters_tag");
  const registered = tag("registered_voters_tag");
  const counted = [...shares, tag("invalid_votes_tag"), tag("blank_votes_tag")].filter(
    (s): s is string => s !== undefined,
  );
  if (accredited !== undefined && counted.length > 0) {
    checks.push([
      "votes_within_accredited",
      `${counted.map((s) => `\${${s}}`).join(" + ")} <= \${${accredited}}`,
      "More votes counted than voters accredited",
    ]);
    if (metadata !== undefined) checkSources.push({ sheet: metadata.name, line: 2 });
  }
  if (accredited !== undefined && registered !== undefined) {
    checks.push([
      "accredited_within_registered",
      `\${${accredited}} <= \${${registered}}`,
      "More voters accredited than registered",
    ]);
    if (metadata !== undefined) checkSources.push({ sheet: metadata.name, line: 2 });
  }
  if (checks.length > 1) out.push(sheetOf("checks", checks));
  const locate = (issue: XlsFormIssue): XlsFormIssue => {
    const { column: _written, ...rest } = issue;
    if (issue.sheet === "settings" && metadata !== undefined)
      return { ...rest, sheet: metadata.name, line: 2 };
    const source =
      issue.sheet === "checks" && issue.line !== undefined ? checkSources[issue.line - 2] : undefined;
    if (source !== undefined) return { ...rest, ...source };
    return issue;
  };

  const analysis = sheetNamed(sheets, "analysis");
  if (analysis !== undefined)
    warn(
      "apollo_analysis_kept",
      {},
      "Apollo's analysis sheet (how each question is summarised) is kept as each question's 'apollo_analysis' column; Scrutiny's indicators are defined per mission",
      { sheet: analysis.name },
    );
  return { sheets: withAnalysis(out, analysis), warnings, locate };
}

/** `constraints` is Apollo's name for `constraint`; `boolean` an integer 0 or 1. */
function apolloSurvey(survey: XlsxSheet): XlsxSheet {
  const [header, ...rows] = survey.rows;
  if (header === undefined) return survey;
  const cells = new Map(header.cells);
  for (const [index, value] of header.cells)
    if (value.trim().toLowerCase() === "constraints") cells.set(index, "constraint");
  const typeAt = headerIndexOf(header, "type");
  const constraintAt = headerIndexOf({ row: header.row, cells }, "constraint");
  const converted = rows.map((row): XlsxRow => {
    if (typeAt === undefined || !/^boolean$/i.test(row.cells.get(typeAt)?.trim() ?? "")) return row;
    const next = new Map(row.cells);
    next.set(typeAt, "integer");
    if (constraintAt !== undefined && (next.get(constraintAt) ?? "").trim() === "")
      next.set(constraintAt, ". >= 0 and . <= 1");
    return { row: row.row, cells: next };
  });
  return { name: survey.name, rows: [{ row: header.row, cells }, ...converted] };
}

/** Each question's analysis type from Apollo's analysis sheet, as a kept survey column. */
function withAnalysis(sheets: XlsxSheet[], analysis: XlsxSheet | undefined): XlsxSheet[] {
  if (analysis === undefined) return sheets;
  const byName = new Map<string, string>();
  const nameAt = headerIndex(analysis, "name");
  const typeAt = headerIndex(analysis, "analysis");
  for (const row of analysis.rows.slice(1)) {
    const name = nameAt === undefined ? undefined : row.cells.get(nameAt)?.trim();
    const type = typeAt === undefined ? undefined : row.cells.get(typeAt)?.trim();
    if (name && type) byName.set(name, type);
  }
  return sheets.map((sheet) => {
    if (sheet.name.trim().toLowerCase() !== "survey") return sheet;
    const [header, ...rows] = sheet.rows;
    if (header === undefined) return sheet;
    const nameAt = headerIndexOf(header, "name");
    const column = Math.max(-1, ...header.cells.keys()) + 1;
    const head = new Map(header.cells).set(column, "apollo_analysis");
    return {
      name: sheet.name,
      rows: [
        { row: header.row, cells: head },
        ...rows.map((row) => {
          const type = nameAt === undefined ? undefined : byName.get(row.cells.get(nameAt)?.trim() ?? "");
          return type === undefined ? row : { row: row.row, cells: new Map(row.cells).set(column, type) };
        }),
      ],
    };
  });
}

interface QualityCheck {
  readonly name: string;
  readonly description: string;
  readonly expression: string;
  readonly line: number;
}

/** Apollo's quality checks: consecutive rows with one name are one check's criteria. */
function qualityChecks(sheet: XlsxSheet): QualityCheck[] {
  const at = (name: string) => headerIndex(sheet, name);
  const [nameAt, descriptionAt, leftAt, relationAt, rightAt, conjunctionAt] = [
    at("name"),
    at("description"),
    at("left"),
    at("relation"),
    at("right"),
    at("conjunction"),
  ];
  const value = (row: XlsxRow, index: number | undefined) =>
    index === undefined ? "" : (row.cells.get(index) ?? "").trim();
  const checks: { name: string; description: string; parts: string[]; line: number }[] = [];
  for (const row of sheet.rows.slice(1)) {
    const left = value(row, leftAt);
    const relation = value(row, relationAt);
    const right = value(row, rightAt);
    if (left === "" || relation === "" || right === "") continue;
    const name = value(row, nameAt) || `check_${row.row}`;
    const last = checks.at(-1);
    const criterion = `${left} ${relation} ${right}`;
    if (last !== undefined && last.name === name)
      last.parts.push(value(row, conjunctionAt) || "&&", criterion);
    else
      checks.push({
        name,
        description: value(row, descriptionAt) || name,
        parts: [criterion],
        line: row.row,
      });
  }
  return checks.map((c) => ({
    name: c.name,
    description: c.description,
    expression: c.parts.join(" "),
    line: c.line,
  }));
}

/**
 * Apollo's check grammar (apollo/submissions/qa/query_builder.py) in Scrutiny's expression
 * language: tags to `${TAG}`, && and || to and / or; undefined for what has no counterpart.
 */
export function apolloExpression(source: string): string | undefined {
  if (/\$|\bNULL\b|\^|(^|[^|])\|([^|]|$)/.test(source)) return undefined;
  const tokens = source.match(/\d+(?:\.\d*)?|[A-Za-z_][A-Za-z0-9_]*|&&|\|\||>=|<=|!=|[-+*/()<>=]|\S/g) ?? [];
  const out: string[] = [];
  for (const token of tokens) {
    if (token === "&&") out.push("and");
    else if (token === "||") out.push("or");
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(token)) out.push(`\${${token}}`);
    else if (/^\d/.test(token) || /^(>=|<=|!=|[-+*/()<>=])$/.test(token))
      out.push(token === "/" ? "div" : token);
    else return undefined;
  }
  return out.join(" ");
}

function formId(text: string): string {
  const id = text
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  return id === "" ? "apollo_form" : /^\p{L}/u.test(id) ? id : `f_${id}`;
}

function checkId(name: string, index: number): string {
  const id = name.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^[^A-Za-z_]+/, "");
  return id === "" ? `check_${index}` : id;
}

function sheetNamed(sheets: readonly XlsxSheet[], name: string): XlsxSheet | undefined {
  return sheets.find((s) => s.name.trim().toLowerCase() === name);
}

function headerIndexOf(header: XlsxRow, name: string): number | undefined {
  for (const [index, value] of header.cells) if (value.trim().toLowerCase() === name) return index;
  return undefined;
}

function headerIndex(sheet: XlsxSheet, name: string): number | undefined {
  const header = sheet.rows[0];
  return header === undefined ? undefined : headerIndexOf(header, name);
}

/** The first data row of a sheet, by header. */
function firstRecord(sheet: XlsxSheet): Map<string, string> {
  const [header, first] = sheet.rows;
  const record = new Map<string, string>();
  if (header === undefined || first === undefined) return record;
  for (const [index, name] of header.cells)
    record.set(name.trim().toLowerCase(), first.cells.get(index) ?? "");
  return record;
}

function sheetOf(name: string, table: readonly (readonly string[])[]): XlsxSheet {
  return {
    name,
    rows: table.map((cells, i) => ({
      row: i + 1,
      cells: new Map(cells.map((value, index) => [index, value])),
    })),
  };
}
