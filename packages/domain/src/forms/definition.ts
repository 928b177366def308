// Form definitions: checklists (opening, voting, counting, tabulation) and
// incident forms. One interface per concept plus its zod schema; the form
// schema also checks cross-references (names, choice lists, expressions,
// languages) and reports each problem at its exact path, e.g.
// ["items", 2, "items", 0, "relevant"].
//
// Answers to a form are `Record<questionName, AnswerValue>` (see answers.ts).
import { z } from "zod";
import { err, type InputIssue, ok, type Result } from "../common/result.ts";
import { currentOffsets, type Expr, referenceOffsets } from "../expressions/ast.ts";
import { parseExpression, QUESTION_NAME_PATTERN } from "../expressions/parser.ts";

export const FORM_KINDS = ["opening", "voting", "counting", "tabulation", "incident"] as const;
export type FormKind = (typeof FORM_KINDS)[number];
export const FormKindSchema = z.enum(FORM_KINDS);

/** Language keys: BCP-47-like codes ("en", "ru", "pt-BR"); "default" for unlabelled XLSForm columns. */
export const LANGUAGE_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const LanguageKeySchema = z.string().regex(LANGUAGE_KEY_PATTERN, "a language code like en or ru");

/** Text in several languages, keyed by language code: `{ en: "Yes", ru: "Да" }`. */
export type LocalizedText = Readonly<Record<string, string>>;
export const LocalizedTextSchema = z
  .record(LanguageKeySchema, z.string().min(1))
  .refine((t) => Object.keys(t).length > 0, {
    message: "text in at least one language is required",
    params: { code: "missing_text" },
  });

export const QuestionNameSchema = z
  .string()
  .max(100)
  .regex(QUESTION_NAME_PATTERN, "a name starting with a letter or _, then letters, digits, _ . -");

/** Choice names are stored in answers; select_multiple answers join them with spaces in expressions. */
export const ChoiceNameSchema = z.string().min(1).max(100).regex(/^\S+$/, "no whitespace");

export interface Choice {
  readonly name: string;
  readonly label: LocalizedText;
}
export const ChoiceSchema = z.strictObject({ name: ChoiceNameSchema, label: LocalizedTextSchema });

/** Default and maximum length of text answers. A longer answer is rejected. */
export const DEFAULT_TEXT_MAX_LENGTH = 2000;
export const TEXT_MAX_LENGTH_CEILING = 10_000;

/** The 4-point assessment scale, best to worst. */
export const ASSESSMENT_SCALE = ["very_good", "good", "bad", "very_bad"] as const;
export type AssessmentValue = (typeof ASSESSMENT_SCALE)[number];
export const YES_NO = ["yes", "no"] as const;

interface QuestionBase {
  readonly name: string;
  readonly label: LocalizedText;
  readonly hint?: LocalizedText;
  /** Required when relevant: a relevant, unanswered required question is an issue. */
  readonly required?: boolean;
  /** Skip logic: the question is asked only when this expression is true. */
  readonly relevant?: string;
  /** Must be true for an answer to be accepted; `.` is the answer. */
  readonly constraint?: string;
  readonly constraintMessage?: LocalizedText;
  /** A critical question: shown prominently; see `criticalWhen`. */
  readonly critical?: boolean;
  /** For critical questions: when this is true of the answer (`.`), the submission raises a critical flag. */
  readonly criticalWhen?: string;
}

export interface YesNoQuestion extends QuestionBase {
  readonly type: "yes_no";
  /** A choice list with exactly the choices `yes` and `no` (their labels and order). */
  readonly listName: string;
}
export interface SelectOneQuestion extends QuestionBase {
  readonly type: "select_one";
  readonly listName: string;
}
export interface SelectMultipleQuestion extends QuestionBase {
  readonly type: "select_multiple";
  readonly listName: string;
}
/** The 4-point scale: a list with exactly very_good, good, bad, very_bad. Answers are choice names. */
export interface AssessmentQuestion extends QuestionBase {
  readonly type: "assessment";
  readonly listName: string;
}
export interface IntegerQuestion extends QuestionBase {
  readonly type: "integer";
  readonly min?: number;
  readonly max?: number;
}
export interface DecimalQuestion extends QuestionBase {
  readonly type: "decimal";
  readonly min?: number;
  readonly max?: number;
}
export interface TextQuestion extends QuestionBase {
  readonly type: "text";
  /** Defaults to DEFAULT_TEXT_MAX_LENGTH (2,000 characters, counted as code points). */
  readonly maxLength?: number;
}
export interface TimeQuestion extends QuestionBase {
  readonly type: "time";
}
export interface DateQuestion extends QuestionBase {
  readonly type: "date";
}
/** Text shown to the observer; has no answer. */
export interface NoteItem {
  readonly type: "note";
  readonly name: string;
  readonly label: LocalizedText;
  readonly hint?: LocalizedText;
  readonly relevant?: string;
}

