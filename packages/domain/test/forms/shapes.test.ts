// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { describe, expect, it } from "vitest";
import {
  attachmentHashes,
  checkSubmission,
  type FormDefinition,
  safeParseFormDefinition,
} from "../../src/forms/index.ts";

const PHOTO = "a".repeat(64);
const OTHER_PHOTO = "b".repeat(64);

/** An incident form: a cascading select, a calculation, a repeat per incident with a photo each. */
export const incidentForm: FormDefinition = {
  id: "incidents",
  version: 1,
  kind: "incident",
  title: { Español: "Incidentes", العربية: "حوادث" },
  languages: ["Español", "العربية"],
  defaultLanguage: "Español",
  choiceLists: {
    region: [
      { name: "north", label: { Español: "Norte" } },
      { name: "south", label: { Español: "Sur" } },
    ],
    area: [
      { name: "n1", label: { Español: "N1" }, properties: { region: "north" } },
      { name: "n2", label: { Español: "N2" }, properties: { region: "north" } },
      { name: "s1", label: { Español: "S1" }, properties: { region: "south" } },
    ],
    category: [
      { name: "violence", label: { Español: "Violencia", العربية: "عنف" } },
      { name: "intimidation", label: { Español: "Intimidación" } },
    ],
  },
  items: [
    { type: "select_one", name: "region", listName: "region", label: { Español: "Región" }, required: true },
    {
      type: "select_one",
      name: "area",
      listName: "area",
      label: { Español: "Zona" },
      choiceFilter: "region = ${region}",
      orOther: true,
    },
    { type: "integer", name: "voters", label: { Español: "Votantes" } },
    { type: "integer", name: "ballots", label: { Español: "Papeletas" } },
    { type: "calculate", name: "turnout", calculation: "round(${ballots} div ${voters} * 100, 1)" },
    { type: "calculate", name: "n_incidents", calculation: "count(${incident})" },
    {
      type: "repeat",
      name: "incident",
      label: { Español: "Incidente" },
      items: [
        {
          type: "select_one",
          name: "category",
          listName: "category",
          label: { Español: "Tipo" },
          required: true,
        },
        {
          type: "text",
          name: "details",
          label: { Español: "Detalles" },
          relevant: "${category} = 'violence'",
        },
        { type: "image", name: "photo", label: { Español: "Foto" } },
        { type: "calculate", name: "number", calculation: "position(..)" },
      ],
    },
    { type: "geopoint", name: "where", label: { Español: "Posición" }, maxDistanceFromStation: 500 },
    { type: "acknowledge", name: "confirm", label: { Español: "Confirmo" } },
  ],
  checks: [
    { id: "ballots_le_voters", expression: "${ballots} <= ${voters}", message: { Español: "Más papeletas" } },
  ],
};

const good = {
  region: "north",
  area: "n2",
  voters: 200,
  ballots: 150,
  incident: [
    { category: "violence", details: "Golpes", photo: PHOTO },
    { category: "intimidation", photo: OTHER_PHOTO },
  ],
  where: "41.3851 2.1734 12 5",
  confirm: "OK",
};

const codes = (answers: unknown, options = {}) =>
  checkSubmission(incidentForm, answers, options).issues.map((i) => [JSON.stringify(i.path), i.code]);

