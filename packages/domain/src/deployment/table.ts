// A tabular upload (CSV or XLSX) as a header and numbered rows, read with the existing readers:
// the results CSV reader (delimiter detection, BOM, CRLF, quotes, UTF-8 or Windows-1251) and the
// XLSForm XLSX reader. Line numbers are the ones a spreadsheet shows, for error messages.
import type { IssueParams } from "../common/issue-params.ts";
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";
import {
  csvDataRows,
  DEFAULT_UPLOAD_LIMITS,
  tooManyRows,
  type UploadLimits,
} from "../common/upload-limits.ts";
import { type CsvDelimiter, detectDelimiter, forEachCsvRecord, stripBom } from "../results/csv.ts";
import { decodeText, isZip } from "../results/decode.ts";
import { readXlsx } from "../xlsform/xlsx.ts";

export interface TableRow {
  /** 1-based line (CSV) or row (XLSX) number, as a person sees it. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface Table {
  readonly format: "csv" | "xlsx";
  readonly delimiter: CsvDelimiter | null;
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly rows: readonly TableRow[];
}

export interface ReadTableOptions {
  readonly delimiter?: CsvDelimiter;
  /** Worksheet name for XLSX; default the first sheet with cells. */
  readonly sheet?: string;
  /** Decompressed size and row caps (default DEFAULT_UPLOAD_LIMITS). */
  readonly limits?: UploadLimits;
}

/** Reads CSV or XLSX bytes (told apart by their content) into a header and rows. */
export function readTable(bytes: Uint8Array, options: ReadTableOptions = {}): Result<Table, InputIssue[]> {
  if (isZip(bytes)) return readXlsxTable(bytes, options);
  return readCsvTable(decodeText(bytes), options);
}

export function readCsvTable(input: string, options: ReadTableOptions = {}): Result<Table, InputIssue[]> {
  const text = stripBom(input);
  if (text.trim() === "") return err([{ line: 1, code: "empty_file", message: "the file is empty" }]);
  const limits = options.limits ?? DEFAULT_UPLOAD_LIMITS;
  const rowCount = csvDataRows(text);
  if (rowCount > limits.maxRows) return err([tooManyRows(limits, rowCount)]);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const issues: InputIssue[] = [];
  const records: TableRow[] = [];
  forEachCsvRecord(text, (fields, line) => records.push({ line, fields }), {
    delimiter,
    onUnterminatedQuote: (line) =>
      issues.push({ line, code: "unterminated_quote", message: "a quoted field is never closed" }),
  });
  if (issues.length > 0) return err(issues);
  const [head, ...rows] = records;
  if (head === undefined) return err([{ line: 1, code: "empty_file", message: "the file is empty" }]);
  return ok({
    format: "csv",
    delimiter,
    header: head.fields.map((h) => h.trim()),
    headerLine: head.line,
    rows,
  });
}

function readXlsxTable(bytes: Uint8Array, options: ReadTableOptions): Result<Table, InputIssue[]> {
  const limits = options.limits ?? DEFAULT_UPLOAD_LIMITS;
  const read = readXlsx(bytes, limits.maxExpandedBytes);
  if (!read.ok) return read;
  const sheet =
    options.sheet === undefined
      ? read.value.find((s) => s.rows.length > 0)
      : read.value.find((s) => s.name === options.sheet);
  if (sheet === undefined) {
    return err([
      options.sheet === undefined
        ? { line: 1, code: "empty_file", message: "the workbook has no cells" }
        : {
            code: "missing_sheet",
            message: `the workbook has no sheet "${options.sheet}"`,
            params: { sheet: options.sheet },
          },
    ]);
  }
  if (sheet.rows.length - 1 > limits.maxRows) return err([tooManyRows(limits, sheet.rows.length - 1)]);
  const [head, ...rest] = sheet.rows;
  if (head === undefined) return err([{ line: 1, code: "empty_file", message: "the sheet is empty" }]);
  const width = Math.max(0, ...sheet.rows.map((row) => Math.max(-1, ...row.cells.keys()) + 1));
  const fieldsOf = (cells: ReadonlyMap<number, string>) =>
    Array.from({ length: width }, (_, i) => cells.get(i) ?? "");
  const header = fieldsOf(head.cells).map((h) => h.trim());
  // Trailing empty header cells are not columns.
  while (header.length > 0 && header[header.length - 1] === "") header.pop();
  return ok({
    format: "xlsx",
    delimiter: null,
    header,
    headerLine: head.row,
    rows: rest.map((row) => ({ line: row.row, fields: fieldsOf(row.cells).slice(0, header.length) })),
  });
}

/** Explains a one-column header: almost always a separator the reader did not recognise. */
export function delimiterHint(table: Table): InputIssue | undefined {
  if (table.format !== "csv" || table.header.length !== 1) return undefined;
  const only = table.header[0] ?? "";
  const suspect = ["|", ",", ";", "\t", ":"].find((c) => c !== table.delimiter && only.includes(c));
  const name = (c: string) => (c === "\t" ? "tab" : `"${c}"`);
  const supported = suspect === "," || suspect === ";" || suspect === "\t" || suspect === "|";
  const params: IssueParams =
    suspect === undefined
      ? { what: "single_column" }
      : {
          what: supported ? "other_delimiter" : "unsupported_delimiter",
          found: name(suspect),
          delimiter: name(table.delimiter ?? ","),
        };
  return {
    line: table.headerLine,
    code: "wrong_delimiter",
    params,
    message:
      suspect === undefined
        ? "the header has a single column: is the file separated by commas, semicolons or tabs?"
        : supported
          ? `the header has a single column; it looks separated by ${name(suspect)}, not ${name(table.delimiter ?? ",")}`
          : `the header has a single column; it looks separated by ${name(suspect)}, which is not supported: save it with commas, semicolons or tabs`,
  };
}