export type Question =
  | YesNoQuestion
  | SelectOneQuestion
  | SelectMultipleQuestion
  | AssessmentQuestion
  | IntegerQuestion
  | DecimalQuestion
  | TextQuestion
  | TimeQuestion
  | DateQuestion;
export type QuestionType = Question["type"];
export const QUESTION_TYPES: readonly QuestionType[] = [
  "yes_no",
  "select_one",
  "select_multiple",
  "assessment",
  "integer",
  "decimal",
  "text",
  "time",
  "date",
];

export interface Group {
  readonly type: "group";
  readonly name: string;
  readonly label?: LocalizedText;
  /** Applies to every item inside (and-ed with the items' own `relevant`). */
  readonly relevant?: string;
  readonly items: readonly FormItem[];
}

export type FormItem = Question | NoteItem | Group;

/** A consistency check over answers, e.g. `${ballots_cast} <= ${registered}`; a false result is a flag. */
export interface DataQualityCheck {
  readonly id: string;
  readonly expression: string;
  readonly message: LocalizedText;
}

export interface FormDefinition {
  readonly id: string;
  /** Integer >= 1; publishing a change makes a new version (see nextVersion). */
  readonly version: number;
  readonly kind: FormKind;
  readonly title: LocalizedText;
  /** Language codes, in display order. */
  readonly languages: readonly string[];
  readonly defaultLanguage: string;
  readonly items: readonly FormItem[];
  /** Choice lists by name, referenced by questions' `listName`. */
  readonly choiceLists: Readonly<Record<string, readonly Choice[]>>;
  readonly checks: readonly DataQualityCheck[];
}

const expressionText = z.string().trim().min(1).max(4000);

const questionBaseShape = {
  name: QuestionNameSchema,
  label: LocalizedTextSchema,
  hint: LocalizedTextSchema.optional(),
  required: z.boolean().optional(),
  relevant: expressionText.optional(),
  constraint: expressionText.optional(),
  constraintMessage: LocalizedTextSchema.optional(),
  critical: z.boolean().optional(),
  criticalWhen: expressionText.optional(),
};
const listNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "a list name");
const bound = z.number().finite();

export const QuestionSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...questionBaseShape, type: z.literal("yes_no"), listName: listNameSchema }),
  z.strictObject({ ...questionBaseShape, type: z.literal("select_one"), listName: listNameSchema }),
  z.strictObject({ ...questionBaseShape, type: z.literal("select_multiple"), listName: listNameSchema }),
  z.strictObject({ ...questionBaseShape, type: z.literal("assessment"), listName: listNameSchema }),
  z.strictObject({
    ...questionBaseShape,
    type: z.literal("integer"),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
  }),
  z.strictObject({
    ...questionBaseShape,
    type: z.literal("decimal"),
    min: bound.optional(),
    max: bound.optional(),
  }),
  z.strictObject({
    ...questionBaseShape,
    type: z.literal("text"),
    maxLength: z.number().int().min(1).max(TEXT_MAX_LENGTH_CEILING).optional(),
  }),
  z.strictObject({ ...questionBaseShape, type: z.literal("time") }),
  z.strictObject({ ...questionBaseShape, type: z.literal("date") }),
]);

export const NoteSchema = z.strictObject({
  type: z.literal("note"),
  name: QuestionNameSchema,
  label: LocalizedTextSchema,
  hint: LocalizedTextSchema.optional(),
  relevant: expressionText.optional(),
});

export const GroupSchema = z.strictObject({
  type: z.literal("group"),
  name: QuestionNameSchema,
  label: LocalizedTextSchema.optional(),
  relevant: expressionText.optional(),
  get items(): z.ZodArray<z.ZodType<FormItem>> {
    return z.array(FormItemSchema);
  },
});

export const FormItemSchema: z.ZodType<FormItem> = z.discriminatedUnion("type", [
  ...QuestionSchema.options,
  NoteSchema,
  GroupSchema,
]);

export const DataQualityCheckSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "an identifier"),
  expression: expressionText,
  message: LocalizedTextSchema,
});

type Path = (string | number)[];
type AddIssue = (path: Path, code: string, message: string) => void;

export function isQuestion(item: FormItem): item is Question {
  return item.type !== "group" && item.type !== "note";
}

