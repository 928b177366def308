// Submission validation against one form version.
//
// Answers: `Record<key, AnswerValue>` (see answer-types.ts and forms/README.md):
// a question's key is its name (its group path `g/name` only when pyxform's
// scoping lets a name repeat in one scope); a repeat's answer is an array of
// instances, each such a record for the items inside. Unanswered -> absent,
// null, "" or [].
//
// Rules, each failure reported (never only the first), as an InputIssue with
// path ["answers", key] (inside repeats ["answers", repeat, index, key]):
// - unknown_question, not_answerable (a note or group);
// - type problems (answer-types.ts): wrong_type, invalid_choice, below_min, ...;
// - filtered_choice: a cascading select's answer that its choice_filter does not offer;
// - required: a required question (or one whose `requiredWhen` is true) that is relevant but unanswered;
// - not_relevant: an answer to a question whose skip logic (its own `relevant`
//   and its groups' and repeats') is false. Reported rather than dropped: the
//   device that answered it disagrees with the form;
// - constraint: the question's constraint is false for the answer;
// - repeat_count: a repeat with `repeatCount` has another number of instances;
// - calculation_mismatch: a calculated value sent by the device differs from
//   the one computed here (only for calculations without now()/today()/random()/uuid()).
// Relevance is computed in document order; a question that is not relevant,
// or whose answer is invalid, counts as unanswered for later expressions (as
// in ODK). A forward reference sees the raw (type-valid) answer. When skip
// logic depends on an invalid answer, relevance is unknown: the question's own
// answer is still checked, but no `required`/`not_relevant` is added; likewise
// a constraint that refers to an invalid answer is not evaluated.
//
// Calculations are computed here, in document order, with today()/now() at
// the report's time; the device's value is kept for clock- and random-based ones.
// Data-quality checks are evaluated only when every question they reference
// is answered (and relevant and valid); a false result is a flag. Critical
// questions with `criticalWhen` raise a critical flag when it is true. A
// geopoint with `maxDistanceFromStation` raises a flag when it is farther from
// the station than that.
import { err, type InputIssue, ok, type Result } from "../common/result.ts";
import { type Expr, references } from "../expressions/ast.ts";
import {
  type AnswerLike,
  type EvalContext,
  evaluate,
  evaluateBoolean,
  geoDistance,
  parseGeopoints,
  type RepeatedAnswers,
  valueToAnswer,
} from "../expressions/evaluate.ts";
import { parseExpression } from "../expressions/parser.ts";
import { type AnswerValue, type AttachmentInfo, isUnanswered, typeIssues } from "./answer-types.ts";
import {
  type Choice,
  type DataQualityCheck,
  type FormDefinition,
  type FormItem,
  isQuestion,
  type LocalizedText,
  type Question,
  type Repeat,
} from "./definition.ts";
import { repeatChain, type ScopedItem, scopeOf } from "./scope.ts";

export * from "./answer-types.ts";

export interface DataQualityFlag {
  readonly checkId: string;
  /** In the requested language, else the form's default language. */
  readonly message: string;
  /**
   * A flag the product itself raises (a location far from the station) names its values, so that
   * a reader's page says it in its language: `question` (the answer's path), `name`, `metres`,
   * `maximum`. A form's own check has none: its message is the form's, in the form's languages.
   */
  readonly params?: Record<string, string | number>;
}

export interface CriticalFlag {
  readonly question: string;
  readonly answer: AnswerValue;
}

type Accepted = Record<string, Exclude<AnswerValue, null>>;

