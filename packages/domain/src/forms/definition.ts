// Form definitions: checklists (opening, voting, counting, tabulation) and
// incident forms. One interface per concept plus its zod schema; the form
// schema also checks cross-references (names, choice lists, expressions,
// languages) and reports each problem at its exact path, e.g.
// ["items", 2, "items", 0, "relevant"].
//
// Answers to a form are `Record<questionName, AnswerValue>` (see answers.ts).
import { z } from "zod";
import { issueParams } from "../common/issue-params.ts";
import { err, type InputIssue, ok, type Result } from "../common/result.ts";
import { QUESTION_NAME_PATTERN } from "../expressions/parser.ts";
import { crossCheck } from "./cross-check.ts";

export const FORM_KINDS = ["opening", "voting", "counting", "tabulation", "incident"] as const;
export type FormKind = (typeof FORM_KINDS)[number];
export const FormKindSchema = z.enum(FORM_KINDS);

/**
 * Language keys: a code ("en", "pt-BR"), or a language name as the XLSForm wrote it
 * ("Español", "العربية", "Kiswahili"); "default" for unlabelled XLSForm columns.
 */
export const LANGUAGE_KEY_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M}\p{N}_ .'-]{0,63}$/u;
export const LanguageKeySchema = z
  .string()
  .regex(LANGUAGE_KEY_PATTERN, "a language code like en, or a language name like Español");

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

/** A label given as media (XLSForm `media::image`, `image::Español`, ...): file names per language. */
export interface MediaLabels {
  readonly image?: LocalizedText;
  readonly bigImage?: LocalizedText;
  readonly audio?: LocalizedText;
  readonly video?: LocalizedText;
}
export const MEDIA_KINDS = ["image", "bigImage", "audio", "video"] as const;
export const MediaLabelsSchema = z.strictObject({
  image: LocalizedTextSchema.optional(),
  bigImage: LocalizedTextSchema.optional(),
  audio: LocalizedTextSchema.optional(),
  video: LocalizedTextSchema.optional(),
});

/**
 * XLSForm columns Scrutiny does not interpret (appearance, default, read_only,
 * parameters, required_message, ...), by header exactly as written, with the cell
 * as written. Kept so that export gives them back unchanged.
 */
export type ExtraColumns = Readonly<Record<string, string>>;
export const ExtraColumnsSchema = z.record(z.string().min(1).max(200), z.string().max(10_000));

export interface Choice {
  readonly name: string;
  /** Absent only when the choice is shown as media. */
  readonly label?: LocalizedText;
  readonly media?: MediaLabels;
  /**
   * Other columns of the choice's row (e.g. `region` for a cascading select's
   * choice_filter `region = ${region}`), by header as written.
   */
  readonly properties?: ExtraColumns;
}
export const ChoiceSchema = z.strictObject({
  name: ChoiceNameSchema,
  label: LocalizedTextSchema.optional(),
  media: MediaLabelsSchema.optional(),
  properties: ExtraColumnsSchema.optional(),
});

/** Default and maximum length of text answers. A longer answer is rejected. */
export const DEFAULT_TEXT_MAX_LENGTH = 2000;
export const TEXT_MAX_LENGTH_CEILING = 10_000;

/** The 4-point assessment scale, best to worst. */
export const ASSESSMENT_SCALE = ["very_good", "good", "bad", "very_bad"] as const;
export type AssessmentValue = (typeof ASSESSMENT_SCALE)[number];
export const YES_NO = ["yes", "no"] as const;

/** What every item has: a name, display text, skip logic and the XLSForm columns kept as written. */
interface ItemBase {
  readonly name: string;
  readonly hint?: LocalizedText;
  readonly media?: MediaLabels;
  /** Skip logic: the item is asked only when this expression is true. */
  readonly relevant?: string;
  readonly extra?: ExtraColumns;
}

