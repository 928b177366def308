// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { describe, expect, it } from "vitest";
import {
  type AnswerLike,
  type Expr,
  evaluate,
  formatExpressionError,
  parseExpression,
  references,
  toStringValue,
  type Value,
} from "../../src/expressions/index.ts";

function parse(src: string): Expr {
  const r = parseExpression(src);
  if (!r.ok) throw new Error(formatExpressionError(src, r.error));
  return r.value;
}

function run(src: string, answers: Record<string, AnswerLike> = {}, current?: AnswerLike): Value {
  return evaluate(parse(src), { answer: (n) => answers[n], current });
}

describe("parseExpression", () => {
  it("parses the XLSForm subset with XPath precedence", () => {
    const e = parse("${q} = 'yes' and ${n} >= 3 or not(${x})");
    expect(e.kind).toBe("binary");
    if (e.kind === "binary") {
      expect(e.op).toBe("or");
      expect(e.left.kind === "binary" && e.left.op).toBe("and");
    }
    expect(references(e)).toEqual(["q", "n", "x"]);
  });

  it("accepts whitespace before a call's parenthesis and hyphenated function names", () => {
    expect(run("not(selected(., 'yes') and selected (., 'no'))", {}, ["yes", "no"])).toBe(false);
    expect(run("count-selected(.)", {}, ["a", "b", "c"])).toBe(3);
  });

  it.each([
    ["${a} = ‘yes’", 7, "unexpected_character", "straight quotes"],
    ["${a} = 'yes", 7, "unterminated_string", "unterminated"],
    ["${a} =", 6, "unexpected_token", "missing"],
    ["${a} = = 3", 7, "unexpected_token", "expected a value"],
    ["pulldata('fruits', 'name')", 0, "arity", "takes 4"],
    ["${state}=cf", 9, "unexpected_token", "bare name 'cf'"],
    ["selected(${m})", 0, "arity", "takes 2"],
    ["/data/q = 1", 0, "unexpected_character", "paths"],
    ["${bad name} = 1", 0, "bad_reference", "invalid question name"],
    ["(1 + 2", 6, "unexpected_token", "')'"],
    ["1 2", 2, "unexpected_token", "expected an operator"],
    ["regex(., '[a-')", 9, "bad_regex", "regular expression"],
    ["instance('cities')", 0, "unknown_function", "instance"],
    ["substr(.., 1)", 7, "unexpected_token", "position(..)"],
  ])("reports the position of errors in %s", (src, offset, code, text) => {
    const r = parseExpression(src);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.offset).toBe(offset);
      expect(r.error.code).toBe(code);
      expect(r.error.message).toContain(text);
      const caret = formatExpressionError(src, r.error).split("\n")[1] ?? "";
      expect(caret.indexOf("^")).toBe(offset);
    }
  });
});

describe("pulldata", () => {
  // Enketo's evaluator does not implement pulldata (enketo-transformer rewrites it to instance()),
  // so the expected values are computed here from the CSV itself: the first row whose key column
  // holds the key, "" when there is none (as ODK).
  const CSV = "stop,district,officials,opens\nS-1,Chüy,7,07:00\nS-2,Osh,5,\nS-2,Osh duplicate,9,08:00\n";
  const [header, ...rows] = CSV.trim()
    .split("\n")
    .map((line) => line.split(","));
  const expected = (column: string, keyColumn: string, key: string) =>
    rows.find((r) => r[header?.indexOf(keyColumn) ?? -1] === key)?.[header?.indexOf(column) ?? -1] ?? "";
  const pullData = (file: string, column: string, keyColumn: string, key: string) =>
    file !== "stops" || !header?.includes(column) || !header.includes(keyColumn)
      ? undefined
      : rows.find((r) => r[header.indexOf(keyColumn)] === key)?.[header.indexOf(column)];
  const pull = (src: string, answers: Record<string, AnswerLike> = {}) =>
    evaluate(parse(src), { answer: (n) => answers[n], pullData });

  it.each([
    ["district", "stop", "S-1"],
    ["officials", "stop", "S-2"],
    ["opens", "stop", "S-2"],
    ["stop", "district", "Osh duplicate"],
    ["district", "stop", "S-9"],
  ])("pulldata('stops', '%s', '%s', '%s') is the CSV's cell", (column, keyColumn, key) => {
    expect(pull(`pulldata('stops', '${column}', '${keyColumn}', '${key}')`)).toBe(
      expected(column, keyColumn, key),
    );
  });

  it("reads the key from an answer, coerces like any text, and is empty without its file", () => {
    expect(pull("pulldata('stops', 'officials', 'stop', ${s}) + 1", { s: "S-1" })).toBe(8);
    expect(pull("pulldata('stops', 'officials', 'stop', ${s}) * 1 = 5", { s: "S-2" })).toBe(true);
    expect(pull("string-length(pulldata('stops', 'district', 'stop', ${s}))", { s: "S-1" })).toBe(4);
    expect(pull("pulldata('stops', 'nowhere', 'stop', 'S-1')")).toBe("");
    expect(pull("pulldata('elsewhere', 'district', 'stop', 'S-1')")).toBe("");
    expect(run("pulldata('stops', 'district', 'stop', 'S-1')")).toBe("");
  });
});