export interface SubmissionReport {
  /** Every problem, in document order, then unknown names. Empty when valid. */
  readonly issues: InputIssue[];
  readonly flags: DataQualityFlag[];
  readonly critical: CriticalFlag[];
  /** The valid, relevant answers (unanswered values removed), calculations included. */
  readonly answers: Accepted;
  /**
   * The items (questions, groups, notes, repeats) that skip logic hides for these answers: what a
   * renderer leaves out. Named by `answerPath` (`key`, or `repeat/2/key` inside an instance).
   */
  readonly skipped: ReadonlySet<string>;
  /**
   * For each relevant select with a choice filter, the names of the choices it offers for these
   * answers (cascading selects), by `answerPath`.
   */
  readonly offered: ReadonlyMap<string, readonly string[]>;
  /** For each relevant repeat with a `repeat_count`, how many instances it asks for, by `answerPath`. */
  readonly instancesExpected: ReadonlyMap<string, number>;
  /** The relevant questions that must be answered for these answers (`required`, or `requiredWhen` true now). */
  readonly required: ReadonlySet<string>;
}

/** Where an answer sits, as one string: `key` at the top, `repeat/<index>/key` inside an instance. */
export function answerPath(path: readonly (string | number)[]): string {
  return path.join("/");
}

export interface ValidatedSubmission {
  readonly answers: Accepted;
  readonly flags: DataQualityFlag[];
  readonly critical: CriticalFlag[];
}

export interface ValidateOptions {
  /** Language of constraint and check messages; defaults to the form's default language. */
  readonly language?: string;
  /** The report's time, for today()/now() in calculations and constraints. */
  readonly now?: Date;
  /** Minutes east of UTC of the report's time zone (from its timestamp). */
  readonly utcOffsetMinutes?: number;
  /** Attachments sent with the report, by SHA-256; when given, attachment answers must be among them. */
  readonly attachments?: ReadonlyMap<string, AttachmentInfo>;
  /** The station's position, for geopoints with maxDistanceFromStation. */
  readonly stationLocation?: { readonly lat: number; readonly lon: number };
}

/** One question (or a virtual `<name>_other` text) with its compiled expressions. */
interface Entry {
  readonly kind: "question";
  readonly question: Question;
  readonly key: string;
  readonly scoped: ScopedItem | undefined;
  /** Enclosing groups' (within this scope) and own `relevant`, outermost first. */
  readonly relevant: readonly Expr[];
  readonly relevantRefs: readonly string[];
  readonly constraint?: Expr;
  readonly constraintRefs: readonly string[];
  /** `required` as an expression (XLSForm), judged like `relevant`. */
  readonly requiredWhen?: Expr;
  readonly requiredWhenRefs: readonly string[];
  readonly criticalWhen?: Expr;
  readonly calculation?: Expr;
  readonly calculationIsPure: boolean;
  readonly choiceFilter?: Expr;
  readonly choiceFilterRefs: readonly string[];
  /** For `<select>_other`: relevant exactly when the select's answer includes `other`. */
  readonly otherOf?: string;
}
interface RepeatEntry {
  readonly kind: "repeat";
  readonly repeat: Repeat;
  readonly key: string;
  readonly relevant: readonly Expr[];
  readonly relevantRefs: readonly string[];
  readonly repeatCount?: Expr;
  readonly scope: CompiledScope;
}
/** A group or note: takes no answer, but skip logic can hide it. */
interface DisplayEntry {
  readonly key: string;
  readonly relevant: readonly Expr[];
  readonly relevantRefs: readonly string[];
  /** How many entries come before it in document order (where its relevance is judged). */
  readonly before: number;
}
interface CompiledScope {
  readonly entries: readonly (Entry | RepeatEntry)[];
  /** The entries' keys: any other key in the answers is unknown or unanswerable. */
  readonly keys: ReadonlySet<string>;
  readonly displays: readonly DisplayEntry[];
  /** Keys of notes and groups in this scope, which take no answer. */
  readonly unanswerable: ReadonlySet<string>;
}
/** What `${name}` refers to: its item and the repeats whose instances hold its answer. */
interface Target {
  readonly scoped: ScopedItem;
  readonly key: string;
  /** The item's repeats, outermost first, and the item itself when it is a repeat. */
  readonly repeats: readonly Repeat[];
  readonly repeatKeys: readonly string[];
  readonly isRepeat: boolean;
}
interface CompiledForm {
  readonly root: CompiledScope;
  readonly checks: readonly { check: DataQualityCheck; expr: Expr; refs: string[] }[];
  /** By name: the first item of that name (`${name}` names exactly one). */
  readonly targets: ReadonlyMap<string, Target>;
}

