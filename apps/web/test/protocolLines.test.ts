import { ruCecMapping } from "@scrutiny/domain";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { relationText, uploadIssueText } from "../src/forensics/protocolLines.ts";
import { en, ru as ruCatalogue } from "../src/i18n/catalogue.ts";
import type { Translate } from "../src/i18n/format.ts";

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, ru: { translation: ruCatalogue } },
  lng: "en",
  initAsync: false,
  interpolation: { escapeValue: false },
});
const t = i18n.getFixedT("en") as unknown as Translate;
const ru = i18n.getFixedT("ru") as unknown as Translate;

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
