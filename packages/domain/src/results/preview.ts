// The first rows of a results file and what a mapping makes of them: the web upload's mapping
// step shows both before anything is sent (pure; the browser reads the file itself).
import { err, type InputIssue, ok, type Result } from "../common/result.ts";
import { readXlsx } from "../xlsform/xlsx.ts";
import { parseCsv, stripBom } from "./csv.ts";
import { decodeText, isZip, unzipSingleTable } from "./decode.ts";
import { type ResolvedMapping, type ResultsMapping, resolveMapping } from "./mapping.ts";
import { parseCount } from "./parse.ts";

export interface TablePreview {
  readonly header: readonly string[];
  /** The first data rows, as text. */
  readonly rows: readonly (readonly string[])[];
}

/** Characters of a CSV read for a preview (the whole file is read on upload). */
const PREVIEW_CHARS = 256 * 1024;

/** Header and first `count` rows of a CSV, a zip holding one CSV, or an .xlsx (first sheet with data). */
export function previewResultsTable(
  bytes: Uint8Array,
  fileName: string,
  count = 5,
): Result<TablePreview, InputIssue> {
  let records: string[][];
  if (isZip(bytes) && /\.xlsx$/i.test(fileName)) {
    const sheets = readXlsx(bytes);
    if (!sheets.ok) return err(sheets.error[0] ?? { code: "unreadable", message: "unreadable workbook" });
    const sheet = sheets.value.find((s) => s.rows.length > 0);
    if (!sheet) return err({ code: "empty", message: "the workbook has no rows" });
    // Empty cells are absent from a sheet: every row as wide as the widest of the preview.
    const picked = sheet.rows.slice(0, count + 1);
    let width = 0;
    for (const r of picked) for (const c of r.cells.keys()) width = Math.max(width, c + 1);
    records = picked.map((r) => Array.from({ length: width }, (_, c) => r.cells.get(c) ?? ""));
  } else {
    let table = bytes;
    if (isZip(bytes)) {
      const inner = unzipSingleTable(bytes);
      if (!inner.ok) return err(inner.error);
      table = inner.value.bytes;
    }
    let text = stripBom(decodeText(table.subarray(0, PREVIEW_CHARS)));
    // Cut at the last line end so a record is never read half.
    if (table.length > PREVIEW_CHARS) text = text.slice(0, Math.max(0, text.lastIndexOf("\n")));
    records = parseCsv(text)
      .slice(0, count + 1)
      .map((r) => r.fields);
  }
  const [header, ...rows] = records;
  if (!header) return err({ code: "empty", message: "the file has no header row" });
  return ok({ header, rows });
}

/** One preview row as the mapping reads it (derived columns computed as on upload). */
export interface MappedRow {
  readonly station: string;
  readonly registered: number | null;
  readonly ballots: number | null;
  readonly valid: number | null;
  readonly invalid: number | null;
  readonly contestants: number;
}

/** The mapping resolved against the preview's header, and its reading of the preview rows. */
export function mapPreview(
  preview: TablePreview,
  mapping: ResultsMapping,
): Result<{ resolved: ResolvedMapping; rows: MappedRow[] }, InputIssue[]> {
  const resolved = resolveMapping(preview.header, mapping);
  if (!resolved.ok) return resolved;
  const m = resolved.value;
  const missing = new Set(m.missingValues.map((v) => v.trim().toLowerCase()));
  const count = (row: readonly string[], index: number): number | null => {
    const cell = (row[index] ?? "").trim();
    if (missing.has(cell.toLowerCase())) return null;
    const v = parseCount(cell);
    return v >= 0 ? v : null;
  };
  const sum = (row: readonly string[], columns: readonly { index: number }[]): number | null => {
    let total = 0;
    for (const c of columns) {
      const v = count(row, c.index);
      if (v === null) return null;
      total += v;
    }
    return total;
  };
  const rows = preview.rows.map((row) => {
    const valid = m.valid ? count(row, m.valid.index) : sum(row, m.contestants);
    const ballots = sum(row, m.ballots);
    const invalid = m.invalid
      ? count(row, m.invalid.index)
      : ballots !== null && valid !== null
        ? ballots - valid
        : null;
    return {
      station: row[m.station.index] ?? "",
      registered: count(row, m.registered.index),
      ballots: sum(row, m.issued),
      valid,
      invalid,
      contestants: m.contestants.length,
    };
  });
  return ok({ resolved: m, rows });
}
