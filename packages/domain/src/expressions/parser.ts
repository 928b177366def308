// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
// Tokenizer and Pratt parser for the form expression language.
//
// Grammar (XPath 1.0 / XLSForm subset), lowest to highest precedence:
//   or  <  and  <  = !=  <  < <= > >=  <  + -  <  * div mod  <  unary -
// Primaries: number literals (`3`, `2.5`, `.5`), string literals ('x' or "x",
// no escapes, as in XPath), `${name}`, `.`, function calls `f(a, b)` and
// parentheses. Whitespace is allowed anywhere between tokens, including
// between a function name and its `(` (real forms contain `selected (., 'x')`).
// Anything else (paths like `/data/q`, `@attr`, `|`, predicates, bare names)
// is rejected with the offset of the offending character.
import { err, ok, type Result } from "../common/result.ts";
import type { BinaryOperator, Expr, ExpressionError } from "./ast.ts";

type Token =
  | { readonly t: "number"; readonly offset: number; readonly value: number }
  | { readonly t: "string"; readonly offset: number; readonly value: string }
  | { readonly t: "ref"; readonly offset: number; readonly name: string }
  | { readonly t: "dot"; readonly offset: number }
  | { readonly t: "dotdot"; readonly offset: number }
  | { readonly t: "("; readonly offset: number }
  | { readonly t: ")"; readonly offset: number }
  | { readonly t: ","; readonly offset: number }
  | {
      readonly t: "op";
      readonly offset: number;
      readonly op: "=" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*";
    }
  | { readonly t: "name"; readonly offset: number; readonly name: string }
  | { readonly t: "eof"; readonly offset: number };

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
/** What may appear inside `${...}`: an XML-name-like question name. */
export const QUESTION_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Without an upper limit of arguments. */
const MANY = 64;

/**
 * Supported functions and their arity [min, max]: XPath 1.0's and the ODK
 * XForms function library (https://getodk.github.io/xforms-spec/#xpath-functions)
 * that forms use. `pulldata` reads the form's data files (a CSV uploaded beside the form);
 * `instance` and `digest` are not supported.
 */
export const FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  // Logic and types.
  not: [1, 1],
  if: [3, 3],
  true: [0, 0],
  false: [0, 0],
  boolean: [1, 1],
  "boolean-from-string": [1, 1],
  number: [1, 1],
  string: [1, 1],
  int: [1, 1],
  coalesce: [2, 2],
  once: [1, 1],
  checklist: [3, MANY],
  "weighted-checklist": [4, MANY],
  // Selects.
  selected: [2, 2],
  "selected-at": [2, 2],
  "count-selected": [1, 1],
  "jr:choice-name": [2, 2],
  // Data files: pulldata('file', 'column', 'key-column', key).
  pulldata: [4, 4],
  // Text.
  "string-length": [1, 1],
  regex: [2, 2],
  concat: [1, MANY],
  join: [2, MANY],
  contains: [2, 2],
  "starts-with": [2, 2],
  "ends-with": [2, 2],
  substr: [2, 3],
  substring: [2, 3],
  "substring-before": [2, 2],
  "substring-after": [2, 2],
  translate: [3, 3],
  "normalize-space": [1, 1],
  uuid: [0, 1],
  // Numbers.
  round: [1, 2],
  floor: [1, 1],
  ceiling: [1, 1],
  abs: [1, 1],
  pow: [2, 2],
  sqrt: [1, 1],
  exp: [1, 1],
  exp10: [1, 1],
  log: [1, 1],
  log10: [1, 1],
  sin: [1, 1],
  cos: [1, 1],
  tan: [1, 1],
  asin: [1, 1],
  acos: [1, 1],
  atan: [1, 1],
  atan2: [2, 2],
  pi: [0, 0],
  random: [0, 0],
  max: [1, MANY],
  min: [1, MANY],
  // Repeats and node sets.
  count: [1, 1],
  "count-non-empty": [1, 1],
  sum: [1, 1],
  position: [0, 1],
  "indexed-repeat": [3, 3],
  // Dates and times.
  today: [0, 0],
  now: [0, 0],
  date: [1, 1],
  "date-time": [1, 1],
  "decimal-date-time": [1, 1],
  "decimal-time": [1, 1],
  "format-date": [2, 2],
  "format-date-time": [2, 2],
  // Geography.
  distance: [1, MANY],
  area: [1, 1],
};