interface QuestionBase extends ItemBase {
  /** Absent only when the label is given as media. */
  readonly label?: LocalizedText;
  /** Required when relevant: a relevant, unanswered required question is an issue. */
  readonly required?: boolean;
  /**
   * XLSForm `required` given as an expression (`\${x} = 'yes'`): required when relevant and
   * this is true, evaluated like `relevant`. Not together with `required`.
   */
  readonly requiredWhen?: string;
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
interface SelectBase extends QuestionBase {
  readonly listName: string;
  /**
   * Cascading selects: a choice is offered when this is true of it. Bare names
   * (`region`) are the choice's properties; `${q}` are answers.
   */
  readonly choiceFilter?: string;
  /** XLSForm `or_other`: the choice `other` is accepted too, with a text answer `<name>_other`. */
  readonly orOther?: boolean;
  /**
   * `select_one_from_file cities.csv`: the choices were read from this file,
   * uploaded beside the form; they are stored in `choiceLists[listName]`.
   */
  readonly choicesFile?: string;
  /** pyxform's `parameters` value= and label=: the file's columns with each choice's name and label. */
  readonly choicesFileColumns?: { readonly value?: string; readonly label?: string };
}
export interface SelectOneQuestion extends SelectBase {
  readonly type: "select_one";
}
export interface SelectMultipleQuestion extends SelectBase {
  readonly type: "select_multiple";
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
/** A number on a slider, from `start` to `end` in steps of `step` (XLSForm `range`, parameters). */
export interface RangeQuestion extends QuestionBase {
  readonly type: "range";
  readonly start: number;
  readonly end: number;
  readonly step: number;
}
export interface TextQuestion extends QuestionBase {
  readonly type: "text";
  /** Defaults to DEFAULT_TEXT_MAX_LENGTH (2,000 characters, counted as code points). */
  readonly maxLength?: number;
}
/** A scanned code; the answer is its text. */
export interface BarcodeQuestion extends QuestionBase {
  readonly type: "barcode";
}
export interface TimeQuestion extends QuestionBase {
  readonly type: "time";
}
export interface DateQuestion extends QuestionBase {
  readonly type: "date";
}
/** A date and time with offset, as ODK writes it: `2024-03-01T07:30:00.000+03:00`. */
export interface DateTimeQuestion extends QuestionBase {
  readonly type: "datetime";
}
/** A position `lat lon [altitude [accuracy]]` (ODK's geopoint). */
export interface GeopointQuestion extends QuestionBase {
  readonly type: "geopoint";
  /** Scrutiny: a data-quality flag when the position is farther than this (metres) from the station. */
  readonly maxDistanceFromStation?: number;
}
export const ATTACHMENT_QUESTION_TYPES = ["image", "audio", "video", "file"] as const;
export type AttachmentQuestionType = (typeof ATTACHMENT_QUESTION_TYPES)[number];
/** A photo, recording or file; the answer is the SHA-256 (hex) of an attachment sent with the report. */
export interface AttachmentQuestion extends QuestionBase {
  readonly type: AttachmentQuestionType;
}
/** A statement the observer confirms; the answer is "OK". */
export interface AcknowledgeQuestion extends QuestionBase {
  readonly type: "acknowledge";
}
/**
 * A value computed from other answers (XLSForm `calculate`, and `hidden` without a
 * calculation). Stored with the answers; never shown as a question.
 */
export interface CalculateQuestion extends QuestionBase {
  readonly type: "calculate";
  readonly calculation?: string;
}
/** Text shown to the observer; has no answer. */
export interface NoteItem extends ItemBase {
  readonly type: "note";
  /** Absent only when the note is given as media. */
  readonly label?: LocalizedText;
}

export type Question =
  | YesNoQuestion
  | SelectOneQuestion
  | SelectMultipleQuestion
  | AssessmentQuestion
  | IntegerQuestion
  | DecimalQuestion
  | RangeQuestion
  | TextQuestion
  | BarcodeQuestion
  | TimeQuestion
  | DateQuestion
  | DateTimeQuestion
  | GeopointQuestion
  | AttachmentQuestion
  | AcknowledgeQuestion
  | CalculateQuestion;
export type QuestionType = Question["type"];
export const QUESTION_TYPES: readonly QuestionType[] = [
  "yes_no",
  "select_one",
  "select_multiple",
  "assessment",
  "integer",
  "decimal",
  "range",
  "text",
  "barcode",
  "time",
  "date",
  "datetime",
  "geopoint",
  ...ATTACHMENT_QUESTION_TYPES,
  "acknowledge",
  "calculate",
];

export interface Group extends ItemBase {
  readonly type: "group";
  readonly label?: LocalizedText;
  /** Applies to every item inside (and-ed with the items' own `relevant`). */
  readonly items: readonly FormItem[];
}

/**
 * Items asked once per instance (one per incident, per candidate, per ballot
 * box). The answer is an array of instances, each an object keyed by the names
 * of the items inside.
 */
export interface Repeat extends ItemBase {
  readonly type: "repeat";
  readonly label?: LocalizedText;
  /** The number of instances, when fixed by an expression (XLSForm `repeat_count`). */
  readonly repeatCount?: string;
  readonly items: readonly FormItem[];
}

export type FormItem = Question | NoteItem | Group | Repeat;

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
  /** Language keys, in display order. */
  readonly languages: readonly string[];
  /** Language names as the XLSForm headers wrote them ("Français (fr)"), by key, for export. */
  readonly languageNames?: Readonly<Record<string, string>>;
  readonly defaultLanguage: string;
  readonly items: readonly FormItem[];
  /** Choice lists by name, referenced by questions' `listName`. */
  readonly choiceLists: Readonly<Record<string, readonly Choice[]>>;
  readonly checks: readonly DataQualityCheck[];
  /** XLSForm settings Scrutiny does not interpret (instance_name, public_key, ...), kept as written. */
  readonly settings?: ExtraColumns;
  /**
   * CSV files uploaded beside the form that `pulldata('file', ...)` reads, by the name pulldata
   * gives (the file name without `.csv`): each row as its cells by column header.
   */
  readonly dataFiles?: Readonly<Record<string, readonly Readonly<Record<string, string>>[]>>;
  /**
   * The files uploaded beside the workbook that the form uses (choices files, pulldata CSVs), by
   * file name: content-addressed, so the form's content hash covers their bytes; the bytes are
   * stored with the version and served to ODK Collect through the form's manifest.
   */
  readonly mediaFiles?: Readonly<Record<string, MediaFile>>;
}

/** A file stored with a form version. */
export interface MediaFile {
  /** SHA-256 of the bytes, lowercase hex. */
  readonly sha256: string;
  readonly size: number;
  readonly contentType: string;
}

const expressionText = z.string().trim().min(1).max(4000);

const itemBaseShape = {
  name: QuestionNameSchema,
  hint: LocalizedTextSchema.optional(),
  media: MediaLabelsSchema.optional(),
  relevant: expressionText.optional(),
  extra: ExtraColumnsSchema.optional(),
};
const questionBaseShape = {
  ...itemBaseShape,
  label: LocalizedTextSchema.optional(),
  required: z.boolean().optional(),
  requiredWhen: expressionText.optional(),
  constraint: expressionText.optional(),
  constraintMessage: LocalizedTextSchema.optional(),
  critical: z.boolean().optional(),
  criticalWhen: expressionText.optional(),
};
const listNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "a list name");
const bound = z.number().finite();
const selectShape = {
  ...questionBaseShape,
  listName: listNameSchema,
  choiceFilter: expressionText.optional(),
  orOther: z.boolean().optional(),
  choicesFile: z
    .string()
    .regex(
      /^[A-Za-z0-9_][A-Za-z0-9_.-]*\.(csv|xml|geojson)$/i,
      "a file name ending in .csv, .xml or .geojson",
    )
    .optional(),
  choicesFileColumns: z
    .strictObject({ value: listNameSchema.optional(), label: listNameSchema.optional() })
    .optional(),
};
const plain = <T extends QuestionType>(type: T) =>
  z.strictObject({ ...questionBaseShape, type: z.literal(type) });

