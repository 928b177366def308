// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { describe, expect, it } from "vitest";
import {
  apolloChecklist,
  apolloIncidents,
  type Table,
} from "../../../../test-support/forms/apollo-workbook.ts";
import { apolloExpression, checkSubmission, importXlsFormSheets, type XlsxSheet } from "../../src/index.ts";

const sheets = (book: Readonly<Record<string, Table>>): XlsxSheet[] =>
  Object.entries(book).map(([name, table]) => ({
    name,
    rows: table.map((cells, i) => ({
      row: i + 1,
      cells: new Map(
        cells.map((value, column) => [column, String(value)] as const).filter(([, v]) => v !== ""),
      ),
    })),
  }));

describe("Apollo workbooks", () => {
  it("translates Apollo's check grammar, and refuses what has no counterpart", () => {
    expect(apolloExpression("AC > AB")).toBe("${AC} > ${AB}");
    expect(apolloExpression("BA + BB > AC && BC > 0")).toBe("${BA} + ${BB} > ${AC} and ${BC} > 0");
    expect(apolloExpression("AA / 2 != 3 || AB <= 1.5")).toBe("${AA} div 2 != 3 or ${AB} <= 1.5");
    expect(apolloExpression("AB != $location.registered_voters")).toBeUndefined();
    expect(apolloExpression("AB = NULL")).toBeUndefined();
    expect(apolloExpression("AA | AB = 12")).toBeUndefined();
  });

  it("imports a checklist with its title, constraints, checks (flagging as Apollo does) and result tags", () => {
    const imported = importXlsFormSheets(sheets(apolloChecklist));
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const { form, warnings } = imported.value;
    expect(form.title).toEqual({ [form.defaultLanguage]: "Polling Day Checklist" });
    expect(form.id).toBe("pd");
    expect(form.kind).toBe("voting");
    expect(warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(["apollo_checklist_kind", "apollo_check_unsupported", "apollo_analysis_kept"]),
    );
    const unsupported = warnings.find((w) => w.code === "apollo_check_unsupported");
    expect(unsupported).toMatchObject({ sheet: "quality_checks", line: 5 });
    expect(form.checks.map((c) => [c.id, c.expression])).toEqual([
      ["accredited_gt_registered", "not(${AC} > ${AB})"],
      ["votes_odd", "not(${BA} + ${BB} > ${AC} and ${BC} > 0)"],
      ["votes_within_accredited", "${BA} + ${BB} + ${BC} <= ${AC}"],
      ["accredited_within_registered", "${AC} <= ${AB}"],
    ]);
    const clean = { AA: "2", AB: 900, AC: 500, AD: 1, BA: 300, BB: 150, BC: 20 };
    expect(checkSubmission(form, clean)).toMatchObject({ issues: [], flags: [] });
    // Apollo flags accredited > registered; so does the imported form, with Apollo's description.
    const flagged = checkSubmission(form, { ...clean, AC: 950 });
    expect(flagged.flags.map((f) => [f.checkId, f.message])).toEqual([
      ["accredited_gt_registered", "More accredited than registered"],
      ["accredited_within_registered", "More voters accredited than registered"],
    ]);
    // `constraints` became constraints; the legacy boolean is an integer 0 or 1.
    expect(checkSubmission(form, { ...clean, AB: 2500 }).issues.map((i) => i.code)).toEqual(["constraint"]);
    expect(checkSubmission(form, { ...clean, AD: 2 }).issues.map((i) => i.code)).toEqual(["constraint"]);
  });

  it("imports an incident form as kind incident", () => {
    const imported = importXlsFormSheets(sheets(apolloIncidents));
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    expect(imported.value.form.kind).toBe("incident");
    expect(imported.value.form.id).toBe("ci");
    expect(imported.value.warnings.map((w) => w.code)).not.toContain("apollo_checklist_kind");
  });

  it("points a broken quality check at Apollo's own sheet and line", () => {
    const broken = {
      ...apolloChecklist,
      quality_checks: [
        ["name", "description", "left", "relation", "right", "conjunction"],
        ["typo", "Refers to nothing", "ZZ", ">", "AB", "&&"],
      ],
    };
    const imported = importXlsFormSheets(sheets(broken));
    expect(imported.ok).toBe(false);
    if (!imported.ok)
      expect(imported.error.find((i) => /ZZ/.test(i.message))).toMatchObject({
        sheet: "quality_checks",
        line: 2,
      });
  });
});
