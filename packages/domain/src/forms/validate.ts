// Submission validation against one form version.
//
// Answers: `Record<questionName, AnswerValue>` where yes/no -> "yes" | "no";
// select_one and assessment -> a choice name; select_multiple -> string[];
// integer/decimal -> number; text -> string; time -> "HH:MM"; date ->
// "YYYY-MM-DD". Unanswered -> absent or null; "" (text, choices) and [] (select
// multiple) also count as unanswered. Notes and groups have no answers.
//
// Rules, each failure reported (never only the first), as an InputIssue with
// path ["answers", name]:
// - unknown_question: a name that is not in the form; not_answerable: a note or group.
// - wrong_type, not_integer, not_finite, invalid_choice, duplicate_choice,
//   too_long (text over maxLength, default 2,000), invalid_time, invalid_date,
//   below_min, above_max: the answer does not fit its question.
// - required: a required question that is relevant but unanswered.
// - not_relevant: an answer to a question whose skip logic (its own
//   `relevant` and its groups') is false. We report rather than silently drop
//   it, because an observer's device that answered it disagrees with the form.
// - constraint: the question's constraint is false for the answer.
// Relevance is computed in document order; a question that is not relevant,
// or whose answer is invalid, counts as unanswered for later expressions (as
// in ODK). A forward reference sees the raw (type-valid) answer. When skip
// logic depends on an invalid answer, relevance is unknown: the question's own
// answer is still checked, but no `required`/`not_relevant` issue is added;
// likewise a constraint that refers to an invalid answer is not evaluated.
//
// Data-quality checks are evaluated only when every question they reference
// is answered (and relevant and valid); a false result is a flag. Critical
// questions with `criticalWhen` raise a critical flag when it is true.
import { z } from "zod";
import { err, type InputIssue, ok, type Result } from "../common/result.ts";
import { type Expr, references } from "../expressions/ast.ts";
import { type EvalContext, evaluateBoolean } from "../expressions/evaluate.ts";
import { parseExpression } from "../expressions/parser.ts";
import {
  type DataQualityCheck,
  DEFAULT_TEXT_MAX_LENGTH,
  type FormDefinition,
  isQuestion,
  type LocalizedText,
  type Question,
  walkItems,
} from "./definition.ts";

export type AnswerValue = string | number | readonly string[] | null;
export type Answers = Readonly<Record<string, AnswerValue>>;
export const AnswerValueSchema = z.union([z.string(), z.number(), z.array(z.string()), z.null()]);
export const AnswersSchema = z.record(z.string(), AnswerValueSchema);

export interface DataQualityFlag {
  readonly checkId: string;
  /** In the requested language, else the form's default language. */
  readonly message: string;
}

export interface CriticalFlag {
  readonly question: string;
  readonly answer: AnswerValue;
}

export interface SubmissionReport {
  /** Every problem, in document order, then unknown names. Empty when valid. */
  readonly issues: InputIssue[];
  readonly flags: DataQualityFlag[];
  readonly critical: CriticalFlag[];
  /** The valid, relevant answers (unanswered values removed). */
  readonly answers: Record<string, Exclude<AnswerValue, null>>;
}

export interface ValidatedSubmission {
  readonly answers: Record<string, Exclude<AnswerValue, null>>;
  readonly flags: DataQualityFlag[];
  readonly critical: CriticalFlag[];
}

export interface ValidateOptions {
  /** Language of constraint and check messages; defaults to the form's default language. */
  readonly language?: string;
}

interface CompiledQuestion {
  readonly question: Question;
  /** Own and enclosing groups' `relevant`, outermost first. */
  readonly relevant: readonly Expr[];
  /** Questions the relevance depends on. */
  readonly relevantRefs: readonly string[];
  readonly constraint?: Expr;
  readonly constraintRefs: readonly string[];
  readonly criticalWhen?: Expr;
}
interface CompiledForm {
  readonly questions: readonly CompiledQuestion[];
  readonly byName: ReadonlyMap<string, CompiledQuestion>;
  readonly unanswerable: ReadonlySet<string>;
  readonly checks: readonly { check: DataQualityCheck; expr: Expr; refs: string[] }[];
}

const compiledForms = new WeakMap<FormDefinition, CompiledForm>();

function mustParse(source: string, where: string): Expr {
  const r = parseExpression(source);
  // Forms reach here through safeParseFormDefinition, which checks every expression.
  if (!r.ok) throw new Error(`invalid expression in ${where}: ${r.error.message}`);
  return r.value;
}

