import { readFileSync } from "node:fs";
import {
  checkControls,
  decodeText,
  detectDelimiter,
  legacyCodePage,
  parseCsv,
  parseResultsCsv,
  ResultsMapping,
  ruCecMapping,
} from "@scrutiny/domain";
import { describe, expect, it } from "vitest";
import { runForensics } from "../src/report.ts";
import { loadReal } from "./fixtures.ts";

const dataFile = (name: string) => readFileSync(new URL(`./data/${name}`, import.meta.url), "utf8");

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
    expect(detectDelimiter("CLAVE_CASILLA|PAN|PRI\n")).toBe("|");
  });
  it("reads legacy code pages: Cyrillic as Windows-1251, Latin as Windows-1252", () => {
    const cyrillic = Uint8Array.from([
      0xd7, 0xe8, 0xf1, 0xeb, 0xee, 0x2c, 0x20, 0xe2, 0x20, 0xf3, 0xe8, 0xea,
    ]);
    expect(legacyCodePage(cyrillic)).toBe("windows-1251");
    expect(decodeText(cyrillic)).toBe("Число, в уик");
    const latin = Uint8Array.from([0x4d, 0xc9, 0x58, 0x49, 0x43, 0x4f, 0x2c, 0x4c, 0x45, 0xd3, 0x4e]);
    expect(legacyCodePage(latin)).toBe("windows-1252");
    expect(decodeText(latin)).toBe("MÉXICO,LEÓN");
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

  it("excludes stations failing arithmetic by default; keeps and flags them on request", () => {
    const bad = [...good];
    bad[2] = 1001; // received no longer equals issued + cancelled + lost - unaccounted
    const parsed = parseResultsCsv(csv([good, bad]), { preset: "ru-cec" });
    if (!parsed.ok) throw new Error(parsed.error[0]?.message);
    expect(parsed.value.results.stationCount).toBe(1);
    expect(parsed.value.exclusions.list).toEqual([
      {
        line: 3,
        station: "15",
        area: "R",
        reason: "control-failure",
        detail: "ballots-received: 1001 vs 990",
        why: { code: "control_relation", params: { relation: "ballots-received", left: 1001, right: 990 } },
      },
    ]);
    const m = ruCecMapping(header2018);
    if (!m.ok) throw new Error("mapping");
    const kept = parseResultsCsv(csv([good, bad]), { mapping: { ...m.value, controlFailures: "keep" } });
    if (!kept.ok) throw new Error(kept.error[0]?.message);
    expect(kept.value.results.stationCount).toBe(2);
    expect(kept.value.arithmeticFlags).toEqual([
      { station: 1, stationCode: "15", line: 3, relation: "ballots-received", left: 1001, right: 990 },
    ]);
  });
  it("excludes text, negative counts and votes above registered by reason; --strict refuses them", () => {
    const text = [...good];
    text[11] = "n/a"; // a "no value" marker: a missing count
    const word = [...good];
    word[11] = "abc";
    const negative = [...good];
    negative[12] = -5;
    const above = [...good];
    above[13] = 1200;
    const parsed = parseResultsCsv(csv([good, text, word, negative, above]), { preset: "ru-cec" });
    if (!parsed.ok) throw new Error(parsed.error[0]?.message);
    expect(parsed.value.results.stationCount).toBe(1);
    expect(parsed.value.exclusions.list.map((r) => [r.line, r.reason])).toEqual([
      [3, "missing-count"],
      [4, "unreadable-count"],
      [5, "unreadable-count"],
      [6, "votes-above-registered"],
    ]);
    expect(parsed.value.exclusions.byArea?.areas).toEqual([
      {
        area: "R",
        rows: 5,
        excluded: 4,
        byReason: { "missing-count": 1, "unreadable-count": 2, "votes-above-registered": 1 },
      },
    ]);
    const strict = parseResultsCsv(csv([good, text, word, negative, above]), {
      preset: "ru-cec",
      strict: true,
    });
    expect(strict.ok).toBe(false);
    if (strict.ok) return;
    expect(strict.error[0]?.message).toBe(
      "refused (strict): 4 of 5 rows excluded: 1 missing-count, 2 unreadable-count, 1 votes-above-registered",
    );
    expect(strict.error.map((i) => i.line)).toEqual([undefined, 3, 4, 5, 6]);
    expect(strict.error[2]).toMatchObject({ code: "unreadable_count", column: header2018[13] });
  });
  it("reports missing mapped columns and short rows", () => {
    const parsed = parseResultsCsv("a,b\n1,2\n", {
      mapping: ResultsMapping.parse({
        station: "a",
        registered: "b",
        issued: ["c"],
        valid: "b",
        invalid: "b",
        contestants: ["a"],
      }),
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

describe("results files as they come (files of our own)", () => {
  it("a CEC-layout file with protocol-less rows is analysed, the rows counted by reason and region", () => {
    const parsed = parseResultsCsv(dataFile("ru-cec-2018-layout-missing-protocols.csv"), {
      preset: "ru-cec",
    });
    if (!parsed.ok) throw new Error(parsed.error[0]?.message);
    const { results, exclusions } = parsed.value;
    expect(exclusions.rows).toBe(36);
    expect(exclusions.byReason).toMatchObject({ "no-protocol": 6, "missing-count": 1, "control-failure": 1 });
    expect(results.stationCount).toBe(28);
    expect(exclusions.byArea?.areas.map((a) => [a.area, a.excluded])).toEqual([
      // Rows 4, 5, 10 of the north; 13 (a dash), 21-23 of the south; one arithmetic failure in the west.
      ["Южная область", 4],
      ["Северная область", 3],
      ["Западный край", 1],
    ]);
    const report = runForensics(
      results,
      { relations: parsed.value.mapping.controls, flags: parsed.value.arithmeticFlags },
      { skipFingerprint: true, exclusions, leaderRule: parsed.value.leaderRule },
    );
    expect(report.exclusions?.excluded).toBe(8);
    expect(report.exclusions?.first[0]).toMatchObject({ line: 5, reason: "no-protocol" });
    expect(report.exclusions?.reading).toContain("8 of 36 rows were left out");
    expect(report.election.leader).toBe("Путин Владимир Владимирович");
    expect(report.election.leaderNote).toContain("national winner");
  });

  it("a file without valid/invalid columns, NA cells, an unnamed station column and 66 parties", () => {
    const mapping = ResultsMapping.parse({
      station: { index: 0 },
      areas: [
        { name: "province", column: "Province" },
        { name: "district", column: "District" },
      ],
      registered: "Registered voters",
      issued: ["Ballots cast"],
      valid: { sumOfContestants: true },
      invalid: { ballotsMinusValid: "Ballots cast" },
      contestants: { pattern: "^Party \\d+$" },
    });
    const text = dataFile("no-valid-invalid-66-parties.csv");
    const parsed = parseResultsCsv(text, { mapping, leader: "Party 18" });
    if (!parsed.ok) throw new Error(parsed.error[0]?.message);
    const { results, exclusions, mapping: resolved } = parsed.value;
    expect(results.contestants).toHaveLength(66);
    expect(exclusions.byReason).toMatchObject({ "no-protocol": 1, "missing-count": 1, "control-failure": 1 });
    expect(results.stationCount).toBe(57);
    expect(resolved.notes).toEqual([
      "valid ballots = sum of the contestants' votes (no valid column in the file)",
      'invalid ballots = "Ballots cast" − valid',
    ]);
    expect(parsed.value.leaderRule).toBe("named");
    expect(results.contestants[results.leaderIndex]?.name).toBe("Party 18");
    // Derived columns, checked against the file's own cells for the first station.
    const first = parseCsv(text)[1]?.fields ?? [];
    const votes = first.slice(5).reduce((a, v) => a + Number(v), 0);
    expect(results.valid[0]).toBe(votes);
    expect(results.invalid[0]).toBe(Number(first[4]) - votes);
    expect(results.stationCodes[0]).toBe("PS-0001");
    // The same parties by position range instead of pattern.
    const byRange = parseResultsCsv(text, {
      mapping: { ...mapping, contestants: { from: { index: 5 }, except: [] } },
    });
    if (!byRange.ok) throw new Error(byRange.error[0]?.message);
    expect(byRange.value.results.contestants.map((c) => c.name)).toEqual(
      results.contestants.map((c) => c.name),
    );
    expect(byRange.value.leaderRule).toBe("national-winner");
    expect(byRange.value.results.contestants[byRange.value.results.leaderIndex]?.name).toBe("Party 05");
  });

  // The mappings docs/METHODS.md shows for these layouts, verbatim.
  it("Mexico: an INE-layout file (one row per casilla, '|', Windows-1252, coalition columns)", () => {
    const mapping = ResultsMapping.parse({
      station: "CLAVE_CASILLA",
      areas: [
        { name: "entidad", column: "ENTIDAD" },
        { name: "distrito", column: "DISTRITO_FEDERAL" },
      ],
      registered: "LISTA_NOMINAL",
      issued: ["TOTAL_VOTOS_CALCULADOS"],
      valid: { sumOfContestants: true },
      invalid: "VOTOS NULOS",
      contestants: {
        from: "PAN",
        to: "CANDIDATO/A NO REGISTRADO/A",
        except: ["CANDIDATO/A NO REGISTRADO/A"],
      },
      missingValues: ["-", "N/A", "Sin dato", "Ilegible"],
    });
    const bytes = readFileSync(new URL("./data/mx-ine-casillas-layout.csv", import.meta.url));
    const parsed = parseResultsCsv(decodeText(bytes), { mapping });
    if (!parsed.ok) throw new Error(parsed.error[0]?.message);
    const { results, exclusions } = parsed.value;
    expect(results.contestants.map((c) => c.name)).toEqual([
      "PAN",
      "PRI",
      "PRD",
      "PVEM",
      "PT",
      "MC",
      "MORENA",
      "PAN_PRI_PRD",
      "PAN_PRI",
      "PAN_PRD",
      "PRI_PRD",
      "PVEM_PT_MORENA",
      "PVEM_PT",
      "PVEM_MORENA",
      "PT_MORENA",
    ]);
    // The casilla without an acta, the illegible cell, and the casilla especial (lista nominal 0).
    expect(exclusions.byReason).toMatchObject({
      "no-protocol": 1,
      "missing-count": 1,
      "votes-above-registered": 1,
      "control-failure": 0,
    });
    expect(exclusions.rows - results.stationCount).toBe(3);
    expect(results.stationCount).toBe(14);
    expect(results.areaLevels[0]?.labels).toEqual(["MÉXICO", "NUEVO LEÓN"]);
    expect(results.contestants[results.leaderIndex]?.name).toBe("MORENA");
    // Valid = the party and coalition columns, without the unregistered candidates.
    const first = parseCsv(decodeText(bytes))[1]?.fields ?? [];
    expect(results.valid[0]).toBe(first.slice(12, 27).reduce((a, v) => a + Number(v), 0));
    expect(results.invalid[0]).toBe(Number(first[28]));
    expect(results.registered[0]).toBe(Number(first[30]));
  });

  it("Ukraine: a CEC-layout file (protocol lines as columns, a station without a protocol)", () => {
    const mapping = ResultsMapping.parse({
      station: "Номер виборчої дільниці",
      areas: [{ name: "округ", column: "Номер округу" }],
      registered: { contains: "внесених до списку" },
      issued: [{ contains: "бюлетені у приміщенні" }, { contains: "бюлетені за місцем" }],
      valid: { sumOfContestants: true },
      invalid: { contains: "визнаних недійсними" },
      contestants: { pattern: "^Політична партія" },
      controls: [{ id: "issued-within-list", left: ["registered"], relation: ">=", right: ["issued"] }],
    });
    const text = dataFile("ua-cvk-layout.csv");
    const parsed = parseResultsCsv(text, { mapping });
    if (!parsed.ok) throw new Error(parsed.error[0]?.message);
    const { results, exclusions } = parsed.value;
    expect(results.contestants).toHaveLength(5);
    expect(exclusions.byReason).toMatchObject({ "no-protocol": 1, "missing-count": 0, "control-failure": 0 });
    expect(exclusions.rows - results.stationCount).toBe(1);
    expect(results.stationCount).toBe(11);
    expect(results.areaLevels[0]?.labels).toEqual(["211", "212"]);
    expect(results.contestants[results.leaderIndex]?.name).toBe("Політична партія «Слуга народу»");
    const first = parseCsv(text)[1]?.fields ?? [];
    expect(results.ballotsIssued[0]).toBe(Number(first[3]) + Number(first[4]));
    expect(results.valid[0]).toBe(first.slice(6).reduce((a, v) => a + Number(v), 0));
    const report = runForensics(
      results,
      { relations: parsed.value.mapping.controls, flags: parsed.value.arithmeticFlags },
      { skipFingerprint: true, exclusions, leaderRule: parsed.value.leaderRule },
    );
    expect(report.election.leaderNote).toContain("national winner");
  });
});
