// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
// Conformance with ODK's web engine: every case is evaluated by Enketo's
// openrosa-xpath-evaluator (on a jsdom XML instance holding the answers, `${q}`
// written as `/data/q`) and by Scrutiny's evaluator; the two must agree in type
// and value. Expected values are never typed by hand.
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, parseExpression, toStringValue, type Value } from "../../src/expressions/index.ts";

// Enketo evaluates dates in the machine's zone; Scrutiny in the context's offset (UTC here).
process.env["TZ"] = "UTC";

type Answers = Record<string, string | number | string[] | Record<string, string>[]>;
interface Case {
  readonly expr: string;
  readonly answers?: Answers;
}

const NOW = new Date("2024-03-15T10:20:30.000Z");

const base: Answers = {
  n: 12,
  dec: 2.5,
  neg: -3.7,
  zero: 0,
  e: "",
  s: "hello world",
  t: "Apple",
  m: ["a", "c", "d"],
  d: "2024-03-01",
  d2: "2024-03-05",
  dt: "2024-03-01T10:30:00.000Z",
  big: "1e3",
  hex: "0x10",
  num_text: " 42 ",
  yes: "yes",
  rep: [
    { x: "1", y: "a" },
    { x: "2", y: "" },
    { x: "4", y: "b" },
  ],
  gp: "41.3851 2.1734 0 0",
  gp2: "41.3861 2.1734 0 0",
};