export interface ParseOptions {
  /**
   * Choice filters: bare names (`region`) are properties of the choice being
   * filtered (columns of the choices sheet).
   */
  readonly choiceFields?: boolean;
  /**
   * Indicator conditions: the functions over a report's shape (INDICATOR_FUNCTIONS) are known too.
   * Forms never see them: ODK has no such functions.
   */
  readonly indicator?: boolean;
}

/**
 * Functions of indicator conditions only, over what a report holds rather than one answer:
 * `any-instance(${repeat}, condition)` (some instance of the repeat makes the condition true, its
 * `${name}`s read inside the instance), `count-instances(${repeat}[, condition])` (how many do), and
 * `has-attachment(${question})` (the report carries the photo, recording or file).
 */
export const INDICATOR_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  "any-instance": [2, 2],
  "count-instances": [1, 2],
  "has-attachment": [1, 1],
};

function describeChar(c: string): string {
  return c === "\n" ? "newline" : `'${c}'`;
}

function tokenize(src: string): Result<Token[], ExpressionError> {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (code: ExpressionError["code"], offset: number, message: string) =>
    err<ExpressionError>({ code, offset, message });
  while (i < src.length) {
    const c = src.charAt(i);
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\u00a0") {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src.charAt(i + 1)))) {
      while (/[0-9]/.test(src.charAt(i))) i++;
      if (src.charAt(i) === "." && /[0-9]/.test(src.charAt(i + 1))) {
        i++;
        while (/[0-9]/.test(src.charAt(i))) i++;
      } else if (src.charAt(i) === "." && !NAME_START.test(src.charAt(i + 1))) {
        i++; // `3.` is a valid XPath number
      }
      tokens.push({ t: "number", offset: start, value: Number(src.slice(start, i)) });
      continue;
    }
    if (c === "'" || c === '"') {
      const close = src.indexOf(c, i + 1);
      if (close < 0)
        return fail("unterminated_string", start, `unterminated string starting at offset ${start}`);
      tokens.push({ t: "string", offset: start, value: src.slice(i + 1, close) });
      i = close + 1;
      continue;
    }
    if (c === "$") {
      if (src.charAt(i + 1) !== "{")
        return fail("bad_reference", start, `'$' at offset ${start} must start a reference like \${name}`);
      const close = src.indexOf("}", i + 2);
      if (close < 0) return fail("bad_reference", start, `unclosed reference starting at offset ${start}`);
      const name = src.slice(i + 2, close).trim();
      if (!QUESTION_NAME_PATTERN.test(name))
        return fail(
          "bad_reference",
          start,
          `invalid question name '${name}' in reference at offset ${start}`,
        );
      tokens.push({ t: "ref", offset: start, name });
      i = close + 1;
      continue;
    }
    if (NAME_START.test(c)) {
      while (i < src.length && NAME_CHAR.test(src.charAt(i))) i++;
      // A namespace prefix: `jr:choice-name`; in choice filters a column like `label::English`.
      if (src.charAt(i) === ":" && NAME_START.test(src.charAt(i + 1))) {
        i++;
        while (i < src.length && NAME_CHAR.test(src.charAt(i))) i++;
      } else if (src.slice(i, i + 2) === "::" && NAME_START.test(src.charAt(i + 2))) {
        i += 2;
        while (i < src.length && NAME_CHAR.test(src.charAt(i))) i++;
      }
      // A trailing '-' or '.' belongs to the next token (`a-` is unusual; be strict but clear).
      tokens.push({ t: "name", offset: start, name: src.slice(start, i) });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === "!=" || two === "<=" || two === ">=") {
      tokens.push({ t: "op", offset: start, op: two });
      i += 2;
      continue;
    }
    switch (c) {
      case "=":
      case "<":
      case ">":
      case "+":
      case "-":
      case "*":
        tokens.push({ t: "op", offset: start, op: c });
        i++;
        continue;
      case ".":
        if (src.charAt(i + 1) === ".") {
          tokens.push({ t: "dotdot", offset: start });
          i += 2;
          continue;
        }
        tokens.push({ t: "dot", offset: start });
        i++;
        continue;
      case "(":
      case ")":
      case ",":
        tokens.push({ t: c, offset: start });
        i++;
        continue;
      default:
        break;
    }
    let hint = "";
    if ("‘’“”".includes(c)) hint = ": use straight quotes ' or \"";
    else if (c === "/" || c === "@" || c === "[" || c === "|")
      hint =
        ": XPath paths, attributes, predicates and unions are not supported; refer to answers as ${name}";
    else if (c === "!") hint = ": use not(...) or !=";
    return fail(
      "unexpected_character",
      start,
      `unexpected character ${describeChar(c)} at offset ${start}${hint}`,
    );
  }
  tokens.push({ t: "eof", offset: src.length });
  return ok(tokens);
}