function compile(form: FormDefinition): CompiledForm {
  const cached = compiledForms.get(form);
  if (cached !== undefined) return cached;
  const questions: CompiledQuestion[] = [];
  const unanswerable = new Set<string>();
  walkItems(form.items, (item, _path, groups) => {
    if (!isQuestion(item)) {
      unanswerable.add(item.name);
      return;
    }
    const relevant = [...groups, item].flatMap((x) =>
      x.relevant === undefined ? [] : [mustParse(x.relevant, `${x.name}.relevant`)],
    );
    questions.push({
      question: item,
      relevant,
      relevantRefs: [...new Set(relevant.flatMap((e) => references(e)))],
      constraintRefs:
        item.constraint === undefined
          ? []
          : references(mustParse(item.constraint, `${item.name}.constraint`)),
      ...(item.constraint !== undefined
        ? { constraint: mustParse(item.constraint, `${item.name}.constraint`) }
        : {}),
      ...(item.criticalWhen !== undefined
        ? { criticalWhen: mustParse(item.criticalWhen, `${item.name}.criticalWhen`) }
        : {}),
    });
  });
  const checks = form.checks.map((check) => {
    const expr = mustParse(check.expression, `check ${check.id}`);
    return { check, expr, refs: references(expr) };
  });
  const compiled: CompiledForm = {
    questions,
    byName: new Map(questions.map((q) => [q.question.name, q])),
    unanswerable,
    checks,
  };
  compiledForms.set(form, compiled);
  return compiled;
}

function localized(
  text: LocalizedText | undefined,
  language: string,
  fallback: string,
  otherwise: string,
): string {
  return text?.[language] ?? text?.[fallback] ?? Object.values(text ?? {})[0] ?? otherwise;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function isUnanswered(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null) return "null";
  return `a ${typeof v}`;
}

/** Type/domain problems of one answer, or [] when it fits the question. */
function typeIssues(form: FormDefinition, q: Question, v: unknown): { code: string; message: string }[] {
  const choices = "listName" in q ? (form.choiceLists[q.listName] ?? []) : [];
  const isChoice = (s: string) => choices.some((c) => c.name === s);
  switch (q.type) {
    case "yes_no":
    case "select_one":
    case "assessment":
      if (typeof v !== "string")
        return [{ code: "wrong_type", message: `expected a choice name, got ${describeValue(v)}` }];
      if (!isChoice(v))
        return [
          {
            code: "invalid_choice",
            message: `'${v}' is not a choice (${choices.map((c) => c.name).join(", ")})`,
          },
        ];
      return [];
    case "select_multiple": {
      if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
        return [{ code: "wrong_type", message: `expected a list of choice names, got ${describeValue(v)}` }];
      const out: { code: string; message: string }[] = [];
      const bad = v.filter((x: string) => !isChoice(x));
      if (bad.length > 0) out.push({ code: "invalid_choice", message: `not choices: ${bad.join(", ")}` });
      if (new Set(v).size !== v.length)
        out.push({ code: "duplicate_choice", message: "a choice is selected twice" });
      return out;
    }
    case "integer":
    case "decimal": {
      if (typeof v !== "number")
        return [{ code: "wrong_type", message: `expected a number, got ${describeValue(v)}` }];
      if (!Number.isFinite(v)) return [{ code: "not_finite", message: "expected a finite number" }];
      if (q.type === "integer" && !Number.isSafeInteger(v))
        return [{ code: "not_integer", message: `expected a whole number, got ${v}` }];
      if (q.min !== undefined && v < q.min)
        return [{ code: "below_min", message: `${v} is below the minimum ${q.min}` }];
      if (q.max !== undefined && v > q.max)
        return [{ code: "above_max", message: `${v} is above the maximum ${q.max}` }];
      return [];
    }
    case "text": {
      if (typeof v !== "string")
        return [{ code: "wrong_type", message: `expected text, got ${describeValue(v)}` }];
      const max = q.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      const length = [...v].length;
      if (length > max)
        return [{ code: "too_long", message: `${length} characters; at most ${max} are accepted` }];
      return [];
    }
    case "time":
      if (typeof v !== "string")
        return [{ code: "wrong_type", message: `expected a time HH:MM, got ${describeValue(v)}` }];
      return TIME.test(v)
        ? []
        : [{ code: "invalid_time", message: `'${v.slice(0, 40)}' is not a time HH:MM (00:00-23:59)` }];
    case "date":
      if (typeof v !== "string")
        return [{ code: "wrong_type", message: `expected a date YYYY-MM-DD, got ${describeValue(v)}` }];
      return isCalendarDate(v)
        ? []
        : [{ code: "invalid_date", message: `'${v.slice(0, 40)}' is not a date YYYY-MM-DD` }];
  }
}