const compiledForms = new WeakMap<FormDefinition, CompiledForm>();

function mustParse(source: string, where: string, choiceFields = false): Expr {
  const r = parseExpression(source, { choiceFields });
  // Forms reach here through safeParseFormDefinition, which checks every expression.
  if (!r.ok) throw new Error(`invalid expression in ${where}: ${r.error.message}`);
  return r.value;
}

const IMPURE = new Set(["now", "today", "random", "uuid", "once"]);
function isPure(expr: Expr): boolean {
  if (expr.kind === "call") return !IMPURE.has(expr.name) && expr.args.every(isPure);
  if (expr.kind === "binary") return isPure(expr.left) && isPure(expr.right);
  if (expr.kind === "negate") return isPure(expr.operand);
  return true;
}

function compileScope(
  form: FormDefinition,
  items: readonly FormItem[],
  outer: readonly Expr[],
): CompiledScope {
  const scope = scopeOf(form);
  const entries: (Entry | RepeatEntry)[] = [];
  const displays: DisplayEntry[] = [];
  const unanswerable = new Set<string>();
  const visit = (list: readonly FormItem[], relevant: readonly Expr[]): void => {
    for (const item of list) {
      const own = item.relevant === undefined ? [] : [mustParse(item.relevant, `${item.name}.relevant`)];
      const chain = [...relevant, ...own];
      const scoped = scope.of(item);
      const key = scoped?.key ?? item.name;
      const refsOf = (es: readonly Expr[]) => [...new Set(es.flatMap((e) => references(e)))];
      if (item.type === "group" || item.type === "note") {
        unanswerable.add(key);
        displays.push({ key, relevant: chain, relevantRefs: refsOf(chain), before: entries.length });
        if (item.type === "group") visit(item.items, chain);
        continue;
      }
      if (item.type === "repeat") {
        entries.push({
          kind: "repeat",
          repeat: item,
          key,
          relevant: chain,
          relevantRefs: refsOf(chain),
          ...(item.repeatCount !== undefined
            ? { repeatCount: mustParse(item.repeatCount, `${item.name}.repeatCount`) }
            : {}),
          scope: compileScope(form, item.items, []),
        });
        continue;
      }
      if (!isQuestion(item)) continue;
      const constraint =
        item.constraint === undefined ? undefined : mustParse(item.constraint, `${key}.constraint`);
      const requiredWhen =
        item.requiredWhen === undefined ? undefined : mustParse(item.requiredWhen, `${key}.requiredWhen`);
      const calculation =
        item.type === "calculate" && item.calculation !== undefined
          ? mustParse(item.calculation, `${key}.calculation`)
          : undefined;
      const choiceFilter =
        (item.type === "select_one" || item.type === "select_multiple") && item.choiceFilter !== undefined
          ? mustParse(item.choiceFilter, `${key}.choiceFilter`, true)
          : undefined;
      entries.push({
        kind: "question",
        question: item,
        key,
        scoped,
        relevant: chain,
        relevantRefs: refsOf(chain),
        constraintRefs: constraint === undefined ? [] : references(constraint),
        ...(constraint !== undefined ? { constraint } : {}),
        ...(requiredWhen !== undefined ? { requiredWhen } : {}),
        requiredWhenRefs: requiredWhen === undefined ? [] : references(requiredWhen),
        ...(item.criticalWhen !== undefined
          ? { criticalWhen: mustParse(item.criticalWhen, `${key}.criticalWhen`) }
          : {}),
        ...(calculation !== undefined ? { calculation } : {}),
        calculationIsPure: calculation === undefined || isPure(calculation),
        ...(choiceFilter !== undefined ? { choiceFilter } : {}),
        choiceFilterRefs: choiceFilter === undefined ? [] : references(choiceFilter),
      });
      if ((item.type === "select_one" || item.type === "select_multiple") && item.orOther === true) {
        const other: Question = {
          type: "text",
          name: `${item.name}_other`,
          label: item.label ?? { [form.defaultLanguage]: item.name },
          required: true,
        };
        entries.push({
          kind: "question",
          question: other,
          key: `${key}_other`,
          scoped: undefined,
          relevant: chain,
          relevantRefs: refsOf(chain),
          constraintRefs: [],
          requiredWhenRefs: [],
          calculationIsPure: true,
          choiceFilterRefs: [],
          otherOf: key,
        });
      }
    }
  };
  visit(items, outer);
  return { entries, keys: new Set(entries.map((e) => e.key)), displays, unanswerable };
}