const exprs: string[] = [
  // Arithmetic and number coercion.
  "1 + 2 * 3",
  "(1 + 2) * 3",
  "7 div 2",
  "7 mod 3",
  "-7 mod 3",
  "1 div 0",
  "-1 div 0",
  "0 div 0",
  "${n} + 1",
  "${n} * ${dec}",
  "${e} + 1",
  "${n} - ${dec}",
  "0 - ${n}",
  "-2 * ${dec}",
  "number('1e3')",
  "number(${big})",
  "number(${hex})",
  "number(${num_text})",
  "number('')",
  "number('abc')",
  "number(true())",
  "number(false())",
  "number('-.5')",
  "number('+1')",
  "number('Infinity')",
  "number(${d})",
  "number('12px')",
  "0.1 + 0.2",
  "string(1 div 3)",
  "string(100000000000000000000)",
  "string(-0)",
  "string(0.000001)",
  // Rounding.
  "round(2.5)",
  "round(-2.5)",
  "round(-0.5)",
  "round(0.49)",
  "round(1.005, 2)",
  "round(2.345, 2)",
  "round(1234.5678, -2)",
  "round(${neg})",
  "round(${dec}, 0)",
  "floor(-1.5)",
  "ceiling(-1.5)",
  "floor(${dec})",
  "ceiling(${neg})",
  "int(-2.5)",
  "int('7.9')",
  "int(${neg})",
  "abs(${neg})",
  "pow(2, 10)",
  "pow(${n}, 0.5)",
  "sqrt(16)",
  "log10(1000)",
  "exp(0)",
  "exp10(3)",
  "round(log(10), 6)",
  "round(sin(1), 6)",
  "round(cos(0), 6)",
  "round(atan2(1, 1), 6)",
  "round(pi(), 6)",
  "max(1, 5, 3)",
  "min(${n}, 3)",
  "max(${rep_x})",
  "min(${rep_x})",
  "max(1, 'a')",
  // Booleans and comparisons.
  "boolean('')",
  "boolean('false')",
  "boolean(0)",
  "boolean(0 div 0)",
  "boolean(${e})",
  "boolean(${n})",
  "boolean-from-string('true')",
  "boolean-from-string('1')",
  "boolean-from-string('yes')",
  "boolean-from-string(${yes})",
  "not(${e} = '')",
  "true() = 'false'",
  "true() = 1",
  "false() = ''",
  "1 = '1.0'",
  "1 = ' 1 '",
  "'a' = 'a '",
  "'apple' < 'banana'",
  "'10' > '9'",
  "'b' > 'a'",
  "${t} = 'Apple'",
  "${t} = 'apple'",
  "${n} > 9",
  "${n} = '12'",
  "${n} != 12",
  "${e} >= 3",
  "${e} < 3",
  "${e} != 3",
  "${e} = 3",
  "${e} = ''",
  "${rep_x} = 2",
  "${rep_x} > 3",
  "${rep_x} != 1",
  "${rep_y} = ''",
  "1 < 2 < 3",
  "3 > 2 > 1",
  "1 or 0 and 0",
  "(1 or 0) and 0",
  "${n} > 10 and ${n} < 20",
  "${e} = '' or ${n} = 0",
  // Conditionals.
  "if(${n} > 10, 'big', 'small')",
  "if(${e}, 'x', 'y')",
  "if('', 'x', 'y')",
  "if(${n} > 100, 1, ${dec})",
  "coalesce(${e}, 'fallback')",
  "coalesce(${t}, 'fallback')",
  "coalesce(${e}, ${n})",
  // Text.
  "concat('a', 1, true())",
  "concat(${t}, '-', ${n})",
  "concat(${rep_x})",
  "join(', ', ${rep_x})",
  "join('-', 'a', 'b', ${n})",
  "string-length(${s})",
  "string-length(${e})",
  "string-length('🙂')",
  "substr('hello', 1, 3)",
  "substr(${s}, 6)",
  "substr('hello', 0, 0)",
  "substring('hello', 2, 3)",
  "substring('12345', 1.5, 2.6)",
  "substring-before(${s}, ' ')",
  "substring-after(${s}, ' ')",
  "substring-before('abc', 'x')",
  "translate('bar', 'abc', 'ABC')",
  "translate('--aaa--', 'abc-', 'ABC')",
  "normalize-space('  a   b  ')",
  "contains(${s}, 'lo w')",
  "starts-with(${s}, 'hell')",
  "ends-with(${s}, 'world')",
  "regex(${s}, '^h.*d$')",
  "regex(${t}, '[0-9]')",
  "regex('2024-03-01', '^[0-9]{4}-')",
  "string(${n})",
  "string(${dec})",
  "string(true())",
  "string(${e})",
  // Selects.
  "selected(${m}, 'c')",
  "selected(${m}, 'b')",
  "selected(${m}, ' c ')",
  "count-selected(${m})",
  "count-selected(${e})",
  "selected-at(${m}, 0)",
  "selected-at(${m}, 2)",
  "selected-at(${m}, 5)",
  "selected(${yes}, 'yes')",
  // Repeats and node sets.
  "count(${rep})",
  "count(${rep_x})",
  "count(${n})",
  "sum(${rep_x})",
  "sum(${rep_y})",
  "sum(${n})",
  "count-non-empty(${rep_y})",
  "${rep_x} + 1",
  "string(${rep_y})",
  "checklist(1, 2, ${e}, ${n}, ${t})",
  "checklist(-1, 1, ${n}, ${t})",
  "weighted-checklist(3, -1, ${n}, 2, ${t}, 1)",
  // Dates.
  "${d} + 1",
  "${d2} - ${d}",
  "${d} < ${d2}",
  "${d} < '2024-03-02'",
  "${d} = '2024-03-01'",
  "${d} = '2024-3-1'",
  "${d} > 19782",
  "date(${d}) = ${d}",
  "string(date(${d}))",
  "string(date(${d} + 1))",
  "string(date(19783))",
  "string(date('19783'))",
  "format-date(${d}, '%Y/%m/%d')",
  "format-date(${d}, '%e %n %y')",
  "format-date(date(${d}) + 30, '%Y-%m-%d')",
  "format-date(${dt}, '%H:%M:%S')",
  "format-date(${e}, '%Y')",
  "format-date-time(${dt}, '%Y-%m-%d %H:%M')",
  "decimal-date-time(${d})",
  "decimal-date-time(${dt})",
  "decimal-time('06:00:00.000+00:00')",
  "decimal-time('18:30:00.000+00:00')",
  "decimal-time('25:00:00.000+00:00')",
  "date(${d}) + 0.5",
  "${d} - 1",
  "string(date('2024-02-30'))",
  "format-date(today(), '%Y-%m-%d')",
  "today() > ${d}",
  "today() - date(${d})",
  "format-date(now(), '%Y')",
  "now() > ${dt}",
  "int(decimal-date-time(now()) - decimal-date-time(${dt}))",
  // Geography.
  "round(distance(${gp}, ${gp2}), 3)",
  "round(distance('0 0', '0 1'), 3)",
];

/** `rep_x` and `rep_y`: the repeat's questions seen from outside it. */
function scrutinyAnswer(answers: Answers, name: string): unknown {
  const repeated = /^rep_(\w+)$/.exec(name);
  if (repeated?.[1] !== undefined) {
    const field = repeated[1];
    return { repeated: (answers["rep"] as Record<string, string>[]).map((r) => r[field] ?? "") };
  }
  if (name === "rep") return { repeated: (answers["rep"] as unknown[]).map(() => "") };
  const v = answers[name];
  return v === undefined ? null : v;
}

function instanceXml(answers: Answers): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const parts = Object.entries(answers).map(([name, v]) => {
    if (Array.isArray(v) && v.length > 0 && typeof v[0] === "object")
      return (v as Record<string, string>[])
        .map(
          (r) =>
            `<${name}>${Object.entries(r)
              .map(([k, x]) => `<${k}>${esc(x)}</${k}>`)
              .join("")}</${name}>`,
        )
        .join("");
    const text = Array.isArray(v) ? v.join(" ") : String(v);
    return `<${name}>${esc(text)}</${name}>`;
  });
  return `<data>${parts.join("")}</data>`;
}

