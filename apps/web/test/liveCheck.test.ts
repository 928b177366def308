// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { type FormDefinition, safeParseFormDefinition } from "@scrutiny/domain";
import { describe, expect, it } from "vitest";
import { liveCheck } from "../src/form-renderer/issues.ts";

// A form of its own: a seal question whose explanation is required only when the seal was broken
// (XLSForm `required` as an expression), as the renderer shows it (asterisk) and holds it back.
const parsed = safeParseFormDefinition({
  id: "seal-check",
  version: 1,
  kind: "opening",
  title: { en: "Seal check" },
  languages: ["en"],
  defaultLanguage: "en",
  items: [
    { type: "integer", name: "seals", label: { en: "Seals on the box" }, required: true },
    { type: "yes_no", name: "intact", label: { en: "All intact?" }, listName: "yn" },
    {
      type: "text",
      name: "what_happened",
      label: { en: "What happened?" },
      requiredWhen: "${intact} = 'no' and ${seals} > 0",
    },
  ],
  choiceLists: { yn: [{ name: "yes" }, { name: "no" }] },
  checks: [],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
const form: FormDefinition = parsed.value;

describe("the renderer's live check of a required expression", () => {
  it("marks the question required only while the expression is true", () => {
    expect(liveCheck(form, { seals: 2, intact: "yes" }, "en", true).required.has("what_happened")).toBe(
      false,
    );
    const broken = liveCheck(form, { seals: 2, intact: "no" }, "en", true);
    expect(broken.required.has("what_happened")).toBe(true);
    expect(broken.byQuestion.get("what_happened")?.code).toBe("required");
    expect(liveCheck(form, { seals: 0, intact: "no" }, "en", true).issues).toEqual([]);
  });

  it("holds the required issue back until the observer sends, as for required: yes", () => {
    const early = liveCheck(form, { seals: 2, intact: "no" }, "en", false);
    expect(early.byQuestion.has("what_happened")).toBe(false);
    expect(early.required.has("what_happened")).toBe(true);
    expect(early.issues.map((i) => i.code)).toEqual(["required"]);
  });
});