function compile(form: FormDefinition): CompiledForm {
  const cached = compiledForms.get(form);
  if (cached !== undefined) return cached;
  const checks = form.checks.map((check) => {
    const expr = mustParse(check.expression, `check ${check.id}`);
    return { check, expr, refs: references(expr) };
  });
  const scope = scopeOf(form);
  const targets = new Map<string, Target>();
  for (const [name, items] of scope.byName) {
    const scoped = items[0];
    if (scoped === undefined) continue;
    const isRepeat = scoped.item.type === "repeat";
    const repeats = isRepeat ? [...repeatChain(scoped), scoped.item as Repeat] : repeatChain(scoped);
    targets.set(name, {
      scoped,
      key: scoped.key,
      repeats,
      repeatKeys: repeats.map((repeat) => scope.of(repeat)?.key ?? repeat.name),
      isRepeat,
    });
  }
  const compiled: CompiledForm = { root: compileScope(form, form.items, []), checks, targets };
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

/** The answers of one scope level while validating: effective values and nested instances. */
interface Instance {
  readonly effective: Map<string, AnswerValue>;
  readonly repeats: Map<string, Instance[]>;
  /** Keys whose answers are invalid (reported), so expressions over them are not judged. */
  readonly invalid: Set<string>;
  /** The questions whose raw answer fits their type (checked once, while preparing). */
  readonly typeValid: Set<Entry>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validates every answer and evaluates checks; never fails (see validateSubmission for a Result). */
export function checkSubmission(
  form: FormDefinition,
  input: unknown,
  options: ValidateOptions = {},
): SubmissionReport {
  const language = options.language ?? form.defaultLanguage;
  const compiled = compile(form);
  const scope = scopeOf(form);
  const issues: InputIssue[] = [];
  const flags: DataQualityFlag[] = [];
  const critical: CriticalFlag[] = [];
  const skipped = new Set<string>();
  const offered = new Map<string, readonly string[]>();
  const instancesExpected = new Map<string, number>();
  const required = new Set<string>();

  if (!isRecord(input)) {
    issues.push({
      path: ["answers"],
      code: "wrong_type",
      message: "answers must be an object keyed by question name",
    });
    return { issues, flags, critical, answers: {}, skipped, offered, instancesExpected, required };
  }

  const choiceLabel = (question: string, choice: string): string | undefined => {
    const target = scope.byName.get(question)?.[0]?.item;
    if (target === undefined || !("listName" in target)) return undefined;
    const c = form.choiceLists[target.listName]?.find((x) => x.name === choice);
    return c?.label === undefined ? undefined : localized(c.label, language, form.defaultLanguage, c.name);
  };
  const pullData = (file: string, column: string, keyColumn: string, key: string): string | undefined =>
    form.dataFiles?.[file]?.find((row) => row[keyColumn] === key)?.[column];

  /** The value of `${name}` seen from the instance chain `stack` (outermost first). */
  const resolve = (name: string, stack: readonly { repeat: Repeat | undefined; instance: Instance }[]) => {
    const target = compiled.targets.get(name);
    const root = stack[0]?.instance;
    if (target === undefined || root === undefined) return null;
    // A question outside every repeat: its one answer (most references).
    if (target.repeats.length === 0) return toAnswerLike(root.effective.get(target.key) ?? null);
    // Follow the current instances as far as the target's repeats are ours; fan out beyond.
    let level: Instance[] = [root];
    let fannedOut = false;
    target.repeats.forEach((repeat, depth) => {
      const own = stack[depth + 1];
      const key = target.repeatKeys[depth] ?? repeat.name;
      if (!fannedOut && own !== undefined && own.repeat === repeat) level = [own.instance];
      else {
        fannedOut = true;
        level = level.flatMap((inst) => inst.repeats.get(key) ?? []);
      }
    });
    if (target.isRepeat) return { repeated: level.map(() => "") } satisfies RepeatedAnswers;
    const values = level.map((inst) => inst.effective.get(target.key) ?? null);
    if (!fannedOut && values.length === 1) return toAnswerLike(values[0] ?? null);
    return { repeated: values.map(toAnswerLike) } satisfies RepeatedAnswers;
  };

  const makeCtx = (
    stack: readonly { repeat: Repeat | undefined; instance: Instance; position?: number }[],
    extra: Partial<EvalContext> = {},
  ): EvalContext => {
    const position = stack[stack.length - 1]?.position;
    return {
      answer: (name) => resolve(name, stack),
      choiceLabel,
      pullData,
      ...(options.now !== undefined ? { now: options.now } : {}),
      ...(options.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: options.utcOffsetMinutes } : {}),
      ...(position !== undefined ? { position } : {}),
      ...extra,
    };
  };

  /** Builds the instance tree of type-valid raw answers (forward references see them). */
  const prepare = (compiledScope: CompiledScope, raw: Record<string, unknown>): Instance => {
    const inst: Instance = {
      effective: new Map(),
      repeats: new Map(),
      invalid: new Set(),
      typeValid: new Set(),
    };
    for (const entry of compiledScope.entries) {
      const v = raw[entry.key];
      if (entry.kind === "repeat") {
        if (Array.isArray(v))
          inst.repeats.set(
            entry.key,
            v.map((x) => prepare(entry.scope, isRecord(x) ? x : {})),
          );
        continue;
      }
      if (isUnanswered(v)) continue;
      if (typeIssues(form, entry.question, v, options.attachments).length === 0) {
        inst.effective.set(entry.key, v as AnswerValue);
        inst.typeValid.add(entry);
      }
    }
    return inst;
  };

  const validateScope = (
    compiledScope: CompiledScope,
    raw: Record<string, unknown>,
    stack: { repeat: Repeat | undefined; instance: Instance; position?: number }[],
    prefix: (string | number)[],
  ): Accepted => {
    const accepted: Accepted = {};
    const top = stack[stack.length - 1];
    if (top === undefined) throw new Error("empty scope stack");
    const inst = top.instance;
    const has = (key: string) => Object.hasOwn(raw, key) && !isUnanswered(raw[key]);
    // One context for this scope's expressions; those with a `.` or a choice get their own.
    let scopeContext: EvalContext | undefined;
    const ctx = (extra?: Partial<EvalContext>) => {
      if (extra !== undefined) return makeCtx(stack, extra);
      scopeContext ??= makeCtx(stack);
      return scopeContext;
    };
    const dependsOnInvalid = (refs: readonly string[]) => {
      for (const r of refs) {
        const target = compiled.targets.get(r);
        if (target === undefined) continue;
        for (const s of stack) if (s.instance.invalid.has(target.key)) return true;
      }
      return false;
    };

    // Paths below "answers", as renderers name items.
    const where = (key: string) => (prefix.length === 1 ? key : answerPath([...prefix.slice(1), key]));
    const isRelevant = (entry: { relevant: readonly Expr[]; relevantRefs: readonly string[] }) => {
      if (entry.relevant.length === 0) return true;
      if (dependsOnInvalid(entry.relevantRefs)) return true;
      const context = ctx();
      for (const e of entry.relevant) if (!evaluateBoolean(e, context)) return false;
      return true;
    };
    // Groups and notes are judged where they stand in document order, as their questions are.
    let nextDisplay = 0;
    const judgeDisplaysBefore = (position: number) => {
      for (; nextDisplay < compiledScope.displays.length; nextDisplay += 1) {
        const display = compiledScope.displays[nextDisplay];
        if (display === undefined || display.before > position) break;
        if (!isRelevant(display)) skipped.add(where(display.key));
      }
    };

    for (let position = 0; position < compiledScope.entries.length; position++) {
      const entry = compiledScope.entries[position] as Entry | RepeatEntry;
      judgeDisplaysBefore(position);
      // The answer's path, for its issues (most answers have none).
      const path = () => [...prefix, entry.key];
      const unknownRelevance = dependsOnInvalid(entry.relevantRefs);
      let relevant = isRelevant(entry);
      if (entry.kind === "question" && entry.otherOf !== undefined) {
        const chosen = inst.effective.get(entry.otherOf);
        relevant = relevant && (chosen === "other" || (Array.isArray(chosen) && chosen.includes("other")));
      }
      if (!relevant) skipped.add(where(entry.key));

      if (entry.kind === "repeat") {
        const value = raw[entry.key];
        if (!relevant) {
          inst.repeats.delete(entry.key);
          if (has(entry.key))
            issues.push({
              path: path(),
              code: "not_relevant",
              message: `'${entry.key}' is not asked here (skip logic), but has answers`,
            });
          continue;
        }
        if (value === undefined || value === null) {
          inst.repeats.set(entry.key, []);
        } else if (!Array.isArray(value)) {
          issues.push({
            path: path(),
            code: "wrong_type",
            message: `${entry.key}: expected a list of instances`,
          });
          continue;
        }
        const instances = Array.isArray(value) ? value : [];
        if (entry.repeatCount !== undefined && !dependsOnInvalid(references(entry.repeatCount))) {
          const n = Number(valueToAnswer(evaluate(entry.repeatCount, ctx())));
          if (Number.isFinite(n)) instancesExpected.set(where(entry.key), Math.max(0, Math.trunc(n)));
          if (Number.isFinite(n) && instances.length !== Math.max(0, Math.trunc(n)))
            issues.push({
              path: path(),
              code: "repeat_count",
              message: `${entry.key}: ${Math.max(0, Math.trunc(n))} instance(s) expected, ${instances.length} sent`,
            });
        }
        const children = inst.repeats.get(entry.key) ?? [];
        const out: Accepted[] = [];
        instances.forEach((x, i) => {
          const child = children[i];
          if (!isRecord(x) || child === undefined) {
            issues.push({
              path: [...path(), i],
              code: "wrong_type",
              message: `${entry.key}[${i}]: expected an object of answers`,
            });
            return;
          }
          out.push(
            validateScope(
              entry.scope,
              x,
              [...stack, { repeat: entry.repeat, instance: child, position: i + 1 }],
              [...path(), i],
            ),
          );
        });
        if (out.length > 0) accepted[entry.key] = out;
        continue;
      }

      const { question, key } = entry;
      if (!relevant) {
        inst.effective.delete(key);
        if (has(key))
          issues.push({
            path: path(),
            code: "not_relevant",
            message: `'${key}' is not asked here (skip logic), but has an answer`,
          });
        continue;
      }

      if (entry.calculation !== undefined) {
        const computed = valueToAnswer(evaluate(entry.calculation, ctx()));
        const sent = raw[key];
        let value: string | number = computed;
        if (has(key) && (typeof sent === "string" || typeof sent === "number")) {
          if (!entry.calculationIsPure) value = sent;
          else if (String(sent) !== String(computed))
            issues.push({
              path: path(),
              code: "calculation_mismatch",
              message: `${key}: the device sent '${String(sent).slice(0, 60)}', the calculation gives '${String(computed).slice(0, 60)}'`,
            });
        }
        if (value === "" || (typeof value === "number" && !Number.isFinite(value)))
          inst.effective.delete(key);
        else {
          inst.effective.set(key, value);
          accepted[key] = value;
        }
        continue;
      }

      // Cascading selects: what the filter offers now, for the renderer and for the check below.
      let offeredNames: ReadonlySet<string> | undefined;
      if (
        entry.choiceFilter !== undefined &&
        "listName" in question &&
        !dependsOnInvalid(entry.choiceFilterRefs)
      ) {
        const filter = entry.choiceFilter;
        const names = (form.choiceLists[question.listName] ?? [])
          .filter((c) => evaluateBoolean(filter, ctx({ field: (f) => choiceField(c, f) })))
          .map((c) => c.name);
        offered.set(where(key), names);
        offeredNames = new Set(names);
      }

      // Required: always, or (XLSForm `required` as an expression) when it is true now.
      const isRequired =
        question.required === true ||
        (entry.requiredWhen !== undefined &&
          !dependsOnInvalid(entry.requiredWhenRefs) &&
          evaluateBoolean(entry.requiredWhen, ctx()));
      if (isRequired) required.add(where(key));
      if (!has(key)) {
        if (isRequired && !unknownRelevance)
          issues.push({ path: path(), code: "required", message: `'${key}' is required` });
        continue;
      }
      // Its type was checked while preparing; only an answer that failed it is checked again, for the issues.
      const problems = inst.typeValid.has(entry)
        ? []
        : typeIssues(form, question, raw[key], options.attachments);
      if (problems.length > 0) {
        inst.invalid.add(key);
        for (const p of problems)
          issues.push({ path: path(), code: p.code, message: `${key}: ${p.message}` });
        continue;
      }
      const answer = inst.effective.get(key) ?? null;
      const answerLike = toAnswerLike(answer);

      if (offeredNames !== undefined) {
        const chosen = Array.isArray(answer) ? answer : [answer];
        const notOffered = chosen.filter(
          (name) => typeof name === "string" && name !== "other" && !offeredNames.has(name),
        );
        if (notOffered.length > 0) {
          issues.push({
            path: path(),
            code: "filtered_choice",
            message: `${key}: ${notOffered.join(", ")} is not offered for the earlier answers (choice filter ${question.type === "select_one" || question.type === "select_multiple" ? question.choiceFilter : ""})`,
          });
          inst.effective.delete(key);
          inst.invalid.add(key);
          continue;
        }
      }

      const constraintKnown = !dependsOnInvalid(entry.constraintRefs);
      if (
        entry.constraint !== undefined &&
        constraintKnown &&
        !evaluateBoolean(entry.constraint, ctx({ current: answerLike }))
      ) {
        const text = localized(
          question.constraintMessage,
          language,
          form.defaultLanguage,
          `constraint ${question.constraint} is not met`,
        );
        issues.push({ path: path(), code: "constraint", message: `${key}: ${text}` });
        inst.effective.delete(key);
        inst.invalid.add(key);
        continue;
      }
      if (answer !== null) accepted[key] = answer;
      if (
        entry.criticalWhen !== undefined &&
        evaluateBoolean(entry.criticalWhen, ctx({ current: answerLike }))
      )
        critical.push({ question: key, answer });
      if (
        question.type === "geopoint" &&
        question.maxDistanceFromStation !== undefined &&
        options.stationLocation !== undefined &&
        typeof answer === "string"
      ) {
        const [point] = parseGeopoints([answer]);
        const metres = point === undefined ? undefined : geoDistance(point, options.stationLocation);
        if (metres !== undefined && metres > question.maxDistanceFromStation)
          flags.push({
            checkId: `${where(key)}.distance`,
            message: `${where(key)}: ${Math.round(metres)} m from the station (at most ${question.maxDistanceFromStation} m expected)`,
            params: {
              question: where(key),
              name: key,
              metres: Math.round(metres),
              maximum: question.maxDistanceFromStation,
            },
          });
      }
    }

    judgeDisplaysBefore(compiledScope.entries.length);

    for (const name of Object.keys(raw)) {
      if (raw[name] === undefined) continue;
      if (compiledScope.keys.has(name)) continue;
      if (compiledScope.unanswerable.has(name)) {
        if (!isUnanswered(raw[name]))
          issues.push({
            path: [...prefix, name],
            code: "not_answerable",
            message: `'${name}' is a note or group and has no answer`,
          });
      } else {
        issues.push({
          path: [...prefix, name],
          code: "unknown_question",
          message: `'${name}' is not a question of form ${form.id} v${form.version}${prefix.length > 1 ? ` here` : ""}`,
        });
      }
    }
    return accepted;
  };

  const rootInstance = prepare(compiled.root, input);
  const answers = validateScope(
    compiled.root,
    input,
    [{ repeat: undefined, instance: rootInstance }],
    ["answers"],
  );

  let checkContext: EvalContext | undefined;
  for (const { check, expr, refs } of compiled.checks) {
    const allAnswered = refs.every((r) => {
      const target = scope.byName.get(r)?.[0];
      if (target === undefined) return false;
      if (target.repeat !== undefined || target.item.type === "repeat") return true;
      return rootInstance.effective.has(target.key);
    });
    if (!allAnswered) continue;
    checkContext ??= makeCtx([{ repeat: undefined, instance: rootInstance }]);
    if (!evaluateBoolean(expr, checkContext))
      flags.push({
        checkId: check.id,
        message: localized(check.message, language, form.defaultLanguage, check.expression),
      });
  }
  return { issues, flags, critical, answers, skipped, offered, instancesExpected, required };
}

/** A choice's column in a choice filter: `name`, `label` / `label::Language`, or a property. */
function choiceField(c: Choice, field: string): string | undefined {
  if (field === "name") return c.name;
  const label = /^label(?:::(.+))?$/.exec(field);
  if (label !== null) {
    const wanted = label[1];
    const texts = c.label ?? {};
    return (
      (wanted === undefined ? undefined : (texts[wanted] ?? texts[wanted.replace(/\s*\(.*\)$/, "")])) ??
      Object.values(texts)[0] ??
      ""
    );
  }
  return c.properties?.[field];
}

function toAnswerLike(v: AnswerValue): AnswerLike {
  if (v === null || typeof v === "string" || typeof v === "number") return v;
  // A select_multiple's choices; repeat instances are never a single answer.
  return v.every((x): x is string => typeof x === "string") ? v : null;
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

/** SHA-256 hashes of every attachment answer (photos, recordings, files), repeats included. */
export function attachmentHashes(form: FormDefinition, answers: Readonly<Record<string, unknown>>): string[] {
  const out = new Set<string>();
  const visit = (
    scopeEntries: readonly (Entry | RepeatEntry)[],
    record: Readonly<Record<string, unknown>>,
  ) => {
    for (const entry of scopeEntries) {
      const v = record[entry.key];
      if (entry.kind === "repeat") {
        if (Array.isArray(v)) for (const x of v) if (isRecord(x)) visit(entry.scope.entries, x);
      } else if (
        ["image", "audio", "video", "file"].includes(entry.question.type) &&
        typeof v === "string" &&
        /^[0-9a-f]{64}$/.test(v)
      )
        out.add(v);
    }
  };
  visit(compile(form).root.entries, answers);
  return [...out];
}

/**
 * The answers to store: as sent, plus the values calculated here (calculations
 * the device did not send, and repeats that hold calculations, as validated).
 */
export function answersToStore(
  form: FormDefinition,
  sent: Readonly<Record<string, AnswerValue>>,
  accepted: Readonly<Record<string, AnswerValue>>,
): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = { ...sent };
  const hasCalculation = (items: readonly FormItem[]): boolean =>
    items.some(
      (i) =>
        i.type === "calculate" || ((i.type === "group" || i.type === "repeat") && hasCalculation(i.items)),
    );
  for (const entry of compile(form).root.entries) {
    const value = accepted[entry.key];
    if (value === undefined) continue;
    if (entry.kind === "question" && entry.question.type === "calculate") out[entry.key] = value;
    if (entry.kind === "repeat" && hasCalculation(entry.repeat.items)) out[entry.key] = value;
  }
  return out;
}

/** Minutes east of UTC of an ISO 8601 timestamp's offset ("+03:00" -> 180, "Z" -> 0). */
export function utcOffsetOf(timestamp: string): number {
  const m = /([+-])(\d\d):?(\d\d)$/.exec(timestamp);
  if (m === null) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}
