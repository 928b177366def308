// Tables leaving the platform as CSV or XLSX. One rule for every export, on the server and in the
// browser: a text cell that a spreadsheet would read as a formula is neutralised (OWASP, "CSV
// Injection"): cells beginning with =, +, -, @, a tab or a carriage return get a leading
// apostrophe, which spreadsheet programs show as text and do not evaluate. Numbers stay numbers
// (a negative number is data, not a formula).
import { writeXlsx, type XlsxCell } from "../xlsform/xlsx.ts";

/** A cell of an exported table; null and undefined are empty. */
export type TableCell = string | number | boolean | null | undefined;

export interface TableColumn {
  /** Key of the cell in each row. */
  readonly key: string;
  /** Header shown in the first row. */
  readonly label: string;
}

/** A table to export: named columns and rows keyed by column. */
export interface ExportTable {
  /** Stable name to ask for this table alone (a repeat's name, an analysis table's kind). */
  readonly id?: string;
  /** Sheet name in a workbook (shortened to Excel's 31 characters). */
  readonly name: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly Readonly<Record<string, TableCell>>[];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would evaluate as a formula, made inert. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(value: TableCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return neutraliseCell(value);
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 byte-order mark (so spreadsheet programs read Cyrillic right). */
export function tableToCsv(table: Pick<ExportTable, "columns" | "rows">): string {
  const lines = [
    table.columns.map((c) => csvField(neutraliseCell(c.label))).join(","),
    ...table.rows.map((row) => table.columns.map((c) => csvField(cellText(row[c.key]))).join(",")),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Rows whose keys are the columns (the first row's keys, in order) as a table. */
export function tableFromRecords(
  name: string,
  rows: readonly Readonly<Record<string, TableCell>>[],
): ExportTable {
  const keys = Object.keys(rows[0] ?? {});
  return { name, columns: keys.map((key) => ({ key, label: key })), rows };
}

function xlsxCell(value: TableCell): XlsxCell {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  const text = cellText(value);
  return text === "" ? undefined : text;
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetNames(tables: readonly ExportTable[]): string[] {
  const used = new Set<string>();
  return tables.map((table, i) => {
    const base =
      table.name
        .replace(/[:\\/?*[\]]/g, " ")
        .trim()
        .slice(0, 31) || `Sheet ${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++)
      name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** A workbook with one sheet per table; every text cell is written as text, never a formula. */
export function tablesToXlsx(tables: readonly ExportTable[]): Uint8Array {
  const names = sheetNames(tables);
  return writeXlsx(
    tables.map((table, i) => ({
      name: names[i] ?? table.name,
      rows: [
        table.columns.map((c) => neutraliseCell(c.label)),
        ...table.rows.map((row) => table.columns.map((c) => xlsxCell(row[c.key]))),
      ],
    })),
  );
}