function toXPath(expr: string): string {
  return expr.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const repeated = /^rep_(\w+)$/.exec(name);
    if (repeated !== null) return `/data/rep/${repeated[1]}`;
    return `/data/${name}`;
  });
}

type Outcome =
  | { type: "number"; value: number }
  | { type: "string"; value: string }
  | { type: "boolean"; value: boolean };

interface Enketo {
  evaluate(expr: string, node: unknown, ns: unknown, type: number, result: null): Record<string, unknown>;
}

let enketo: (expr: string, answers: Answers) => Outcome;

beforeAll(() => {
  const require = createRequire(import.meta.url);
  // jsdom ships no type declarations; only its window's DOM classes are used.
  const { JSDOM } = require("jsdom") as {
    JSDOM: new (html: string, options: { contentType: string }) => { window: unknown };
  };
  const dom = new JSDOM("<data/>", { contentType: "text/xml" });
  const w = dom.window as unknown as Record<string, unknown>;
  const g = globalThis as unknown as Record<string, unknown>;
  for (const k of [
    "XPathEvaluator",
    "Node",
    "XPathResult",
    "Element",
    "Document",
    "Attr",
    "XMLDocument",
    "DOMParser",
  ])
    g[k] = w[k];
  const evaluator = (require("openrosa-xpath-evaluator") as () => Enketo)();
  const XPathResult = w["XPathResult"] as Record<string, number>;
  const ns = { lookupNamespaceURI: (p: string) => (p === "jr" ? "http://openrosa.org/javarosa" : null) };
  const Parser = w["DOMParser"] as new () => {
    parseFromString(s: string, t: string): { documentElement: unknown };
  };
  enketo = (expr, answers) => {
    const doc = new Parser().parseFromString(instanceXml(answers), "text/xml");
    const xpath = toXPath(expr);
    const any = evaluator.evaluate(xpath, doc.documentElement, ns, XPathResult["ANY_TYPE"] ?? 0, null);
    switch (any["resultType"]) {
      case XPathResult["NUMBER_TYPE"]:
        return { type: "number", value: any["numberValue"] as number };
      case XPathResult["BOOLEAN_TYPE"]:
        return { type: "boolean", value: any["booleanValue"] as boolean };
      default: {
        // Strings, node sets and dates: their string value.
        const s = evaluator.evaluate(xpath, doc.documentElement, ns, XPathResult["STRING_TYPE"] ?? 2, null);
        return { type: "string", value: s["stringValue"] as string };
      }
    }
  };
});

function scrutiny(expr: string, answers: Answers): Outcome {
  const parsed = parseExpression(expr);
  if (!parsed.ok) throw new Error(`${expr}: ${parsed.error.message}`);
  const v: Value = evaluate(parsed.value, {
    answer: (name) => scrutinyAnswer(answers, name) as never,
    now: NOW,
    utcOffsetMinutes: 0,
  });
  if (typeof v === "number") return { type: "number", value: v };
  if (typeof v === "boolean") return { type: "boolean", value: v };
  return { type: "string", value: toStringValue(v) };
}

/** Clock-dependent cases are compared with Enketo's clock pinned to the same instant. */
function withClock<T>(run: () => T): T {
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(NOW.getTime());
      else super(...(args as [number]));
    }
    static override now() {
      return NOW.getTime();
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  try {
    return run();
  } finally {
    globalThis.Date = RealDate;
  }
}

const cases: Case[] = exprs.map((expr) => ({ expr, answers: base }));

describe("expressions evaluate as ODK's web engine (openrosa-xpath-evaluator) does", () => {
  it("has a table of at least 150 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  it.each(cases.map((c) => [c.expr, c] as const))("%s", (_expr, c) => {
    const answers = c.answers ?? base;
    const expected = withClock(() => enketo(c.expr, answers));
    const actual = scrutiny(c.expr, answers);
    if (expected.type === "number" && actual.type === "number" && Number.isNaN(expected.value))
      expect(Number.isNaN(actual.value)).toBe(true);
    else expect(actual).toEqual(expected);
  });

  it("deviates in one documented place: times of day compare as times (ODK Collect's typed answers)", () => {
    const answers: Answers = { a: "07:30", b: "13:05" };
    expect(enketo("${b} > ${a}", answers)).toEqual({ type: "boolean", value: false });
    expect(scrutiny("${b} > ${a}", answers)).toEqual({ type: "boolean", value: true });
  });
});
