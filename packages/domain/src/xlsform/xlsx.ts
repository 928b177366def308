// Reading and writing .xlsx workbooks as plain cell grids, from and to bytes.
//
// Library choice: fflate (MIT, no dependencies, ~30 kB, pure JS, maintained)
// does the ZIP (deflate) part in both the browser and Node; the OOXML parts
// are small enough to read and write here. Alternatives rejected: SheetJS'
// npm `xlsx` stops at 0.18.5 (2022) with known advisories, and exceljs is
// large and leans on Node streams.
//
// Reading: every sheet's cells as strings (numbers in their shortest JS form,
// booleans as TRUE/FALSE, shared and inline strings, cached formula results),
// with 1-based row numbers and column letters kept for error locations.
// Writing: inline strings and numbers, no styles beyond the minimum, a fixed
// ZIP timestamp, so the same workbook always gives the same bytes.
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { err, type InputIssue, ok, type Result } from "../common/result.ts";
import {
  attrByLocalName,
  childElements,
  escapeOoxmlText,
  escapeXml,
  firstChild,
  parseXml,
  textContent,
  unescapeOoxmlText,
  XmlError,
} from "./xml.ts";

export interface XlsxRow {
  /** 1-based row number as shown by spreadsheet programs. */
  readonly row: number;
  /** Cell values by 0-based column index; empty cells absent. */
  readonly cells: ReadonlyMap<number, string>;
}

export interface XlsxSheet {
  readonly name: string;
  readonly rows: readonly XlsxRow[];
}

export type XlsxCell = string | number | undefined;

export interface XlsxSheetInput {
  readonly name: string;
  readonly rows: readonly (readonly XlsxCell[])[];
}

