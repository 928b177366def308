// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
/**
 * Files uploaded beside a workbook: choices of select_*_from_file from CSV, XML and GeoJSON (with
 * pyxform's value=/label= parameters), pulldata()'s CSVs; each kept content-addressed with the
 * form, each problem located in its file; and the XForm that reads them as ODK's media.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkSubmission, choicesOf, contentHash, findQuestion } from "../../src/forms/index.ts";
import { formToXForm } from "../../src/xform/index.ts";
import {
  importXlsForm,
  writeXlsx,
  type XlsFormImportOptions,
  type XlsFormIssue,
} from "../../src/xlsform/index.ts";

const text = (s: string) => new TextEncoder().encode(s);
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const DISTRICTS = text("name,label::English (en),label::Кыргызча (ky)\nalai,Alai,Алай\nkemin,Kemin,Кемин\n");
const WARDS = text("code,title,district\nw1,Ward One,alai\nw2,Ward Two,alai\nw3,Ward Three,kemin\n");
const ROLL = text("ward,voters,seat\nw1,1200,Alai town\nw2,800,Gulcha\n");

const workbook = writeXlsx([
  {
    name: "survey",
    rows: [
      [
        "type",
        "name",
        "label::English (en)",
        "label::Кыргызча (ky)",
        "choice_filter",
        "parameters",
        "calculation",
      ],
      ["select_one_from_file districts.csv", "district", "District", "Район", "", "", ""],
      [
        "select_one_from_file wards.csv",
        "ward",
        "Ward",
        "Участок",
        "district = ${district}",
        "value=code, label=title",
        "",
      ],
      ["calculate", "voters", "", "", "", "", "pulldata('ward_roll', 'voters', 'ward', ${ward})"],
    ],
  },
  {
    name: "settings",
    rows: [
      ["form_id", "form_kind"],
      ["ward-files", "voting"],
    ],
  },
]);

function importWith(files: Record<string, Uint8Array>, extra: Partial<XlsFormImportOptions> = {}) {
  return importXlsForm(workbook, { files, ...extra });
}
const located = (issues: readonly XlsFormIssue[]) =>
  issues.map((i) => [i.severity, i.code, i.sheet, i.line, i.column]);

describe("files uploaded beside the workbook", () => {
  const all = { "districts.csv": DISTRICTS, "wards.csv": WARDS, "ward_roll.csv": ROLL };

  it("reads choices (value=/label= columns too) and pulldata's CSV, and keeps each by its SHA-256", () => {
    const r = importWith(all);
    if (!r.ok) throw new Error(r.error.map((i) => i.message).join("\n"));
    const { form, warnings } = r.value;
    expect(warnings).toEqual([]);
    expect(form.mediaFiles).toEqual({
      "districts.csv": { sha256: sha(DISTRICTS), size: DISTRICTS.length, contentType: "text/csv" },
      "ward_roll.csv": { sha256: sha(ROLL), size: ROLL.length, contentType: "text/csv" },
      "wards.csv": { sha256: sha(WARDS), size: WARDS.length, contentType: "text/csv" },
    });
    const ward = findQuestion(form, "ward");
    expect(ward).toMatchObject({
      choicesFile: "wards.csv",
      choicesFileColumns: { value: "code", label: "title" },
    });
    expect(choicesOf(form, ward as never).map((c) => [c.name, c.label, c.properties])).toEqual([
      ["w1", { en: "Ward One" }, { district: "alai" }],
      ["w2", { en: "Ward Two" }, { district: "alai" }],
      ["w3", { en: "Ward Three" }, { district: "kemin" }],
    ]);
    expect(form.choiceLists["districts.csv"]?.[1]?.label).toEqual({ en: "Kemin", ky: "Кемин" });
    const checked = checkSubmission(form, { district: "alai", ward: "w2" });
    expect(checked.issues).toEqual([]);
    expect(checked.answers["voters"]).toBe("800");
    expect(checkSubmission(form, { district: "alai", ward: "w3" }).issues.map((i) => i.code)).toEqual([
      "filtered_choice",
    ]);
    // Another file, another form: the content hash covers the files' bytes.
    const changed = importWith({ ...all, "ward_roll.csv": text("ward,voters,seat\nw1,1201,Alai town\n") });
    if (!changed.ok) throw new Error("unexpected");
    expect(contentHash(changed.value.form)).not.toBe(contentHash(form));
  });

  it("writes the XForm as pyxform does: jr://file-csv instances, itemsets over their rows", () => {
    const r = importWith(all);
    if (!r.ok) throw new Error("unexpected");
    const xml = formToXForm(r.value.form);
    expect(xml).toContain('<instance id="districts" src="jr://file-csv/districts.csv"/>');
    expect(xml).toContain('<instance id="wards" src="jr://file-csv/wards.csv"/>');
    expect(xml).toContain('<instance id="ward_roll" src="jr://file-csv/ward_roll.csv"/>');
    expect(xml).toContain(
      `<itemset nodeset="instance('districts')/root/item"><value ref="name"/><label ref="label"/></itemset>`,
    );
    expect(xml).toContain(
      `<itemset nodeset="instance('wards')/root/item[(district = /data/district)]"><value ref="code"/><label ref="title"/></itemset>`,
    );
    expect(xml).toContain(
      'calculate="pulldata(&apos;ward_roll&apos;, &apos;voters&apos;, &apos;ward&apos;, /data/ward)"',
    );
  });

  it("names the missing file: a warning as pyxform converts, an error when files are required", () => {
    const warned = importWith({ "districts.csv": DISTRICTS, "wards.csv": WARDS });
    if (!warned.ok) throw new Error("unexpected");
    expect(located(warned.value.warnings)).toEqual([["warning", "missing_pulldata_file", "survey", 4, "G"]]);
    const refused = importWith({ "districts.csv": DISTRICTS }, { requireFiles: true });
    expect(refused.ok ? [] : located(refused.error)).toEqual([
      ["error", "missing_choices_file", "survey", 3, "A"],
      ["error", "missing_pulldata_file", "survey", 4, "G"],
    ]);
    expect(refused.ok ? "" : refused.error.map((i) => i.message).join("\n")).toMatch(
      /survey row 3, column A: the choices file 'wards.csv' was not uploaded beside the form: upload it with the workbook/,
    );
  });

  it("locates each problem inside a file: its row and column", () => {
    const r = importWith({
      "districts.csv": text("name,label\nalai,Alai\n,Nameless\nalai,Alai again\nkemin,Kemin,extra\n"),
      "wards.csv": text("code,district\nw1,alai\n"),
      "ward_roll.csv": text("ward,seat\nw1,Alai town\n"),
      "notes.txt": text("not used"),
    });
    if (r.ok) throw new Error("expected errors");
    expect(located(r.error)).toEqual([
      ["error", "file_choice_without_name", "districts.csv", 3, "A"],
      ["error", "file_duplicate_choice", "districts.csv", 4, "A"],
      ["error", "file_row_too_wide", "districts.csv", 5, "C"],
      ["error", "file_missing_column", "wards.csv", 1, undefined],
      ["error", "file_missing_column", "ward_roll.csv", 1, undefined],
      ["warning", "unused_file", "notes.txt", undefined, undefined],
    ]);
    const messages = r.error.map((i) => i.message);
    expect(messages[1]).toBe(
      "districts.csv row 4, column A: 'alai' is already the name of row 2 (allow_choice_duplicates in the settings allows it)",
    );
    expect(messages[3]).toBe(
      "wards.csv row 1: has no 'title' column for the choices' labels (its columns: code, district)",
    );
    expect(messages[4]).toContain("has no column 'voters', which the form's pulldata() reads");
  });

  it("refuses a file that is not UTF-8 and says how to save it", () => {
    const r = importWith({
      ...all,
      "districts.csv": new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0xff]),
    });
    expect(r.ok ? [] : r.error.map((i) => [i.code, i.message])).toEqual([
      ["file_not_utf8", "districts.csv: is not UTF-8 text (save it as CSV UTF-8)"],
    ]);
  });

  it("reads XML items and GeoJSON features as ODK does (id/title, geometry as a property)", () => {
    const book = writeXlsx([
      {
        name: "survey",
        rows: [
          ["type", "name", "label"],
          ["select_one_from_file centres.xml", "centre", "Centre"],
          ["select_multiple_from_file sites.geojson", "sites", "Sites"],
        ],
      },
    ]);
    const xml = text(
      "<root><item><name>c1</name><label>Central school</label><zone>north</zone></item><item><name>c2</name><label>Library</label></item></root>",
    );
    const geojson = text(
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            id: "s1",
            geometry: { type: "Point", coordinates: [74.6, 42.87] },
            properties: { title: "Gym" },
          },
          { type: "Feature", geometry: null, properties: { id: "s2", title: "Hall", floor: 2 } },
        ],
      }),
    );
    const r = importXlsForm(book, { files: { "centres.xml": xml, "sites.geojson": geojson } });
    if (!r.ok) throw new Error(r.error.map((i) => i.message).join("\n"));
    const { form } = r.value;
    expect(form.choiceLists["centres.xml"]).toEqual([
      { name: "c1", label: { default: "Central school" }, properties: { zone: "north" } },
      { name: "c2", label: { default: "Library" } },
    ]);
    expect(form.choiceLists["sites.geojson"]).toEqual([
      { name: "s1", label: { default: "Gym" }, properties: { geometry: "42.87 74.6 0 0" } },
      { name: "s2", label: { default: "Hall" }, properties: { floor: "2" } },
    ]);
    expect(form.mediaFiles?.["sites.geojson"]?.contentType).toBe("application/geo+json");
    const out = formToXForm(form);
    expect(out).toContain('<instance id="centres" src="jr://file/centres.xml"/>');
    expect(out).toContain(
      `<itemset nodeset="instance('sites')/root/item"><value ref="id"/><label ref="title"/></itemset>`,
    );
    const broken = importXlsForm(book, {
      files: {
        "centres.xml": text("<root><item><name>c1</name>"),
        "sites.geojson": text('{"type":"Feature"}'),
      },
    });
    expect(broken.ok ? [] : located(broken.error.filter((i) => i.code.startsWith("file_")))).toEqual([
      ["error", "file_not_xml", "centres.xml", undefined, undefined],
      ["error", "file_not_choices", "sites.geojson", undefined, undefined],
    ]);
  });

  it("keeps the files media labels show, and the XForm names them as pyxform does (jr://images/...)", () => {
    const book = writeXlsx([
      {
        name: "survey",
        rows: [
          ["type", "name", "label", "media::image", "media::audio"],
          ["select_one seal", "seal", "Is the ballot box sealed?", "sealed-box.png", "seal-question.mp3"],
        ],
      },
      {
        name: "choices",
        rows: [
          ["list_name", "name", "label", "image"],
          ["seal", "yes", "Yes", "seal-intact.png"],
          ["seal", "no", "No", ""],
        ],
      },
      {
        name: "settings",
        rows: [
          ["form_id", "form_kind"],
          ["seal-check", "voting"],
        ],
      },
    ]);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const mp3 = new Uint8Array([0x49, 0x44, 0x33, 4, 5]);
    const r = importXlsForm(book, {
      files: { "sealed-box.png": png, "seal-question.mp3": mp3 },
      requireFiles: true,
    });
    if (!r.ok) throw new Error(r.error.map((i) => i.message).join("\n"));
    // A label's missing picture is a warning: the label still reads, nothing is checked less.
    expect(r.value.warnings.map((w) => [w.code, w.sheet, w.line, w.dropsLogic])).toEqual([
      ["missing_media_file", "choices", 2, undefined],
    ]);
    expect(r.value.warnings[0]?.message).toContain("'seal-intact.png'");
    expect(r.value.form.mediaFiles).toEqual({
      "seal-question.mp3": { sha256: sha(mp3), size: mp3.length, contentType: "audio/mpeg" },
      "sealed-box.png": { sha256: sha(png), size: png.length, contentType: "image/png" },
    });
    const xml = formToXForm(r.value.form);
    expect(xml).toContain(
      '<text id="/data/seal:label"><value>Is the ballot box sealed?</value><value form="image">jr://images/sealed-box.png</value><value form="audio">jr://audio/seal-question.mp3</value></text>',
    );
    // The choice's picture was not uploaded: its label is text only.
    expect(xml).toContain('<text id="/data/seal/0:label"><value>Yes</value></text>');
  });
});
