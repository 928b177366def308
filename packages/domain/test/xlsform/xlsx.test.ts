import { describe, expect, it } from "vitest";
import { columnIndex, columnLetter, readXlsx, writeXlsx } from "../../src/xlsform/index.ts";

describe("xlsx read/write", () => {
  it("maps column letters both ways", () => {
    for (const [i, l] of [
      [0, "A"],
      [25, "Z"],
      [26, "AA"],
      [51, "AZ"],
      [52, "BA"],
      [701, "ZZ"],
      [702, "AAA"],
    ] as const) {
      expect(columnLetter(i)).toBe(l);
      expect(columnIndex(l)).toBe(i);
    }
  });

  it("round-trips text (any script, XML specials, control characters, literal _x0041_) and numbers", () => {
    const tricky = [
      "Выборы 2024",
      "a & b < c > d \"q\" 'x'",
      "line\nbreak\ttab",
      "bell\u0007",
      "_x0041_ stays",
      "  spaced  ",
    ];
    const bytes = writeXlsx([
      { name: "survey", rows: [["type", "name"], ...tricky.map((t) => ["text", t])] },
      { name: "numbers", rows: [["n"], [5], [2.5], [-1]] },
    ]);
    const r = readXlsx(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [survey, numbers] = r.value;
    expect(survey?.name).toBe("survey");
    expect(survey?.rows.slice(1).map((row) => row.cells.get(1))).toEqual(tricky);
    expect(survey?.rows.map((row) => row.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(numbers?.rows.slice(1).map((row) => row.cells.get(0))).toEqual(["5", "2.5", "-1"]);
  });

  it("writes the same bytes for the same workbook", () => {
    const sheets = [{ name: "survey", rows: [["type"], ["text"]] }];
    expect(writeXlsx(sheets)).toEqual(writeXlsx(sheets));
  });

  it("reports a file that is not an xlsx", () => {
    const r = readXlsx(new TextEncoder().encode("type,name\ntext,q1\n"));
    expect(r.ok ? [] : r.error.map((i) => i.code)).toEqual(["not_xlsx"]);
  });
});
