// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
// An XLSForm import's problems and warnings in the reader's language: every code the importer and
// the form's checks declare (domain xlsform/codes.ts) has a text in English and Russian that names
// what the problem carries, and what real imports give is said from the catalogue, not from the
// importer's English sentence.
import {
  importXlsForm,
  writeXlsx,
  XLSFORM_IMPORT_ISSUES,
  XLSFORM_ISSUES,
  type XlsFormIssue,
  type XlsxSheetInput,
} from "@scrutiny/domain";
import { describe, expect, it } from "vitest";
import { ApiError } from "../src/api/failure.ts";
import { en, ru } from "../src/i18n/catalogue.ts";
import { refusedXlsFormIssues, xlsFormIssueText, xlsFormPlace } from "../src/ui/issueText.ts";
import { type CatalogueTranslate, catalogueTranslators } from "./support/translators.ts";

type Translate = CatalogueTranslate;
const { english, russian } = catalogueTranslators();

const cyrillic = /[\u0400-\u04FF]/;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]);
const LOCATION_KEYS = ["at_sheet", "at_row", "at_cell"];

/** Each declared code and way of saying it, as its catalogue key. */
const declared = Object.entries(XLSFORM_ISSUES).flatMap(([code, entry]) =>
  (entry.what ?? [undefined]).map((what) => ({
    code,
    what,
    key: what === undefined ? code : `${code}_${what}`,
    params: entry.params,
  })),
);

describe("the catalogue's texts of XLSForm problems", () => {
  it("has an English and a Russian text for every code and way the import declares", () => {
    const enTexts = en.errors.xlsform as Record<string, string>;
    const ruTexts = ru.errors.xlsform as Record<string, string>;
    for (const { key, params } of declared) {
      const inEnglish = enTexts[key];
      const inRussian = ruTexts[key];
      expect(inEnglish, key).toBeTypeOf("string");
      expect(inRussian, key).toBeTypeOf("string");
      expect(inRussian, key).toMatch(cyrillic);
      // A text names only what the problem carries, and the same values in both languages.
      for (const name of placeholders(inEnglish ?? "")) expect(params, `${key}: ${name}`).toContain(name);
      expect(new Set(placeholders(inRussian ?? "")), key).toEqual(new Set(placeholders(inEnglish ?? "")));
    }
    // And nothing else: no text for a code the import no longer gives.
    const keys = new Set([...declared.map((d) => d.key), ...LOCATION_KEYS]);
    expect(Object.keys(enTexts).filter((k) => !keys.has(k))).toEqual([]);
  });

  it("says every declared problem with its values, in either language", () => {
    for (const { code, what, key, params } of declared) {
      const values = Object.fromEntries(params.map((p, i) => [p, p === "formKind" ? "incident" : `v${i}x`]));
      const issue = {
        code,
        message: "the English sentence",
        params: { ...values, ...(what !== undefined ? { what } : {}) },
      };
      for (const [t, lang] of [
        [english, "en"],
        [russian, "ru"],
      ] as const) {
        const text = xlsFormIssueText(issue, t);
        expect(text, `${lang} ${key}`).not.toBe("the English sentence");
        expect(text, `${lang} ${key}`).not.toMatch(/\{\{|\}\}/);
        const source = ((lang === "en" ? en : ru).errors.xlsform as Record<string, string>)[key] ?? "";
        for (const name of placeholders(source))
          if (name !== "formKind") expect(text, `${lang} ${key}`).toContain(String(values[name ?? ""]));
      }
    }
    // The form's kind by its label, not its code.
    const kind = { code: "missing_form_kind", message: "", params: { formKind: "incident" } };
    expect(xlsFormIssueText(kind, russian)).toContain(`«${ru.formKind.incident}»`);
  });

  it("says where: sheet, row and column as far as known", () => {
    expect(xlsFormPlace({ sheet: "survey", line: 4, column: "B" }, russian)).toBe(
      "survey, строка 4, столбец B",
    );
    expect(xlsFormPlace({ sheet: "survey", line: 4 }, english)).toBe("survey, row 4");
    expect(xlsFormPlace({ sheet: "extra" }, english)).toBe("extra");
    expect(xlsFormPlace({}, english)).toBeUndefined();
  });
});

function problems(sheets: XlsxSheetInput[], files?: Record<string, Uint8Array>): XlsFormIssue[] {
  const r = importXlsForm(writeXlsx(sheets), { files: files ?? {}, requireFiles: true });
  return r.ok ? r.value.warnings : r.error;
}

/** The issue's params are declared for its code (importer codes: its values and ways). */
function expectDeclared(issue: XlsFormIssue) {
  const entry = XLSFORM_ISSUES[issue.code];
  if (entry === undefined) return; // zod's own codes (a name's format, ...): said as field problems
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    if (name === "what") expect(entry.what, issue.code).toContain(value);
    else if (name !== "code") expect(entry.params, `${issue.code}: ${name}`).toContain(name);
  }
}

