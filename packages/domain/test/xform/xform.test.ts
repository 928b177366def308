import { describe, expect, it } from "vitest";
import {
  type FormDefinition,
  formToXForm,
  parseExpression,
  readXFormInstance,
  toXPath,
  xformAnswers,
  xpathString,
} from "../../src/index.ts";

const form: FormDefinition = {
  id: "f-1",
  version: 4,
  kind: "incident",
  title: { en: "Incident", be: "Інцыдэнт" },
  languages: ["en", "be"],
  defaultLanguage: "en",
  choiceLists: {
    kinds: [
      { name: "pressure", label: { en: "Pressure" } },
      { name: "ballot_stuffing", label: { en: "Stuffing" } },
    ],
  },
  items: [
    {
      type: "select_multiple",
      name: "what",
      label: { en: "What happened?" },
      listName: "kinds",
      required: true,
    },
    {
      type: "group",
      name: "details",
      label: { en: "Details" },
      relevant: "selected(${what}, 'ballot_stuffing')",
      items: [
        { type: "time", name: "at", label: { en: "When?" } },
        {
          type: "integer",
          name: "ballots",
          label: { en: "How many ballots?" },
          min: 1,
          constraint: ". != 13",
        },
      ],
    },
    { type: "text", name: "note", label: { en: "Notes" }, maxLength: 50 },
  ],
  checks: [],
};

describe("XForm export", () => {
  it("writes references as instance paths and keeps precedence with parentheses", () => {
    const parsed = parseExpression("${a} + ${b} * 2 > 3 or not(${c} = 'x')");
    if (!parsed.ok) throw new Error("parse");
    expect(toXPath(parsed.value, (name) => `/data/g/${name}`)).toBe(
      "(((/data/g/a + (/data/g/b * 2)) > 3) or not((/data/g/c = 'x')))",
    );
  });

  it("quotes strings the XPath 1.0 way, with concat() when both quote marks occur", () => {
    expect(xpathString("it's")).toBe(`"it's"`);
    expect(xpathString(`say "hi"`)).toBe(`'say "hi"'`);
    expect(xpathString(`it's "x"`)).toBe(`concat('it', "'", 's "x"')`);
  });

  it("nests groups, turns bounds and length into constraints and every language into a translation", () => {
    const xml = formToXForm(form);
    expect(xml).toContain('<data id="f-1" version="4"><what/><details><at/><ballots/></details><note/>');
    expect(xml).toContain(
      `<bind nodeset="/data/details" relevant="selected(/data/what, &apos;ballot_stuffing&apos;)"/>`,
    );
    expect(xml).toContain('constraint="(. &gt;= 1) and ((. != 13))"');
    expect(xml).toContain('constraint="string-length(.) &lt;= 50"');
    expect(xml).toContain('<translation lang="en" default="true()">');
    expect(xml).toContain('<translation lang="be">');
    expect(xml).toContain('<select ref="/data/what">');
    expect(xml).toContain('jr:preload="uid"');
  });
});

describe("XForm submissions", () => {
  it("reads identity and converts answers to the form's types", () => {
    const read = readXFormInstance(
      `<?xml version="1.0"?><data id="f-1" version="4"><scrutiny_stop>v-9</scrutiny_stop><what>pressure ballot_stuffing</what><details><at>14:05:00.000+03:00</at><ballots>12</ballots></details><note>  kept as typed </note><meta><instanceID>uuid:0b9e7c55-1f2a-4c3d-8e9f-7a6b5c4d3e21</instanceID><timeEnd>2026-03-01T14:20:00.000+03:00</timeEnd></meta></data>`,
    );
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.value.instance).toEqual({
      formId: "f-1",
      version: "4",
      instanceId: "0b9e7c55-1f2a-4c3d-8e9f-7a6b5c4d3e21",
      timeEnd: "2026-03-01T14:20:00.000+03:00",
      stop: "v-9",
    });
    expect(xformAnswers(read.value.root, form)).toEqual({
      what: ["pressure", "ballot_stuffing"],
      at: "14:05",
      ballots: 12,
      note: "  kept as typed ",
    });
  });

  it("keeps a non-number as text so that validation names it, and reports broken XML", () => {
    const read = readXFormInstance(
      `<data id="f-1" version="4"><what>pressure</what><details><ballots>many</ballots></details></data>`,
    );
    if (!read.ok) throw new Error("read");
    expect(xformAnswers(read.value.root, form)).toEqual({ what: ["pressure"], ballots: "many" });
    const broken = readXFormInstance("<data id=");
    expect(broken.ok).toBe(false);
    const anonymous = readXFormInstance("<data><what/></data>");
    expect(anonymous.ok ? [] : anonymous.error.map((i) => i.code)).toEqual(["missing_form_id"]);
  });
});