export const QuestionSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...questionBaseShape, type: z.literal("yes_no"), listName: listNameSchema }),
  z.strictObject({ ...selectShape, type: z.literal("select_one") }),
  z.strictObject({ ...selectShape, type: z.literal("select_multiple") }),
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
    type: z.literal("range"),
    start: bound,
    end: bound,
    step: bound.refine((x) => x > 0, "a step above 0"),
  }),
  z.strictObject({
    ...questionBaseShape,
    type: z.literal("text"),
    maxLength: z.number().int().min(1).max(TEXT_MAX_LENGTH_CEILING).optional(),
  }),
  plain("barcode"),
  plain("time"),
  plain("date"),
  plain("datetime"),
  z.strictObject({
    ...questionBaseShape,
    type: z.literal("geopoint"),
    maxDistanceFromStation: z.number().positive().finite().optional(),
  }),
  plain("image"),
  plain("audio"),
  plain("video"),
  plain("file"),
  plain("acknowledge"),
  z.strictObject({
    ...questionBaseShape,
    type: z.literal("calculate"),
    calculation: expressionText.optional(),
  }),
]);

export const NoteSchema = z.strictObject({
  ...itemBaseShape,
  type: z.literal("note"),
  label: LocalizedTextSchema.optional(),
});

export const GroupSchema = z.strictObject({
  ...itemBaseShape,
  type: z.literal("group"),
  label: LocalizedTextSchema.optional(),
  get items(): z.ZodArray<z.ZodType<FormItem>> {
    return z.array(FormItemSchema);
  },
});

