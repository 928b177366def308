// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
/**
 * The fixture set of XLSForms of our own (own-forms/): each workbook is written to real .xlsx
 * bytes, imported as an upload would be, and checked for what it exercises - answers accepted or
 * refused, calculations computed, choices offered, flags raised, columns exported again - not only
 * that it imports.
 */
import { describe, expect, it } from "vitest";
import {
  attachmentHashes,
  checkSubmission,
  choicesOf,
  type FormDefinition,
  findQuestion,
  type SubmissionReport,
  type ValidateOptions,
} from "../../src/forms/index.ts";
import { parseCsv } from "../../src/results/csv.ts";
import {
  exportXlsForm,
  type ImportedXlsForm,
  importXlsForm,
  readXlsx,
  writeXlsx,
  type XlsFormIssue,
} from "../../src/xlsform/index.ts";
import { FEATURES, OWN_FORMS, type OwnForm } from "./own-forms/index.ts";

type Outcome = { ok: true; value: ImportedXlsForm } | { ok: false; error: XlsFormIssue[] };
const encoder = new TextEncoder();
function importOwn(f: OwnForm): Outcome {
  const files = Object.fromEntries(Object.entries(f.files ?? {}).map(([k, v]) => [k, encoder.encode(v)]));
  return importXlsForm(writeXlsx(f.sheets), { ...f.options, files });
}
function formOf(o: Outcome): FormDefinition {
  if (!o.ok) throw new Error(o.error.map((i) => `${i.code} ${i.message}`).join("\n"));
  return o.value.form;
}
const located = (issues: readonly XlsFormIssue[]) =>
  issues.map((i) => [i.severity, i.code, i.sheet, i.line, i.column]);
/** [path, code] of each issue, paths joined with '/' after "answers". */
const problems = (r: SubmissionReport) => r.issues.map((i) => [i.path?.slice(1).join("/"), i.code]);
const check = (form: FormDefinition, answers: unknown, options?: ValidateOptions) =>
  checkSubmission(form, answers, options);
const PHOTO = "a".repeat(64);
const RECORDING = "b".repeat(64);
const PDF = "c".repeat(64);
const sent = new Map([
  [PHOTO, { contentType: "image/jpeg", size: 1200 }],
  [RECORDING, { contentType: "audio/mpeg", size: 5000 }],
  [PDF, { contentType: "application/pdf", size: 800 }],
]);

