// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSubmission, type FormDefinition, findQuestion, questionsOf } from "../../src/forms/index.ts";
import { countingTemplate, formTemplates, withContestants } from "../../src/templates/index.ts";
import {
  exportXlsForm,
  type ImportedXlsForm,
  importXlsForm,
  readXlsx,
  writeXlsx,
  type XlsFormIssue,
  type XlsxSheetInput,
} from "../../src/xlsform/index.ts";
import { sampleForm } from "../forms/sample.ts";

const fixtures = fileURLToPath(new URL("../../../../fixtures/xlsform/", import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(`${fixtures}${name}`));

function imported(bytes: Uint8Array): ImportedXlsForm {
  const r = importXlsForm(bytes);
  if (!r.ok) throw new Error(r.error.map((i) => `${i.severity} ${i.code} ${i.message}`).join("\n"));
  return r.value;
}

function rejected(bytes: Uint8Array): XlsFormIssue[] {
  const r = importXlsForm(bytes);
  if (r.ok) throw new Error("expected the import to fail");
  return r.error;
}

/** [severity, code, sheet, line, column] of each issue, for compact expectations. */
const located = (issues: readonly XlsFormIssue[]) =>
  issues.map((i) => [i.severity, i.code, i.sheet, i.line, i.column]);

describe("export then import", () => {
  it.each(formTemplates.map((f) => [f.id, f] as const))(
    "gives back the %s template unchanged",
    (_id, form) => {
      const back = imported(exportXlsForm(form));
      expect(back.form).toEqual(form);
      expect(back.warnings).toEqual([]);
    },
  );

  it("keeps per-election contestants and their sum check", () => {
    const r = withContestants(countingTemplate, [
      { code: "p1", name: { en: "Party One", ru: "Партия один" } },
      { code: "p2", name: { en: "Party Two", ru: "Партия два" } },
    ]);
    if (!r.ok) throw new Error("unexpected");
    expect(imported(exportXlsForm(r.value)).form).toEqual(r.value);
  });

  it("round-trips every question type, nested groups, single-language labels and critical conditions", () => {
    expect(imported(exportXlsForm(sampleForm)).form).toEqual(sampleForm);
  });

  it("round-trips forms without language codes and with uncommon languages", () => {
    const plain: FormDefinition = {
      id: "plain",
      version: 3,
      kind: "incident",
      title: { default: "Plain" },
      languages: ["default"],
      defaultLanguage: "default",
      choiceLists: {},
      items: [{ type: "text", name: "what", label: { default: "What happened?" }, maxLength: 300 }],
      checks: [],
    };
    expect(imported(exportXlsForm(plain)).form).toEqual(plain);
    const karakalpak: FormDefinition = {
      ...plain,
      title: { kaa: "Hádiyse", ru: "Инцидент" },
      languages: ["kaa", "ru"],
      defaultLanguage: "kaa",
      items: [{ type: "decimal", name: "share", label: { kaa: "Úles", ru: "Доля" }, min: 0.5, max: 99.5 }],
    };
    expect(imported(exportXlsForm(karakalpak)).form).toEqual(karakalpak);
  });

  it("writes standard XLSForm sheets and columns", () => {
    const r = readXlsx(exportXlsForm(countingTemplate));
    if (!r.ok) throw new Error("unreadable");
    expect(r.value.map((s) => s.name)).toEqual(["survey", "choices", "settings", "checks"]);
    const header = [...(r.value[0]?.rows[0]?.cells.values() ?? [])];
    expect(header.slice(0, 4)).toEqual(["type", "name", "label::English (en)", "label::Russian (ru)"]);
    const types = r.value[0]?.rows.map((row) => row.cells.get(0));
    expect(types).toContain("begin group");
    expect(types).toContain("end group");
    expect(types).toContain("select_one yes_no");
    expect(types).toContain("select_one assessment");
    const settings = r.value[2]?.rows.map((row) => [...row.cells.values()]);
    expect(settings?.[0]).toEqual([
      "form_id",
      "version",
      "form_kind",
      "form_title",
      "form_title::Russian (ru)",
      "default_language",
    ]);
    expect(settings?.[1]).toEqual([
      "counting",
      "1",
      "counting",
      "Counting checklist",
      "Анкета подсчёта голосов",
      "English (en)",
    ]);
  });
});

/** An election-day checklist as a domestic observer group might write it in another XLSForm tool. */
const domesticChecklist: XlsxSheetInput[] = [
  {
    name: "survey",
    rows: [
      [
        "type",
        "name",
        "label::English (en)",
        "label::Russian (ru)",
        "hint::English (en)",
        "required",
        "relevant",
        "constraint",
        "constraint_message::English (en)",
        "constraint_message::Russian (ru)",
        "appearance",
      ],
      ["start", "start"],
      ["begin group", "arrival", "Arrival", "Прибытие", "", "", "", "", "", "", "field-list"],
      ["time", "arrival_time", "Arrival time", "Время прибытия", "As on your phone", "yes"],
      [
        "integer",
        "station_number",
        "Polling station number",
        "Номер участка",
        "",
        "TRUE",
        "",
        ". > 0 and . < 100000",
        "Check the number",
        "Проверьте номер",
      ],
      ["end group"],
      ["select_one yn", "ballot_box_sealed", "Were the boxes sealed?", "Ящики опечатаны?", "", "yes"],
      [
        "select_multiple problems",
        "problems",
        "Problems seen",
        "Замеченные проблемы",
        "",
        "",
        "${ballot_box_sealed} = 'yes'",
        "not(selected(., 'none') and count-selected(.) > 1)",
        "'None' excludes others",
        "«Нет» исключает другие",
      ],
      [
        "integer",
        "queue",
        "Voters in the queue",
        "Избирателей в очереди",
        "",
        "no",
        "selected(${problems}, 'queue')",
        ". >= 0",
      ],
      [
        "select_one scale",
        "overall_assessment",
        "Overall",
        "Общая оценка",
        "",
        "yes",
        "",
        "",
        "",
        "",
        "horizontal",
      ],
      ["text", "notes", "Notes", "Заметки", "", "", "", "string-length(.) <= 500"],
      ["end", "end"],
    ],
  },
  {
    name: "choices",
    rows: [
      ["list_name", "name", "label::English (en)", "label::Russian (ru)"],
      ["yn", "yes", "Yes", "Да"],
      ["yn", "no", "No", "Нет"],
      ["problems", "queue", "Long queue", "Очередь"],
      ["problems", "crowding", "Crowding", "Теснота"],
      ["problems", "none", "None", "Нет"],
      ["scale", "very_good", "Very good", "Очень хорошо"],
      ["scale", "good", "Good", "Хорошо"],
      ["scale", "bad", "Bad", "Плохо"],
      ["scale", "very_bad", "Very bad", "Очень плохо"],
    ],
  },
  {
    name: "settings",
    rows: [
      ["form_title", "form_id", "version", "default_language", "instance_name"],
      [
        "Election day",
        "ed_checklist",
        "2024031701",
        "English (en)",
        "concat(${station_number}, '-', ${start})",
      ],
    ],
  },
];

/** A counting form in the older XLSForm notation: `label:English`, "select one from". */
const legacyCounting: XlsxSheetInput[] = [
  {
    name: "survey",
    rows: [
      ["type", "name", "label:English", "label:Russian", "required", "constraint", "relevant"],
      ["begin group", "protocol", "Protocol", "Протокол"],
      ["integer", "registered", "Registered voters", "Избирателей в списке", "yes", ". >= 0"],
      ["integer", "issued", "Ballots issued", "Выдано бюллетеней", "yes", ". >= 0 and . <= ${registered}"],
      ["integer", "valid", "Valid ballots", "Действительных", "yes", ". <= ${issued}"],
      ["end group"],
      ["select one from yes_no", "recount", "Was there a recount?", "Был ли пересчёт?", "yes"],
      ["text", "recount_reason", "Why?", "Почему?", "yes", "", "${recount} = 'yes'"],
      ["date", "count_date", "Date", "Дата"],
      ["decimal", "turnout", "Announced turnout (%)", "Объявленная явка (%)", "", ". >= 0 and . <= 100"],
    ],
  },
  {
    name: "choices",
    rows: [
      ["list name", "name", "label:English", "label:Russian"],
      ["yes_no", "yes", "Yes", "Да"],
      ["yes_no", "no", "No", "Нет"],
    ],
  },
];

describe("import of realistic forms", () => {
  it("imports an ODK-style two-language checklist, with warnings for what it ignores", () => {
    const { form, warnings } = imported(writeXlsx(domesticChecklist));
    expect(form).toMatchObject({
      id: "ed_checklist",
      version: 2024031701,
      languages: ["en", "ru"],
      defaultLanguage: "en",
    });
    expect(form.title).toEqual({ en: "Election day" });
    expect(questionsOf(form).map((q) => [q.name, q.type])).toEqual([
      ["arrival_time", "time"],
      ["station_number", "integer"],
      ["ballot_box_sealed", "yes_no"],
      ["problems", "select_multiple"],
      ["queue", "integer"],
      ["overall_assessment", "assessment"],
      ["notes", "text"],
    ]);
    expect(findQuestion(form, "station_number")).toMatchObject({
      required: true,
      constraint: ". > 0 and . < 100000",
      constraintMessage: { en: "Check the number", ru: "Проверьте номер" },
    });
    expect(findQuestion(form, "queue")?.required).toBe(false);
    expect(located(warnings)).toEqual([
      ["warning", "metadata_ignored", "survey", 2, "A"],
      ["warning", "unsupported_column", "survey", 3, "K"],
      ["warning", "metadata_ignored", "survey", 12, "A"],
      ["warning", "missing_form_kind", "settings", 2, undefined],
      ["warning", "unsupported_setting", "settings", 2, "E"],
    ]);
    const report = checkSubmission(form, {
      arrival_time: "08:10",
      station_number: 0,
      ballot_box_sealed: "yes",
      problems: ["none", "queue"],
      overall_assessment: "good",
    });
    expect(report.issues.map((i) => [i.path?.[1], i.code])).toEqual([
      ["station_number", "constraint"],
      ["problems", "constraint"],
    ]);
  });

  it("imports the older notation and enforces its cross-question constraints", () => {
    const r = importXlsForm(writeXlsx(legacyCounting), { id: "legacy", kind: "counting" });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { form, warnings } = r.value;
    expect(warnings).toEqual([]);
    expect(form).toMatchObject({ id: "legacy", kind: "counting", languages: ["en", "ru"] });
    expect(findQuestion(form, "recount")?.type).toBe("yes_no");
    const ok = checkSubmission(form, { registered: 900, issued: 500, valid: 480, recount: "no" });
    expect(ok.issues).toEqual([]);
    const bad = checkSubmission(form, { registered: 900, issued: 950, valid: 480, recount: "yes" });
    expect(bad.issues.map((i) => [i.path?.[1], i.code])).toEqual([
      ["issued", "constraint"],
      ["recount_reason", "required"],
    ]);
  });

  it("imports real forms from other tools", () => {
    const yesNo = imported(fixture("yes_or_no_question.xlsx")).form;
    expect(questionsOf(yesNo)).toMatchObject([{ name: "good_day", type: "yes_no", listName: "yes_or_no" }]);
    expect(yesNo.languages).toEqual(["en"]);

    const fieldList = imported(fixture("field-list.xlsx"));
    expect(fieldList.form.items).toMatchObject([
      { type: "group", name: "name", items: [{ name: "table_list_question" }] },
    ]);
    expect(fieldList.form.languages).toEqual(["en", "default", "zh"]);

    const noName = imported(fixture("survey_no_name.xlsx"));
    expect(questionsOf(noName.form).map((q) => q.name)).toEqual(["state"]);
    expect(located(noName.warnings.filter((w) => w.code === "survey_sheet_renamed"))).toEqual([
      ["warning", "survey_sheet_renamed", "Sheet1", undefined, undefined],
    ]);

    const extra = imported(fixture("extra_sheet_names.xlsx"));
    expect(extra.warnings.filter((w) => w.code === "extra_sheet").map((w) => w.sheet)).toEqual([
      "my_sheet",
      "stettings",
    ]);
  });
});

describe("unsupported features are reported with sheet, row and column", () => {
  it.each<[string, (string | number | undefined)[][]]>([
    ["group.xlsx", [["error", "unsupported_type", "survey", 4, "A"]]],
    [
      "or_other.xlsx",
      [
        ["error", "unsupported_type", "survey", 2, "A"],
        ["error", "unsupported_choice_filter", "survey", 3, "D"],
        ["warning", "unsupported_column", "choices", 2, "D"],
      ],
    ],
    ["specify_other.xlsx", [["error", "unsupported_type", "survey", 2, "A"]]],
    [
      "loop.xlsx",
      [
        ["error", "unsupported_type", "survey", 2, "A"],
        ["error", "unsupported_repeat", "survey", 3, "A"],
      ],
    ],
    ["pull_data.xlsx", [["error", "unsupported_type", "survey", 2, "A"]]],
    ["bad_calc.xlsx", [["error", "unsupported_type", "survey", 2, "A"]]],
  ])("%s", (file, expected) => {
    const issues = rejected(fixture(file)).filter(
      (i) => !["missing_form_id", "missing_form_kind"].includes(i.code),
    );
    expect(located(issues)).toEqual(expected);
    for (const i of issues) expect(i.message).toMatch(/^(survey|choices|settings) row \d+, column [A-Z]+: /);
  });

  it("rejects duplicate column headers", () => {
    const issues = rejected(fixture("bug__duplicate_columns.xlsx"));
    expect(located(issues.filter((i) => i.code === "duplicate_column"))).toEqual([
      ["error", "duplicate_column", "survey", 1, "E"],
    ]);
  });

  it("reports choice filters and duplicate choices in cascading selects", () => {
    const issues = rejected(fixture("choice_filter_test.xlsx"));
    expect(located(issues.filter((i) => i.severity === "error"))).toEqual([
      ["error", "unsupported_choice_filter", "survey", 3, "D"],
      ["error", "unsupported_choice_filter", "survey", 4, "D"],
      ["error", "duplicate_choice", "choices", 6, "B"],
    ]);
  });

  it("locates every problem of a large two-language form, including expression errors by offset", () => {
    const issues = rejected(fixture("bug__UCL_Biomass_Plot_Form.xlsx"));
    const errors = issues.filter((i) => i.severity === "error");
    const codes = new Set(errors.map((i) => i.code));
    for (const code of [
      "unsupported_type",
      "unsupported_repeat",
      "unsupported_required_expression",
      "expression_syntax",
      "unknown_reference",
    ])
      expect(codes).toContain(code);
    for (const e of errors) {
      expect(e.sheet).toBe("survey");
      expect(e.line).toBeGreaterThan(1);
      expect(typeof e.column).toBe("string");
    }
    const curly = errors.find((i) => i.line === 9 && i.code === "expression_syntax");
    expect(curly?.column).toBe("H");
    expect(curly?.message).toContain("offset 17");
    expect(curly?.message).toContain("straight quotes");
    expect(located(issues.filter((i) => i.code === "version_not_integer"))).toEqual([
      ["warning", "version_not_integer", "settings", 2, "B"],
    ]);
  });

  it("reports unsupported widgets, ignored columns and metadata of a feature tour", () => {
    const issues = rejected(fixture("flat_xlsform_test.xlsx"));
    const types = issues.filter((i) => i.code === "unsupported_type").map((i) => i.line);
    expect(types).toEqual([30, 33, 34, 35, 36, 37, 38, 40]);
    const ignored = issues
      .filter((i) => i.code === "unsupported_column")
      .map((i) => `${i.sheet}!${i.column}`);
    expect(ignored).toContain("survey!L"); // appearance
    expect(ignored).toContain("survey!J"); // requiredMsg
    expect(issues.filter((i) => i.code === "metadata_ignored").length).toBe(7);
    // Choices without any label are errors located at their row.
    expect(located(issues.filter((i) => i.sheet === "choices" && i.severity === "error"))).toEqual([
      ["error", "missing_text", "choices", 4, "C"],
      ["error", "missing_text", "choices", 5, "C"],
    ]);
  });

  it("locates cross-reference errors of an otherwise supported form", () => {
    const sheets: XlsxSheetInput[] = [
      {
        name: "survey",
        rows: [
          ["type", "name", "label", "relevant", "constraint", "required"],
          ["integer", "a", "A", "", ". > ${zz}"],
          ["select_one missing", "b", "B"],
          ["text", "a", "Again"],
          ["begin group", "g", "G"],
          ["text", "c", "C", "${a} = ‘x’", "", "${a} > 1"],
        ],
      },
      {
        name: "settings",
        rows: [
          ["form_id", "form_kind"],
          ["bad", "exit_poll"],
        ],
      },
    ];
    expect(located(rejected(writeXlsx(sheets)))).toEqual([
      ["error", "unknown_reference", "survey", 2, "E"],
      ["error", "unknown_list", "survey", 3, "A"],
      ["error", "duplicate_name", "survey", 4, "B"],
      ["error", "unbalanced_group", "survey", 5, "A"],
      ["error", "expression_syntax", "survey", 6, "D"],
      ["error", "unsupported_required_expression", "survey", 6, "F"],
      ["error", "invalid_form_kind", "settings", 2, "B"],
    ]);
  });
});
