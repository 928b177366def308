import { describe, expect, it } from "vitest";
import { checkIndicator } from "../src/analysis/indicatorCheck.ts";

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
    expect(problems[1]).toMatchObject({ kind: "syntax", offset: 0 });
  });

  it("reports what the schema refuses, by field", () => {
    const problems = checkIndicator("x", { ...share("${seal_ok} = 'no'"), unit: "booth" }, questions);
    expect(problems).toEqual([expect.objectContaining({ kind: "invalid", path: "unit" })]);
  });
});
