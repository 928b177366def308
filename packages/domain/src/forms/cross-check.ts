// Cross-reference checks of a form definition, each problem reported at its
// exact path (e.g. ["items", 2, "items", 0, "relevant"]): languages, choice
// lists, names (pyxform's scoping rules, see scope.ts), and every expression
// (syntax, references, `.` only where there is a current answer).

import type { IssueParams } from "../common/issue-params.ts";
import { currentOffsets, type Expr, referenceOffsets } from "../expressions/ast.ts";
import { parseExpression } from "../expressions/parser.ts";
import {
  ASSESSMENT_SCALE,
  type Choice,
  type FormItem,
  isQuestion,
  type LocalizedText,
  listShape,
  MEDIA_KINDS,
  type MediaLabels,
  walkItems,
} from "./definition.ts";
import { type ScopedItem, scopeOf } from "./scope.ts";

type Path = (string | number)[];
/**
 * Every problem the checks find, by code: the values it names (`params`) and, for a code said in
 * several ways, the ways (`params.what`), so that a reader's page can say it in its language.
 */
export const FORM_CHECKS = {
  duplicate_language: { params: [] },
  unknown_language: { params: ["language"] },
  missing_translation: { params: ["name"], what: ["title", "label"] },
  invalid_list_name: { params: ["list"] },
  empty_list: { params: ["list"] },
  duplicate_choice: { params: ["name", "list"] },
  duplicate_name: { params: ["name", "group", "first"], what: ["form", "group"] },
  expression_syntax: {
    params: ["offset"],
    what: [
      "unexpected_character",
      "unterminated_string",
      "unexpected_token",
      "unknown_function",
      "arity",
      "bad_reference",
      "bad_regex",
    ],
  },
  unknown_reference: { params: ["name", "offset"] },
  ambiguous_reference: { params: ["name", "offset", "count", "places"] },
  not_a_question: { params: ["name", "offset"], what: ["group", "note"] },
  self_reference: { params: ["name", "offset"] },
  current_not_allowed: { params: ["offset"] },
  required_twice: { params: [] },
  critical_when_without_critical: { params: [] },
  message_without_constraint: { params: [] },
  min_above_max: { params: ["min", "max"] },
  empty_range: { params: ["start", "end"] },
  unknown_list: { params: ["list"] },
  list_mismatch: { params: ["choices"], what: ["yes_no", "assessment", "use_yes_no", "use_assessment"] },
  duplicate_check: { params: ["id"] },
} as const satisfies Record<string, { params: readonly string[]; what?: readonly string[] }>;
export type FormCheckCode = keyof typeof FORM_CHECKS;

type AddIssue = (path: Path, code: FormCheckCode, message: string, params?: IssueParams) => void;

interface FormShape {
  readonly languages: readonly string[];
  readonly languageNames?: Readonly<Record<string, string>> | undefined;
  readonly defaultLanguage: string;
  readonly title: LocalizedText;
  readonly items: readonly FormItem[];
  readonly choiceLists: Readonly<Record<string, readonly Choice[]>>;
  readonly checks: readonly { id: string; expression: string; message: LocalizedText }[];
  readonly settings?: Readonly<Record<string, string>> | undefined;
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
      add([...path, lang], "unknown_language", `language '${lang}' is not one of the form's languages`, {
        language: lang,
      });
  }
}

function checkMedia(media: MediaLabels | undefined, path: Path, languages: Set<string>, add: AddIssue): void {
  if (media === undefined) return;
  for (const kind of MEDIA_KINDS) checkLanguages(media[kind], [...path, "media", kind], languages, add);
}

function hasMedia(media: MediaLabels | undefined): boolean {
  return media !== undefined && MEDIA_KINDS.some((k) => media[k] !== undefined);
}

interface ExpressionRules {
  /** `.` is the item's own answer (constraints, critical conditions). */
  readonly allowCurrent: boolean;
  /** The item the expression belongs to; undefined for form-level checks. */
  readonly self?: ScopedItem;
  /** Choice filters: bare names are choice properties. */
  readonly choiceFields?: boolean;
}