describe("form shapes beyond flat checklists", () => {
  it("accepts the form: non-Latin language keys, repeats, calculations, cascading selects", () => {
    const r = safeParseFormDefinition(incidentForm);
    expect(r.ok ? [] : r.error).toEqual([]);
  });

  it("validates repeat instances one by one and computes calculations, inside repeats too", () => {
    const report = checkSubmission(incidentForm, good);
    expect(report.issues).toEqual([]);
    expect(report.answers["turnout"]).toBe(75);
    expect(report.answers["n_incidents"]).toBe(2);
    expect(report.answers["incident"]).toEqual([
      { category: "violence", details: "Golpes", photo: PHOTO, number: 1 },
      { category: "intimidation", photo: OTHER_PHOTO, number: 2 },
    ]);
  });

  it("locates problems inside repeat instances", () => {
    const bad = {
      ...good,
      incident: [{ category: "intimidation", details: "not asked" }, { photo: "nope" }, 7],
    };
    expect(codes(bad)).toEqual([
      ['["answers","incident",0,"details"]', "not_relevant"],
      ['["answers","incident",1,"category"]', "required"],
      ['["answers","incident",1,"photo"]', "wrong_type"],
      ['["answers","incident",2]', "wrong_type"],
    ]);
  });

  it("offers only the choices a choice filter keeps, and 'other' with its text for or_other", () => {
    expect(codes({ ...good, area: "s1" })).toEqual([['["answers","area"]', "filtered_choice"]]);
    expect(codes({ ...good, area: "other" })).toEqual([['["answers","area_other"]', "required"]]);
    expect(codes({ ...good, area: "other", area_other: "N3" })).toEqual([]);
    expect(codes({ ...good, area_other: "N3" })).toEqual([['["answers","area_other"]', "not_relevant"]]);
  });

  it("rejects a calculated value that differs from the form's calculation", () => {
    expect(codes({ ...good, turnout: 99 })).toEqual([['["answers","turnout"]', "calculation_mismatch"]]);
    expect(codes({ ...good, turnout: 75 })).toEqual([]);
  });

  it("checks attachments against what was sent, by hash and content type", () => {
    const sent = new Map([
      [PHOTO, { contentType: "image/jpeg", size: 1000 }],
      [OTHER_PHOTO, { contentType: "application/pdf", size: 1000 }],
    ]);
    expect(codes(good, { attachments: sent })).toEqual([
      ['["answers","incident",1,"photo"]', "attachment_type"],
    ]);
    expect(codes(good, { attachments: new Map() }).map(([, c]) => c)).toEqual([
      "missing_attachment",
      "missing_attachment",
    ]);
    expect(attachmentHashes(incidentForm, good).sort()).toEqual([PHOTO, OTHER_PHOTO]);
  });

  it("flags a position far from the station and rejects positions off the Earth", () => {
    const near = checkSubmission(incidentForm, good, { stationLocation: { lat: 41.386, lon: 2.1735 } });
    expect(near.flags).toEqual([]);
    const far = checkSubmission(incidentForm, good, { stationLocation: { lat: 41.4, lon: 2.1734 } });
    expect(far.flags.map((f) => f.checkId)).toEqual(["where.distance"]);
    expect(far.flags[0]?.message).toMatch(/^where: 16\d\d m from the station/);
    expect(codes({ ...good, where: "91 10" })).toEqual([['["answers","where"]', "invalid_geopoint"]]);
  });

  it("rejects ambiguous references and duplicate names as pyxform rules them", () => {
    const form = {
      ...incidentForm,
      items: [
        { type: "group", name: "a", items: [{ type: "integer", name: "n", label: { Español: "n" } }] },
        { type: "group", name: "b", items: [{ type: "integer", name: "n", label: { Español: "n" } }] },
        { type: "integer", name: "N", label: { Español: "N" } },
        { type: "integer", name: "x", label: { Español: "x" }, relevant: "${n} > 1" },
      ],
      checks: [],
    };
    const r = safeParseFormDefinition(form);
    expect(r.ok ? [] : r.error.map((i) => [JSON.stringify(i.path), i.code])).toEqual([
      ['["items",3,"relevant"]', "ambiguous_reference"],
    ]);
    const sameGroup = {
      ...form,
      items: [
        { type: "integer", name: "n", label: { Español: "n" } },
        { type: "integer", name: "N", label: { Español: "N" } },
      ],
    };
    const r2 = safeParseFormDefinition(sameGroup);
    expect(r2.ok ? [] : r2.error.map((i) => i.code)).toEqual(["duplicate_name"]);
    // Two groups' `n` answers are keyed by their group paths.
    const ok = { ...form, items: form.items.slice(0, 3) } as FormDefinition;
    expect(checkSubmission(ok, { "a/n": 1, "b/n": 2, N: 3 }).issues).toEqual([]);
  });

  it("checks repeat_count against the number of instances", () => {
    const form: FormDefinition = {
      ...incidentForm,
      items: [
        { type: "integer", name: "boxes", label: { Español: "Urnas" } },
        {
          type: "repeat",
          name: "box",
          repeatCount: "${boxes}",
          items: [{ type: "yes_no", name: "sealed", listName: "yn", label: { Español: "Sellada" } }],
        },
      ],
      choiceLists: {
        yn: [
          { name: "yes", label: { Español: "Sí" } },
          { name: "no", label: { Español: "No" } },
        ],
      },
      checks: [],
    };
    expect(checkSubmission(form, { boxes: 2, box: [{ sealed: "yes" }, { sealed: "no" }] }).issues).toEqual(
      [],
    );
    expect(checkSubmission(form, { boxes: 3, box: [{ sealed: "yes" }] }).issues.map((i) => i.code)).toEqual([
      "repeat_count",
    ]);
  });
});
