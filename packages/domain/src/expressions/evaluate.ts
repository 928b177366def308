// Evaluator for parsed expressions: a tree walk, no `eval`/`Function`, so the
// browser and the server compute identical results.
//
// Semantics are those of ODK's XPath as Enketo's evaluator
// (openrosa-xpath-evaluator) computes them; the test suite runs that evaluator
// beside this one over a conformance table. In short:
// - `${q}` is a node set, as in ODK: one node for a question answered once
//   (its text; "" when unanswered), one node per instance for a question inside
//   a repeat seen from outside it. A node set is true when it has a node (so
//   `boolean(${q})` is true even when q is empty, while `boolean('')` is false),
//   compares true when any node does, and is its first node as a string or a
//   number.
// - number(): JavaScript's Number() of the trimmed text ("1e3" is 1000, "" is
//   NaN); a text that starts like a date (YYYY-MM-DD) is its day count since
//   1970-01-01, so `${d} + 1`, `${d2} - ${d1}` and `${d} < '2024-03-02'` are day
//   arithmetic. Dates are computed in UTC (Enketo uses the device's zone).
// - `=`/`!=`: booleans if either side is boolean, else numbers if either is a
//   number, else strings. `<`, `>`... always compare numbers, so
//   `'apple' < 'banana'` is false (NaN). One deliberate deviation, as in ODK
//   Collect whose answers are typed: two times of day (HH:MM[:SS]) compare as
//   times, so `${departure_time} >= ${arrival_time}` means what it says.
// - round() rounds halves away from zero (round(-2.5) = -3); int() truncates.
// - pulldata('file', 'column', 'key-column', key) looks the key up in a CSV
//   uploaded beside the form (the context's pullData); "" when not found, as in ODK.
// - today()/now() come from the context's clock (the report's own time when
//   the server checks it), in the context's UTC offset.
import type { Expr } from "./ast.ts";

/** A date (and time): milliseconds since the epoch, shown at a UTC offset (minutes east). */
export interface DateValue {
  readonly kind: "date";
  readonly ms: number;
  readonly offsetMinutes: number;
}
/** A node set's string values, in document order. */
export interface NodeSet {
  readonly kind: "nodes";
  readonly values: readonly string[];
}
export type Value = string | number | boolean | DateValue | NodeSet;

/** An answer as stored in a submission (see forms/validate). */
export type AnswerLike = string | number | boolean | readonly string[] | null | undefined;
/** The answers to a question inside a repeat, one per instance, as seen from outside it. */
export interface RepeatedAnswers {
  readonly repeated: readonly AnswerLike[];
}

export interface EvalContext {
  /** The answer to question `name` (in scope), or undefined when unanswered/unknown. */
  readonly answer: (name: string) => AnswerLike | RepeatedAnswers;
  /** The current answer, for `.` in constraints. */
  readonly current?: AnswerLike;
  /** 1-based position of the repeat instance being evaluated, for `position(..)`. */
  readonly position?: number;
  /** For choice filters: a property (column) of the choice being filtered. */
  readonly field?: (name: string) => string | undefined;
  /** For `jr:choice-name(value, '${q}')`: the label of a choice of question q. */
  readonly choiceLabel?: (question: string, choice: string) => string | undefined;
  /**
   * For `pulldata(file, column, keyColumn, key)`: the `column` cell of the first row of data file
   * `file` whose `keyColumn` is `key`; undefined when the file, the column or the row is missing.
   */
  readonly pullData?: (file: string, column: string, keyColumn: string, key: string) => string | undefined;
  /** Clock for today()/now(); defaults to the machine's. */
  readonly now?: Date;
  /** Minutes east of UTC for today()/now() and format-date; default 0. */
  readonly utcOffsetMinutes?: number;
  /**
   * Indicator conditions: the stored value of answer `name` as it is (a repeat's instances as
   * objects, a photo's hash), for any-instance(), count-instances() and has-attachment().
   */
  readonly stored?: (name: string) => unknown;
}

