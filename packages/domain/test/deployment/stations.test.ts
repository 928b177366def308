import { describe, expect, it } from "vitest";
import {
  normalizePhone,
  parseRoster,
  parseStations,
  readCsvTable,
  readTable,
  type StationMappingInput,
  suggestStationMapping,
  writeXlsx,
} from "../../src/index.ts";

const mapping: StationMappingInput = {
  code: "code",
  name: "name",
  registeredVoters: "voters",
  areas: [
    { level: "region", code: "region" },
    { level: "constituency", code: "constituency" },
  ],
  attributes: [{ key: "settlement", column: "settlement" }],
};

const header = "code,name,region,constituency,voters,settlement";
const good = [header, "1,School 1,N,N-1,1200,urban", "2,School 2,N,N-2,900,rural", "3,Club,S,S-1,450,rural"];

function parse(text: string, m: StationMappingInput = mapping) {
  const table = readCsvTable(text);
  if (!table.ok) return table;
  return parseStations(table.value, m);
}

function issuesOf(text: string, m: StationMappingInput = mapping) {
  const result = parse(text, m);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.error;
}

describe("station import parsing", () => {
  it("reads stations with their area hierarchy, parents first", () => {
    const result = parse(good.join("\n"));
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.stations).toHaveLength(3);
    expect(result.value.stations[0]).toMatchObject({
      line: 2,
      code: "1",
      name: "School 1",
      registeredVoters: 1200,
      areaCode: "N-1",
      attributes: { settlement: "urban" },
    });
    expect(result.value.areas.map((a) => `${a.level}:${a.code}<${a.parentCode}`)).toEqual([
      "region:N<null",
      "region:S<null",
      "constituency:N-1<N",
      "constituency:N-2<N",
      "constituency:S-1<S",
    ]);
  });

  it("reads a BOM, Windows line endings and semicolons", () => {
    const text = `\ufeff${good.map((l) => l.replaceAll(",", ";")).join("\r\n")}\r\n`;
    const result = parse(text);
    expect(result.ok && result.value.stations.map((s) => s.code)).toEqual(["1", "2", "3"]);
  });

  it("reads Cyrillic headers, and suggests the mapping from them", () => {
    const text = [
      "Номер УИК;Наименование;Регион;Округ;Число избирателей;Местность",
      "101;Школа №1;Северная;С-1;1 234;город",
    ].join("\n");
    const table = readCsvTable(text);
    if (!table.ok) throw new Error("table");
    const suggested = suggestStationMapping(table.value.header);
    expect(suggested).toMatchObject({
      code: "Номер УИК",
      name: "Наименование",
      registeredVoters: "Число избирателей",
      areas: [
        { level: "region", code: "Регион" },
        { level: "constituency", code: "Округ" },
      ],
      attributes: [{ key: "settlement", column: "Местность" }],
    });
    const result = parseStations(table.value, suggested);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.stations[0]).toMatchObject({ code: "101", registeredVoters: 1234, areaCode: "С-1" });
  });

  it("refuses an empty file", () => {
    expect(issuesOf("")).toEqual([{ line: 1, code: "empty_file", message: "the file is empty" }]);
    expect(issuesOf("\ufeff\r\n")[0]?.code).toBe("empty_file");
    expect(issuesOf(header)[0]).toMatchObject({ line: 2, code: "no_rows" });
  });

  it("names a missing column on the header line", () => {
    const issues = issuesOf(good.map((l) => l.split(",").slice(0, 4).join(",")).join("\n"));
    expect(issues).toEqual([
      expect.objectContaining({ line: 1, column: "voters", code: "missing_column" }),
      expect.objectContaining({ line: 1, column: "settlement", code: "missing_column" }),
    ]);
  });

  it("explains a file separated by an unsupported character", () => {
    // "|" is a supported separator now (Mexico's INE files use it); ":" is not.
    const issues = issuesOf(good.map((l) => l.replaceAll(",", ":")).join("\n"));
    expect(issues[0]).toMatchObject({ line: 1, code: "wrong_delimiter" });
    expect(issues[0]?.message).toContain('":"');
    expect(issues.slice(1).every((i) => i.code === "missing_column")).toBe(true);
  });

  it("explains a file read with the wrong one of the supported separators", () => {
    const table = readCsvTable(good.join("\n"), { delimiter: ";" });
    if (!table.ok) throw new Error("table");
    const result = parseStations(table.value, mapping);
    expect(!result.ok && result.error[0]?.message).toContain('separated by ",", not ";"');
  });

  it("reports duplicate codes with both lines", () => {
    const issues = issuesOf([...good, "2,Again,S,S-1,10,rural"].join("\n"));
    expect(issues).toEqual([
      {
        line: 5,
        column: "code",
        code: "duplicate_code",
        message: 'station code "2" is already on line 3',
        params: { what: "station", code: "2", first: 3 },
      },
    ]);
  });

  it("reports non-numeric voters per line and column", () => {
    const issues = issuesOf(
      [...good, "4,X,S,S-1,many,rural", "5,Y,S,S-1,-3,rural", "6,Z,S,S-1,,rural"].join("\n"),
    );
    expect(issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [5, "voters", "not_a_number"],
      [6, "voters", "not_a_number"],
      [7, "voters", "required"],
    ]);
  });

  it("reports a line with the wrong number of fields and an area under two parents", () => {
    const issues = issuesOf([...good, "7,Q,S", "8,R,S,N-1,10,urban"].join("\n"));
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [5, "field_count"],
      [6, "area_conflict"],
    ]);
  });

  it("reads the same stations from XLSX, with spreadsheet row numbers", () => {
    const rows = good.map((line, r) => line.split(",").map((v, i) => (i === 4 && r > 0 ? Number(v) : v)));
    const bytes = writeXlsx([{ name: "Stations", rows }]);
    const table = readTable(bytes);
    if (!table.ok) throw new Error(JSON.stringify(table.error));
    expect(table.value.format).toBe("xlsx");
    const result = parseStations(table.value, mapping);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.stations.map((s) => [s.line, s.code, s.registeredVoters])).toEqual([
      [2, "1", 1200],
      [3, "2", 900],
      [4, "3", 450],
    ]);
    const bad = writeXlsx([{ name: "S", rows: [...rows, ["9", "Bad", "S", "S-1", "lots", "urban"]] }]);
    const badTable = readTable(bad);
    const refused = badTable.ok ? parseStations(badTable.value, mapping) : badTable;
    expect(!refused.ok && refused.error).toEqual([
      expect.objectContaining({ line: 5, column: "voters", code: "not_a_number" }),
    ]);
  });

  it("parses 100,000 stations in well under the time budget", () => {
    const lines = [header];
    for (let i = 0; i < 100_000; i++) {
      const region = `R${(i % 110) % 7}`;
      lines.push(
        `${i + 1},Station ${i + 1},${region},${region}-${i % 110},${500 + (i % 2000)},${i % 3 ? "rural" : "urban"}`,
      );
    }
    const result = parse(lines.join("\n"));
    if (!result.ok) throw new Error(JSON.stringify(result.error.slice(0, 3)));
    expect(result.value.stations).toHaveLength(100_000);
    expect(result.value.areas).toHaveLength(7 + 110);
  });

  it("collects at most the issue limit, then counts the rest", () => {
    const lines = [header];
    for (let i = 0; i < 500; i++) lines.push(`${i},S,N,N-1,x,urban`);
    const issues = issuesOf(lines.join("\n"));
    expect(issues).toHaveLength(201);
    expect(issues[200]).toMatchObject({ code: "more_issues", message: "300 more problems not listed" });
  });
});

