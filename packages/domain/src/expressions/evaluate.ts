// Evaluator for parsed expressions: a tree walk, no `eval`/`Function`, so the
// browser and the server compute identical results.
//
// Semantics follow XPath 1.0 as used by XLSForm/ODK:
// - Values are strings, numbers or booleans. An answer is converted as:
//   absent/null -> "" (empty string); yes/no and choice names, text, time, date
//   -> string; integer/decimal -> number; select_multiple -> its choice names
//   joined by single spaces ("a c"), as in ODK, so `selected()` and
//   `count-selected()` split on whitespace.
// - number(""), number("abc") are NaN; any arithmetic with NaN is NaN, and
//   every comparison with NaN is false except `!=` (true). So `${n} >= 3` is
//   false when n is unanswered, and `${n} != 3` is true.
// - `=`/`!=`: if either side is boolean, both compare as booleans; else if
//   either side is a number, both compare as numbers; else as strings.
// - `<`/`<=`/`>`/`>=` compare as numbers, EXCEPT when both sides are strings
//   that are not numbers: then they compare as strings (code-point order).
//   This deliberate deviation from XPath 1.0 (which would give false) makes
//   ISO dates ("2024-03-01") and times ("07:30") compare chronologically,
//   which is what `${departure_time} >= ${arrival_time}` means.
// - Booleans from values: number -> non-zero and not NaN; string -> non-empty.
// - `a div 0` is Infinity (or NaN for 0 div 0); `mod` keeps the dividend's sign.
import type { Expr } from "./ast.ts";

export type Value = string | number | boolean;

/** An answer as stored in a submission (see forms/answers). */
export type AnswerLike = string | number | boolean | readonly string[] | null | undefined;

export interface EvalContext {
  /** The answer to question `name`, or undefined when unanswered/unknown. */
  readonly answer: (name: string) => AnswerLike;
  /** The current answer, for `.` in constraints. */
  readonly current?: AnswerLike;
}

export function answerToValue(a: AnswerLike): Value {
  if (a === null || a === undefined) return "";
  if (typeof a === "string" || typeof a === "number" || typeof a === "boolean") return a;
  return a.join(" ");
}

const XPATH_NUMBER = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/;

export function toNumber(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return XPATH_NUMBER.test(v) ? Number(v) : Number.NaN;
}

export function toStringValue(v: Value): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "Infinity";
  if (v === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (Object.is(v, -0)) return "0";
  return String(v);
}

export function toBoolean(v: Value): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  return v.length > 0;
}

function tokens(v: Value): string[] {
  const s = toStringValue(v).trim();
  return s === "" ? [] : s.split(/\s+/);
}

function equals(a: Value, b: Value): boolean {
  if (typeof a === "boolean" || typeof b === "boolean") return toBoolean(a) === toBoolean(b);
  if (typeof a === "number" || typeof b === "number") return toNumber(a) === toNumber(b);
  return a === b;
}

function compare(op: "<" | "<=" | ">" | ">=", a: Value, b: Value): boolean {
  let x: number | string;
  let y: number | string;
  if (typeof a === "string" && typeof b === "string" && !XPATH_NUMBER.test(a) && !XPATH_NUMBER.test(b)) {
    if (a === "" || b === "") return false; // empty answers never satisfy an order comparison
    x = a;
    y = b;
  } else {
    x = toNumber(a);
    y = toNumber(b);
  }
  switch (op) {
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    case ">=":
      return x >= y;
  }
}

const regexCache = new Map<string, RegExp | null>();
function compileRegex(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern);
    } catch {
      re = null;
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re;
}

function arg(args: readonly Expr[], i: number): Expr {
  const a = args[i];
  // Arity is checked by the parser; a missing argument here is a bug.
  if (a === undefined) throw new Error(`missing argument ${i}`);
  return a;
}

function call(name: string, args: readonly Expr[], ctx: EvalContext): Value {
  const v = (i: number): Value => evaluate(arg(args, i), ctx);
  switch (name) {
    case "selected":
      return tokens(v(0)).includes(toStringValue(v(1)).trim());
    case "count-selected":
      return tokens(v(0)).length;
    case "not":
      return !toBoolean(v(0));
    case "if":
      return toBoolean(v(0)) ? v(1) : v(2);
    case "string-length":
      return [...toStringValue(v(0))].length;
    case "regex": {
      // Like Enketo: the pattern must match somewhere (use ^...$ to anchor).
      const re = compileRegex(toStringValue(v(1)));
      return re === null ? false : re.test(toStringValue(v(0)));
    }
    case "true":
      return true;
    case "false":
      return false;
    case "number":
      return toNumber(v(0));
    case "string":
      return toStringValue(v(0));
    case "boolean":
      return toBoolean(v(0));
    case "int":
      return Math.trunc(toNumber(v(0)));
    case "abs":
      return Math.abs(toNumber(v(0)));
    case "round": {
      const x = toNumber(v(0));
      const digits = args.length > 1 ? Math.trunc(toNumber(v(1))) : 0;
      const f = 10 ** digits;
      return Math.round(x * f) / f;
    }
    case "concat":
      return args.map((_, i) => toStringValue(v(i))).join("");
    case "coalesce": {
      const first = v(0);
      return toStringValue(first) !== "" ? first : v(1);
    }
    case "contains":
      return toStringValue(v(0)).includes(toStringValue(v(1)));
    case "starts-with":
      return toStringValue(v(0)).startsWith(toStringValue(v(1)));
    default:
      // The parser only accepts known functions.
      throw new Error(`unknown function ${name}`);
  }
}

export function evaluate(expr: Expr, ctx: EvalContext): Value {
  switch (expr.kind) {
    case "number":
    case "string":
      return expr.value;
    case "ref":
      return answerToValue(ctx.answer(expr.name));
    case "current":
      return answerToValue(ctx.current);
    case "negate":
      return -toNumber(evaluate(expr.operand, ctx));
    case "call":
      return call(expr.name, expr.args, ctx);
    case "binary": {
      const { op } = expr;
      if (op === "and") return toBoolean(evaluate(expr.left, ctx)) && toBoolean(evaluate(expr.right, ctx));
      if (op === "or") return toBoolean(evaluate(expr.left, ctx)) || toBoolean(evaluate(expr.right, ctx));
      const a = evaluate(expr.left, ctx);
      const b = evaluate(expr.right, ctx);
      switch (op) {
        case "=":
          return equals(a, b);
        case "!=":
          return !equals(a, b);
        case "<":
        case "<=":
        case ">":
        case ">=":
          return compare(op, a, b);
        case "+":
          return toNumber(a) + toNumber(b);
        case "-":
          return toNumber(a) - toNumber(b);
        case "*":
          return toNumber(a) * toNumber(b);
        case "div":
          return toNumber(a) / toNumber(b);
        case "mod":
          return toNumber(a) % toNumber(b);
      }
    }
  }
}

export function evaluateBoolean(expr: Expr, ctx: EvalContext): boolean {
  return toBoolean(evaluate(expr, ctx));
}
