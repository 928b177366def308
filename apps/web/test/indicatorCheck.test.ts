import { describe, expect, it } from "vitest";
import { expressionProblem } from "../src/analysis/expressionProblem.ts";
import { checkIndicator, type IndicatorProblem } from "../src/analysis/indicatorCheck.ts";

const questions = new Set(["seal_ok", "voters"]);
const share = (condition: string) => ({
  kind: "share",
  name: { en: "Seal broken" },
  unit: "visit",
  formKind: "voting",
  phases: null,
  condition,
  assessment: null,
});

describe("indicator editor checks (the server's schemas and parser, in the browser)", () => {
  it("accepts a condition over the form's questions", () => {
    expect(checkIndicator("seal-broken", share("${seal_ok} = 'no'"), questions)).toEqual([]);
  });

  it("names a question that the forms do not have", () => {
    expect(checkIndicator("seal-broken", share("${seal_ok} = 'no' or ${stamp} = 'no'"), questions)).toEqual([
      { kind: "unknown-question", name: "stamp" },
    ]);
    expect(
      checkIndicator(
        "mean-x",
        { ...share(""), kind: "mean", question: "nowhere", condition: undefined },
        questions,
      ),
    ).toEqual([{ kind: "unknown-question", name: "nowhere" }]);
  });

  it("reports a syntax error with its place, and a bad code", () => {
    const problems = checkIndicator("Bad Code", share("${seal_ok = 'no'"), questions);
    expect(problems[0]).toEqual({ kind: "code" });
    expect(problems[1]).toMatchObject({ kind: "syntax", error: { offset: 0, code: "bad_reference" } });
  });

  it("reports what the schema refuses, by field", () => {
    const problems = checkIndicator("x", { ...share("${seal_ok} = 'no'"), unit: "booth" }, questions);
    expect(problems).toEqual([{ kind: "invalid", path: "unit" }]);
    expect(checkIndicator("x", share("true()"), questions)).toEqual([{ kind: "reads-nothing" }]);
  });
});

describe("syntax errors in the reader's terms", () => {
  const problem = (condition: string) => {
    const [found] = checkIndicator("x", share(condition), questions) as (IndicatorProblem & {
      kind: "syntax";
    })[];
    if (found?.kind !== "syntax") throw new Error(`no syntax problem in ${condition}`);
    return { ...expressionProblem(found.source, found.error), offset: found.error.offset };
  };
  const cases: [string, string, Record<string, unknown>, number][] = [
    ["${seal_ok = 'no'", "unclosedReference", { text: "${seal_ok = 'no'" }, 0],
    ["${seal_ok} = 'no", "unclosedString", { quote: "'" }, 13],
    ["${seal_ok} = ‘no’", "curlyQuote", { char: "‘" }, 13],
    ["${seal_ok} = ", "endsEarly", {}, 13],
    ["selected(${seal_ok}, 'no'", "unclosedBracket", {}, 25],
    ["${seal_ok} = no", "bareName", { name: "no", reference: "${no}" }, 13],
    ["sealed(${seal_ok})", "unknownFunction", { name: "sealed" }, 0],
    ["selected(${seal_ok})", "arityExact", { name: "selected", number: 2 }, 0],
    ["${seal_ok} = = 'no'", "unexpected", { found: "=" }, 13],
    ["${1seal} = 'no'", "badName", { name: "1seal" }, 0],
    ["/data/seal_ok = 'no'", "path", { char: "/" }, 0],
  ];
  for (const [condition, key, values, offset] of cases)
    it(`${condition} → ${key}`, () => {
      expect(problem(condition)).toEqual({ key, values, offset });
    });
});
