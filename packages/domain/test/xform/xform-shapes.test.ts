// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { describe, expect, it } from "vitest";
import { countCentreForm } from "../../../../test-support/forms/count-centre.ts";
import {
  checkSubmission,
  formToXForm,
  readXFormInstance,
  safeParseFormDefinition,
  xformAnswers,
} from "../../src/index.ts";

const parsed = countCentreForm("count-centre");
const form = () => {
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
};

describe("XForm export of repeats, cascades, or_other, range and acknowledge", () => {
  it("writes them as pyxform does", () => {
    const xml = formToXForm(form());
    // A repeat: template in the instance, a group around the repeat control, jr:count from the answer.
    expect(xml).toContain('<incident jr:template=""><incident_kind/><incident_text/></incident>');
    expect(xml).toContain('<repeat nodeset="/data/incident">');
    expect(xml).toContain('<repeat nodeset="/data/box" jr:count="/data/boxes">');
    // Skip logic inside the repeat refers to the instance's own question.
    expect(xml).toContain(
      `<bind nodeset="/data/incident/incident_text" type="string" relevant="(/data/incident/incident_kind = &apos;something_else&apos;)"`,
    );
    // The cascading select filters a secondary instance of its list.
    expect(xml).toContain(
      `<itemset nodeset="instance('list_district')/root/item[(province = /data/province)]">`,
    );
    expect(xml).toContain(
      '<instance id="list_district"><root><item><itextId>list_district-0</itextId><name>kamubukwana</name><province>maputo</province></item>',
    );
    // or_other: the choice and its text, asked only when 'other' is chosen.
    expect(xml).toContain("<value>other</value>");
    expect(xml).toContain(
      `<bind nodeset="/data/delay_cause_other" type="string" required="true()" relevant="selected(/data/delay_cause, &apos;other&apos;)"/>`,
    );
    expect(xml).toContain('<range ref="/data/calm" start="0" end="10" step="1">');
    expect(xml).toContain('<bind nodeset="/data/calm" type="int"');
    expect(xml).toContain('<trigger ref="/data/sealed_seen">');
    expect(xml).toContain('<bind nodeset="/data/count_started" type="dateTime"');
  });

  it("writes calculations as binds without a control, and a computed repeat_count as a calculation", () => {
    const small = safeParseFormDefinition({
      id: "tally",
      version: 2,
      kind: "counting",
      title: { en: "Tally" },
      languages: ["en"],
      defaultLanguage: "en",
      choiceLists: {},
      items: [
        { type: "integer", name: "tables", label: { en: "Tables" } },
        { type: "calculate", name: "sheets", calculation: "${tables} * 2" },
        {
          type: "repeat",
          name: "sheet",
          label: { en: "Sheet" },
          repeatCount: "${tables} * 2",
          items: [{ type: "integer", name: "marks", label: { en: "Marks" } }],
        },
      ],
      checks: [],
    });
    if (!small.ok) throw new Error(JSON.stringify(small.error));
    const xml = formToXForm(small.value);
    expect(xml).toContain(
      '<bind nodeset="/data/sheets" type="string" calculate="(/data/tables * 2)" readonly="true()"/>',
    );
    expect(xml).not.toContain('ref="/data/sheets"');
    expect(xml).toContain(
      '<bind nodeset="/data/sheet_count" type="string" readonly="true()" calculate="(/data/tables * 2)"/>',
    );
    expect(xml).toContain('<repeat nodeset="/data/sheet" jr:count="/data/sheet_count">');
  });
});

describe("XForm submissions with repeats and or_other", () => {
  it("reads each repeat instance as a record, and the 'other' text, and validates them", () => {
    const read = readXFormInstance(
      `<data id="count-centre" version="1"><province>sofala</province><district>beira</district><delay_cause>other</delay_cause><delay_cause_other>Key lost</delay_cause_other><calm>7</calm><sealed_seen>OK</sealed_seen><count_started>2026-10-09T19:05:00.000+02:00</count_started><where>-19.8436 34.8389 12 5</where><incident><incident_kind>violence</incident_kind><incident_text/></incident><incident><incident_kind>something_else</incident_kind><incident_text>Observers asked to leave</incident_text></incident><boxes>2</boxes><box><seal_intact>yes</seal_intact></box><box><seal_intact>no</seal_intact></box><meta><instanceID>uuid:5d1c2b9a-7e3f-4a61-9c0d-2b8e4f6a1c37</instanceID></meta></data>`,
    );
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const answers = xformAnswers(read.value.root, form());
    expect(answers).toEqual({
      province: "sofala",
      district: "beira",
      delay_cause: "other",
      delay_cause_other: "Key lost",
      calm: 7,
      sealed_seen: "OK",
      count_started: "2026-10-09T19:05:00.000+02:00",
      where: "-19.8436 34.8389 12 5",
      incident: [
        { incident_kind: "violence" },
        { incident_kind: "something_else", incident_text: "Observers asked to leave" },
      ],
      boxes: 2,
      box: [{ seal_intact: "yes" }, { seal_intact: "no" }],
    });
    expect(checkSubmission(form(), answers).issues).toEqual([]);
  });
});
