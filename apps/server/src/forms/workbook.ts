// An uploaded form workbook as cell grids: .xlsx through the domain's own reader, the legacy
// binary .xls (what Apollo and older ODK tools export) through SheetJS (@e965/xlsx, the
// maintained community build). SheetJS stays on the server: the observers' and analysts' apps
// read .xlsx only, and SheetJS would add ~400 kB to them.

import * as XLSX from "@e965/xlsx";
import {
  err,
  type ImportedXlsForm,
  importXlsForm,
  importXlsFormSheets,
  ok,
  type Result,
  type XlsFormImportOptions,
  type XlsFormIssue,
  type XlsxSheet,
} from "@scrutiny/domain";

/** The OLE2 compound-file signature every BIFF .xls starts with. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isLegacyXls(bytes: Uint8Array): boolean {
  return OLE2.every((byte, i) => bytes[i] === byte);
}

/** Every sheet of an .xls workbook, each cell as the text it shows, rows numbered as in Excel. */
export function readXls(bytes: Uint8Array): Result<XlsxSheet[], XlsFormIssue[]> {
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, { type: "array", cellDates: false, dense: false });
  } catch (error) {
    return err([
      {
        severity: "error",
        code: "not_xls",
        message: `not a readable .xls workbook (${String(error).slice(0, 120)})`,
      },
    ]);
  }
  const sheets = book.SheetNames.map((name): XlsxSheet => {
    const sheet = book.Sheets[name];
    const grid: unknown[][] =
      sheet === undefined ? [] : XLSX.utils.sheet_to_json(sheet, { header: 1, raw: true, blankrows: true });
    // sheet_to_json starts at the sheet's used range; row numbers are Excel's.
    const firstRow = sheet?.["!ref"] === undefined ? 0 : XLSX.utils.decode_range(sheet["!ref"]).s.r;
    const firstColumn = sheet?.["!ref"] === undefined ? 0 : XLSX.utils.decode_range(sheet["!ref"]).s.c;
    const rows = grid.flatMap((cells, index) => {
      const map = new Map<number, string>();
      cells.forEach((value, column) => {
        if (value === undefined || value === null || value === "") return;
        map.set(
          firstColumn + column,
          typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : String(value),
        );
      });
      return map.size === 0 ? [] : [{ row: firstRow + index + 1, cells: map }];
    });
    return { name, rows };
  });
  return ok(sheets);
}

/** An XLSForm (or Apollo) workbook, .xlsx or .xls, with the files uploaded beside it. */
export function importFormWorkbook(
  bytes: Uint8Array,
  options: XlsFormImportOptions = {},
): Result<ImportedXlsForm, XlsFormIssue[]> {
  if (!isLegacyXls(bytes)) return importXlsForm(bytes, options);
  const sheets = readXls(bytes);
  return sheets.ok ? importXlsFormSheets(sheets.value, options) : sheets;
}