/** "A" for 0, "Z" for 25, "AA" for 26. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const MAX_UNCOMPRESSED = 64 * 1024 * 1024;
const PHONETIC = new Set(["rPh", "phoneticPr"]);

function normalizeNumber(text: string): string {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? String(n) : text;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function readRelationships(files: Record<string, Uint8Array>, path: string): Map<string, string> {
  const slash = path.lastIndexOf("/");
  const relsPath = `${path.slice(0, slash + 1)}_rels/${path.slice(slash + 1)}.rels`;
  const bytes = files[relsPath];
  const out = new Map<string, string>();
  if (bytes === undefined) return out;
  for (const rel of childElements(parseXml(strFromU8(bytes)), "Relationship")) {
    const id = rel.attrs["Id"];
    const target = rel.attrs["Target"];
    if (id !== undefined && target !== undefined && rel.attrs["TargetMode"] !== "External")
      out.set(id, resolveTarget(path, target));
  }
  return out;
}

function readCell(cell: ReturnType<typeof parseXml>, shared: readonly string[]): string | undefined {
  const type = cell.attrs["t"] ?? "n";
  if (type === "inlineStr") {
    const is = firstChild(cell, "is");
    return is === undefined ? undefined : unescapeOoxmlText(textContent(is, PHONETIC));
  }
  const v = firstChild(cell, "v");
  if (v === undefined) return undefined;
  const raw = textContent(v);
  switch (type) {
    case "s":
      return shared[Number(raw)] ?? "";
    case "str":
      return unescapeOoxmlText(raw);
    case "b":
      return raw.trim() === "1" ? "TRUE" : "FALSE";
    case "e":
    case "d":
      return raw;
    default:
      return normalizeNumber(raw);
  }
}

function readSheet(name: string, xml: string, shared: readonly string[]): XlsxSheet {
  const root = parseXml(xml);
  const data = firstChild(root, "sheetData");
  const rows: XlsxRow[] = [];
  if (data === undefined) return { name, rows };
  let nextRow = 1;
  for (const rowEl of childElements(data, "row")) {
    const r = Number(rowEl.attrs["r"] ?? nextRow);
    nextRow = r + 1;
    const cells = new Map<number, string>();
    let nextCol = 0;
    for (const c of childElements(rowEl, "c")) {
      const ref = c.attrs["r"];
      const m = ref === undefined ? null : /^([A-Za-z]+)/.exec(ref);
      const col = m?.[1] !== undefined ? columnIndex(m[1]) : nextCol;
      nextCol = col + 1;
      const value = readCell(c, shared);
      if (value !== undefined && value !== "") cells.set(col, value);
    }
    if (cells.size > 0) rows.push({ row: r, cells });
  }
  return { name, rows };
}

/** Reads every worksheet of an .xlsx file, in workbook order. */
export function readXlsx(
  bytes: Uint8Array,
  maxExpandedBytes: number = MAX_UNCOMPRESSED,
): Result<XlsxSheet[], InputIssue[]> {
  let files: Record<string, Uint8Array>;
  try {
    let total = 0;
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > maxExpandedBytes) throw new RangeError("too large");
        return f.name.endsWith(".xml") || f.name.endsWith(".rels");
      },
    });
  } catch (e) {
    if (e instanceof RangeError) {
      return err([
        {
          code: "too_large",
          params: { mib: maxExpandedBytes / 1024 / 1024 },
          message: `the workbook expands to more than ${maxExpandedBytes / 1024 / 1024} MiB`,
        },
      ]);
    }
    return err([
      { code: "not_xlsx", params: { what: "zip" }, message: "not an .xlsx file (it is not a ZIP archive)" },
    ]);
  }
  try {
    const rootRels = readRelationships(files, "");
    const workbookPath =
      [...rootRels.values()].find((p) => p.endsWith("workbook.xml")) ??
      (files["xl/workbook.xml"] !== undefined ? "xl/workbook.xml" : undefined);
    const workbookBytes = workbookPath === undefined ? undefined : files[workbookPath];
    if (workbookPath === undefined || workbookBytes === undefined)
      return err([
        {
          code: "not_xlsx",
          params: { what: "workbook" },
          message: "the file has no workbook part (xl/workbook.xml)",
        },
      ]);
    const rels = readRelationships(files, workbookPath);
    const workbook = parseXml(strFromU8(workbookBytes));

    const shared: string[] = [];
    const sharedPath =
      [...rels.values()].find((p) => p.endsWith("sharedStrings.xml")) ??
      resolveTarget(workbookPath, "sharedStrings.xml");
    const sharedBytes = files[sharedPath];
    if (sharedBytes !== undefined) {
      for (const si of childElements(parseXml(strFromU8(sharedBytes)), "si"))
        shared.push(unescapeOoxmlText(textContent(si, PHONETIC)));
    }

    const sheetsEl = firstChild(workbook, "sheets");
    const sheets: XlsxSheet[] = [];
    for (const s of sheetsEl === undefined ? [] : childElements(sheetsEl, "sheet")) {
      const name = s.attrs["name"] ?? `Sheet${sheets.length + 1}`;
      const rid = attrByLocalName(s, "id", true);
      const path = rid === undefined ? undefined : rels.get(rid);
      const sheetBytes = path === undefined ? undefined : files[path];
      if (sheetBytes === undefined) continue; // chart sheets and the like
      sheets.push(readSheet(name, strFromU8(sheetBytes), shared));
    }
    return ok(sheets);
  } catch (e) {
    if (e instanceof XmlError)
      return err([{ code: "invalid_xlsx", message: `malformed workbook XML: ${e.message}` }]);
    throw e;
  }
}

const CONTENT_TYPES = (n: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${Array.from(
    { length: n },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("")}</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function sheetXml(sheet: XlsxSheetInput): string {
  const rows = sheet.rows
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          if (v === undefined || v === "") return "";
          const ref = `${columnLetter(c)}${r + 1}`;
          const style = r === 0 ? ' s="1"' : "";
          if (typeof v === "number") return `<c r="${ref}"${style}><v>${String(v)}</v></c>`;
          return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeOoxmlText(v)}</t></is></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${rows}</sheetData></worksheet>`;
}

/** Writes sheets of strings and numbers; the first row of each is styled as a header. */
export function writeXlsx(sheets: readonly XlsxSheetInput[]): Uint8Array {
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
    .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("")}</sheets></workbook>`;
  const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join(
      "",
    )}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
  // A fixed timestamp keeps the output byte-for-byte reproducible.
  const mtime = new Date(Date.UTC(2000, 0, 1));
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    "[Content_Types].xml": [strToU8(CONTENT_TYPES(sheets.length)), { mtime }],
    "_rels/.rels": [strToU8(ROOT_RELS), { mtime }],
    "xl/workbook.xml": [strToU8(workbook), { mtime }],
    "xl/_rels/workbook.xml.rels": [strToU8(workbookRels), { mtime }],
    "xl/styles.xml": [strToU8(STYLES), { mtime }],
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = [strToU8(sheetXml(s)), { mtime }];
  });
  return zipSync(files, { level: 6 });
}