/** A stored answer (JSON) as the expression language reads it. */
export function storedToAnswer(v: unknown): AnswerLike {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map(String);
  return String(v);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The instances of a stored repeat answer: the objects of its array (nothing else counts). */
export function storedInstances(v: unknown): readonly Readonly<Record<string, unknown>>[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** Whether a stored answer is an attachment reference (a SHA-256 in lowercase hex). */
export function isAttachmentReference(v: unknown): boolean {
  return typeof v === "string" && SHA256_HEX.test(v);
}

/** The context inside one repeat instance: `${name}` reads the instance's own answers. */
function instanceContext(ctx: EvalContext, instance: Readonly<Record<string, unknown>>): EvalContext {
  return {
    ...ctx,
    answer: (name) => storedToAnswer(instance[name]),
    stored: (name) => instance[name],
  };
}

function instancesOf(args: readonly Expr[], ctx: EvalContext): readonly Readonly<Record<string, unknown>>[] {
  const first = args[0];
  return first?.kind === "ref" ? storedInstances(ctx.stored?.(first.name)) : [];
}

export function answerToString(a: AnswerLike): string {
  if (a === null || a === undefined) return "";
  if (typeof a === "string") return a;
  if (typeof a === "number") return toStringValue(a);
  if (typeof a === "boolean") return a ? "true" : "false";
  return a.join(" ");
}

/** An answer as a value: a single node holding its text. */
export function answerToValue(a: AnswerLike): Value {
  return { kind: "nodes", values: [answerToString(a)] };
}

const DAY_MS = 86_400_000;
/** Enketo's test for "this text is a date": YYYY-M-D, optionally followed by anything. */
const DATE_STRING = /^\d\d\d\d-\d{1,2}-\d{1,2}(?:T\d\d:\d\d:\d\d\.?\d?\d?(?:Z|[+-]\d\d:\d\d)|.*)?$/;
const RAW_NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?$/;

/** Whether a text reads as a date in comparisons and arithmetic (Enketo's test, exported for SQL). */
export function isDateText(s: string): boolean {
  return DATE_STRING.test(s);
}

function isNodes(v: Value): v is NodeSet {
  return typeof v === "object" && v.kind === "nodes";
}
function isDate(v: Value): v is DateValue {
  return typeof v === "object" && v.kind === "date";
}

/** Days since 1970-01-01 of a text starting with a date (UTC; a time part with offset counts). */
function dateStringToDays(s: string): number {
  if (s.indexOf("T") > 0) return new Date(s).getTime() / DAY_MS;
  const [y, m, d] = s.split("-").map((p) => Number.parseInt(p, 10));
  return Date.UTC(y ?? Number.NaN, (m ?? Number.NaN) - 1, d ?? Number.NaN) / DAY_MS;
}

export function toStringValue(v: Value): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (Object.is(v, -0)) return "0";
    return String(v);
  }
  if (isNodes(v)) return v.values[0] ?? "";
  return dateToString(v);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** As Enketo prints dates: YYYY-MM-DD at midnight, else ISO 8601 with the offset. */
function dateToString(v: DateValue): string {
  if (Number.isNaN(v.ms)) return "";
  const offsetMinutes = v.offsetMinutes;
  const local = new Date(v.ms + offsetMinutes * 60_000);
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}`;
  if (time === "00:00:00.000") return date;
  const sign = offsetMinutes > 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function toNumber(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (isDate(v)) return v.ms / DAY_MS;
  const s = toStringValue(v).trim();
  if (s === "") return Number.NaN;
  if (DATE_STRING.test(s)) return dateStringToDays(s);
  return Number(s);
}

export function toBoolean(v: Value): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  if (typeof v === "string") return v.length > 0;
  if (isNodes(v)) return v.values.length > 0;
  return !Number.isNaN(v.ms);
}

/** date(): a date from a date text, a day count, or a date. */
function toDate(v: Value): DateValue {
  if (isDate(v)) return v;
  if (typeof v === "boolean") return { kind: "date", ms: Number.NaN, offsetMinutes: 0 };
  if (typeof v === "number") return { kind: "date", ms: v * DAY_MS, offsetMinutes: 0 };
  const s = toStringValue(v).trim();
  if (s === "") return { kind: "date", ms: Number.NaN, offsetMinutes: 0 };
  if (RAW_NUMBER.test(s)) return { kind: "date", ms: Number.parseInt(s, 10) * DAY_MS, offsetMinutes: 0 };
  if (DATE_STRING.test(s)) {
    const t = s.indexOf("T");
    const [y, m, d] = (t >= 0 ? s.slice(0, t) : s).split("-").map((p) => Number.parseInt(p, 10));
    const valid =
      y !== undefined &&
      m !== undefined &&
      d !== undefined &&
      m >= 1 &&
      m <= 12 &&
      d >= 1 &&
      d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
    // Like JavaScript's Date (and Enketo), an impossible day rolls over: 2024-02-30 is 2024-03-01.
    if (!valid)
      return {
        kind: "date",
        ms: Date.UTC(y ?? Number.NaN, (m ?? Number.NaN) - 1, d ?? Number.NaN),
        offsetMinutes: 0,
      };
    if (t >= 0) return { kind: "date", ms: new Date(s).getTime(), offsetMinutes: 0 };
    return { kind: "date", ms: Date.UTC(y, m - 1, d), offsetMinutes: 0 };
  }
  return { kind: "date", ms: new Date(s).getTime(), offsetMinutes: 0 };
}

function timeOfDay(s: string): number | undefined {
  const m = TIME_OF_DAY.exec(s.trim());
  if (m === null) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

function strings(v: Value): readonly string[] {
  return isNodes(v) ? v.values : [toStringValue(v)];
}

/** Every value of the arguments, node sets spread (as Enketo's mapFn). */
function spread(values: readonly Value[]): Value[] {
  return values.flatMap((v): Value[] => (isNodes(v) ? [...v.values] : [v]));
}

type Relational = "<" | "<=" | ">" | ">=";
type Comparison = "=" | "!=" | Relational;

function compareScalars(op: Comparison, a: Value, b: Value): boolean {
  if (op === "=" || op === "!=") {
    let same: boolean;
    if (typeof a === "boolean" || typeof b === "boolean") same = toBoolean(a) === toBoolean(b);
    else if (typeof a === "number" || typeof b === "number" || isDate(a) || isDate(b))
      same = toNumber(a) === toNumber(b);
    else {
      const x = toStringValue(a);
      const y = toStringValue(b);
      // Enketo compares two date texts as days ('2024-3-1' = '2024-03-01').
      same = DATE_STRING.test(x) && DATE_STRING.test(y) ? toNumber(x) === toNumber(y) : x === y;
    }
    return op === "=" ? same : !same;
  }
  let x = toNumber(a);
  let y = toNumber(b);
  if (typeof a === "string" && typeof b === "string") {
    const ta = timeOfDay(a);
    const tb = timeOfDay(b);
    if (ta !== undefined && tb !== undefined) {
      x = ta;
      y = tb;
    }
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

function compare(op: Comparison, a: Value, b: Value): boolean {
  // A node set compares true when any of its nodes does (XPath 1.0, 3.4).
  if (isNodes(a) || isNodes(b)) {
    const left: readonly Value[] = isNodes(a) ? a.values : [a];
    const right: readonly Value[] = isNodes(b) ? b.values : [b];
    // Against a boolean, a node set is its boolean value.
    if (typeof a === "boolean" || typeof b === "boolean")
      return compareScalars(op, toBoolean(a), toBoolean(b));
    // Against a number, nodes are numbers; against a date, days.
    const castLeft = isNodes(a) && (typeof b === "number" || isDate(b)) ? left.map(toNumber) : left;
    const castRight = isNodes(b) && (typeof a === "number" || isDate(a)) ? right.map(toNumber) : right;
    return castLeft.some((x) => castRight.some((y) => compareScalars(op, x, y)));
  }
  return compareScalars(op, a, b);
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

/** Halves away from zero, as ODK rounds. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function asInteger(v: Value): number {
  const n = toNumber(v);
  return n > 0 ? Math.floor(n) : Math.ceil(n);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** format-date(): ODK's %Y %y %m %n %b %d %e %H %h %M %S %3 %a; "" for an invalid date. */
function formatDate(v: Value, format: string): string {
  const date = toDate(v);
  if (Number.isNaN(date.ms)) return "";
  const d = new Date(date.ms + date.offsetMinutes * 60_000);
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format.charAt(i);
    if (c !== "%") {
      out += c;
      continue;
    }
    const f = format.charAt(++i);
    switch (f) {
      case "%":
        out += "%";
        break;
      case "Y":
        out += pad(d.getUTCFullYear(), 4);
        break;
      case "y":
        out += pad(d.getUTCFullYear(), 4).slice(2);
        break;
      case "m":
        out += pad(d.getUTCMonth() + 1);
        break;
      case "n":
        out += String(d.getUTCMonth() + 1);
        break;
      case "b":
        out += MONTHS[d.getUTCMonth()] ?? "";
        break;
      case "d":
        out += pad(d.getUTCDate());
        break;
      case "e":
        out += String(d.getUTCDate());
        break;
      case "H":
        out += pad(d.getUTCHours());
        break;
      case "h":
        out += String(d.getUTCHours());
        break;
      case "M":
        out += pad(d.getUTCMinutes());
        break;
      case "S":
        out += pad(d.getUTCSeconds());
        break;
      case "3":
        out += pad(d.getUTCMilliseconds(), 3);
        break;
      case "a":
        out += WEEKDAYS[d.getUTCDay()] ?? "";
        break;
      default:
        // Enketo throws on unknown escapes; an unknown escape yields nothing here.
        break;
    }
  }
  return out;
}

/** Geopoints "lat lon [alt [acc]]" from values (space-separated) or a trace ("...; ..."). */
export function parseGeopoints(values: readonly string[]): { lat: number; lon: number }[] {
  return values
    .flatMap((v) => v.split(";"))
    .map((p) => p.trim().split(/\s+/).map(Number))
    .filter((p) => p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]))
    .map(([lat = 0, lon = 0]) => ({ lat, lon }));
}

const EARTH_RADIUS_M = 6_378_100;

/** Great-circle distance in metres (haversine, the radius Enketo and JavaRosa use). */
export function geoDistance(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function polygonArea(points: readonly { lat: number; lon: number }[]): number {
  // Spherical excess approximation, as in Enketo's geo.js.
  if (points.length < 3) return 0;
  const rad = Math.PI / 180;
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const p1 = points[i];
    const p2 = points[(i + 1) % points.length];
    if (p1 === undefined || p2 === undefined) continue;
    total += (p2.lon - p1.lon) * rad * (2 + Math.sin(p1.lat * rad) + Math.sin(p2.lat * rad));
  }
  return Math.abs((total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

function arg(args: readonly Expr[], i: number): Expr {
  const a = args[i];
  // Arity is checked by the parser; a missing argument here is a bug.
  if (a === undefined) throw new Error(`missing argument ${i}`);
  return a;
}

function nodes(values: readonly string[]): NodeSet {
  return { kind: "nodes", values };
}

function mathOf(name: string): ((x: number) => number) | undefined {
  const table: Readonly<Record<string, (x: number) => number>> = {
    floor: Math.floor,
    ceiling: Math.ceil,
    abs: Math.abs,
    sqrt: Math.sqrt,
    exp: Math.exp,
    exp10: (x) => 10 ** x,
    log: Math.log,
    log10: Math.log10,
    sin: Math.sin,
    cos: Math.cos,
    tan: Math.tan,
    asin: Math.asin,
    acos: Math.acos,
    atan: Math.atan,
  };
  return table[name];
}

function call(name: string, args: readonly Expr[], ctx: EvalContext): Value {
  const v = (i: number): Value => evaluate(arg(args, i), ctx);
  const all = (): Value[] => args.map((_, i) => v(i));
  const s = (i: number): string => toStringValue(v(i));
  const math = mathOf(name);
  if (math !== undefined) return math(toNumber(v(0)));
  const offset = ctx.utcOffsetMinutes ?? 0;
  switch (name) {
    case "not":
      return !toBoolean(v(0));
    case "if":
      return toBoolean(v(0)) ? v(1) : v(2);
    case "true":
      return true;
    case "false":
      return false;
    case "boolean":
      return toBoolean(v(0));
    case "boolean-from-string": {
      const x = v(0);
      if (typeof x === "number" && x > 0 && Number.isInteger(x)) return true;
      const t = toStringValue(x);
      return t === "1" || t === "true";
    }
    case "number":
      return toNumber(v(0));
    case "string":
      return toStringValue(v(0));
    case "int":
      return asInteger(v(0));
    case "coalesce":
      return s(0) !== "" ? s(0) : s(1);
    case "once":
      return toStringValue(ctx.current === undefined ? "" : answerToString(ctx.current)) || s(0);
    case "checklist":
    case "weighted-checklist": {
      const min = toNumber(v(0));
      const max = toNumber(v(1));
      let trues = 0;
      if (name === "checklist") trues = spread(all().slice(2)).filter(toBoolean).length;
      else
        for (let i = 2; i + 1 < args.length; i += 2) {
          const values = spread([v(i)]);
          const weights = spread([v(i + 1)]).map(toNumber);
          values.forEach((x, j) => {
            if (toBoolean(x)) trues += weights[j] ?? 0;
          });
        }
      return (min < 0 || trues >= min) && (max < 0 || trues <= max);
    }
    case "selected":
      return s(0).split(" ").includes(s(1).trim());
    case "selected-at":
      return s(0).split(" ")[asInteger(v(1))] ?? "";
    case "count-selected":
      return s(0)
        .split(" ")
        .filter((p) => p.length > 0).length;
    case "jr:choice-name": {
      const target = /^\s*\$\{([^}]+)\}\s*$/.exec(s(1))?.[1]?.trim();
      if (target === undefined) return "";
      return ctx.choiceLabel?.(target, s(0)) ?? "";
    }
    case "pulldata":
      // As ODK: an empty text when the file, the column or the key is not found.
      return ctx.pullData?.(s(0), s(1), s(2), s(3)) ?? "";
    case "string-length":
      return s(0).length;
    case "regex": {
      const re = compileRegex(s(1));
      return re === null ? false : re.test(s(0));
    }
    case "concat":
      return spread(all()).map(toStringValue).join("");
    case "join": {
      const [sep, ...rest] = all();
      return spread(rest)
        .map(toStringValue)
        .join(toStringValue(sep ?? ""));
    }
    case "contains":
      return s(0).includes(s(1));
    case "starts-with":
      return s(0).startsWith(s(1));
    case "ends-with":
      return s(0).endsWith(s(1));
    case "substr": {
      // ODK's substr: 0-based start, exclusive end.
      const text = s(0);
      const start = toNumber(v(1));
      const end = args.length > 2 ? toNumber(v(2)) : undefined;
      return text.slice(start, end);
    }
    case "substring": {
      // XPath 1.0's substring: 1-based, rounded positions.
      const text = [...s(0)];
      const start = roundHalfAway(toNumber(v(1)));
      const length = args.length > 2 ? roundHalfAway(toNumber(v(2))) : Number.POSITIVE_INFINITY;
      return text.filter((_, i) => i + 1 >= start && i + 1 < start + length).join("");
    }
    case "substring-before": {
      const text = s(0);
      const at = text.indexOf(s(1));
      return at < 0 ? "" : text.slice(0, at);
    }
    case "substring-after": {
      const text = s(0);
      const needle = s(1);
      const at = text.indexOf(needle);
      return at < 0 ? "" : text.slice(at + needle.length);
    }
    case "translate": {
      const from = [...s(1)];
      const to = [...s(2)];
      return [...s(0)]
        .map((c) => {
          const i = from.indexOf(c);
          return i < 0 ? c : (to[i] ?? "");
        })
        .join("");
    }
    case "normalize-space":
      return s(0).replace(/\s+/g, " ").trim();
    case "uuid":
      return globalThis.crypto.randomUUID();
    case "round": {
      const x = toNumber(v(0));
      const digits = args.length > 1 ? asInteger(v(1)) : 0;
      if (digits === 0 || Number.isNaN(digits)) return roundHalfAway(x);
      const p = 10 ** Math.abs(digits);
      return digits > 0 ? roundHalfAway(x * p) / p : p * roundHalfAway(x / p);
    }
    case "pow":
      return toNumber(v(0)) ** toNumber(v(1));
    case "atan2":
      return Math.atan2(toNumber(v(0)), toNumber(v(1)));
    case "pi":
      return Math.PI;
    case "random":
      return Math.random();
    case "max":
    case "min": {
      const nums = spread(all()).map(toNumber);
      if (nums.length === 0 || nums.some(Number.isNaN)) return Number.NaN;
      return name === "max" ? Math.max(...nums) : Math.min(...nums);
    }
    case "count":
      return strings(v(0)).length;
    case "any-instance": {
      const condition = arg(args, 1);
      return instancesOf(args, ctx).some((i) => toBoolean(evaluate(condition, instanceContext(ctx, i))));
    }
    case "count-instances": {
      const condition = args[1];
      const instances = instancesOf(args, ctx);
      return condition === undefined
        ? instances.length
        : instances.filter((i) => toBoolean(evaluate(condition, instanceContext(ctx, i)))).length;
    }
    case "has-attachment": {
      const first = args[0];
      return first?.kind === "ref" && isAttachmentReference(ctx.stored?.(first.name));
    }
    case "count-non-empty":
      return strings(v(0)).filter((x) => x !== "").length;
    case "sum":
      return strings(v(0)).reduce((total, x) => total + toNumber(x), 0);
    case "position":
      return ctx.position ?? 1;
    case "indexed-repeat": {
      const values = strings(v(0));
      return nodes(values.slice(asInteger(v(2)) - 1, asInteger(v(2))));
    }
    case "today": {
      // The local date (in the context's offset), as a date at UTC midnight.
      const local = (ctx.now ?? new Date()).getTime() + offset * 60_000;
      return { kind: "date", ms: Math.floor(local / DAY_MS) * DAY_MS, offsetMinutes: 0 };
    }
    case "now":
      return { kind: "date", ms: (ctx.now ?? new Date()).getTime(), offsetMinutes: offset };
    case "date":
    case "date-time":
      return toDate(v(0));
    case "decimal-date-time": {
      const x = v(0);
      return typeof x === "number" ? x : isDate(x) ? x.ms / DAY_MS : dateStringToDays(toStringValue(x));
    }
    case "decimal-time": {
      const x = v(0);
      if (typeof x === "number") return Number.NaN;
      const m = /^(\d\d):(\d\d):(\d\d)(\.\d\d?\d?)?(\+|-)(\d\d):(\d\d)$/.exec(toStringValue(x));
      if (m === null) return Number.NaN;
      const [h, min, sec, zoneH, zoneM] = [m[1], m[2], m[3], m[6], m[7]].map(Number);
      if (
        h === undefined ||
        min === undefined ||
        sec === undefined ||
        zoneH === undefined ||
        zoneM === undefined
      )
        return Number.NaN;
      if (h > 23 || min > 59 || sec > 59 || zoneH > 23 || zoneM > 59) return Number.NaN;
      // The time converted to the evaluation's zone, as a fraction of a day.
      const zone = (m[5] === "-" ? -1 : 1) * (zoneH * 60 + zoneM);
      const minutes = (((h * 60 + min - zone + offset) % 1440) + 1440) % 1440;
      return (minutes + sec / 60) / 1440;
    }
    case "format-date":
    case "format-date-time":
      return formatDate(v(0), s(1));
    case "distance": {
      const points = parseGeopoints(spread(all()).map(toStringValue));
      let total = 0;
      for (let i = 1; i < points.length; i++) {
        const a = points[i - 1];
        const b = points[i];
        if (a !== undefined && b !== undefined) total += geoDistance(a, b);
      }
      // Enketo rounds to centimetres (and square centimetres).
      return Math.abs(Math.round(total * 100)) / 100;
    }
    case "area":
      return Math.abs(Math.round(polygonArea(parseGeopoints(strings(v(0)))) * 100)) / 100;
    default:
      // The parser only accepts known functions.
      throw new Error(`unknown function ${name}`);
  }
}

function dateArithmetic(op: "+" | "-", a: Value, b: Value): number | undefined {
  // Enketo: when either side is (or reads as) a date, + and - work in days.
  if (isDate(a) || isDate(b)) return undefined;
  const left = toStringValue(a);
  if (DATE_STRING.test(left)) {
    const days = dateStringToDays(left);
    return op === "+" ? days + toNumber(b) : days - toNumber(b);
  }
  const right = toStringValue(b);
  if (DATE_STRING.test(right)) {
    const days = dateStringToDays(right);
    return op === "+" ? toNumber(a) + days : toNumber(a) - days;
  }
  return undefined;
}

export function evaluate(expr: Expr, ctx: EvalContext): Value {
  switch (expr.kind) {
    case "number":
    case "string":
      return expr.value;
    case "ref": {
      const a = ctx.answer(expr.name);
      if (a !== null && typeof a === "object" && "repeated" in a)
        return nodes(a.repeated.map(answerToString));
      return answerToValue(a);
    }
    case "current":
      return answerToValue(ctx.current);
    case "parent":
      return nodes([]);
    case "field":
      return ctx.field?.(expr.name) ?? "";
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
        case "!=":
        case "<":
        case "<=":
        case ">":
        case ">=":
          return compare(op, a, b);
        case "+":
        case "-":
          return (
            dateArithmetic(op, a, b) ?? (op === "+" ? toNumber(a) + toNumber(b) : toNumber(a) - toNumber(b))
          );
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

/** The value as an answer would store it: text, or a number for numbers. */
export function valueToAnswer(v: Value): string | number {
  if (typeof v === "number") return v;
  return toStringValue(v);
}
