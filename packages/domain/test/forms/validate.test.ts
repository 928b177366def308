// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { describe, expect, it } from "vitest";
import { checkSubmission, validateSubmission } from "../../src/forms/index.ts";
import { sampleForm } from "./sample.ts";

const good = {
  arrival_time: "07:45",
  ballot_box_sealed: "yes",
  problems: ["queue", "secrecy"],
  queue_length: 40,
  informant: "chair",
  turnout_pct: 97.5,
  registered: 1500,
  ballots_cast: 900,
  comments: "Calm",
  visit_date: "2024-02-29",
  overall_assessment: "good",
};

function codes(answers: unknown): Record<string, string[]> {
  const report = checkSubmission(sampleForm, answers);
  const out: Record<string, string[]> = {};
  for (const i of report.issues) {
    const key = String(i.path?.[1] ?? "");
    out[key] = [...(out[key] ?? []), i.code];
  }
  return out;
}

describe("validateSubmission", () => {
  it("accepts a valid submission and returns its answers and no flags", () => {
    const r = validateSubmission(sampleForm, good);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.answers).toEqual(good);
      expect(r.value.flags).toEqual([]);
      expect(r.value.critical).toEqual([]);
    }
  });

  it("reports every failing question with its reason and path", () => {
    const r = validateSubmission(sampleForm, {
      arrival_time: "7:45",
      ballot_box_sealed: true,
      informant: "driver",
      turnout_pct: "97",
      registered: 1.5,
      ballots_cast: -1,
      comments: "x".repeat(10_000),
      visit_date: "2023-02-29",
      overall_assessment: "excellent",
      intro: "hello",
      colour: "red",
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.map((i) => [i.path, i.code])).toEqual([
        [["answers", "arrival_time"], "invalid_time"],
        [["answers", "ballot_box_sealed"], "wrong_type"],
        [["answers", "informant"], "invalid_choice"],
        [["answers", "turnout_pct"], "wrong_type"],
        [["answers", "registered"], "not_integer"],
        [["answers", "ballots_cast"], "below_min"],
        [["answers", "comments"], "too_long"],
        [["answers", "visit_date"], "invalid_date"],
        [["answers", "overall_assessment"], "invalid_choice"],
        [["answers", "intro"], "not_answerable"],
        [["answers", "colour"], "unknown_question"],
      ]);
      for (const i of r.error) expect(i.message.length).toBeGreaterThan(5);
    }
  });

  it("requires questions only when relevant, and reports answers to non-relevant questions", () => {
    // problems does not include 'queue' -> queue_length is not relevant, so not required.
    expect(codes({ ...good, problems: ["secrecy"], queue_length: undefined })).toEqual({});
    expect(codes({ ...good, problems: ["secrecy"] })).toEqual({ queue_length: ["not_relevant"] });
    expect(codes({ ...good, queue_length: null })).toEqual({ queue_length: ["required"] });
    // The group is skipped when the box is not sealed: both group answers are then not relevant.
    expect(codes({ ...good, ballot_box_sealed: "no" })).toEqual({
      problems: ["not_relevant"],
      queue_length: ["not_relevant"],
    });
    const { arrival_time: _a, overall_assessment: _o, ...missing } = good;
    expect(codes(missing)).toEqual({ arrival_time: ["required"], overall_assessment: ["required"] });
    expect(codes({ ...good, arrival_time: "" })).toEqual({ arrival_time: ["required"] });
  });

  it("checks min/max, constraints with their message, choices and duplicates", () => {
    expect(codes({ ...good, queue_length: 5001 })).toEqual({ queue_length: ["above_max"] });
    const r = checkSubmission(sampleForm, { ...good, informant: "secretary" }, { language: "ru" });
    expect(r.issues).toEqual([
      {
        path: ["answers", "turnout_pct"],
        code: "constraint",
        message: "turnout_pct: Больше 95% — только со слов председателя",
      },
    ]);
    expect(codes({ ...good, problems: ["queue", "queue", "nope"] })).toEqual({
      problems: ["invalid_choice", "duplicate_choice"],
    });
    expect(codes({ ...good, problems: "queue" })).toEqual({ problems: ["wrong_type"] });
  });

  it("rejects a 10,000-character text under the default 2,000 cap, counting code points", () => {
    expect(codes({ ...good, comments: "я".repeat(2000) })).toEqual({});
    expect(codes({ ...good, comments: "😀".repeat(2000) })).toEqual({});
    expect(codes({ ...good, comments: "я".repeat(2001) })).toEqual({ comments: ["too_long"] });
  });

  it("evaluates data-quality checks to flags, and critical questions to critical flags", () => {
    const r = checkSubmission(sampleForm, { ...good, ballots_cast: 1600 });
    expect(r.issues).toEqual([]);
    expect(r.flags).toEqual([
      { checkId: "cast_le_registered", message: "More ballots cast than registered voters" },
    ]);
    const ru = checkSubmission(sampleForm, { ...good, ballots_cast: 1600 }, { language: "ru" });
    expect(ru.flags[0]?.message).toBe("Бюллетеней больше, чем избирателей");
    // A check whose inputs are not all answered is not evaluated.
    expect(checkSubmission(sampleForm, { ...good, registered: null, ballots_cast: 1600 }).flags).toEqual([]);
    const crit = checkSubmission(sampleForm, {
      ...good,
      ballot_box_sealed: "no",
      problems: undefined,
      queue_length: undefined,
    });
    expect(crit.issues).toEqual([]);
    expect(crit.critical).toEqual([{ question: "ballot_box_sealed", answer: "no" }]);
  });

  it("rejects answers that are not an object", () => {
    for (const v of [null, [], "x", 3]) {
      expect(checkSubmission(sampleForm, v).issues.map((i) => i.code)).toEqual(["wrong_type"]);
    }
  });
});