export function crossCheck(form: FormShape, add: AddIssue): void {
  const languages = new Set(form.languages);
  if (languages.size !== form.languages.length) add(["languages"], "duplicate_language", "languages repeat");
  if (!languages.has(form.defaultLanguage))
    add(
      ["defaultLanguage"],
      "unknown_language",
      `default language '${form.defaultLanguage}' is not in languages`,
      { language: form.defaultLanguage },
    );
  for (const key of Object.keys(form.languageNames ?? {}))
    if (!languages.has(key))
      add(
        ["languageNames", key],
        "unknown_language",
        `language '${key}' is not one of the form's languages`,
        {
          language: key,
        },
      );
  checkLanguages(form.title, ["title"], languages, add);
  if (form.title[form.defaultLanguage] === undefined)
    add(["title", form.defaultLanguage], "missing_translation", "the title needs the default language", {
      what: "title",
    });

  // pyxform's setting: duplicate choice names are allowed (cascading lists share names).
  const duplicatesAllowed = /^(yes|true)$/i.test(form.settings?.["allow_choice_duplicates"] ?? "");
  for (const [listName, choices] of Object.entries(form.choiceLists)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(listName))
      add(["choiceLists", listName], "invalid_list_name", `'${listName}' is not a valid list name`, {
        list: listName,
      });
    if (choices.length === 0)
      add(["choiceLists", listName], "empty_list", `list '${listName}' has no choices`, {
        list: listName,
      });
    const seen = new Set<string>();
    choices.forEach((c, i) => {
      const path = ["choiceLists", listName, i];
      if (seen.has(c.name) && !duplicatesAllowed)
        add([...path, "name"], "duplicate_choice", `choice '${c.name}' repeats in list '${listName}'`, {
          name: c.name,
          list: listName,
        });
      seen.add(c.name);
      checkLanguages(c.label, [...path, "label"], languages, add);
      checkMedia(c.media, path, languages, add);
    });
  }

  const scope = scopeOf(form);
  // Names: unique case-insensitively among the items of one container (pyxform).
  const siblings = new Map<unknown, Map<string, string>>();
  walkItems(form.items, (item, path, containers) => {
    const parent = containers[containers.length - 1] ?? form;
    const names = siblings.get(parent) ?? new Map<string, string>();
    siblings.set(parent, names);
    const lower = item.name.toLowerCase();
    const first = names.get(lower);
    if (first !== undefined)
      add(
        [...path, "name"],
        "duplicate_name",
        `name '${item.name}' is used more than once in ${parent === form ? "the form" : `'${containers[containers.length - 1]?.name}'`}${first !== item.name ? ` (as '${first}'; names are case-insensitive)` : ""}`,
        {
          what: parent === form ? "form" : "group",
          name: item.name,
          group: containers[containers.length - 1]?.name ?? "",
          first,
        },
      );
    else names.set(lower, item.name);
  });

  const checkExpression = (
    source: string | undefined,
    path: Path,
    rules: ExpressionRules,
  ): Expr | undefined => {
    if (source === undefined) return undefined;
    const parsed = parseExpression(source, { choiceFields: rules.choiceFields === true });
    if (!parsed.ok) {
      add(path, "expression_syntax", parsed.error.message, {
        what: parsed.error.code,
        offset: parsed.error.offset,
      });
      return undefined;
    }
    for (const { name, offset } of referenceOffsets(parsed.value)) {
      const found = scope.byName.get(name) ?? [];
      const [target] = found;
      if (target === undefined)
        add(path, "unknown_reference", `\${${name}} at offset ${offset} is not a question of this form`, {
          name,
          offset,
        });
      else if (found.length > 1)
        add(
          path,
          "ambiguous_reference",
          `\${${name}} at offset ${offset} names ${found.length} items (in ${found.map((f) => f.containers.map((c) => c.name).join("/") || "the form").join(", ")}); rename one`,
          {
            name,
            offset,
            count: found.length,
            places: found.map((f) => f.containers.map((c) => c.name).join("/") || "—"),
          },
        );
      else if (target.item.type === "group" || target.item.type === "note")
        add(
          path,
          "not_a_question",
          `\${${name}} at offset ${offset} is a ${target.item.type}, which has no answer`,
          { what: target.item.type, name, offset },
        );
      else if (target === rules.self && !rules.allowCurrent)
        add(path, "self_reference", `\${${name}} at offset ${offset} refers to the question itself`, {
          name,
          offset,
        });
    }
    if (!rules.allowCurrent) {
      const [dot] = currentOffsets(parsed.value);
      if (dot !== undefined)
        add(path, "current_not_allowed", `'.' at offset ${dot}: there is no current answer here`, {
          offset: dot,
        });
    }
    return parsed.value;
  };

  walkItems(form.items, (item, path) => {
    const self = scope.of(item);
    const label = item.label;
    checkLanguages(label, [...path, "label"], languages, add);
    checkLanguages(item.hint, [...path, "hint"], languages, add);
    checkMedia(item.media, path, languages, add);
    const needsLabel = item.type !== "group" && item.type !== "repeat" && item.type !== "calculate";
    if (needsLabel && label?.[form.defaultLanguage] === undefined && !hasMedia(item.media))
      add(
        [...path, "label", form.defaultLanguage],
        "missing_translation",
        `'${item.name}' needs a label in the default language`,
        { what: "label", name: item.name },
      );
    checkExpression(item.relevant, [...path, "relevant"], { allowCurrent: false, ...(self ? { self } : {}) });
    if (item.type === "repeat") {
      checkExpression(item.repeatCount, [...path, "repeatCount"], { allowCurrent: false });
      return;
    }
    if (!isQuestion(item)) return;
    const base = { ...(self ? { self } : {}) };
    checkLanguages(item.constraintMessage, [...path, "constraintMessage"], languages, add);
    checkExpression(item.constraint, [...path, "constraint"], { allowCurrent: true, ...base });
    checkExpression(item.criticalWhen, [...path, "criticalWhen"], { allowCurrent: true, ...base });
    checkExpression(item.requiredWhen, [...path, "requiredWhen"], { allowCurrent: false, ...base });
    if (item.requiredWhen !== undefined && item.required !== undefined)
      add([...path, "requiredWhen"], "required_twice", "give required or requiredWhen, not both");
    if (item.type === "calculate")
      checkExpression(item.calculation, [...path, "calculation"], { allowCurrent: false, ...base });
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
      add([...path, "max"], "min_above_max", `min ${item.min} is above max ${item.max}`, {
        min: item.min,
        max: item.max,
      });
    if (item.type === "range" && item.start === item.end)
      add([...path, "end"], "empty_range", `a range from ${item.start} to ${item.end} has one value`, {
        start: item.start,
        end: item.end,
      });
    if (!("listName" in item)) return;
    if (item.type === "select_one" || item.type === "select_multiple")
      checkExpression(item.choiceFilter, [...path, "choiceFilter"], {
        allowCurrent: false,
        choiceFields: true,
        ...base,
      });
    const list = form.choiceLists[item.listName];
    // A choices file not uploaded yet: the question offers no choices until it is (import warns).
    if (list === undefined && "choicesFile" in item && item.choicesFile !== undefined) return;
    if (list === undefined) {
      add([...path, "listName"], "unknown_list", `choice list '${item.listName}' does not exist`, {
        list: item.listName,
      });
      return;
    }
    const shape = listShape(list);
    if (item.type === "yes_no" && shape !== "yes_no")
      add(
        [...path, "listName"],
        "list_mismatch",
        `a yes/no question needs a list with exactly the choices yes and no`,
        { what: "yes_no" },
      );
    if (item.type === "assessment" && shape !== "assessment")
      add(
        [...path, "listName"],
        "list_mismatch",
        `an assessment question needs a list with exactly ${ASSESSMENT_SCALE.join(", ")}`,
        { what: "assessment", choices: [...ASSESSMENT_SCALE] },
      );
    if (
      item.type === "select_one" &&
      shape !== "other" &&
      item.choiceFilter === undefined &&
      item.orOther !== true
    )
      add(
        [...path, "listName"],
        "list_mismatch",
        `a list of exactly ${shape === "yes_no" ? "yes/no" : "the 4-point scale"}: use type ${shape}`,
        { what: shape === "yes_no" ? "use_yes_no" : "use_assessment" },
      );
  });

  const checkIds = new Set<string>();
  form.checks.forEach((check, i) => {
    if (checkIds.has(check.id))
      add(["checks", i, "id"], "duplicate_check", `check id '${check.id}' repeats`, {
        id: check.id,
      });
    checkIds.add(check.id);
    checkExpression(check.expression, ["checks", i, "expression"], { allowCurrent: false });
    checkLanguages(check.message, ["checks", i, "message"], languages, add);
  });
}