/** Validates every answer and evaluates checks; never fails (see validateSubmission for a Result). */
export function checkSubmission(
  form: FormDefinition,
  input: unknown,
  options: ValidateOptions = {},
): SubmissionReport {
  const language = options.language ?? form.defaultLanguage;
  const compiled = compile(form);
  const issues: InputIssue[] = [];
  const flags: DataQualityFlag[] = [];
  const critical: CriticalFlag[] = [];
  const accepted: Record<string, Exclude<AnswerValue, null>> = {};

  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    issues.push({
      path: ["answers"],
      code: "wrong_type",
      message: "answers must be an object keyed by question name",
    });
    return { issues, flags, critical, answers: accepted };
  }
  const raw = input as Record<string, unknown>;
  const has = (name: string) => Object.hasOwn(raw, name) && !isUnanswered(raw[name]);

  // Effective answers: starts with every type-valid answer; non-relevant ones are removed in order.
  const effective = new Map<string, AnswerValue>();
  const typeProblems = new Map<string, { code: string; message: string }[]>();
  for (const { question } of compiled.questions) {
    if (!has(question.name)) continue;
    const v = raw[question.name];
    const problems = typeIssues(form, question, v);
    if (problems.length === 0) effective.set(question.name, v as AnswerValue);
    else typeProblems.set(question.name, problems);
  }
  const ctx = (current?: AnswerValue): EvalContext => ({
    answer: (name) => effective.get(name) ?? null,
    ...(current !== undefined ? { current } : {}),
  });

  const invalid = new Set<string>(typeProblems.keys());
  for (const cq of compiled.questions) {
    const { question } = cq;
    const path = ["answers", question.name];
    // Relevance that depends on an invalid answer is unknown: the invalid answer is
    // already reported, so neither `required` nor `not_relevant` is added on top.
    const unknownRelevance = cq.relevantRefs.some((r) => invalid.has(r));
    const relevant = unknownRelevance || cq.relevant.every((e) => evaluateBoolean(e, ctx()));
    if (!relevant) {
      effective.delete(question.name);
      if (has(question.name))
        issues.push({
          path,
          code: "not_relevant",
          message: `'${question.name}' is not asked here (skip logic), but has an answer`,
        });
      continue;
    }
    if (!has(question.name)) {
      if (question.required === true && !unknownRelevance)
        issues.push({ path, code: "required", message: `'${question.name}' is required` });
      continue;
    }
    const problems = typeProblems.get(question.name);
    if (problems !== undefined) {
      invalid.add(question.name);
      for (const p of problems)
        issues.push({ path, code: p.code, message: `${question.name}: ${p.message}` });
      continue;
    }
    const answer = effective.get(question.name) ?? null;
    // A constraint that depends on another invalid answer is not evaluated (that answer is reported).
    const constraintKnown = !cq.constraintRefs.some((r) => invalid.has(r));
    if (cq.constraint !== undefined && constraintKnown && !evaluateBoolean(cq.constraint, ctx(answer))) {
      const text = localized(
        question.constraintMessage,
        language,
        form.defaultLanguage,
        `constraint ${question.constraint} is not met`,
      );
      issues.push({ path, code: "constraint", message: `${question.name}: ${text}` });
      effective.delete(question.name);
      invalid.add(question.name);
      continue;
    }
    if (answer !== null) accepted[question.name] = answer;
    if (cq.criticalWhen !== undefined && evaluateBoolean(cq.criticalWhen, ctx(answer)))
      critical.push({ question: question.name, answer });
  }

  for (const name of Object.keys(raw)) {
    if (compiled.byName.has(name) || raw[name] === undefined) continue;
    if (compiled.unanswerable.has(name)) {
      if (!isUnanswered(raw[name]))
        issues.push({
          path: ["answers", name],
          code: "not_answerable",
          message: `'${name}' is a note or group and has no answer`,
        });
    } else {
      issues.push({
        path: ["answers", name],
        code: "unknown_question",
        message: `'${name}' is not a question of form ${form.id} v${form.version}`,
      });
    }
  }

  for (const { check, expr, refs } of compiled.checks) {
    if (!refs.every((r) => effective.has(r))) continue;
    if (!evaluateBoolean(expr, ctx()))
      flags.push({
        checkId: check.id,
        message: localized(check.message, language, form.defaultLanguage, check.expression),
      });
  }
  return { issues, flags, critical, answers: accepted };
}

/** The valid answers with flags, or every issue found. */
export function validateSubmission(
  form: FormDefinition,
  answers: unknown,
  options: ValidateOptions = {},
): Result<ValidatedSubmission, InputIssue[]> {
  const report = checkSubmission(form, answers, options);
  if (report.issues.length > 0) return err(report.issues);
  return ok({ answers: report.answers, flags: report.flags, critical: report.critical });
}

/** Data-quality flags only (the checks whose referenced answers are all present and valid). */
export function evaluateDataQualityChecks(
  form: FormDefinition,
  answers: unknown,
  options: ValidateOptions = {},
): DataQualityFlag[] {
  return checkSubmission(form, answers, options).flags;
}
