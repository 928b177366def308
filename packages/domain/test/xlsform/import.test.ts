// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSubmission, type FormDefinition, findQuestion, questionsOf } from "../../src/forms/index.ts";
import { countingTemplate, formTemplates, withContestants } from "../../src/templates/index.ts";
import {
  dataFileCsv,
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
      ["warning", "metadata_ignored", "survey", 12, "A"],
      ["warning", "missing_form_kind", "settings", 2, undefined],
    ]);
    // Columns and settings Scrutiny does not use are kept, to be exported again.
    expect(questionsOf(form).some((q) => q.extra !== undefined)).toBe(true);
    expect(form.settings).toBeDefined();
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
    // Language names without a code are kept as written.
    expect(form).toMatchObject({ id: "legacy", kind: "counting", languages: ["English", "Russian"] });
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
    expect(yesNo.languages).toEqual(["english"]);

    const fieldList = imported(fixture("field-list.xlsx"));
    expect(fieldList.form.items).toMatchObject([
      { type: "group", name: "name", items: [{ name: "table_list_question" }] },
    ]);
    expect(fieldList.form.languages).toEqual(["english", "default", "chinese"]);

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

/** The pyxform example workbooks (fixtures/xlsform, copied from pyxform's test suite). */
const PYXFORM_EXAMPLES = [
  "attribute_columns_test.xlsx",
  "bad_calc.xlsx",
  "bug__ODKValidateWarnings.xlsx",
  "bug__UCL_Biomass_Plot_Form.xlsx",
  "bug__duplicate_columns.xlsx",
  "bug__xl_date_ambiguous.xlsx",
  "choice_filter_test.xlsx",
  "extra_sheet_names.xlsx",
  "field-list.xlsx",
  "flat_xlsform_test.xlsx",
  "group.xlsx",
  "loop.xlsx",
  "or_other.xlsx",
  "pull_data.xlsx",
  "specify_other.xlsx",
  "survey_no_name.xlsx",
  "xlsform_spec_test.xlsx",
  "yes_or_no_question.xlsx",
];
/** Broken on purpose: a calculation that does not parse, and a repeated column header. */
const REJECTED: Readonly<Record<string, (string | number | undefined)[]>> = {
  "bad_calc.xlsx": ["error", "expression_syntax", "survey", 2, "D"],
  "bug__duplicate_columns.xlsx": ["error", "duplicate_column", "survey", 1, "E"],
};

