import { parseResultsCsv, ResultsMapping, ruCecMapping } from "@scrutiny/domain";
import { describe, expect, it } from "vitest";
import { exclusionDetail, relationText, uploadIssueText } from "../src/forensics/protocolLines.ts";
import type { Translate } from "../src/i18n/format.ts";
import { catalogueTranslators } from "./support/translators.ts";

const translators = catalogueTranslators();
const t = translators.english as unknown as Translate;
const ru = translators.russian as unknown as Translate;

describe("protocol lines by name, not by internal key", () => {
  it("names a protocol line the preset cannot find by its label, in each language", () => {
    // A CEC header without the early-voting line: the preset reports the line's key.
    const header = [
      "uik",
      "Число избирателей, внесенных в список",
      "Число бюллетеней, выданных в помещении для голосования",
      "Число бюллетеней, выданных вне помещения для голосования",
      "Число недействительных бюллетеней",
      "Число действительных бюллетеней",
      "Кандидат А",
    ];
    const mapped = ruCecMapping(header);
    expect(mapped.ok).toBe(false);
    const issues = mapped.ok ? [] : mapped.error;
    expect(issues.map((issue) => issue.column)).toContain("issuedEarly");
    const texts = issues.map((issue) => uploadIssueText(issue, t));
    expect(texts).toContain("No column found for “Ballots issued early”.");
    expect(issues.map((issue) => uploadIssueText(issue, ru))).toContain(
      "Не найден столбец «Бюллетеней выдано досрочно».",
    );
    for (const text of texts) expect(text).not.toMatch(/issuedEarly/);
  });

  it("writes a control relation with the lines' names", () => {
    expect(
      relationText(
        { left: ["received"], relation: "=", right: ["issuedEarly", "cancelled", "-unaccounted"] },
        t,
      ),
    ).toBe(
      "Ballots received = Ballots issued early + Ballots cancelled − Ballots not accounted for at receipt",
    );
    expect(relationText({ left: ["registered"], relation: ">=", right: ["issued"] }, ru)).toBe(
      "Число избирателей в списке ≥ Выдано бюллетеней",
    );
    // A line of the file's own keeps its header.
    expect(relationText({ left: ["Absentee certificates"], relation: "<=", right: ["registered"] }, t)).toBe(
      "Absentee certificates ≤ Registered voters",
    );
  });
});

describe("rows left out and upload problems, from their codes", () => {
  const cyrillic = /[\u0400-\u04FF]/;
  const mapping = ResultsMapping.parse({
    station: "Station",
    areas: [{ name: "region", column: "Region" }],
    registered: "Voters",
    issued: ["Issued"],
    valid: "Valid",
    invalid: "Invalid",
    contestants: ["A", "B"],
  });
  const file = [
    "Station,Region,Voters,Issued,Valid,Invalid,A,B",
    "1,N,100,60,58,2,30,28",
    "2,N,100,,,,,",
    "3,N,100,60,58,2,many,28",
    "4,N,100,60,58,NA,30,28",
    "5,N,100,60,58,2,-3,28",
    "6,N,100,60,58",
    "7,N,100,160,158,2,130,28",
    "8,N,100,60,58,2,30,28",
  ].join("\n");

  it("says why each row was left out in Russian, never the parser's English", () => {
    const parsed = parseResultsCsv(file, { mapping: { ...mapping, missingValues: ["NA"] } });
    if (!parsed.ok) throw new Error(parsed.error[0]?.message);
    const rows = parsed.value.exclusions.list;
    expect(rows.map((r) => r.why?.code)).toEqual([
      "no_protocol",
      "not_a_number",
      "no_value_marker",
      "negative",
      "short_row",
      "cast_above_registered",
    ]);
    for (const row of rows) {
      const text = exclusionDetail(row, [], ru);
      expect(text, row.detail).toMatch(cyrillic);
      expect(text, row.detail).not.toMatch(/{{/);
      expect(exclusionDetail(row, [], t)).not.toBe("");
    }
    expect(exclusionDetail(rows[1] ?? { detail: "" }, [], ru)).toBe("в столбце «A» не целое число («many»)");
    // A row kept before its code was recorded keeps its sentence.
    expect(exclusionDetail({ detail: "an older sentence" }, [], ru)).toBe("an older sentence");
  });

  it("says the problems of a refused (strict) upload and of a mapping in Russian", () => {
    const strict = parseResultsCsv(file, { mapping: { ...mapping, missingValues: ["NA"] }, strict: true });
    const broken = parseResultsCsv(file, {
      mapping: { ...mapping, registered: "Electors", leader: "Nobody" },
    });
    const issues = [...(strict.ok ? [] : strict.error), ...(broken.ok ? [] : broken.error)];
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(["excluded_rows", "unreadable_count", "missing_column"]),
    );
    for (const issue of issues) {
      const text = uploadIssueText(issue, ru);
      expect(text, issue.message).toMatch(cyrillic);
      expect(text, issue.message).not.toMatch(/{{/);
    }
    const row = issues.find((i) => i.code === "unreadable_count");
    expect(row && uploadIssueText(row, ru)).toBe(
      "Избирательный участок 3: Число не читается (в столбце «A» не целое число («many»)).",
    );
    const summary = issues.find((i) => i.code === "excluded_rows");
    expect(summary && uploadIssueText(summary, t)).toBe("Refused (strict): 6 of 8 rows would be left out.");
    const electors = issues.find((i) => i.code === "missing_column");
    expect(electors && uploadIssueText(electors, ru)).toBe(
      "Нет столбца «Electors» (Число избирателей в списке).",
    );
  });
});
