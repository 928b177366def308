// CSV of a data package: RFC 4180, UTF-8 without byte-order mark, CRLF, every value exactly as
// written (no spreadsheet-formula neutralising: a published file must read back byte for byte).
import { forEachCsvRecord } from "@scrutiny/domain";

function field(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => `${row.map(field).join(",")}\r\n`).join("");
}

export interface CsvTable {
  readonly header: string[];
  /** Records after the header, each with its 1-based line. */
  readonly rows: { readonly fields: string[]; readonly line: number }[];
}

export function readCsv(text: string): CsvTable {
  const records: { fields: string[]; line: number }[] = [];
  forEachCsvRecord(text, (fields, line) => records.push({ fields, line }), { delimiter: "," });
  const [head, ...rows] = records;
  return { header: head?.fields ?? [], rows };
}

/** Numbers as Table Schema writes them; the shortest text that reads back as the same double. */
export function numberText(value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "INF";
  if (value === Number.NEGATIVE_INFINITY) return "-INF";
  return String(value);
}

export function readNumber(text: string): number | null {
  if (text === "") return null;
  if (text === "NaN") return Number.NaN;
  if (text === "INF") return Number.POSITIVE_INFINITY;
  if (text === "-INF") return Number.NEGATIVE_INFINITY;
  return Number(text);
}
