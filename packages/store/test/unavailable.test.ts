import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../src/index.ts";

describe("isDatabaseUnavailable", () => {
  it("recognises a stopped, restarting or unreachable database, also wrapped by the query builder", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5599"), { code: "ECONNREFUSED" });
    const shutdown = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    const wrapped = Object.assign(new Error("Failed query: select 1"), { cause: shutdown });
    for (const error of [refused, shutdown, wrapped, new Error("Connection terminated unexpectedly")])
      expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("leaves bugs and bad queries alone", () => {
    const syntax = Object.assign(new Error('syntax error at or near "selec"'), { code: "42601" });
    const unique = Object.assign(new Error("duplicate key"), { code: "23505" });
    for (const error of [syntax, unique, new TypeError("x is undefined"), "text", null])
      expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
