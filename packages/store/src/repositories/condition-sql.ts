// Indicator conditions compiled to SQL from the domain's syntax tree: one parser
// (packages/domain/src/expressions), two evaluators of the same tree (evaluate.ts in JavaScript,
// this file in SQL). Every compiled expression comes with an "undecided" predicate, true for a
// report whose answers have a shape this SQL does not reproduce exactly (a decimal JavaScript
// prints differently, a date it does not read, a division by zero, two times of day compared):
// the caller evaluates such an indicator in JavaScript instead, so that both paths give the same
// estimates (apps/server/test/analysis-conditions.test.ts). Unsupported forms compile to null.
//
// Values: a `${q}` reads as a node's text T (as answerToString prints the answer) and, as a
// number, N = number(T), NULL standing for NaN; comparisons are coalesced to false, as NaN
// compares false in JavaScript. Constant subtrees are folded with the domain's own evaluate().
import {
  type Expr,
  evaluate,
  isDateText,
  toBoolean,
  toNumber,
  toStringValue,
  type Value,
} from "@scrutiny/domain";
import { type SQL, sql } from "drizzle-orm";

/** A condition as SQL: its value (boolean, never NULL) and when it is undecided for a report. */
export interface CompiledCondition {
  readonly value: SQL;
  readonly undecided: SQL;
  /** Whether it reads repeat instances (subqueries per report: see stationTotals on JIT). */
  readonly readsInstances: boolean;
}

/** A number reading of one answer (NULL when it reads as no number) and when it is undecided. */
export interface CompiledNumber {
  readonly value: SQL;
  readonly undecided: SQL;
}

// Texts that float8 reads exactly as JavaScript's Number() (15 integer digits: no overflow in
// the few operations allowed below; 20 decimals: no underflow).
const NUMBER_TEXT = sql.raw(`'^-?[0-9]{1,15}([.][0-9]{1,20})?$'`);
// Dates make_date reads without error; Date.UTC rolls a day past the month's end over, which the
// day arithmetic below reproduces.
const DATE_TEXT = sql.raw(`'^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`);
// A superset of the texts JavaScript reads as a date (isDateText).
const DATE_LIKE = sql.raw(`'^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}'`);
// Texts that may read as a number in a way not covered above (exponents, spaces, Infinity, hex).
const NUMBER_LIKE = sql.raw(`'[0-9]|Infinity'`);
// A superset of times of day, which JavaScript compares as times against another time.
const TIME_LIKE = sql.raw(`'[0-9]:[0-9]'`);
const TIME_LITERAL = /\d:\d/;
// jsonb integers JavaScript prints the same way.
const INTEGER_PRINT = sql.raw(`'^-?(0|[1-9][0-9]{0,14})$'`);

const MAX_MAGNITUDE = 1e15;
const MIN_MAGNITUDE = 1e-20;
const MAX_PRODUCTS = 4;
const MAX_ARITHMETIC = 16;
/** Functions whose value is not fixed by their arguments, never folded. */
const IMPURE = new Set([
  "random",
  "uuid",
  "today",
  "now",
  "once",
  "position",
  "jr:choice-name",
  "pulldata",
  "any-instance",
  "count-instances",
  "has-attachment",
]);
/** Repeats inside repeats, as deep as any-instance() compiles. */
const MAX_DEPTH = 3;

/**
 * Where answers are read: the report's answers (`s.answers`), or inside any-instance() and
 * count-instances() one instance of a repeat (`i<depth>.v`, an element of the repeat's array).
 */
const REPORT = sql`s.answers`;
const json = (q: string, src: SQL = REPORT) => sql`(${src} -> ${q}::text)`;
const raw = (q: string, src: SQL = REPORT) => sql`(${src} ->> ${q}::text)`;
const typeOf = (q: string, src: SQL = REPORT) => sql`jsonb_typeof(${src} -> ${q}::text)`;

/** `${q}`'s text: strings as given, booleans as true/false, arrays joined by spaces, "" unanswered. */
function text(q: string, src: SQL = REPORT): SQL {
  return sql`(case when ${typeOf(q, src)} = 'array' then array_to_string(array(select e from jsonb_array_elements_text(${json(q, src)}) with ordinality as x(e, i) order by i), ' ') else coalesce(${raw(q, src)}, '') end)`;
}