/** What each workbook must do once imported. */
const EXPECTATIONS: Readonly<Record<string, (o: Outcome) => void>> = {
  "municipal-checklist.xlsx": (o) => {
    const form = formOf(o);
    expect(form).toMatchObject({
      id: "bishkek-municipal",
      kind: "voting",
      version: 2026110101,
      languages: ["Кыргызча", "Русский"],
      defaultLanguage: "Кыргызча",
      title: { Кыргызча: "Шайлоо күнү" },
    });
    expect(findQuestion(form, "opened_on_time")).toMatchObject({
      type: "yes_no",
      label: { Кыргызча: "Участок убактылуу ачылдыбы?", Русский: "Участок открылся вовремя?" },
      extra: { appearance: "horizontal" },
    });
    expect(problems(check(form, { opened_on_time: "yes", commission_present: 2 }))).toEqual([
      ["commission_present", "constraint"],
    ]);
    expect(problems(check(form, { opened_on_time: "yes", commission_present: 7 }))).toEqual([]);
  },
  "arabic-opening.xlsx": (o) => {
    const form = formOf(o);
    expect(form.languages).toEqual(["ar", "fr"]);
    // Written names come back on export as the workbook had them.
    expect(form.languageNames).toEqual({ ar: "العربية (ar)", fr: "Français (fr)" });
    expect(form.items[0]).toMatchObject({ type: "note", label: { ar: "مرحبا بكم", fr: "Bienvenue" } });
    expect(findQuestion(form, "booths")?.hint).toEqual({ ar: "عدد" });
    expect(check(form, { welcome: "x", booths: 4 }).issues.map((i) => i.code)).toEqual(["not_answerable"]);
  },
  "georgian-arrival.xlsx": (o) => {
    const form = formOf(o);
    expect(form).toMatchObject({ languages: ["ქართული", "English"], defaultLanguage: "ქართული" });
    expect([findQuestion(form, "arrived")?.type, findQuestion(form, "queue")?.type]).toEqual([
      "time",
      "integer",
    ]);
    expect(problems(check(form, { arrived: "07:45", queue: 12 }))).toEqual([]);
    expect(problems(check(form, { arrived: "25:10" }))).toEqual([["arrived", "invalid_time"]]);
  },
  "station-cascade.xlsx": (o) => {
    const form = formOf(o);
    const r = check(form, { region: "highland", area: "h1", station: "s102" });
    expect(r.issues).toEqual([]);
    expect(r.offered.get("area")).toEqual(["h1", "h2"]);
    expect(r.offered.get("station")).toEqual(["s101", "s102"]);
    expect(problems(check(form, { region: "coast", area: "h1", station: "s101" }))).toEqual([
      ["area", "filtered_choice"],
    ]);
  },
  "stations-from-file.xlsx": (o) => {
    const form = formOf(o);
    expect(findQuestion(form, "station")).toMatchObject({ choicesFile: "stations.csv" });
    const stations = choicesOf(form, findQuestion(form, "station") as never);
    expect(stations.map((c) => [c.name, c.properties])).toEqual([
      ["ps1", { district: "north", registered: "1200" }],
      ["ps2", { district: "north", registered: "800" }],
      ["ps3", { district: "south", registered: "950" }],
    ]);
    expect(check(form, { district: "south", station: "ps3" }).offered.get("station")).toEqual(["ps3"]);
    expect(problems(check(form, { district: "south", station: "ps1" }))).toEqual([
      ["station", "filtered_choice"],
    ]);
  },
  "observers-languages-from-file.xlsx": (o) => {
    const form = formOf(o);
    const problemsQuestion = findQuestion(form, "problems");
    expect(problemsQuestion).toMatchObject({ type: "select_multiple", choicesFile: "problems.csv" });
    expect(choicesOf(form, problemsQuestion as never)[1]).toEqual({
      name: "light",
      label: { Қазақша: "Жарық жоқ", Русский: "Нет света" },
    });
    expect(problems(check(form, { problems: ["queue", "seal"] }))).toEqual([]);
    expect(problems(check(form, { problems: ["fire"] })).map(([, c]) => c)).toEqual(["invalid_choice"]);
  },
  "observer-position.xlsx": (o) => {
    const form = formOf(o);
    expect(findQuestion(form, "here")).toMatchObject({ type: "geopoint", maxDistanceFromStation: 300 });
    expect(findQuestion(form, "exit")?.type).toBe("geopoint");
    const station = { lat: 42.8746, lon: 74.5698 };
    expect(check(form, { here: "42.8750 74.5700 800 5" }, { stationLocation: station }).flags).toEqual([]);
    const far = check(form, { here: "42.8846 74.5698" }, { stationLocation: station });
    expect(far.flags.map((f) => f.checkId)).toEqual(["here.distance"]);
    expect(far.flags[0]?.message).toMatch(/^here: 111\d m from the station \(at most 300 m expected\)/);
    // Without the station's position there is nothing to compare with.
    expect(check(form, { here: "42.8846 74.5698" }).flags).toEqual([]);
    expect(problems(check(form, { here: "north" }))).toEqual([["here", "invalid_geopoint"]]);
  },
  "queue-relevance.xlsx": (o) => {
    if (!o.ok) throw new Error("expected an import");
    const { form, warnings } = o.value;
    // `relevance` is pyxform's alias of `relevant`: the skip logic is kept, not dropped.
    expect(findQuestion(form, "queue_length")?.relevant).toBe("${queue} = 'yes'");
    expect(problems(check(form, { queue: "no", queue_length: 30 }))).toEqual([
      ["queue_length", "not_relevant"],
    ]);
    expect(findQuestion(form, "observer_note")?.type).toBe("text");
    expect(located(warnings)).toEqual([
      ["warning", "not_enforced_default", "survey", 2, "E"],
      ["warning", "not_enforced_read_only", "survey", 4, "F"],
      ["warning", "metadata_ignored", "survey", 5, "A"],
    ]);
    expect(warnings.some((w) => w.dropsLogic === true)).toBe(false);
  },
  "opening-acknowledge.xlsx": (o) => {
    const form = formOf(o);
    expect(form.items.map((i) => i.type)).toEqual(["note", "acknowledge", "acknowledge"]);
    expect(problems(check(form, {}))).toEqual([["seals_read", "required"]]);
    expect(problems(check(form, { seals_read: "OK", box_empty: "OK" }))).toEqual([]);
    expect(problems(check(form, { seals_read: "yes" }))).toEqual([["seals_read", "wrong_type"]]);
  },
  "closing-times.xlsx": (o) => {
    const form = formOf(o);
    const now = new Date("2026-11-01T22:00:00+06:00");
    const good = {
      election_date: "2026-11-01",
      closed_at: "2026-11-01T20:00:00.000+06:00",
      count_done: "2026-11-02T01:30:00.000+06:00",
      seals_applied: "20:15",
    };
    const r = check(form, good, { now, utcOffsetMinutes: 360 });
    expect(r.issues).toEqual([]);
    expect(r.answers["count_hours"]).toBe(5.5);
    expect(
      problems(check(form, { ...good, election_date: "2026-11-05" }, { now, utcOffsetMinutes: 360 })),
    ).toEqual([["election_date", "constraint"]]);
    expect(
      problems(check(form, { ...good, count_done: "2026-11-01T19:00:00.000+06:00" }, { now })).map(
        ([p]) => p,
      ),
    ).toEqual(["count_done"]);
  },
  "incident-log.xlsx": (o) => {
    const form = formOf(o);
    expect(form.kind).toBe("incident");
    const answers = {
      incident: [
        { category: "violence", injured_detail: "A steward", photo: PHOTO },
        { category: "campaigning" },
      ],
    };
    const r = check(form, answers, { attachments: sent });
    expect(r.issues).toEqual([]);
    expect(r.answers["n_incidents"]).toBe(2);
    expect(attachmentHashes(form, answers)).toEqual([PHOTO]);
    // Skip logic and required inside each instance, located by instance.
    expect(
      problems(check(form, { incident: [{ category: "campaigning" }, { category: "violence" }] })),
    ).toEqual([["incident/1/injured_detail", "required"]]);
  },
  "incident-photo-alias.xlsx": (o) => {
    const form = formOf(o);
    expect([findQuestion(form, "scene")?.type, findQuestion(form, "close_up")?.type]).toEqual([
      "image",
      "image",
    ]);
    const r = check(form, { scene: PHOTO, category: "intimidation" }, { attachments: sent });
    expect(r.issues).toEqual([]);
    expect(r.answers["category_label"]).toBe("Intimidation");
    expect(r.skipped.has("close_up")).toBe(false);
    expect(check(form, { category: "violence" }).skipped.has("close_up")).toBe(true);
    expect(problems(check(form, { scene: RECORDING }, { attachments: sent }))).toEqual([
      ["scene", "attachment_type"],
    ]);
  },
  "incident-recordings.xlsx": (o) => {
    const form = formOf(o);
    expect(form.items.map((i) => i.type)).toEqual(["audio", "audio", "file"]);
    expect(problems(check(form, { statement: RECORDING, complaint: PDF }, { attachments: sent }))).toEqual(
      [],
    );
    expect(problems(check(form, { statement: PDF }, { attachments: sent }))).toEqual([
      ["statement", "attachment_type"],
    ]);
    expect(problems(check(form, { complaint: "d".repeat(64) }, { attachments: sent }))).toEqual([
      ["complaint", "missing_attachment"],
    ]);
  },
  "incident-positions.xlsx": (o) => {
    const form = formOf(o);
    const station = { lat: -25.9653, lon: 32.5892 };
    const r = check(
      form,
      {
        sighting: [
          { where: "-25.9655 32.5890", what: "Posters" },
          { where: "-25.9953 32.5892", what: "A rally" },
        ],
      },
      { stationLocation: station },
    );
    expect(r.issues).toEqual([]);
    expect(r.flags.map((f) => f.checkId)).toEqual(["sighting/1/where.distance"]);
  },
  "incident-or-other.xlsx": (o) => {
    const form = formOf(o);
    expect(findQuestion(form, "category")).toMatchObject({ orOther: true });
    expect(findQuestion(form, "actors")).toMatchObject({ type: "select_multiple", orOther: true });
    const r = check(form, {
      incident: [
        {
          category: "other",
          category_other: "Ballots photographed",
          actors: ["violence", "other"],
          actors_other: "Police",
        },
      ],
    });
    expect(r.issues).toEqual([]);
    expect(problems(check(form, { incident: [{ category: "other" }] }))).toEqual([
      ["incident/0/category_other", "required"],
    ]);
    expect(problems(check(form, { incident: [{ category: "violence", category_other: "x" }] }))).toEqual([
      ["incident/0/category_other", "not_relevant"],
    ]);
  },
  "incident-media-labels.xlsx": (o) => {
    const form = formOf(o);
    expect(form.languages).toEqual(["en", "Кыргызча"]);
    // A note given only as media: no text label, the media kept per language.
    expect(form.items[0]).toEqual({
      type: "note",
      name: "how_to",
      media: { image: { en: "how-to-photograph.png" }, audio: { Кыргызча: "how-to.mp3" } },
    });
    expect(findQuestion(form, "protocol")).toMatchObject({
      label: { en: "Protocol", Кыргызча: "Протокол" },
      media: { image: { en: "protocol-example.jpg" } },
    });
  },
  "incident-barcode.xlsx": (o) => {
    const form = formOf(o);
    expect([findQuestion(form, "seal_code")?.type, findQuestion(form, "seen_at")?.type]).toEqual([
      "barcode",
      "datetime",
    ]);
    expect(
      problems(check(form, { seal_code: "AB123456", seen_at: "2026-11-01T09:00:00.000+02:00" })),
    ).toEqual([]);
    expect(problems(check(form, { seal_code: "AB12" }))).toEqual([["seal_code", "constraint"]]);
    expect(problems(check(form, { seen_at: "yesterday" })).map(([, c]) => c)).toEqual(["invalid_datetime"]);
  },
  "incident-nested.xlsx": (o) => {
    const form = formOf(o);
    const r = check(form, {
      visit: [
        { code: "014", problem: [{ category: "violence" }, { category: "campaigning" }] },
        { code: "015", problem: [] },
      ],
    });
    expect(r.issues).toEqual([]);
    expect((r.answers["visit"] as { problems_here: number }[]).map((v) => v.problems_here)).toEqual([2, 0]);
    expect(
      problems(check(form, { visit: [{ code: "1", problem: [{ category: "fire" }] }] })).map(([p]) => p),
    ).toEqual(["visit/0/problem/0/category"]);
  },
  "incident-broken-repeat.xlsx": (o) => {
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(located(o.error)).toEqual([
      ["error", "unbalanced_group", "survey", 2, "A"],
      ["error", "unknown_reference", "survey", 2, "D"],
      ["error", "unbalanced_group", "survey", 4, "A"],
    ]);
    expect(o.error[1]?.message).toBe(
      "survey row 2, column D: ${how_many} at offset 0 is not a question of this form",
    );
  },
  "per-candidate-count.xlsx": (o) => {
    const form = formOf(o);
    const candidates = [
      { candidate_name: "Asel", votes: 310 },
      { candidate_name: "Bakyt", votes: 190 },
    ];
    const r = check(form, { candidates: 2, candidate: candidates, valid_ballots: 500 });
    expect(r.issues).toEqual([]);
    expect(r.answers["total_votes"]).toBe(500);
    expect(r.instancesExpected.get("candidate")).toBe(2);
    expect(problems(check(form, { candidates: 3, candidate: candidates, valid_ballots: 500 }))).toEqual([
      ["candidate", "repeat_count"],
    ]);
    expect(problems(check(form, { candidates: 2, candidate: candidates, valid_ballots: 499 }))).toEqual([
      ["valid_ballots", "constraint"],
    ]);
  },
  "ballot-boxes.xlsx": (o) => {
    const form = formOf(o);
    const box = { sealed: "yes", opened_in_view: "OK" };
    expect(check(form, { box: [box, box, box] }).issues).toEqual([]);
    expect(check(form, {}).instancesExpected.get("box")).toBe(3);
    expect(problems(check(form, { box: [box, box] }))).toEqual([["box", "repeat_count"]]);
  },
  "turnout-calculations.xlsx": (o) => {
    const form = formOf(o);
    const r = check(form, { registered: 1200, ballots: 1150 });
    expect(r.issues).toEqual([]);
    expect(r.answers).toMatchObject({ turnout: 95.8, band: "suspicious" });
    expect(check(form, { registered: 1200, ballots: 600 }).answers).toMatchObject({
      turnout: 50,
      band: "normal",
    });
    expect(findQuestion(form, "kept_blank")).toEqual({ type: "calculate", name: "kept_blank" });
    expect(problems(check(form, { registered: 100, ballots: 101 })).map(([p]) => p)).toContain("ballots");
  },
  "tally-range.xlsx": (o) => {
    const form = formOf(o);
    expect(findQuestion(form, "order")).toMatchObject({
      type: "range",
      start: 1,
      end: 5,
      step: 1,
      extra: { appearance: "rating" },
    });
    expect(findQuestion(form, "lighting")).toMatchObject({ start: 0, end: 1, step: 0.25 });
    expect(problems(check(form, { order: 4, lighting: 0.75 }))).toEqual([]);
    expect(problems(check(form, { order: 6, lighting: 0.3 })).map(([p]) => p)).toEqual(["order", "lighting"]);
  },
  "protocol-photo.xlsx": (o) => {
    const form = formOf(o);
    expect(form.kind).toBe("tabulation");
    expect(
      check(form, { valid: 480, protocol_photo: PHOTO }, { attachments: sent }).answers["photographed"],
    ).toBe("yes");
    expect(check(form, { valid: 480 }).answers["photographed"]).toBe("no");
  },
  "string-functions.xlsx": (o) => {
    const form = formOf(o);
    const r = check(form, { station_code: "014-203", problems: ["light", "other"], problems_other: "Rain" });
    expect(r.issues).toEqual([]);
    expect(r.answers).toMatchObject({
      district_code: "014",
      code_tail: "203",
      first_problem: "light",
      n_problems: 2,
      summary: "014:2",
    });
  },
  "count-dates.xlsx": (o) => {
    const form = formOf(o);
    const r = check(form, { received: "2026-11-02", entered: "2026-11-05" });
    expect(r.issues).toEqual([]);
    // ODK's day arithmetic: a date is a number of days in arithmetic.
    expect(r.answers).toMatchObject({ delay_days: 3, deadline: "2026-11-05" });
    expect(
      problems(check(form, { received: "2026-11-02", entered: "2026-11-01" })).map(([p]) => p),
    ).toContain("entered");
  },
  "names-per-group.xlsx": (o) => {
    const form = formOf(o);
    expect(problems(check(form, { "morning/queue": 40, "evening/queue": 3 }))).toEqual([]);
    expect(check(form, { "morning/queue": 40, "evening/queue": 3 }).answers).toEqual({
      "morning/queue": 40,
      "evening/queue": 3,
    });
  },
  "names-duplicate.xlsx": (o) => {
    expect(o.ok ? [] : located(o.error)).toEqual([["error", "duplicate_name", "survey", 4, "B"]]);
  },
  "names-in-repeat.xlsx": (o) => {
    // A name inside a repeat may repeat one outside it; a bare reference to it is ambiguous.
    expect(o.ok ? [] : located(o.error)).toEqual([["error", "ambiguous_reference", "survey", 5, "D"]]);
  },
  "kept-columns.xlsx": (o) => {
    const form = formOf(o);
    expect(findQuestion(form, "remarks")?.extra).toEqual({
      appearance: "multiline",
      guidance_hint: "Write what you saw",
      "bind::odk:length": "0",
      "instance::team": "blue",
    });
    // Exported again, the columns and settings come back as the workbook wrote them.
    const back = readXlsx(exportXlsForm(form));
    if (!back.ok) throw new Error("export unreadable");
    const sheet = (name: string) => back.value.find((s) => s.name === name);
    const table = (name: string) => {
      const rows = sheet(name)?.rows ?? [];
      const header = [...(rows[0]?.cells ?? new Map<number, string>())];
      return rows.slice(1).map((r) => Object.fromEntries(header.map(([i, h]) => [h, r.cells.get(i)])));
    };
    expect(table("survey")[0]).toMatchObject({
      appearance: "multiline",
      guidance_hint: "Write what you saw",
      "bind::odk:length": "0",
      "instance::team": "blue",
    });
    expect(table("survey")[1]).toMatchObject({ appearance: "maps", "body::accuracyThreshold": "15" });
    expect(table("settings")[0]).toMatchObject({
      instance_name: "concat('report-', ${remarks})",
      public_key: "MIIBIjANBg",
      style: "pages",
    });
    expect(formOf(importXlsForm(exportXlsForm(form)) as Outcome)).toEqual(form);
  },
  "dropped-trigger.xlsx": (o) => {
    if (!o.ok) throw new Error("expected an import");
    expect(o.value.warnings.map((w) => [w.code, w.line, w.column, w.dropsLogic])).toEqual([
      ["not_enforced_trigger", 3, "E", true],
    ]);
    expect(findQuestion(o.value.form, "recount_at")?.extra).toEqual({ trigger: "${recount}" });
  },
  "curly-quotes.xlsx": (o) => {
    if (!o.ok) throw new Error("expected an import");
    // What a spreadsheet program types for ' and ": read as straight quotes, as pyxform does, said.
    expect(located(o.value.warnings)).toEqual([
      ["warning", "smart_quotes_replaced", "survey", 3, "D"],
      ["warning", "smart_quotes_replaced", "survey", 4, "E"],
    ]);
    const form = o.value.form;
    expect(findQuestion(form, "complaint_text")?.relevant).toBe("${complaint} = 'yes'");
    expect(
      check(form, { complaint: "yes", complaint_text: "Ballots missing" }).answers["complaint_mark"],
    ).toBe("C");
    expect(problems(check(form, { complaint: "no", complaint_text: "x" }))).toEqual([
      ["complaint_text", "not_relevant"],
    ]);
  },
  "unknown-reference.xlsx": (o) => {
    expect(o.ok ? [] : located(o.error)).toEqual([["error", "unknown_reference", "survey", 3, "D"]]);
  },
  "missing-choices-file.xlsx": (o) => {
    // As pyxform, which converts without the file: imported, the file named, the question
    // offering no choices (publishing asks for an acknowledgement) until a version with it.
    if (!o.ok) throw new Error(o.error.map((i) => i.message).join("\n"));
    expect(located(o.value.warnings.filter((w) => w.code === "missing_choices_file"))).toEqual([
      ["warning", "missing_choices_file", "survey", 2, "A"],
    ]);
    expect(o.value.warnings.find((w) => w.code === "missing_choices_file")).toMatchObject({
      dropsLogic: true,
      message: expect.stringContaining("'parties.csv'"),
    });
    expect(choicesOf(o.value.form, findQuestion(o.value.form, "party") as never)).toEqual([]);
    expect(problems(check(o.value.form, { party: "green" }))).toEqual([["party", "invalid_choice"]]);
  },
  "ward-lookup.xlsx": (o) => {
    const form = formOf(o);
    expect(o.ok && o.value.warnings.map((w) => w.code)).not.toContain("missing_pulldata_file");
    // Expected values come from the CSV itself: the row whose code is the ward's.
    const own = OWN_FORMS.find((f) => f.file === "ward-lookup.xlsx");
    const [header, ...rows] = parseCsv(own?.files?.["ward_roll.csv"] ?? "").map((r) => r.fields);
    const lookup = (code: string, column: string) =>
      rows.find((r) => r[header?.indexOf("code") ?? -1] === code)?.[header?.indexOf(column) ?? -1];
    for (const ward of ["W-03", "W-07", "W-11"]) {
      const r = check(form, { ward, turnout: 1, queue: "no" });
      expect(r.issues).toEqual([]);
      expect(r.answers["voters"]).toBe(lookup(ward, "voters"));
      expect(r.answers["seat"]).toBe(lookup(ward, "seat"));
    }
    expect(lookup("W-07", "seat")).toBe("Naryn, north");
    // A ward not in the file: pulldata gives "" as ODK does; the bound over it (NaN) refuses.
    const unknown = check(form, { ward: "W-99", turnout: 5000, queue: "no" });
    expect(unknown.answers["voters"]).toBeUndefined();
    expect(problems(unknown)).toEqual([["turnout", "constraint"]]);
    expect(problems(check(form, { ward: "W-11", turnout: 378, queue: "no" }))).toEqual([
      ["turnout", "constraint"],
    ]);
    // required = ${queue} = 'yes' and ${turnout} > 0: required only when it is true now.
    expect(findQuestion(form, "queue_why")).toMatchObject({
      requiredWhen: "${queue} = 'yes' and ${turnout} > 0",
    });
    const turnedAway = check(form, { ward: "W-03", turnout: 10, queue: "yes" });
    expect(problems(turnedAway)).toEqual([["queue_why", "required"]]);
    expect(turnedAway.required.has("queue_why")).toBe(true);
    expect(problems(check(form, { ward: "W-03", turnout: 10, queue: "yes", queue_why: "no ID" }))).toEqual(
      [],
    );
    const noBallots = check(form, { ward: "W-03", turnout: 0, queue: "yes" });
    expect(problems(noBallots)).toEqual([]);
    expect(noBallots.required.has("queue_why")).toBe(false);
    expect(noBallots.required.has("ward")).toBe(true);
  },
};

describe("XLSForms of our own", () => {
  it("are at least 30, with distinct names, and together exercise every feature", () => {
    expect(OWN_FORMS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(OWN_FORMS.map((f) => f.file)).size).toBe(OWN_FORMS.length);
    const covered = new Set(OWN_FORMS.flatMap((f) => f.features));
    expect(FEATURES.filter((feature) => !covered.has(feature))).toEqual([]);
    expect(Object.keys(EXPECTATIONS).sort()).toEqual(OWN_FORMS.map((f) => f.file).sort());
  });

  it.each(OWN_FORMS.map((f) => [f.file, f] as const))("%s", (_file, f) => {
    const outcome = importOwn(f);
    EXPECTATIONS[f.file]?.(outcome);
    if (outcome.ok) {
      // Whatever was imported exports and imports back to the same form.
      const again = importXlsForm(exportXlsForm(outcome.value.form), {
        files: Object.fromEntries(Object.entries(f.files ?? {}).map(([k, v]) => [k, encoder.encode(v)])),
      });
      expect(again.ok && again.value.form).toEqual(outcome.value.form);
    } else {
      for (const issue of outcome.error) expect(issue.message).toMatch(/^(survey|choices|settings) row \d+/);
    }
  });
});