const INFIX: Readonly<Record<string, { op: BinaryOperator; bp: number }>> = {
  or: { op: "or", bp: 1 },
  and: { op: "and", bp: 2 },
  "=": { op: "=", bp: 3 },
  "!=": { op: "!=", bp: 3 },
  "<": { op: "<", bp: 4 },
  "<=": { op: "<=", bp: 4 },
  ">": { op: ">", bp: 4 },
  ">=": { op: ">=", bp: 4 },
  "+": { op: "+", bp: 5 },
  "-": { op: "-", bp: 5 },
  "*": { op: "*", bp: 6 },
  div: { op: "div", bp: 6 },
  mod: { op: "mod", bp: 6 },
};
const UNARY_BP = 7;

class ParseFailure {
  constructor(readonly error: ExpressionError) {}
}

function describe(tok: Token): string {
  switch (tok.t) {
    case "eof":
      return "end of expression";
    case "number":
      return `number ${tok.value}`;
    case "string":
      return "string literal";
    case "ref":
      return `\${${tok.name}}`;
    case "dot":
      return "'.'";
    case "dotdot":
      return "'..'";
    case "op":
      return `'${tok.op}'`;
    case "name":
      return `'${tok.name}'`;
    default:
      return `'${tok.t}'`;
  }
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly options: ParseOptions,
  ) {}

  private peek(): Token {
    const tok = this.tokens[this.pos] ?? this.tokens[this.tokens.length - 1];
    if (tok === undefined) throw new Error("token stream is empty");
    return tok;
  }

  private next(): Token {
    const tok = this.peek();
    if (tok.t !== "eof") this.pos++;
    return tok;
  }

  private fail(code: ExpressionError["code"], offset: number, message: string): never {
    throw new ParseFailure({ code, offset, message });
  }

  private expect(t: Token["t"], what: string): Token {
    const tok = this.next();
    if (tok.t !== t)
      this.fail(
        "unexpected_token",
        tok.offset,
        `expected ${what} at offset ${tok.offset}, found ${describe(tok)}`,
      );
    return tok;
  }

  parseAll(): Expr {
    const e = this.parseExpr(0);
    const tok = this.peek();
    if (tok.t !== "eof")
      this.fail(
        "unexpected_token",
        tok.offset,
        `unexpected ${describe(tok)} at offset ${tok.offset}: expected an operator or the end`,
      );
    return e;
  }

  private infixOf(tok: Token): { op: BinaryOperator; bp: number } | undefined {
    if (tok.t === "op") return INFIX[tok.op];
    if (
      tok.t === "name" &&
      (tok.name === "and" || tok.name === "or" || tok.name === "div" || tok.name === "mod")
    )
      return INFIX[tok.name];
    return undefined;
  }

  private parseExpr(minBp: number): Expr {
    let left = this.parsePrefix();
    for (;;) {
      const tok = this.peek();
      const infix = this.infixOf(tok);
      if (infix === undefined || infix.bp <= minBp) break;
      this.next();
      const right = this.parseExpr(infix.bp);
      left = { kind: "binary", offset: left.offset, op: infix.op, left, right };
    }
    return left;
  }

  private parsePrefix(): Expr {
    const tok = this.next();
    switch (tok.t) {
      case "number":
        return { kind: "number", offset: tok.offset, value: tok.value };
      case "string":
        return { kind: "string", offset: tok.offset, value: tok.value };
      case "ref":
        return { kind: "ref", offset: tok.offset, name: tok.name };
      case "dot":
        return { kind: "current", offset: tok.offset };
      case "dotdot":
        return { kind: "parent", offset: tok.offset };
      case "(": {
        const inner = this.parseExpr(0);
        this.expect(")", "')'");
        return inner;
      }
      case "op":
        if (tok.op === "-") {
          const operand = this.parseExpr(UNARY_BP);
          return { kind: "negate", offset: tok.offset, operand };
        }
        break;
      case "name":
        return this.parseCall(tok);
      default:
        break;
    }
    return this.fail(
      "unexpected_token",
      tok.offset,
      tok.t === "eof"
        ? `unexpected end of expression at offset ${tok.offset}: a value is missing`
        : `unexpected ${describe(tok)} at offset ${tok.offset}: expected a value`,
    );
  }

  private parseCall(tok: Token & { t: "name" }): Expr {
    if (this.peek().t !== "(" && this.options.choiceFields === true && !/^[^:]+:[^:]/.test(tok.name))
      return { kind: "field", offset: tok.offset, name: tok.name };
    if (this.peek().t !== "(") {
      return this.fail(
        "unexpected_token",
        tok.offset,
        `bare name '${tok.name}' at offset ${tok.offset}: write a string as '${tok.name}' or an answer as \${${tok.name}}`,
      );
    }
    const arity =
      FUNCTIONS[tok.name] ?? (this.options.indicator === true ? INDICATOR_FUNCTIONS[tok.name] : undefined);
    if (arity === undefined) {
      return this.fail(
        "unknown_function",
        tok.offset,
        `unsupported function '${tok.name}()' at offset ${tok.offset}`,
      );
    }
    this.next(); // (
    const args: Expr[] = [];
    if (this.peek().t !== ")") {
      for (;;) {
        args.push(this.parseExpr(0));
        if (this.peek().t === ",") {
          this.next();
          continue;
        }
        break;
      }
    }
    this.expect(")", "',' or ')'");
    const [min, max] = arity;
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max >= 64 ? `at least ${min}` : `${min} to ${max}`;
      this.fail(
        "arity",
        tok.offset,
        `${tok.name}() at offset ${tok.offset} takes ${want} argument(s), got ${args.length}`,
      );
    }
    if (tok.name === "regex") {
      const pattern = args[1];
      if (pattern?.kind === "string") {
        try {
          new RegExp(pattern.value);
        } catch {
          this.fail("bad_regex", pattern.offset, `invalid regular expression at offset ${pattern.offset}`);
        }
      }
    }
    if (Object.hasOwn(INDICATOR_FUNCTIONS, tok.name) && args[0]?.kind !== "ref")
      this.fail(
        "bad_reference",
        args[0]?.offset ?? tok.offset,
        `${tok.name}() at offset ${tok.offset} takes a question as \${name} first`,
      );
    const parent = args.findIndex((a) => a.kind === "parent");
    if (parent >= 0 && !(tok.name === "position" && parent === 0))
      this.fail(
        "unexpected_token",
        args[parent]?.offset ?? tok.offset,
        `'..' at offset ${args[parent]?.offset ?? tok.offset} is only supported as position(..)`,
      );
    return { kind: "call", offset: tok.offset, name: tok.name, args };
  }
}

/** Parses an expression; errors name the character offset where parsing failed. */
export function parseExpression(source: string, options: ParseOptions = {}): Result<Expr, ExpressionError> {
  const tokens = tokenize(source);
  if (!tokens.ok) return tokens;
  try {
    return ok(new Parser(tokens.value, options).parseAll());
  } catch (e) {
    if (e instanceof ParseFailure) return err(e.error);
    throw e;
  }
}