export const RepeatSchema = z.strictObject({
  ...itemBaseShape,
  type: z.literal("repeat"),
  label: LocalizedTextSchema.optional(),
  repeatCount: expressionText.optional(),
  get items(): z.ZodArray<z.ZodType<FormItem>> {
    return z.array(FormItemSchema);
  },
});

export const FormItemSchema: z.ZodType<FormItem> = z.discriminatedUnion("type", [
  ...QuestionSchema.options,
  NoteSchema,
  GroupSchema,
  RepeatSchema,
]);

export const DataQualityCheckSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "an identifier"),
  expression: expressionText,
  message: LocalizedTextSchema,
});

type Path = (string | number)[];

/** Items that hold other items. */
export type Container = Group | Repeat;

export function isQuestion(item: FormItem): item is Question {
  return item.type !== "group" && item.type !== "note" && item.type !== "repeat";
}

/** Visits every item depth-first in document order, with its path and the groups and repeats around it. */
export function walkItems(
  items: readonly FormItem[],
  visit: (item: FormItem, path: Path, containers: readonly Container[]) => void,
  basePath: Path = ["items"],
  containers: readonly Container[] = [],
): void {
  items.forEach((item, i) => {
    const path = [...basePath, i];
    visit(item, path, containers);
    if (item.type === "group" || item.type === "repeat")
      walkItems(item.items, visit, [...path, "items"], [...containers, item]);
  });
}

/** Questions (answerable items, calculations included) in document order, inside repeats too. */
export function questionsOf(form: Pick<FormDefinition, "items">): Question[] {
  const out: Question[] = [];
  walkItems(form.items, (item) => {
    if (isQuestion(item)) out.push(item);
  });
  return out;
}

/** Questions answered once per report (not inside a repeat), in document order. */
export function topLevelQuestionsOf(form: Pick<FormDefinition, "items">): Question[] {
  const out: Question[] = [];
  walkItems(form.items, (item, _path, containers) => {
    if (isQuestion(item) && !containers.some((c) => c.type === "repeat")) out.push(item);
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
export function listShape(choices: readonly Pick<Choice, "name">[]): "yes_no" | "assessment" | "other" {
  const names = choices.map((c) => c.name);
  if (sameSet(names, YES_NO)) return "yes_no";
  if (sameSet(names, ASSESSMENT_SCALE)) return "assessment";
  return "other";
}

export const FormShapeSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "an identifier of letters, digits, _ . -"),
  version: z.number().int().min(1),
  kind: FormKindSchema,
  title: LocalizedTextSchema,
  languages: z.array(LanguageKeySchema).min(1),
  languageNames: z.record(LanguageKeySchema, z.string().min(1).max(200)).optional(),
  defaultLanguage: LanguageKeySchema,
  items: z.array(FormItemSchema),
  choiceLists: z.record(z.string(), z.array(ChoiceSchema)),
  checks: z.array(DataQualityCheckSchema),
  settings: ExtraColumnsSchema.optional(),
  dataFiles: z
    .record(
      z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "a file name"),
      z.array(z.record(z.string(), z.string())),
    )
    .optional(),
  mediaFiles: z
    .record(
      z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "a file name"),
      z.strictObject({
        sha256: z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 in lowercase hex"),
        size: z.number().int().nonnegative(),
        contentType: z.string().min(1).max(200),
      }),
    )
    .optional(),
});

export const FormDefinitionSchema: z.ZodType<FormDefinition> = FormShapeSchema.superRefine((form, ctx) => {
  crossCheck(form, (path, code, message, params) => {
    ctx.addIssue({ code: "custom", path, message, params: { ...params, code } });
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
    // What the problem names: a cross-check's values, zod's bounds (issue-params.ts).
    const named = issueParams(issue);
    return {
      path: [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
      code,
      message: issue.message,
      ...(Object.keys(named).length > 0 ? { params: named } : {}),
    };
  });
}

export function safeParseFormDefinition(value: unknown): Result<FormDefinition, InputIssue[]> {
  const parsed = FormDefinitionSchema.safeParse(value);
  if (!parsed.success) return err(zodIssuesToInputIssues(parsed.error));
  return ok(parsed.data);
}
