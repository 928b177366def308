// The mapping step's preview: the first rows of a file in any supported container, and the same
// rows read through a mapping with derived valid and invalid columns.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { mapPreview, previewResultsTable, ResultsMapping } from "../../src/index.ts";
import { writeXlsx } from "../../src/xlsform/xlsx.ts";

const rows = [
  ["", "Oblast", "Voters", "Given out", "List A", "List B", "Memo"],
  ["U1", "North", "900", "500", "300", "195", "x"],
  ["U2", "North", "800", "NA", "NA", "NA", ""],
  ["U3", "South", "700", "400", "250", "150", ""],
];
const csv = rows.map((r) => r.join(";")).join("\r\n");

describe("previewResultsTable", () => {
  it("reads the header and first rows of a CSV, a zipped CSV and an .xlsx alike", () => {
    const fromCsv = previewResultsTable(new TextEncoder().encode(`\uFEFF${csv}`), "r.csv", 2);
    const zipped = zipSync({ "inner/results.csv": new TextEncoder().encode(csv) });
    const fromZip = previewResultsTable(zipped, "r.zip", 2);
    const fromXlsx = previewResultsTable(writeXlsx([{ name: "s", rows }]), "r.xlsx", 2);
    for (const p of [fromCsv, fromZip, fromXlsx]) {
      if (!p.ok) throw new Error(p.error.message);
      expect(p.value.header).toEqual(rows[0]);
      expect(p.value.rows).toEqual([rows[1], rows[2]]);
    }
  });
  it("cuts a long CSV at a line end and says why an unreadable file cannot be previewed", () => {
    const long = `${csv}\n${"U9;East;1;1;1;0;\n".repeat(40_000)}`;
    const p = previewResultsTable(new TextEncoder().encode(long), "long.csv", 3);
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.rows).toHaveLength(3);
    const empty = previewResultsTable(new Uint8Array(0), "empty.csv");
    expect(empty.ok).toBe(false);
    const broken = previewResultsTable(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), "broken.zip");
    expect(broken.ok).toBe(false);
  });
});

describe("mapPreview", () => {
  const preview = previewResultsTable(new TextEncoder().encode(csv), "r.csv");
  if (!preview.ok) throw new Error(preview.error.message);
  it("derives valid as the candidates' sum and invalid as ballots minus valid; NA reads as no value", () => {
    const mapping = ResultsMapping.parse({
      station: { index: 0 },
      areas: [{ name: "oblast", column: "Oblast" }],
      registered: "Voters",
      issued: [{ index: 3 }],
      valid: { sumOfContestants: true },
      invalid: { ballotsMinusValid: { index: 3 } },
      contestants: { pattern: "^list " },
    });
    const mapped = mapPreview(preview.value, mapping);
    if (!mapped.ok) throw new Error(mapped.error[0]?.message);
    expect(mapped.value.resolved.contestants.map((c) => c.header)).toEqual(["List A", "List B"]);
    expect(mapped.value.rows[0]).toEqual({
      station: "U1",
      registered: 900,
      ballots: 500,
      valid: 495,
      invalid: 5,
      contestants: 2,
    });
    expect(mapped.value.rows[1]).toMatchObject({ station: "U2", ballots: null, valid: null, invalid: null });
    expect(mapped.value.resolved.notes.join(" ")).toContain("sum of the contestants");
  });
  it("names the columns a mapping cannot find", () => {
    const mapping = ResultsMapping.parse({
      station: { index: 0 },
      registered: "Electors",
      issued: [{ index: 3 }],
      valid: { sumOfContestants: true },
      invalid: { index: 40 },
      contestants: { pattern: "^cand" },
    });
    const mapped = mapPreview(preview.value, mapping);
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    const text = mapped.error.map((i) => i.message).join("; ");
    expect(text).toContain('no column "Electors"');
    expect(text).toContain("column 40 does not exist");
  });
});
