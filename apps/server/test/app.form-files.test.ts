// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
/**
 * Files uploaded beside an XLSForm, through the API: the workbook and its CSVs in one multipart
 * upload; a missing or faulty file refused with its name, row and column, storing nothing; the
 * files kept content-addressed with the version (its content hash covers them) and served to
 * ODK Collect through the manifest (MD5, download URL) that the XForm's jr://file-csv/ reads.
 */
import { createHash, randomUUID } from "node:crypto";
import { contentHash, parseXml, writeXlsx, type XmlElement } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { ids, seedSubmissionFixtures, signIn } from "./support.ts";

interface FileIssue {
  readonly code: string;
  readonly sheet?: string;
  readonly line?: number;
  readonly column?: string;
  readonly message: string;
}

const md5 = (bytes: Uint8Array | string) => createHash("md5").update(bytes).digest("hex");
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const observerAuth = { authorization: `Basic ${Buffer.from("observer:pw").toString("base64")}` };

const DISTRICTS = "name,label\nnaryn,Naryn\nosh,Osh\n";
const WARDS = "name,label,district\nn-01,Naryn 1,naryn\nn-02,Naryn 2,naryn\no-01,Osh 1,osh\n";
const ROLL = "ward,voters\nn-01,1530\nn-02,980\no-01,2210\n";

const workbook = writeXlsx([
  {
    name: "survey",
    rows: [
      ["type", "name", "label", "choice_filter", "calculation", "required"],
      ["select_one_from_file districts.csv", "district", "District", "", "", "yes"],
      ["select_one_from_file wards.csv", "ward", "Ward", "district = ${district}", "", "yes"],
      ["calculate", "registered", "", "", "pulldata('ward_roll', 'voters', 'ward', ${ward})", ""],
      ["integer", "voted", "Voters who voted", "", "", ""],
    ],
  },
  {
    name: "settings",
    rows: [
      ["form_title", "form_id", "form_kind"],
      ["Ward turnout", "ward-turnout", "voting"],
    ],
  },
]);

/** A multipart body as a browser's FormData sends it. */
async function multipart(files: Record<string, string>, book: Uint8Array = workbook) {
  const data = new FormData();
  data.append("workbook", new Blob([new Uint8Array(book)]), "ward-turnout.xlsx");
  for (const [name, content] of Object.entries(files)) data.append("files", new Blob([content]), name);
  const request = new Request("http://upload.invalid/", { method: "POST", body: data });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { "content-type": request.headers.get("content-type") ?? "" },
  };
}

const elements = (el: XmlElement) => el.children.filter((c): c is XmlElement => typeof c !== "string");
const textOf = (el: XmlElement | undefined) =>
  el?.children.map((c) => (typeof c === "string" ? c : "")).join("") ?? "";