/** Answers whose text the SQL above does not print as JavaScript does. */
function textUndecided(q: string, src: SQL = REPORT): SQL {
  return sql`coalesce(${typeOf(q, src)} = 'object' or (${typeOf(q, src)} = 'number' and not ${raw(q, src)} ~ ${INTEGER_PRINT}) or (${typeOf(q, src)} = 'array' and exists (select 1 from jsonb_array_elements(${json(q, src)}) e where jsonb_typeof(e) <> 'string')), false)`;
}

/** The instances of repeat `q` as rows `alias(v)`: the objects of its array, none for anything else. */
function instances(q: string, src: SQL, alias: SQL): SQL {
  return sql`jsonb_array_elements(case when ${typeOf(q, src)} = 'array' then ${json(q, src)} else '[]'::jsonb end) as ${alias}(v)`;
}
const isInstance = (alias: SQL) => sql`jsonb_typeof(${alias}.v) = 'object'`;
// has-attachment(): the answer is a SHA-256 reference (isAttachmentReference in the domain).
const SHA256_TEXT = sql.raw(`'^[0-9a-f]{64}$'`);

/** Days since 1970-01-01 of a text matching DATE_TEXT. */
function days(t: SQL): SQL {
  return sql`((make_date(substr(${t}, 1, 4)::int, substr(${t}, 6, 2)::int, 1) - date '1970-01-01') + substr(${t}, 9, 2)::int - 1)::float8`;
}

/** number(`${q}`): jsonb numbers, plain decimal texts, ISO dates (days); NULL for no number. */
function number(q: string, src: SQL = REPORT): SQL {
  const t = text(q, src);
  return sql`(case when ${typeOf(q, src)} = 'number' then (case when ${raw(q, src)} ~ ${NUMBER_TEXT} then ${raw(q, src)}::float8 end) when ${t} ~ ${NUMBER_TEXT} then ${t}::float8 when ${t} ~ ${DATE_TEXT} then ${days(t)} end)`;
}

function numberUndecided(q: string, src: SQL = REPORT): SQL {
  const t = text(q, src);
  return sql`coalesce(case when ${typeOf(q, src)} = 'number' then not ${raw(q, src)} ~ ${NUMBER_TEXT} else ${textUndecided(q, src)} or (${t} ~ ${NUMBER_LIKE} and not ${t} ~ ${NUMBER_TEXT} and not ${t} ~ ${DATE_TEXT}) end, false)`;
}

/** The number an answer reads as (a mean's or a median's value), as number(`${q}`) reads it. */
export function answerNumber(q: string): CompiledNumber {
  return { value: number(q), undecided: numberUndecided(q) };
}

type Typed =
  | { readonly t: "nodes"; readonly q: string }
  | { readonly t: "const"; readonly v: string | number | boolean }
  | { readonly t: "num"; readonly sql: SQL }
  | { readonly t: "bool"; readonly sql: SQL };

class Unsupported extends Error {}

function pure(e: Expr): boolean {
  switch (e.kind) {
    case "number":
    case "string":
      return true;
    case "negate":
      return pure(e.operand);
    case "binary":
      return pure(e.left) && pure(e.right);
    case "call":
      return !IMPURE.has(e.name) && e.args.every(pure);
    default:
      return false;
  }
}

function checkMagnitude(n: number): void {
  if (Number.isNaN(n) || n === 0) return;
  const a = Math.abs(n);
  if (!Number.isFinite(a) || a > MAX_MAGNITUDE || a < MIN_MAGNITUDE) throw new Unsupported();
}

class Compiler {
  readonly undecided: SQL[] = [];
  readsInstances = false;
  private readonly seen = new Set<string>();
  private products = 0;
  private arithmetic = 0;

  /** `src`: where `${q}` reads; `depth`: how many instance scopes are open around it. */
  constructor(
    private readonly src: SQL = REPORT,
    private readonly depth = 0,
  ) {}