/** Visits every item depth-first in document order, with its path from the form root. */
export function walkItems(
  items: readonly FormItem[],
  visit: (item: FormItem, path: Path, groups: readonly Group[]) => void,
  basePath: Path = ["items"],
  groups: readonly Group[] = [],
): void {
  items.forEach((item, i) => {
    const path = [...basePath, i];
    visit(item, path, groups);
    if (item.type === "group") walkItems(item.items, visit, [...path, "items"], [...groups, item]);
  });
}

/** Questions (answerable items) in document order. */
export function questionsOf(form: Pick<FormDefinition, "items">): Question[] {
  const out: Question[] = [];
  walkItems(form.items, (item) => {
    if (isQuestion(item)) out.push(item);
  });
  return out;
}

export function findQuestion(form: Pick<FormDefinition, "items">, name: string): Question | undefined {
  return questionsOf(form).find((q) => q.name === name);
}

/** The choices of a select, yes/no or assessment question (empty for other types). */
export function choicesOf(form: Pick<FormDefinition, "choiceLists">, question: Question): readonly Choice[] {
  if ("listName" in question) return form.choiceLists[question.listName] ?? [];
  return [];
}

function sameSet(names: readonly string[], expected: readonly string[]): boolean {
  return names.length === expected.length && expected.every((n) => names.includes(n));
}

/** The XLSForm-visible shape of a list: yes/no, 4-point assessment, or any other choices. */
export function listShape(choices: readonly Choice[]): "yes_no" | "assessment" | "other" {
  const names = choices.map((c) => c.name);
  if (sameSet(names, YES_NO)) return "yes_no";
  if (sameSet(names, ASSESSMENT_SCALE)) return "assessment";
  return "other";
}

function checkLanguages(
  text: LocalizedText | undefined,
  path: Path,
  languages: Set<string>,
  add: AddIssue,
): void {
  if (text === undefined) return;
  for (const lang of Object.keys(text)) {
    if (!languages.has(lang))
      add([...path, lang], "unknown_language", `language '${lang}' is not one of the form's languages`);
  }
}

function checkExpression(
  source: string | undefined,
  path: Path,
  add: AddIssue,
  names: ReadonlyMap<string, FormItem["type"]>,
  opts: { allowCurrent: boolean; self?: string },
): Expr | undefined {
  if (source === undefined) return undefined;
  const parsed = parseExpression(source);
  if (!parsed.ok) {
    add(path, "expression_syntax", parsed.error.message);
    return undefined;
  }
  for (const { name, offset } of referenceOffsets(parsed.value)) {
    const type = names.get(name);
    if (type === undefined)
      add(path, "unknown_reference", `\${${name}} at offset ${offset} is not a question of this form`);
    else if (type === "group" || type === "note")
      add(path, "not_a_question", `\${${name}} at offset ${offset} is a ${type}, which has no answer`);
    else if (name === opts.self && !opts.allowCurrent)
      add(path, "self_reference", `\${${name}} at offset ${offset} refers to the question itself`);
  }
  if (!opts.allowCurrent) {
    const [dot] = currentOffsets(parsed.value);
    if (dot !== undefined)
      add(path, "current_not_allowed", `'.' at offset ${dot}: there is no current answer here`);
  }
  return parsed.value;
}

