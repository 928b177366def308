import { describe, expect, it } from "vitest";
import { ElectionSetup, formatDescribed, parseDescribed } from "../../src/index.ts";

const yaml = `code: ke-county-2029
name: { en: County assembly elections, sw: Uchaguzi wa bunge la kaunti }
country: KE
electionDate: "2029-08-08"
timeZone: Africa/Nairobi
languages: [sw, en]
phases:
  - code: siku-ya-kura
    kind: election_day
    date: "2029-08-08"
    name: { sw: Siku ya kura }
    opensAt: "06:00"
    closesAt: "17:00"
  - code: kuhesabu
    kind: count
    date: "2029-08-08"
    name: { sw: Kuhesabu kura }
contests:
  - code: mca-ward-12
    name: { en: Ward 12 representative }
    entries:
      - { code: W1, name: Achieng Otieno, party: Umoja }
      - { code: W2, name: Kiprop Chebet }
`;

describe("election files", () => {
  it("reads YAML and JSON into the same election, and writes back what it reads", () => {
    const fromYaml = parseDescribed(ElectionSetup, yaml, "yaml");
    if (!fromYaml.ok) throw new Error(JSON.stringify(fromYaml.error));
    expect(fromYaml.value.contests[0]?.ballot).toBe("candidates");
    const json = formatDescribed(fromYaml.value, "json");
    const fromJson = parseDescribed(ElectionSetup, json, "json");
    expect(fromJson).toEqual(fromYaml);
    const again = parseDescribed(ElectionSetup, formatDescribed(fromYaml.value, "yaml"), "yaml");
    expect(again).toEqual(fromYaml);
  });

  it("names the field and the line of every problem", () => {
    const broken = yaml
      .replace("timeZone: Africa/Nairobi", "timeZone: Africa/Mombasa")
      .replace('    closesAt: "17:00"', '    closesAt: "5 pm"\n    closing: "17:00"')
      .replace("code: W2", "code: W1")
      .replace(
        'date: "2029-08-08"\n    name: { sw: Kuhesabu',
        'date: "2029-08-07"\n    name: { sw: Kuhesabu',
      );
    const parsed = parseDescribed(ElectionSetup, broken, "yaml");
    if (parsed.ok) throw new Error("a broken file was accepted");
    const found = parsed.error.map((i) => [i.path?.join("."), i.line]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["timeZone", 5],
        ["phases.0.closesAt", 13],
        ["phases.0.closing", 14],
        ["phases.1.date", 17],
        ["contests.0.entries.1.code", 24],
      ]),
    );
  });

  it("reports a missing field at its object, a syntax error at its line, and refuses JSON's duplicate keys", () => {
    const missing = parseDescribed(ElectionSetup, yaml.replace("country: KE\n", ""), "yaml");
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.error[0]).toMatchObject({
        path: ["country"],
        line: 1,
        message: "required, but missing",
      });
    const syntax = parseDescribed(ElectionSetup, '{\n  "code": "x",\n  "name": {"en": "X"},\n}\n', "json");
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.error[0]).toMatchObject({ code: "syntax", line: 4 });
    const duplicate = parseDescribed(ElectionSetup, '{\n  "code": "x",\n  "code": "y"\n}', "json");
    expect(duplicate.ok).toBe(false);
    if (!duplicate.ok) expect(duplicate.error[0]).toMatchObject({ code: "syntax", line: 3 });
    const yamlSyntax = parseDescribed(ElectionSetup, "code: x\nname: [unclosed\n", "yaml");
    expect(yamlSyntax.ok).toBe(false);
  });
});
