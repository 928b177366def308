// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { describe, expect, it } from "vitest";
import {
  checkSubmission,
  type FormDefinition,
  findQuestion,
  type Question,
  questionsOf,
  safeParseFormDefinition,
} from "../../src/forms/index.ts";
import {
  countingTemplate,
  formTemplates,
  votingTemplate,
  withContestants,
} from "../../src/templates/index.ts";

function q(form: FormDefinition, name: string): Question {
  const found = findQuestion(form, name);
  if (found === undefined) throw new Error(`${form.id} lacks ${name}`);
  return found;
}

describe("formTemplates", () => {
  it("has the five kinds, each valid, bilingual, with a 4-point overall assessment", () => {
    expect(formTemplates.map((f) => f.kind)).toEqual([
      "opening",
      "voting",
      "counting",
      "tabulation",
      "incident",
    ]);
    for (const form of formTemplates) {
      const parsed = safeParseFormDefinition(form);
      expect(parsed.ok ? [] : parsed.error).toEqual([]);
      expect(form.languages).toEqual(["en", "ru"]);
      expect(q(form, "overall_assessment").type).toBe("assessment");
      for (const question of questionsOf(form)) {
        expect(Object.keys(question.label ?? {}).sort(), question.name).toEqual(["en", "ru"]);
      }
      for (const list of Object.values(form.choiceLists))
        for (const choice of list) expect(Object.keys(choice.label ?? {}).sort()).toEqual(["en", "ru"]);
    }
  });

  it("keeps the names other packages rely on", () => {
    for (const name of ["ballot_box_sealed", "unauthorized_persons", "group_voting"])
      expect(q(votingTemplate, name).type).toBe("yes_no");
    for (const name of ["voters_in_queue", "voters_counted"])
      expect(q(votingTemplate, name).type).toBe("integer");
    expect(q(votingTemplate, "voters_in_queue").required).toBeFalsy();
    for (const form of formTemplates.filter((f) => f.kind !== "incident")) {
      expect(q(form, "arrival_time").type).toBe("time");
      expect(q(form, "departure_time").type).toBe("time");
    }
    for (const name of [
      "protocol_registered",
      "protocol_ballots_issued",
      "protocol_valid",
      "protocol_invalid",
    ])
      expect(q(countingTemplate, name).type).toBe("integer");
    expect(countingTemplate.checks.map((c) => c.expression)).toContain(
      "${protocol_valid} + ${protocol_invalid} <= ${protocol_ballots_issued}",
    );
    const incident = formTemplates[4];
    if (incident === undefined) throw new Error("no incident");
    const category = q(incident, "category");
    expect(category.type).toBe("select_one");
    if (category.type === "select_one")
      expect(incident.choiceLists[category.listName]?.map((c) => c.name)).toEqual([
        "intimidation",
        "ballot_stuffing",
        "multiple_voting",
        "unauthorized_persons",
        "procedural",
        "campaigning",
        "other",
      ]);
    expect(q(incident, "description").type).toBe("text");
    expect(q(incident, "critical").type).toBe("yes_no");
  });

  it("validates a realistic voting report and raises critical and data-quality flags", () => {
    const report = checkSubmission(votingTemplate, {
      arrival_time: "10:15",
      departure_time: "09:50",
      accessible: "yes",
      campaigning_nearby: "no",
      overcrowded: "no",
      ballot_box_sealed: "no",
      id_checked: "yes",
      voters_signed_list: "yes",
      secrecy_ensured: "yes",
      group_voting: "yes",
      ballot_stuffing: "no",
      multiple_voting: "no",
      pressure_on_voters: "no",
      observers_present: ["citizen", "party"],
      observers_restricted: "no",
      unauthorized_persons: "no",
      voters_counted: 57,
      departure_dummy: undefined,
      commission_performance: "bad",
      overall_assessment: "bad",
    });
    expect(report.issues).toEqual([]);
    expect(report.critical.map((c) => c.question)).toEqual(["ballot_box_sealed", "group_voting"]);
    expect(report.flags.map((f) => f.checkId)).toEqual(["departure_after_arrival"]);
  });
});

describe("withContestants", () => {
  const contestants = [
    { code: "A", name: { en: "Alpha Party", ru: "Партия Альфа" } },
    { code: "b2", name: { en: "Beta", ru: "Бета" } },
  ];

  it("appends votes_<code> integers to the protocol group and a sum check", () => {
    const r = withContestants(countingTemplate, contestants);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const names = questionsOf(r.value).map((x) => x.name);
    expect(names.slice(names.indexOf("protocol_unused") + 1, names.indexOf("protocol_unused") + 3)).toEqual([
      "votes_A",
      "votes_b2",
    ]);
    expect(q(r.value, "votes_A")).toMatchObject({ type: "integer", min: 0, required: true });
    expect(q(r.value, "votes_A").label).toEqual({
      en: "Votes for Alpha Party",
      ru: "Голосов за: Партия Альфа",
    });
    const sum = r.value.checks.find((c) => c.id === "votes_sum_eq_valid");
    expect(sum?.expression).toBe("${votes_A} + ${votes_b2} = ${protocol_valid}");
    const base = {
      arrival_time: "19:30",
      count_start_time: "20:00",
      departure_time: "23:10",
      unused_ballots_cancelled: "yes",
      voter_list_signatures_counted: "yes",
      seals_intact: "yes",
      ballots_shown: "yes",
      validity_consistent: "yes",
      observers_clear_view: "yes",
      unauthorized_persons: "no",
      falsification: "no",
      protocol_registered: 1800,
      protocol_ballots_issued: 1000,
      protocol_valid: 980,
      protocol_invalid: 30,
      votes_A: 600,
      votes_b2: 300,
      protocol_presigned: "no",
      protocol_copy_received: "yes",
      protocol_posted: "yes",
      overall_assessment: "good",
    };
    expect(checkSubmission(r.value, base).issues).toEqual([]);
    expect(checkSubmission(r.value, base).flags.map((f) => f.checkId)).toEqual([
      "valid_plus_invalid_le_issued",
      "votes_sum_eq_valid",
    ]);
    expect(checkSubmission(r.value, { ...base, protocol_invalid: 20, votes_A: 680 }).flags).toEqual([]);
  });

  it("rejects bad, duplicate and colliding codes", () => {
    const r = withContestants(countingTemplate, [
      { code: "a-b", name: { en: "X" } },
      { code: "c", name: { ru: "Ц" } },
      { code: "c", name: { en: "C" } },
    ]);
    expect(r.ok ? [] : r.error.map((i) => i.code)).toEqual([
      "invalid_code",
      "missing_translation",
      "duplicate_code",
    ]);
    const once = withContestants(countingTemplate, contestants);
    if (!once.ok) throw new Error("unexpected");
    const twice = withContestants(once.value, contestants);
    expect(twice.ok ? [] : twice.error.map((i) => i.code)).toContain("duplicate_name");
  });
});