describeOnEachBackend("API: files uploaded beside an XLSForm, served to ODK Collect", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let coordinator: Record<string, string>;
  let formId = "";
  const all = { "districts.csv": DISTRICTS, "wards.csv": WARDS, "ward_roll.csv": ROLL };

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
    coordinator = await signIn(app, "coordinator");
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = async (files: Record<string, string>, query = "") =>
    app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/forms${query}`,
      cookies: coordinator,
      ...(await multipart(files)),
    });
  const stored = async () => ({
    forms: (await store.forms.listForElection(ids.election)).length,
    files: (await store.backup.tableContents("form_files")).length,
  });

  it("refuses a workbook whose file is missing, naming it, and stores nothing", async () => {
    const before = await stored();
    const response = await upload({ "districts.csv": DISTRICTS, "ward_roll.csv": ROLL });
    expect(response.statusCode).toBe(422);
    const { error } = response.json();
    expect(error.message).toContain("the choices file 'wards.csv' was not uploaded beside the form");
    expect(error.details.issues.map((i: FileIssue) => [i.code, i.sheet, i.line, i.column])).toEqual([
      ["missing_choices_file", "survey", 3, "A"],
    ]);
    // Even when logic dropped is acknowledged: a missing file is not a warning here.
    expect((await upload({ "districts.csv": DISTRICTS }, "?acknowledgeDroppedLogic=true")).statusCode).toBe(
      422,
    );
    expect(await stored()).toEqual(before);
  });

  it("refuses a faulty file at its row and column, and stores nothing", async () => {
    const before = await stored();
    const response = await upload({
      ...all,
      "wards.csv": "name,label,district\nn-01,Naryn 1,naryn\n,Naryn 2,naryn\no-01,Osh 1,osh,extra\n",
      "ward_roll.csv": "ward,turnout\nn-01,1530\n",
    });
    expect(response.statusCode).toBe(422);
    const issues = response.json().error.details.issues as FileIssue[];
    expect(issues.map((i) => [i.code, i.sheet, i.line, i.column])).toEqual([
      ["file_choice_without_name", "wards.csv", 3, "A"],
      ["file_row_too_wide", "wards.csv", 4, "D"],
      ["file_missing_column", "ward_roll.csv", 1, undefined],
    ]);
    expect(issues[0]?.message).toBe("wards.csv row 3, column A: the choice has no 'name'");
    expect(issues[2]?.message).toContain("ward_roll.csv row 1: has no column 'voters'");
    expect(await stored()).toEqual(before);
  });

  it("stores the workbook's files with the version, by SHA-256, in its content hash", async () => {
    const response = await upload({ ...all, "readme.txt": "notes" });
    expect(response.statusCode, response.body).toBe(201);
    const { form, warnings } = response.json();
    formId = form.formId;
    expect(warnings.map((w: { code: string; sheet: string }) => [w.code, w.sheet])).toEqual([
      ["unused_file", "readme.txt"],
    ]);
    expect(form.definition.mediaFiles).toEqual({
      "districts.csv": { sha256: sha256(DISTRICTS), size: DISTRICTS.length, contentType: "text/csv" },
      "ward_roll.csv": { sha256: sha256(ROLL), size: ROLL.length, contentType: "text/csv" },
      "wards.csv": { sha256: sha256(WARDS), size: WARDS.length, contentType: "text/csv" },
    });
    const version = await store.forms.getVersion(formId, 1);
    expect(version?.contentHash).toBe(contentHash(form.definition));
    // The file unused is not kept; each used one is served back as uploaded.
    expect((await store.backup.tableContents("form_files")).join()).not.toContain(sha256("notes"));
    for (const [name, content] of Object.entries(all)) {
      const file = await app.inject({
        method: "GET",
        url: `/api/v1/forms/${formId}/versions/1/files/${name}`,
        cookies: coordinator,
      });
      expect(file.statusCode).toBe(200);
      expect(file.body).toBe(content);
    }
    const unknown = await app.inject({
      method: "GET",
      url: `/api/v1/forms/${formId}/versions/1/files/readme.txt`,
      cookies: coordinator,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("checks reports against the files' choices and fills pulldata from them", async () => {
    const observer = await signIn(app, "observer");
    const report = (answers: Record<string, unknown>) =>
      app.inject({
        method: "POST",
        url: "/api/v1/submissions",
        cookies: observer,
        payload: {
          id: randomUUID(),
          formId,
          formVersion: 1,
          stationId: ids.station1,
          phaseCode: "election-day",
          submittedAt: "2019-11-17T10:00:00Z",
          answers,
        },
      });
    const good = await report({ district: "naryn", ward: "n-02", voted: 500 });
    expect(good.statusCode, good.body).toBe(201);
    const saved = await store.submissions.get(good.json().receipt.id);
    expect(saved?.answers["registered"]).toBe("980");
    const wrong = await report({ district: "naryn", ward: "o-01", voted: 500 });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("ward");
  });

  it("lists the files in the form's ODK manifest with their MD5; the XForm reads them as jr://file-csv", async () => {
    const list = await app.inject({ method: "GET", url: "/odk/formList", headers: observerAuth });
    expect(list.statusCode).toBe(200);
    const entry = elements(parseXml(list.body)).find((f) =>
      elements(f).some((c) => c.name === "formID" && textOf(c) === formId),
    );
    if (entry === undefined) throw new Error("the form is not in the observer's form list");
    const field = (name: string) => textOf(elements(entry).find((c) => c.name === name));

    const xform = await app.inject({
      method: "GET",
      url: new URL(field("downloadUrl")).pathname,
      headers: observerAuth,
    });
    expect(xform.body).toContain('<instance id="wards" src="jr://file-csv/wards.csv"/>');
    expect(xform.body).toContain('<instance id="ward_roll" src="jr://file-csv/ward_roll.csv"/>');
    expect(xform.body).toContain(
      `<itemset nodeset="instance('wards')/root/item[(district = /data/district)]">`,
    );

    const manifest = await app.inject({
      method: "GET",
      url: new URL(field("manifestUrl")).pathname,
      headers: observerAuth,
    });
    expect(manifest.statusCode).toBe(200);
    const files = elements(parseXml(manifest.body)).map((file) => {
      const get = (name: string) => textOf(elements(file).find((c) => c.name === name));
      return { filename: get("filename"), hash: get("hash"), url: get("downloadUrl") };
    });
    expect(files.map((f) => [f.filename, f.hash])).toEqual(
      Object.entries(all)
        .map(([name, content]) => [name, `md5:${md5(content)}`])
        .sort(),
    );
    for (const file of files) {
      expect(file.url).toMatch(/^http:\/\/[^/]+\/odk\/forms\//);
      const download = await app.inject({
        method: "GET",
        url: new URL(file.url).pathname,
        headers: observerAuth,
      });
      expect(download.statusCode).toBe(200);
      expect(`md5:${md5(download.rawPayload)}`).toBe(file.hash);
    }
    // Another account is refused; a name the version does not have is not found.
    const other = await app.inject({ method: "GET", url: new URL(files[0]?.url ?? "").pathname });
    expect(other.statusCode).toBe(401);
    const none = await app.inject({
      method: "GET",
      url: `/odk/forms/${formId}/1/files/cities.csv`,
      headers: observerAuth,
    });
    expect(none.statusCode).toBe(404);
  });

  it("publishes a new version with a changed file; the old version keeps its own bytes", async () => {
    const changed = "ward,voters\nn-01,1531\nn-02,980\no-01,2210\n";
    const published = await app.inject({
      method: "PUT",
      url: `/api/v1/forms/${formId}`,
      cookies: coordinator,
      ...(await multipart({ ...all, "ward_roll.csv": changed })),
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ version: 2, changed: true });
    const [v1, v2] = [await store.forms.getVersion(formId, 1), await store.forms.getVersion(formId, 2)];
    expect(v2?.definition.mediaFiles?.["ward_roll.csv"]?.sha256).toBe(sha256(changed));
    expect(v2?.contentHash).not.toBe(v1?.contentHash);
    const old = await app.inject({
      method: "GET",
      url: `/api/v1/forms/${formId}/versions/1/files/ward_roll.csv`,
      cookies: coordinator,
    });
    expect(old.body).toBe(ROLL);
    // The same files again: nothing new to publish, and the shared bytes are stored once.
    const again = await app.inject({
      method: "PUT",
      url: `/api/v1/forms/${formId}`,
      cookies: coordinator,
      ...(await multipart({ ...all, "ward_roll.csv": changed })),
    });
    expect(again.json()).toMatchObject({ version: 2, changed: false });
    const rows = (await store.backup.tableContents("form_files")).filter((r) =>
      [DISTRICTS, WARDS, ROLL, changed].some((c) => r.includes(sha256(c))),
    );
    expect(rows).toHaveLength(4);
  });

  it("refuses a JSON definition naming a file no upload stored", async () => {
    const version = await store.forms.getVersion(formId, 2);
    if (version === undefined) throw new Error("no version 2");
    const response = await app.inject({
      method: "PUT",
      url: `/api/v1/forms/${formId}`,
      cookies: coordinator,
      payload: {
        ...version.definition,
        mediaFiles: {
          ...version.definition.mediaFiles,
          "wards.csv": { sha256: "a".repeat(64), size: 3, contentType: "text/csv" },
        },
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: "missing_form_file" });
    expect(response.json().error.message).toContain("'wards.csv'");
    expect((await store.forms.versions(formId)).length).toBe(2);
  });

  it("answers a malformed multipart body with 400 and a workbook part missing with 422", async () => {
    const broken = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/forms`,
      cookies: coordinator,
      headers: { "content-type": "multipart/form-data; boundary=nothing-here" },
      payload: "not multipart",
    });
    expect(broken.statusCode).toBe(400);
    const data = new FormData();
    data.append("files", new Blob([DISTRICTS]), "districts.csv");
    const request = new Request("http://upload.invalid/", { method: "POST", body: data });
    const noWorkbook = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/forms`,
      cookies: coordinator,
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(noWorkbook.statusCode).toBe(422);
    expect(noWorkbook.json().error.message).toContain("the part 'workbook'");
  });
});
