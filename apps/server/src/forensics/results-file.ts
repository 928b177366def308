// An uploaded official-results file -> parsed columnar results. Accepts CSV (UTF-8 or
// Windows-1251), a .zip holding one CSV, or an .xlsx workbook (its first sheet with data, read by
// the XLSForm reader of @scrutiny/domain and handed to the same CSV parser, one line per sheet
// row so that error lines are the spreadsheet's row numbers).
import {
  csvDataRows,
  DEFAULT_UPLOAD_LIMITS,
  decodeText,
  err,
  type InputIssue,
  isZip,
  ok,
  type ParsedResults,
  parseResultsCsv,
  type Result,
  type ResultsMapping,
  readXlsx,
  tooManyRows,
  type UploadLimits,
  unzipSingleTable,
  type XlsxSheet,
} from "@scrutiny/domain";

export type ResultsFileSpec = { readonly preset: "ru-cec" } | { readonly mapping: ResultsMapping };

/** True for an .xlsx workbook: a zip archive whose parts include the workbook. */
function looksLikeXlsx(bytes: Uint8Array, fileName: string): boolean {
  if (/\.xlsx$/i.test(fileName)) return true;
  if (!isZip(bytes)) return false;
  // The part names are stored in clear in the zip's local headers.
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 65_536)));
  return head.includes("[Content_Types].xml") && head.includes("xl/");
}

function csvField(value: string): string {
  const flat = value.replace(/\r?\n|\r/g, " ");
  return /[",;\t]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
}

/** A sheet as CSV text, line n = sheet row n (blank lines for empty rows). */
export function sheetToCsv(sheet: XlsxSheet): string {
  const lines: string[] = [];
  for (const row of sheet.rows) {
    while (lines.length < row.row - 1) lines.push("");
    let width = 0;
    for (const col of row.cells.keys()) width = Math.max(width, col + 1);
    const fields: string[] = new Array(width);
    for (let c = 0; c < width; c++) fields[c] = csvField(row.cells.get(c) ?? "");
    lines.push(fields.join(","));
  }
  return lines.join("\n");
}

/** Bytes of an uploaded file -> the CSV text to parse, or the reason it cannot be read. */
export function resultsFileText(
  bytes: Uint8Array,
  fileName: string,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Result<string, InputIssue[]> {
  const text = decompressedText(bytes, fileName, limits);
  if (!text.ok) return text;
  const rows = csvDataRows(text.value);
  return rows > limits.maxRows ? err([tooManyRows(limits, rows)]) : text;
}

function decompressedText(
  bytes: Uint8Array,
  fileName: string,
  limits: UploadLimits,
): Result<string, InputIssue[]> {
  if (bytes.length === 0) return err([{ code: "empty_file", message: "the file is empty" }]);
  if (looksLikeXlsx(bytes, fileName)) {
    const sheets = readXlsx(bytes, limits.maxExpandedBytes);
    if (!sheets.ok) return sheets;
    const sheet = sheets.value.find((s) => s.rows.length > 0);
    if (!sheet) return err([{ code: "empty_file", message: "the workbook has no sheet with data" }]);
    return ok(sheetToCsv(sheet));
  }
  if (isZip(bytes)) {
    const inner = unzipSingleTable(bytes, limits);
    if (!inner.ok) return err([inner.error]);
    return ok(decodeText(inner.value.bytes));
  }
  return ok(decodeText(bytes));
}

/** How to parse: the leader to analyse, and whether any excluded row refuses the file. */
export interface ParseChoices {
  readonly leader?: string;
  readonly strict?: boolean;
}

/** Parses an uploaded results file: rows that cannot be analysed are excluded by rule and counted. */
export function parseResultsFile(
  bytes: Uint8Array,
  fileName: string,
  spec: ResultsFileSpec,
  choices: ParseChoices = {},
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Result<ParsedResults, InputIssue[]> {
  const text = resultsFileText(bytes, fileName, limits);
  if (!text.ok) return text;
  return parseResultsCsv(text.value, {
    ...("preset" in spec ? { preset: spec.preset } : { mapping: spec.mapping }),
    ...choices,
  });
}
