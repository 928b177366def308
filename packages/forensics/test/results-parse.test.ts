import { checkControls, detectDelimiter, parseCsv, parseResultsCsv, ruCecMapping } from "@scrutiny/domain";
import { describe, expect, it } from "vitest";
import { loadReal } from "./fixtures.ts";

describe("CSV reader", () => {
  it("handles a BOM, quotes, doubled quotes, embedded newlines and CRLF", () => {
    const rows = parseCsv('\uFEFFa,"b, c","say ""hi"""\r\n1,"two\nlines",3\r\n\r\n');
    expect(rows).toEqual([
      { fields: ["a", "b, c", 'say "hi"'], line: 1 },
      { fields: ["1", "two\nlines", "3"], line: 2 },
    ]);
  });
  it("detects semicolons and tabs", () => {
    expect(detectDelimiter('a;b;"c,d"\n')).toBe(";");
    expect(detectDelimiter("a\tb\tc\n")).toBe("\t");
    expect(detectDelimiter("a,b\n")).toBe(",");
  });
});

const header2018 = [
  "region",
  "tik",
  "uik",
  "Число избирателей, включенных в список избирателей",
  "Число избирательных бюллетеней, полученных участковой избирательной комиссией",
  "Число избирательных бюллетеней, выданных избирателям, проголосовавшим досрочно",
  "Число избирательных бюллетеней, выданных в помещении для голосования в день голосования",
  "Число избирательных бюллетеней, выданных вне помещения для голосования в день голосования",
  "Число погашенных избирательных бюллетеней",
  "Число избирательных бюллетеней в переносных ящиках для голосования",
  "Число бюллетеней в стационарных ящиках для голосования",
  "Число недействительных избирательных бюллетеней",
  "Число действительных избирательных бюллетеней",
  "Число утраченных избирательных бюллетеней",
  "Число избирательных бюллетеней, не учтенных при получении",
  "Кандидат А",
  "Кандидат Б",
  "url",
];

describe("ru-cec preset", () => {
  it("finds columns by wording, with or without level/oik columns, in any order", () => {
    const shuffled = ["level", ...header2018.slice(0, 2), "oik", ...header2018.slice(2)];
    const m = ruCecMapping(shuffled);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.value.contestants).toEqual([{ index: 17 }, { index: 18 }]);
    expect(m.value.areas.map((a) => a.name)).toEqual(["region", "oik", "tik"]);
  });
  it("reports the protocol lines it cannot find", () => {
    const m = ruCecMapping(["region", "uik", "Кандидат"]);
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.error.map((i) => i.column)).toContain("registered");
  });
  it("reads both real files with the published totals and no arithmetic failures", () => {
    const a = loadReal("russia-2011-duma");
    const b = loadReal("russia-2018-president");
    expect(a.results.stationCount).toBe(95225);
    expect(b.results.stationCount).toBe(97699);
    const sum = (x: Int32Array) => x.reduce((s, v) => s + v, 0);
    expect(sum(a.results.registered)).toBe(109229337);
    expect(sum(b.results.registered)).toBe(109008428);
    expect(a.results.contestants[a.results.leaderIndex]?.name).toContain("ЕДИНАЯ РОССИЯ");
    expect(b.results.contestants[b.results.leaderIndex]?.name).toBe("Путин Владимир Владимирович");
    expect(a.arithmeticFlags).toHaveLength(0);
    expect(b.mapping.controls.map((c) => c.id)).toContain("ballots-received");
  });
});

describe("parseResultsCsv validation", () => {
  const row = (cells: (string | number)[]) => cells.join(",");
  const good = [15, 1000, 990, 0, 600, 20, 370, 20, 580, 30, 570, 0, 0, 300, 270, "http://x"];
  const csv = (rows: (string | number)[][]) =>
    [header2018.map((h) => `"${h}"`).join(","), ...rows.map((r) => row(["R", "T", ...r]))].join("\n");

  it("keeps stations failing arithmetic and flags them with both sides", () => {
    const bad = [...good];
    bad[2] = 1001; // received no longer equals issued + cancelled + lost - unaccounted
    const parsed = parseResultsCsv(csv([good, bad]), { preset: "ru-cec" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.results.stationCount).toBe(2);
    expect(parsed.value.arithmeticFlags).toEqual([
      { station: 1, stationCode: "15", line: 3, relation: "ballots-received", left: 1001, right: 990 },
    ]);
  });
  it("rejects text, negative counts and votes above registered with line and column", () => {
    const text = [...good];
    text[11] = "n/a";
    const negative = [...good];
    negative[12] = -5;
    const above = [...good];
    above[13] = 1200;
    const parsed = parseResultsCsv(csv([text, negative, above]), { preset: "ru-cec" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byCode = Object.fromEntries(parsed.error.map((i) => [i.code, i]));
    expect(byCode["not_a_number"]).toMatchObject({ line: 2, column: header2018[13] });
    expect(byCode["negative_count"]).toMatchObject({ line: 3, column: header2018[14] });
    expect(byCode["votes_above_registered"]).toMatchObject({ line: 4, column: "Кандидат А" });
  });
  it("reports missing mapped columns and short rows", () => {
    const parsed = parseResultsCsv("a,b\n1,2\n", {
      mapping: {
        station: "a",
        areas: [],
        registered: "b",
        issued: ["c"],
        valid: "b",
        invalid: "b",
        contestants: ["a"],
        lines: [],
        controls: [],
      },
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error[0]?.code).toBe("missing_column");
  });
  it("rejects control relations over unknown lines", () => {
    const parsed = loadReal("russia-2018-president");
    const r = checkControls(parsed.results, [
      { id: "x", left: ["nothing"], relation: "=", right: ["valid"] },
    ]);
    expect(r.ok).toBe(false);
  });
});
