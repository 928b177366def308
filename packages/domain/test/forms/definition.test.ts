// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  contentHash,
  type FormDefinition,
  nextVersion,
  questionsOf,
  safeParseFormDefinition,
  sha256HexOfString,
} from "../../src/forms/index.ts";
import { sampleForm } from "./sample.ts";

function issuesOf(value: unknown) {
  const r = safeParseFormDefinition(value);
  if (r.ok) throw new Error("expected issues");
  return r.error;
}

describe("safeParseFormDefinition", () => {
  it("accepts a well-formed form and lists questions in document order", () => {
    const r = safeParseFormDefinition(sampleForm);
    expect(r.ok).toBe(true);
    expect(questionsOf(sampleForm).map((q) => q.name)).toEqual([
      "arrival_time",
      "ballot_box_sealed",
      "problems",
      "queue_length",
      "informant",
      "turnout_pct",
      "registered",
      "ballots_cast",
      "comments",
      "visit_date",
      "overall_assessment",
    ]);
  });

  it("reports cross-reference problems at exact paths", () => {
    const bad = structuredClone(sampleForm) as unknown as {
      items: Record<string, unknown>[];
      checks: Record<string, unknown>[];
    };
    const group = bad.items[3] as { items: Record<string, unknown>[] };
    Object.assign(group.items[1] as object, { relevant: "selected(${problem}, 'queue')" });
    Object.assign(group.items[0] as object, { listName: "nope" });
    Object.assign(bad.items[5] as object, { constraint: ". <= ‘95’" });
    Object.assign(bad.items[6] as object, { name: "ballots_cast" });
    Object.assign(bad.checks[0] as object, { expression: ". > 1" });
    Object.assign(bad.items[2] as object, { label: { en: "x", de: "y" } });
    const issues = issuesOf(bad);
    const byPath = Object.fromEntries(issues.map((i) => [JSON.stringify(i.path), i.code]));
    expect(byPath).toMatchObject({
      '["items",3,"items",1,"relevant"]': "unknown_reference",
      '["items",3,"items",0,"listName"]': "unknown_list",
      '["items",5,"constraint"]': "expression_syntax",
      '["items",7,"name"]': "duplicate_name",
      '["checks",0,"expression"]': "current_not_allowed",
      '["items",2,"label","de"]': "unknown_language",
    });
    const syntax = issues.find((i) => i.code === "expression_syntax");
    expect(syntax?.message).toContain("offset 5");
  });

  it("rejects yes/no and assessment questions whose lists do not fit, and select_one with a yes/no list", () => {
    const form = {
      ...sampleForm,
      items: [
        { type: "yes_no", name: "a", listName: "problems", label: { en: "A" } },
        { type: "assessment", name: "b", listName: "yes_no", label: { en: "B" } },
        { type: "select_one", name: "c", listName: "yes_no", label: { en: "C" } },
      ],
      checks: [],
    };
    expect(issuesOf(form).map((i) => [i.path, i.code])).toEqual([
      [["items", 0, "listName"], "list_mismatch"],
      [["items", 1, "listName"], "list_mismatch"],
      [["items", 2, "listName"], "list_mismatch"],
    ]);
  });

  it("rejects unknown properties, bad kinds, labels without the default language and min > max", () => {
    const form = {
      ...sampleForm,
      kind: "exit_poll",
      items: [{ type: "integer", name: "n", label: { ru: "Н" }, min: 5, max: 1, colour: "red" }],
      checks: [],
    };
    const codes = issuesOf(form).map((i) => `${i.path?.join(".")}:${i.code}`);
    expect(codes).toContain("kind:invalid_value");
    expect(codes).toContain("items.0:unrecognized_keys");
    const fixed = {
      ...form,
      kind: "voting",
      items: [{ type: "integer", name: "n", label: { ru: "Н" }, min: 5, max: 1 }],
    };
    expect(issuesOf(fixed).map((i) => `${i.path?.join(".")}:${i.code}`)).toEqual([
      "items.0.label.en:missing_translation",
      "items.0.max:min_above_max",
    ]);
  });

  it("checks a required expression like relevant, and not beside required", () => {
    const form = {
      ...sampleForm,
      items: [
        { type: "integer", name: "n", label: { en: "N" } },
        { type: "text", name: "why", label: { en: "Why" }, requiredWhen: "${n} > 3" },
        { type: "text", name: "both", label: { en: "Both" }, required: true, requiredWhen: "${n} > 3" },
        { type: "text", name: "self", label: { en: "Self" }, requiredWhen: "${nowhere} = 1" },
        { type: "text", name: "dot", label: { en: "Dot" }, requiredWhen: ". = 1" },
      ],
      checks: [],
    };
    expect(issuesOf(form).map((i) => `${i.path?.join(".")}:${i.code}`)).toEqual([
      "items.2.requiredWhen:required_twice",
      "items.3.requiredWhen:unknown_reference",
      "items.4.requiredWhen:current_not_allowed",
    ]);
  });

  it("accepts nested groups", () => {
    const form: FormDefinition = {
      ...sampleForm,
      items: [
        {
          type: "group",
          name: "outer",
          items: [{ type: "group", name: "inner", items: [{ type: "text", name: "t", label: { en: "T" } }] }],
        },
      ],
      checks: [],
    };
    expect(safeParseFormDefinition(form).ok).toBe(true);
    expect(questionsOf(form).map((q) => q.name)).toEqual(["t"]);
  });
});

describe("content hash and versions", () => {
  it("sha256 matches node:crypto and the FIPS vectors", () => {
    expect(sha256HexOfString("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256HexOfString("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (const text of ["Выборы", "x".repeat(55), "y".repeat(56), "z".repeat(64), "ü".repeat(1000)]) {
      expect(sha256HexOfString(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
  });

  it("canonical JSON sorts keys and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: [3, { d: undefined, c: "x" }] })).toBe('{"a":[3,{"c":"x"}],"b":1}');
  });

  it("hashes content independently of key order and version", () => {
    const reordered = JSON.parse(
      JSON.stringify({ ...sampleForm, version: 7 }, Object.keys(sampleForm).reverse()),
    );
    expect(contentHash(sampleForm)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash({ ...sampleForm, version: 7 })).toBe(contentHash(sampleForm));
    expect(contentHash({ ...sampleForm, title: { en: "Other" } })).not.toBe(contentHash(sampleForm));
    expect(reordered.version).toBe(7);
  });

  it("nextVersion bumps only on change", () => {
    expect(nextVersion(sampleForm, { ...sampleForm })).toEqual({ form: sampleForm, changed: false });
    const edited = { ...sampleForm, title: { en: "Sample 2" }, version: 99 };
    const next = nextVersion(sampleForm, edited);
    expect(next.changed).toBe(true);
    expect(next.form.version).toBe(2);
    expect(next.form.title).toEqual({ en: "Sample 2" });
  });
});