describe("pyxform's example workbooks", () => {
  it("imports every example but the two broken on purpose", () => {
    const importing = PYXFORM_EXAMPLES.filter((f) => REJECTED[f] === undefined);
    expect(importing).toHaveLength(16);
    expect(importing.filter((f) => !importXlsForm(fixture(f)).ok)).toEqual([]);
  });

  it("imports pull_data without its CSV, warning that it names", () => {
    const { form, warnings } = imported(fixture("pull_data.xlsx"));
    expect(located(warnings.filter((w) => w.code === "missing_pulldata_file"))).toEqual([
      ["warning", "missing_pulldata_file", "survey", 2, "D"],
    ]);
    expect(warnings.find((w) => w.code === "missing_pulldata_file")).toMatchObject({
      dropsLogic: true,
      message: expect.stringContaining("'fruits.csv'"),
    });
    // Without the file pulldata gives an empty value, as ODK does for a key it does not find.
    expect(checkSubmission(form, {}).answers["fruit"]).toBeUndefined();
    expect(checkSubmission(form, {}).issues).toEqual([]);
  });

  it("reads pull_data's CSV when it is uploaded beside the form", () => {
    const csv = "name,colour,season\nkiwi,brown,winter\nmango,orange,summer\n";
    const r = importXlsForm(fixture("pull_data.xlsx"), {
      files: { "fruits.csv": new TextEncoder().encode(csv) },
    });
    if (!r.ok) throw new Error("import failed");
    expect(r.value.warnings.map((w) => w.code)).not.toContain("missing_pulldata_file");
    expect(r.value.form.dataFiles?.["fruits"]).toEqual([
      { name: "kiwi", colour: "brown", season: "winter" },
      { name: "mango", colour: "orange", season: "summer" },
    ]);
    expect(checkSubmission(r.value.form, {}).answers["fruit"]).toBe("mango");
    // and it comes back out as the CSV it was.
    expect(dataFileCsv(r.value.form, "fruits")).toBe(csv);
  });

  it("imports UCL_Biomass without its five choice CSVs, each named, and its required expression", () => {
    const { form, warnings } = imported(fixture("bug__UCL_Biomass_Plot_Form.xlsx"));
    const missing = warnings.filter((w) => w.code === "missing_choices_file");
    expect(missing.every((w) => w.dropsLogic === true && w.column === "A")).toBe(true);
    expect([...new Set(missing.map((w) => /'([^']+\.csv)'/.exec(w.message)?.[1]))]).toEqual([
      "UCL_regions.csv",
      "UCL_districts.csv",
      "UCL_villages.csv",
      "ULC_Biomass_Plots.csv",
      "species_names.csv",
    ]);
    // The questions stay, offering no choices until a version with the files is published.
    expect(findQuestion(form, "region_id")).toMatchObject({
      type: "select_one",
      choicesFile: "UCL_regions.csv",
    });
    expect(form.choiceLists["UCL_regions.csv"]).toBeUndefined();
    expect(
      checkSubmission(form, { region_id: "r1" }).issues.map((i) => [i.path?.[1], i.code]),
    ).toContainEqual(["region_id", "invalid_choice"]);
    // `required` = ${health_id}='dead' (curly quotes read as straight): required only for dead stems.
    expect(findQuestion(form, "stem_height")).toMatchObject({ requiredWhen: "${health_id}='dead'" });
    expect(findQuestion(form, "stem_height")?.required).toBeUndefined();
  });

  it.each(PYXFORM_EXAMPLES.filter((f) => REJECTED[f] === undefined))("%s imports", (file) => {
    const { form, warnings } = imported(fixture(file));
    expect(questionsOf(form).length).toBeGreaterThan(0);
    for (const w of warnings) expect(w.severity).toBe("warning");
    // What was kept comes back out: export then import gives the same form.
    expect(imported(exportXlsForm(form)).form).toEqual(form);
  });

  it.each(Object.entries(REJECTED))("%s is rejected at the faulty cell", (file, first) => {
    const issues = rejected(fixture(file)).filter((i) => i.severity === "error");
    expect(located(issues)).toContainEqual(first);
    for (const i of issues) {
      expect(i.sheet).toBeDefined();
      expect(i.message).toMatch(/^(survey|choices|settings) row \d+(, column [A-Z]+)?: /);
    }
  });

  it("reads repeats, or_other, cascading selects, loops and kept columns as pyxform does", () => {
    const orOther = imported(fixture("or_other.xlsx")).form;
    expect(questionsOf(orOther)[0]).toMatchObject({ orOther: true });
    const cascade = imported(fixture("choice_filter_test.xlsx")).form;
    expect(findQuestion(cascade, "county")).toMatchObject({ choiceFilter: "${state}=cf" });
    expect(checkSubmission(cascade, { state: "texas", county: "king", city: "dumont" }).issues).toEqual([]);
    expect(checkSubmission(cascade, { state: "texas", county: "pierce" }).issues.map((i) => i.code)).toEqual([
      "filtered_choice",
    ]);
    const loop = imported(fixture("loop.xlsx")).form;
    expect(loop.items[1]).toMatchObject({
      type: "group",
      name: "loop_toilet_types",
      items: [{ type: "group", name: "pit_latrine_with_slab", items: [{ name: "number" }] }, {}, {}],
    });
    const tour = imported(fixture("flat_xlsform_test.xlsx")).form;
    expect(questionsOf(tour).some((q) => q.extra?.["appearance"] !== undefined)).toBe(true);
    const group = imported(fixture("group.xlsx")).form;
    expect(group.items.some((i) => i.type === "group")).toBe(true);
  });

  it("rejects duplicate column headers", () => {
    const issues = rejected(fixture("bug__duplicate_columns.xlsx"));
    expect(located(issues.filter((i) => i.code === "duplicate_column"))).toEqual([
      ["error", "duplicate_column", "survey", 1, "E"],
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
      ["warning", "smart_quotes_replaced", "survey", 6, "D"],
      // `required` as an expression is checked like relevant: ${a} names two questions.
      ["error", "ambiguous_reference", "survey", 6, "F"],
      ["error", "invalid_form_kind", "settings", 2, "B"],
    ]);
  });
});