  private need(key: string, predicate: () => SQL): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.undecided.push(predicate());
  }

  /** The expression as a boolean (a share's condition). */
  condition(e: Expr): SQL {
    return this.bool(this.compile(e));
  }

  private compile(e: Expr): Typed {
    if (pure(e)) {
      const v: Value = evaluate(e, { answer: () => undefined });
      if (typeof v === "number") checkMagnitude(v);
      else if (typeof v !== "string" && typeof v !== "boolean") throw new Unsupported();
      return { t: "const", v };
    }
    switch (e.kind) {
      case "ref":
        return { t: "nodes", q: e.name };
      case "negate":
        return { t: "num", sql: sql`(- ${this.num(this.compile(e.operand))})` };
      case "binary":
        return this.binary(e.op, this.compile(e.left), this.compile(e.right));
      case "call":
        return this.call(e.name, e.args);
      default:
        throw new Unsupported();
    }
  }

  private call(name: string, args: readonly Expr[]): Typed {
    const [repeat, inner] = args;
    if (name === "has-attachment" && repeat?.kind === "ref") {
      const q = repeat.name;
      return {
        t: "bool",
        sql: sql`coalesce(${typeOf(q, this.src)} = 'string' and ${raw(q, this.src)} ~ ${SHA256_TEXT}, false)`,
      };
    }
    if ((name === "any-instance" || name === "count-instances") && repeat?.kind === "ref") {
      if (this.depth + 1 > MAX_DEPTH) throw new Unsupported();
      this.readsInstances = true;
      const alias = sql.raw(`i${this.depth + 1}`);
      const child = new Compiler(sql`${alias}.v`, this.depth + 1);
      const holds = inner === undefined ? sql`true` : child.condition(inner);
      const rows = instances(repeat.name, this.src, alias);
      // An instance the SQL does not decide makes the whole report undecided.
      if (child.undecided.length > 0)
        this.undecided.push(
          sql`coalesce(exists (select 1 from ${rows} where ${isInstance(alias)} and (${sql.join(child.undecided, sql` or `)})), false)`,
        );
      if (name === "any-instance")
        return {
          t: "bool",
          sql: sql`exists (select 1 from ${rows} where ${isInstance(alias)} and ${holds})`,
        };
      return {
        t: "num",
        sql: sql`(select count(*) from ${rows} where ${isInstance(alias)} and ${holds})::float8`,
      };
    }
    const a = args.map((x) => this.compile(x));
    const [first, second] = a;
    if (name === "not" && first) return { t: "bool", sql: sql`(not ${this.bool(first)})` };
    if (name === "boolean" && first) return { t: "bool", sql: this.bool(first) };
    if (name === "number" && first) return { t: "num", sql: this.num(first) };
    if (name === "selected" && first?.t === "nodes" && second?.t === "const") {
      const choice = toStringValue(second.v).trim();
      const t = this.text(first.q);
      return {
        t: "bool",
        sql: sql`(case when ${t} = '' then ${choice === ""} else ${choice}::text = any(string_to_array(${t}, ' ')) end)`,
      };
    }
    if (name === "count-selected" && first?.t === "nodes") {
      const t = this.text(first.q);
      return { t: "num", sql: sql`cardinality(array_remove(string_to_array(${t}, ' '), ''))::float8` };
    }
    throw new Unsupported();
  }

  private binary(op: string, a: Typed, b: Typed): Typed {
    switch (op) {
      case "and":
      case "or":
        return { t: "bool", sql: sql`(${this.bool(a)} ${sql.raw(op)} ${this.bool(b)})` };
      case "=":
      case "!=":
      case "<":
      case "<=":
      case ">":
      case ">=":
        return { t: "bool", sql: this.compare(op, a, b) };
      case "+":
      case "-":
      case "*":
      case "div": {
        if (++this.arithmetic > MAX_ARITHMETIC) throw new Unsupported();
        const x = this.num(a);
        const y = this.num(b);
        if (op === "+" || op === "-") return { t: "num", sql: sql`(${x} ${sql.raw(op)} ${y})` };
        if (++this.products > MAX_PRODUCTS) throw new Unsupported();
        if (op === "*") return { t: "num", sql: sql`(${x} * ${y})` };
        // JavaScript divides by zero into an infinity; float8 raises an error.
        this.undecided.push(sql`coalesce(${y} = 0, false)`);
        return { t: "num", sql: sql`(${x} / nullif(${y}, 0))` };
      }
      default:
        throw new Unsupported();
    }
  }

  /** compare() of evaluate.ts: booleans, then numbers, then texts (dates as days). */
  private compare(op: "=" | "!=" | "<" | "<=" | ">" | ">=", a: Typed, b: Typed): SQL {
    const isBool = (x: Typed) => x.t === "bool" || (x.t === "const" && typeof x.v === "boolean");
    const isNum = (x: Typed) => x.t === "num" || (x.t === "const" && typeof x.v === "number");
    if (isBool(a) || isBool(b)) {
      if (op === "=") return sql`(${this.bool(a)} = ${this.bool(b)})`;
      if (op === "!=") return sql`(${this.bool(a)} <> ${this.bool(b)})`;
      const n = (x: Typed) => (a.t === "nodes" || b.t === "nodes" ? this.num(this.asBool(x)) : this.num(x));
      return this.numeric(op, n(a), n(b));
    }
    if (a.t !== "nodes" && b.t !== "nodes") return this.numeric(op, this.num(a), this.num(b));
    if (isNum(a) || isNum(b)) return this.numeric(op, this.num(a), this.num(b));
    // Two texts: a node and a string, or two nodes.
    if (op === "=" || op === "!=") {
      const same = this.textEquals(a, b);
      return op === "=" ? same : sql`(not ${same})`;
    }
    for (const x of [a, b])
      if (x.t === "const" && TIME_LITERAL.test(toStringValue(x.v))) throw new Unsupported();
    if (a.t === "nodes" && b.t === "nodes") {
      // No number prints with a colon, so the raw text serves (the numbers are checked below).
      const [ta, tb] = [text(a.q, this.src), text(b.q, this.src)];
      this.undecided.push(sql`coalesce(${ta} ~ ${TIME_LIKE} and ${tb} ~ ${TIME_LIKE}, false)`);
    }
    return this.numeric(op, this.num(a), this.num(b));
  }

  private textEquals(a: Typed, b: Typed): SQL {
    const [node, other] = a.t === "nodes" ? [a, b] : [b, a];
    if (node.t !== "nodes") throw new Unsupported();
    const t = this.text(node.q);
    if (other.t === "const") {
      const literal = toStringValue(other.v);
      if (!isDateText(literal)) return sql`(${t} = ${literal}::text)`;
      // Two date texts compare as days.
      this.undecided.push(sql`coalesce(${t} ~ ${DATE_LIKE} and not ${t} ~ ${DATE_TEXT}, false)`);
      const d = toNumber(literal);
      if (!Number.isFinite(d)) return sql`false`;
      return sql`coalesce(${t} ~ ${DATE_TEXT} and ${days(t)} = ${d}::float8, false)`;
    }
    if (other.t !== "nodes") throw new Unsupported();
    const u = this.text(other.q);
    this.undecided.push(
      sql`coalesce(${t} ~ ${DATE_LIKE} and ${u} ~ ${DATE_LIKE} and not (${t} ~ ${DATE_TEXT} and ${u} ~ ${DATE_TEXT}), false)`,
    );
    return sql`(case when ${t} ~ ${DATE_TEXT} and ${u} ~ ${DATE_TEXT} then ${days(t)} = ${days(u)} else ${t} = ${u} end)`;
  }

  private numeric(op: string, x: SQL, y: SQL): SQL {
    if (op === "=") return sql`coalesce(${x} = ${y}, false)`;
    if (op === "!=") return sql`(not coalesce(${x} = ${y}, false))`;
    return sql`coalesce(${x} ${sql.raw(op)} ${y}, false)`;
  }

  private text(q: string): SQL {
    this.need(`t:${q}`, () => textUndecided(q, this.src));
    return text(q, this.src);
  }

  private asBool(x: Typed): Typed {
    return { t: "bool", sql: this.bool(x) };
  }

  /** toBoolean(): a node set is true, a number when neither 0 nor NaN. */
  private bool(x: Typed): SQL {
    switch (x.t) {
      case "bool":
        return x.sql;
      case "nodes":
        return sql`true`;
      case "const":
        return toBoolean(x.v) ? sql`true` : sql`false`;
      case "num":
        return sql`coalesce(${x.sql} <> 0, false)`;
    }
  }

  /** toNumber(): NULL stands for NaN. */
  private num(x: Typed): SQL {
    switch (x.t) {
      case "num":
        return x.sql;
      case "bool":
        return sql`(case when ${x.sql} then 1 else 0 end)::float8`;
      case "const": {
        const n = toNumber(x.v);
        checkMagnitude(n);
        return Number.isNaN(n) ? sql`null::float8` : sql`${n}::float8`;
      }
      case "nodes":
        this.need(`n:${x.q}`, () => numberUndecided(x.q, this.src));
        return number(x.q, this.src);
    }
  }
}

/** The condition as SQL over a report `s` (a row of submissions), or null outside the subset. */
export function compileCondition(expr: Expr): CompiledCondition | null {
  const compiler = new Compiler();
  try {
    const value = compiler.condition(expr);
    const undecided =
      compiler.undecided.length === 0 ? sql`false` : sql`(${sql.join(compiler.undecided, sql` or `)})`;
    return { value, undecided, readsInstances: compiler.readsInstances };
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}