describe("roster parsing", () => {
  const roster = [
    "code,name,phone,languages,accreditation,role,team,areas",
    "101,Anna,+375 29 123-45-67,en ru,ACC-1,STO,T1,",
    "102,Boris,029 1234567,ru,ACC-2,sto,T1,",
    "103,Clara,00375291234567,de;en,,LTO,,N;S",
  ].join("\n");

  it("normalises phones, languages, roles and forms teams", () => {
    const table = readCsvTable(roster);
    if (!table.ok) throw new Error("table");
    const result = parseRoster(
      table.value,
      {
        code: "code",
        name: "name",
        phone: "phone",
        languages: "languages",
        accreditation: "accreditation",
        role: "role",
        team: "team",
        areas: "areas",
      },
      { defaultCountryCode: "375" },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.observers.map((o) => [o.code, o.phone, o.languages, o.role, o.areaCodes])).toEqual([
      ["101", "+375291234567", ["en", "ru"], "short_term", []],
      // Two observers may share one phone.
      ["102", "+375291234567", ["ru"], "short_term", []],
      ["103", "+375291234567", ["de", "en"], "long_term", ["N", "S"]],
    ]);
    expect(result.value.teams).toEqual([{ code: "T1", observerCodes: ["101", "102"] }]);
  });

  it("refuses a one-person team and a phone without a country", () => {
    const table = readCsvTable(
      ["code,name,phone,team", "101,Anna,29 123 45 67,T1", "102,Boris,,T2", "103,C,,T2"].join("\n"),
    );
    if (!table.ok) throw new Error("table");
    const result = parseRoster(table.value, { code: "code", name: "name", phone: "phone", team: "team" });
    expect(!result.ok && result.error.map((i) => [i.line, i.column, i.code])).toEqual([
      [2, "phone", "invalid_phone"],
      [2, "team", "team_too_small"],
    ]);
  });

  it("normalises phone numbers to E.164", () => {
    expect(normalizePhone("+7 (912) 345-67-89")).toBe("+79123456789");
    expect(normalizePhone("0044 20 7946 0958")).toBe("+442079460958");
    expect(normalizePhone("029 123 45 67", "375")).toBe("+375291234567");
    expect(normalizePhone("375291234567", "375")).toBe("+375291234567");
    expect(normalizePhone("291234567")).toBeUndefined();
    expect(normalizePhone("call me")).toBeUndefined();
  });
});
