// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { describe, expect, it } from "vitest";
import {
  evaluate,
  evaluateBoolean,
  indicatorReferences,
  parseExpression,
  storedToAnswer,
} from "../../src/expressions/index.ts";

const parse = (source: string) => {
  const r = parseExpression(source, { indicator: true });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const PHOTO = "0f".repeat(32);
const report: Record<string, unknown> = {
  station_open: "yes",
  protocol_photo: PHOTO,
  incident: [
    { category: "violence", injured: 2, witness: [{ age: 17 }, { age: 40 }] },
    { category: "procedure", photo: PHOTO, witness: [] },
    "not an instance",
  ],
};
const ctx = (answers: Record<string, unknown>) => ({
  answer: (q: string) => storedToAnswer(answers[q]),
  stored: (q: string) => answers[q],
});

describe("indicator functions over repeats and attachments", () => {
  it("are known to indicator conditions only, with a question first", () => {
    expect(parseExpression("has-attachment(${photo})").ok).toBe(false);
    const notRef = parseExpression("any-instance('incident', 1)", { indicator: true });
    expect(notRef.ok ? undefined : notRef.error.code).toBe("bad_reference");
    const arity = parseExpression("any-instance(${incident})", { indicator: true });
    expect(arity.ok ? undefined : arity.error.code).toBe("arity");
  });

  it("read instances, nested instances and attachment references", () => {
    const holds = (source: string, answers = report) => evaluateBoolean(parse(source), ctx(answers));
    expect(holds("any-instance(${incident}, ${category} = 'violence')")).toBe(true);
    expect(holds("any-instance(${incident}, ${category} = 'violence' and ${injured} > 2)")).toBe(false);
    expect(evaluate(parse("count-instances(${incident})"), ctx(report))).toBe(2);
    expect(evaluate(parse("count-instances(${incident}, has-attachment(${photo}))"), ctx(report))).toBe(1);
    expect(holds("any-instance(${incident}, any-instance(${witness}, ${age} >= 18))")).toBe(true);
    expect(holds("any-instance(${incident}, any-instance(${witness}, ${age} > 40))")).toBe(false);
    expect(holds("has-attachment(${protocol_photo})")).toBe(true);
    expect(holds("has-attachment(${protocol_photo})", { protocol_photo: "IMG_1.jpg" })).toBe(false);
    expect(holds("any-instance(${incident}, ${category} != '')", { incident: "violence" })).toBe(false);
    // Inside an instance `${name}` is the instance's answer, not the report's.
    expect(holds("any-instance(${incident}, ${station_open} = 'yes')")).toBe(false);
  });

  it("say which answers put a report in the denominator", () => {
    expect(indicatorReferences(parse("any-instance(${incident}, ${category} = 'violence')"))).toEqual({
      questions: ["incident"],
      answeredBy: [],
    });
    expect(
      indicatorReferences(parse("not(has-attachment(${protocol_photo})) and ${station_open} = 'yes'")),
    ).toEqual({ questions: ["protocol_photo", "station_open"], answeredBy: ["station_open"] });
  });
});