describe("evaluate", () => {
  it.each<[string, Record<string, AnswerLike>, Value]>([
    ["${q} = 'yes' and ${n} >= 3", { q: "yes", n: 3 }, true],
    ["${q} = 'yes' and ${n} >= 3", { q: "yes", n: 2 }, false],
    ["1 + 2 * 3", {}, 7],
    ["(1 + 2) * 3", {}, 9],
    ["7 div 2", {}, 3.5],
    ["7 mod 3", {}, 1],
    ["-7 mod 3", {}, -1],
    ["- ${n} + 1", { n: 4 }, -3],
    ["10 - 2 - 3", {}, 5],
    ["1 div 0", {}, Number.POSITIVE_INFINITY],
    ["${a} + ${b} <= ${c}", { a: 10, b: 2, c: 12 }, true],
    ["${a} + ${b} <= ${c}", { a: 10, b: 3, c: 12 }, false],
    ["if(${n} > 5, 'big', 'small')", { n: 9 }, "big"],
    ["string-length(${t})", { t: "Привет" }, 6],
    ["regex(${p}, '^[0-9]{3}$')", { p: "123" }, true],
    ["regex(${p}, '^[0-9]{3}$')", { p: "12a" }, false],
    ["selected(${m}, 'b')", { m: ["a", "b"] }, true],
    ["selected(${m}, 'z')", { m: ["a", "b"] }, false],
    ["count-selected(${m})", { m: [] }, 0],
    ["${m} = 'a b'", { m: ["a", "b"] }, true],
    ["not(true()) or false()", {}, false],
    ["${n} = '3'", { n: 3 }, true],
    ["${n} = 3.0", { n: 3 }, true],
    ["concat('a', 1, true())", {}, "a1true"],
    ["round(2.345, 2)", {}, 2.35],
    ["int(-2.7)", {}, -2],
    ["coalesce(${x}, 'none')", {}, "none"],
    [". >= 0 and . <= 10", {}, false],
    ["'2024-03-01' < '2024-03-02'", {}, true],
    ["${dep} >= ${arr}", { arr: "07:30", dep: "13:05" }, true],
    ["${dep} >= ${arr}", { arr: "07:30", dep: "06:05" }, false],
  ])("%s with %j is %j", (src, answers, expected) => {
    expect(run(src, answers)).toEqual(expected);
  });

  it("treats unanswered questions as empty: '' for strings, NaN for numbers", () => {
    expect(run("${x} = ''")).toBe(true);
    expect(run("${x} >= 3")).toBe(false);
    expect(run("${x} < 3")).toBe(false);
    expect(run("${x} = 3")).toBe(false);
    expect(run("${x} != 3")).toBe(true);
    expect(Number.isNaN(run("${x} + 1"))).toBe(true);
    expect(toStringValue(run("${x}"))).toBe("");
    expect(run("selected(${x}, 'a')")).toBe(false);
    expect(run("string-length(${x})")).toBe(0);
    expect(run("${d} >= '2024-01-01'", { d: null })).toBe(false);
  });

  it("evaluates `.` as the current answer", () => {
    expect(run(". <= ${max}", { max: 5 }, 4)).toBe(true);
    expect(run(". <= ${max}", { max: 5 }, 6)).toBe(false);
  });

  it("short-circuits and/or and evaluates only the chosen if() branch", () => {
    let calls = 0;
    const e = parse("false() and ${x} or if(true(), 1, ${y})");
    evaluate(e, {
      answer: () => {
        calls++;
        return "";
      },
    });
    expect(calls).toBe(0);
  });
});