function crossCheck(form: z.output<typeof FormShapeSchema>, add: AddIssue): void {
  const languages = new Set(form.languages);
  if (languages.size !== form.languages.length) add(["languages"], "duplicate_language", "languages repeat");
  if (!languages.has(form.defaultLanguage))
    add(
      ["defaultLanguage"],
      "unknown_language",
      `default language '${form.defaultLanguage}' is not in languages`,
    );
  checkLanguages(form.title, ["title"], languages, add);
  if (form.title[form.defaultLanguage] === undefined)
    add(["title", form.defaultLanguage], "missing_translation", "the title needs the default language");

  for (const [listName, choices] of Object.entries(form.choiceLists)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(listName))
      add(["choiceLists", listName], "invalid_list_name", `'${listName}' is not a valid list name`);
    if (choices.length === 0)
      add(["choiceLists", listName], "empty_list", `list '${listName}' has no choices`);
    const seen = new Set<string>();
    choices.forEach((c, i) => {
      if (seen.has(c.name))
        add(
          ["choiceLists", listName, i, "name"],
          "duplicate_choice",
          `choice '${c.name}' repeats in list '${listName}'`,
        );
      seen.add(c.name);
      checkLanguages(c.label, ["choiceLists", listName, i, "label"], languages, add);
    });
  }

  const names = new Map<string, FormItem["type"]>();
  walkItems(form.items, (item, path) => {
    if (names.has(item.name))
      add([...path, "name"], "duplicate_name", `name '${item.name}' is used more than once`);
    else names.set(item.name, item.type);
  });

  walkItems(form.items, (item, path) => {
    if (item.label !== undefined) {
      checkLanguages(item.label, [...path, "label"], languages, add);
      if (item.label[form.defaultLanguage] === undefined)
        add(
          [...path, "label", form.defaultLanguage],
          "missing_translation",
          `'${item.name}' needs a label in the default language`,
        );
    }
    if (item.type !== "group") checkLanguages(item.hint, [...path, "hint"], languages, add);
    checkExpression(item.relevant, [...path, "relevant"], add, names, {
      allowCurrent: false,
      self: item.name,
    });
    if (!isQuestion(item)) return;
    checkLanguages(item.constraintMessage, [...path, "constraintMessage"], languages, add);
    checkExpression(item.constraint, [...path, "constraint"], add, names, {
      allowCurrent: true,
      self: item.name,
    });
    checkExpression(item.criticalWhen, [...path, "criticalWhen"], add, names, {
      allowCurrent: true,
      self: item.name,
    });
    if (item.criticalWhen !== undefined && item.critical !== true)
      add([...path, "criticalWhen"], "critical_when_without_critical", "criticalWhen needs critical: true");
    if (item.constraintMessage !== undefined && item.constraint === undefined)
      add(
        [...path, "constraintMessage"],
        "message_without_constraint",
        "a constraint message needs a constraint",
      );
    if (
      (item.type === "integer" || item.type === "decimal") &&
      item.min !== undefined &&
      item.max !== undefined &&
      item.min > item.max
    )
      add([...path, "max"], "min_above_max", `min ${item.min} is above max ${item.max}`);
    if ("listName" in item) {
      const list = form.choiceLists[item.listName];
      if (list === undefined) {
        add([...path, "listName"], "unknown_list", `choice list '${item.listName}' does not exist`);
        return;
      }
      const shape = listShape(list);
      if (item.type === "yes_no" && shape !== "yes_no")
        add(
          [...path, "listName"],
          "list_mismatch",
          `a yes/no question needs a list with exactly the choices yes and no`,
        );
      if (item.type === "assessment" && shape !== "assessment")
        add(
          [...path, "listName"],
          "list_mismatch",
          `an assessment question needs a list with exactly ${ASSESSMENT_SCALE.join(", ")}`,
        );
      if (item.type === "select_one" && shape !== "other")
        add(
          [...path, "listName"],
          "list_mismatch",
          `a list of exactly ${shape === "yes_no" ? "yes/no" : "the 4-point scale"}: use type ${shape}`,
        );
    }
  });

  const checkIds = new Set<string>();
  form.checks.forEach((check, i) => {
    if (checkIds.has(check.id)) add(["checks", i, "id"], "duplicate_check", `check id '${check.id}' repeats`);
    checkIds.add(check.id);
    checkExpression(check.expression, ["checks", i, "expression"], add, names, { allowCurrent: false });
    checkLanguages(check.message, ["checks", i, "message"], languages, add);
  });
}

const FormShapeSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "an identifier of letters, digits, _ . -"),
  version: z.number().int().min(1),
  kind: FormKindSchema,
  title: LocalizedTextSchema,
  languages: z.array(LanguageKeySchema).min(1),
  defaultLanguage: LanguageKeySchema,
  items: z.array(FormItemSchema),
  choiceLists: z.record(z.string(), z.array(ChoiceSchema)),
  checks: z.array(DataQualityCheckSchema),
});

export const FormDefinitionSchema: z.ZodType<FormDefinition> = FormShapeSchema.superRefine((form, ctx) => {
  crossCheck(form, (path, code, message) => {
    ctx.addIssue({ code: "custom", path, message, params: { code } });
  });
});

/** Zod issues as InputIssues, keeping the cross-check codes. */
export function zodIssuesToInputIssues(
  error: z.ZodError,
  prefix: readonly (string | number)[] = [],
): InputIssue[] {
  return error.issues.map((issue) => {
    const params = issue.code === "custom" ? (issue.params as { code?: unknown } | undefined) : undefined;
    const code = typeof params?.code === "string" ? params.code : issue.code;
    return {
      path: [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
      code,
      message: issue.message,
    };
  });
}

export function safeParseFormDefinition(value: unknown): Result<FormDefinition, InputIssue[]> {
  const parsed = FormDefinitionSchema.safeParse(value);
  if (!parsed.success) return err(zodIssuesToInputIssues(parsed.error));
  return ok(parsed.data);
}
