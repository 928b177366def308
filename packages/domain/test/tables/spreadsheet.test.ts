import * as XLSX from "@e965/xlsx";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  type ExportTable,
  neutraliseCell,
  parseCsv,
  readXlsx,
  tableFromRecords,
  tablesToXlsx,
  tableToCsv,
} from "../../src/index.ts";

const hostile = '=HYPERLINK("x")';
const table: ExportTable = {
  name: "stations",
  columns: [
    { key: "code", label: "Code" },
    { key: "name", label: "Name" },
    { key: "margin", label: "Margin" },
  ],
  rows: [
    { code: "S-1", name: hostile, margin: -3 },
    { code: "+7", name: "@SUM(A1)", margin: 0.25 },
    { code: "\tTAB", name: "\rCR", margin: null },
    { code: "-2+3", name: "plain, with comma", margin: undefined },
  ],
};

describe("neutraliseCell", () => {
  it("prefixes text that starts like a formula and leaves other text alone", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(neutraliseCell(`${start}1`)).toBe(`'${start}1`);
    expect(neutraliseCell("S-1")).toBe("S-1");
    expect(neutraliseCell("")).toBe("");
  });
});

describe("CSV export", () => {
  it("writes a hostile station name as text and keeps negative numbers as numbers", () => {
    const csv = tableToCsv(table);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const records = parseCsv(csv.slice(1)).map((r) => r.fields);
    expect(records[0]).toEqual(["Code", "Name", "Margin"]);
    expect(records[1]).toEqual(["S-1", `'${hostile}`, "-3"]);
    expect(records[2]).toEqual(["'+7", "'@SUM(A1)", "0.25"]);
    expect(records[3]).toEqual(["'\tTAB", "'\rCR", ""]);
    expect(records[4]).toEqual(["'-2+3", "plain, with comma", ""]);
  });

  it("takes the columns of records from the first row", () => {
    const csv = tableToCsv(tableFromRecords("t", [{ a: "=1", b: 2 }]));
    expect(csv).toBe("\uFEFFa,b\r\n'=1,2\r\n");
  });
});

describe("XLSX export", () => {
  it("writes a hostile station name as a text cell, never a formula, read back by SheetJS", () => {
    const bytes = tablesToXlsx([table]);
    const sheetXml = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"] ?? new Uint8Array());
    expect(sheetXml).not.toContain("<f>");
    const workbook = XLSX.read(bytes, { type: "array" });
    const sheet = workbook.Sheets[workbook.SheetNames[0] ?? ""];
    expect(sheet?.["B2"]?.t).toBe("s");
    expect(sheet?.["B2"]?.v).toBe(`'${hostile}`);
    expect(sheet?.["B2"]?.f).toBeUndefined();
    expect(sheet?.["C2"]?.t).toBe("n");
    expect(sheet?.["C2"]?.v).toBe(-3);
    const ours = readXlsx(bytes);
    expect(ours.ok && ours.value[0]?.rows[1]?.cells.get(1)).toBe(`'${hostile}`);
  });

  it("keeps sheet names within Excel's rules and unique", () => {
    const long = "Indicators by phase: share of stations [all]";
    const bytes = tablesToXlsx([
      { ...table, name: long },
      { ...table, name: long },
    ]);
    const names = XLSX.read(bytes, { type: "array" }).SheetNames;
    expect(names).toHaveLength(2);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]/);
    }
    expect(new Set(names).size).toBe(2);
  });
});
