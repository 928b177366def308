import { describe, expect, it } from "vitest";
import { unstorableText, unstorableTextProblem } from "../../src/index.ts";

describe("text a database cannot hold", () => {
  it("names every NUL and lone surrogate, in values and keys, by its path", () => {
    const value = {
      fine: "ok",
      list: ["a", "b\u0000", { deep: ["\uD800x"] }],
      "bad\u0000key": 1,
      pair: "\uD83D\uDE00",
    };
    expect(unstorableText(value, ["answers"])).toEqual([
      { path: ["answers", "list", 1], code: "unstorable_text", message: expect.stringContaining("NUL") },
      {
        path: ["answers", "list", 2, "deep", 0],
        code: "unstorable_text",
        message: expect.stringContaining("surrogate"),
      },
      { path: ["answers", "bad\u0000key"], code: "unstorable_text", message: expect.stringContaining("NUL") },
    ]);
    expect(unstorableText({ a: [1, true, null, "x"] })).toEqual([]);
    expect(unstorableTextProblem("\uDC00")).toContain("surrogate");
    expect(unstorableTextProblem("a surrogate pair \uD83D\uDE00 is fine")).toBeUndefined();
  });
});