describe("what an import gives, in the reader's language", () => {
  it("says a refused workbook's problems from their codes, with the names they are about", () => {
    const issues = problems([
      {
        name: "survey",
        rows: [
          ["type", "name", "label", "relevant", "label"],
          ["rank", "order", "Order the parties", "", ""],
          ["integer", "voters", "Voters", "${nobody} > 0", ""],
          ["select_one colours", "colour", "Colour", "", ""],
          ["begin group", "open_group", "Never closed", "", ""],
        ],
      },
      { name: "settings", rows: [["form_kind"], ["party"]] },
    ]);
    const byCode = new Map(issues.map((i) => [i.code, i]));
    for (const issue of issues) expectDeclared(issue);
    expect([...byCode.keys()]).toEqual(
      expect.arrayContaining([
        "duplicate_column",
        "unsupported_type",
        "unbalanced_group",
        "invalid_form_kind",
        "unknown_reference",
      ]),
    );
    const say = (code: string, t: Translate) => {
      const issue = byCode.get(code);
      if (issue === undefined) throw new Error(`no ${code}`);
      return `${xlsFormPlace(issue, t)}: ${xlsFormIssueText(issue, t)}`;
    };
    expect(say("unsupported_type", russian)).toBe(
      "survey, строка 2, столбец A: Тип вопроса «rank» не поддерживается.",
    );
    expect(say("unsupported_type", english)).toBe(
      "survey, row 2, column A: Question type “rank” is not supported.",
    );
    expect(say("unbalanced_group", russian)).toBe(
      "survey, строка 5, столбец A: Группа «open_group» нигде не закрыта.",
    );
    expect(say("duplicate_column", russian)).toBe(
      "survey, строка 1, столбец E: Столбец «label» повторяет столбец C («label»).",
    );
    expect(say("invalid_form_kind", russian)).toMatch(
      /^settings, строка 2, столбец A: form_kind «party» не входит/,
    );
    expect(say("unknown_reference", russian)).toBe(
      "survey, строка 3, столбец D: «nobody» (в позиции 0) — не вопрос этой формы.",
    );
    for (const issue of issues) expect(xlsFormIssueText(issue, russian), issue.code).toMatch(cyrillic);
  });

  it("says the warnings before publishing, and the problems of a file beside the workbook", () => {
    const warnings = problems([
      {
        name: "survey",
        rows: [
          ["type", "name", "label", "trigger"],
          ["deviceid", "device", "", ""],
          ["integer", "queue", "Queue", ""],
          ["calculate", "at", "", "${queue}"],
        ],
      },
      { name: "notes", rows: [["anything"]] },
    ]);
    for (const issue of warnings) expectDeclared(issue);
    const said = warnings.map((w) => xlsFormIssueText(w, russian));
    expect(said).toEqual(
      expect.arrayContaining([
        "Метаданные «deviceid» не собираются: время отправки и устройство Scrutiny записывает сам.",
        "Лист «notes» не входит в XLSForm; он пропущен.",
        "«trigger»: триггеры (пересчёт при изменении ответа) сохраняются для экспорта, но не выполняются (строк: 1).",
      ]),
    );
    expect(warnings.find((w) => w.code === "not_enforced_trigger")?.dropsLogic).toBe(true);

    const csv = new TextEncoder().encode("name,label\nrl,Riverside\nrl,Again\n");
    const fileProblems = problems(
      [
        {
          name: "survey",
          rows: [
            ["type", "name", "label"],
            ["select_one_from_file centres.csv", "centre", "Centre"],
          ],
        },
      ],
      { "centres.csv": csv },
    );
    const duplicate = fileProblems.find((i) => i.code === "file_duplicate_choice");
    expect(duplicate).toBeDefined();
    if (duplicate === undefined) return;
    expectDeclared(duplicate);
    expect(`${xlsFormPlace(duplicate, russian)}: ${xlsFormIssueText(duplicate, russian)}`).toBe(
      "centres.csv, строка 3, столбец A: «rl» уже является именем варианта в строке 2 (повторы разрешает настройка allow_choice_duplicates).",
    );
    // The English sentence stays with the issue for API clients.
    expect(duplicate.message).toContain("'rl' is already the name of row 2");
  });

  it("says the problems a refused publication's answer lists, as the page says its own", () => {
    const issues = problems([
      {
        name: "survey",
        rows: [
          ["type", "name", "label"],
          ["rank", "order", "Order"],
        ],
      },
    ]);
    const refused = new ApiError(
      422,
      "invalid_xlsform",
      "the XLSForm has 1 problem(s)",
      { issues },
      { count: 1 },
    );
    const listed = refusedXlsFormIssues(refused);
    expect(listed).toHaveLength(issues.length);
    expect(listed.map((i) => `${xlsFormPlace(i, russian) ?? ""}: ${xlsFormIssueText(i, russian)}`)).toContain(
      "survey, строка 2, столбец A: Тип вопроса «rank» не поддерживается.",
    );
    // Any other refusal lists nothing here (apiErrorText says it).
    expect(refusedXlsFormIssues(new ApiError(403, "forbidden", "no", { issues }))).toEqual([]);
    expect(refusedXlsFormIssues(new Error("boom"))).toEqual([]);
  });

  it("declares its own codes apart from the form's checks", () => {
    expect(Object.keys(XLSFORM_IMPORT_ISSUES)).toContain("unsupported_type");
    expect(Object.keys(XLSFORM_ISSUES)).toEqual(
      expect.arrayContaining(["unknown_reference", "unsupported_type"]),
    );
  });
});
