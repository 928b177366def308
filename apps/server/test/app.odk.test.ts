import { parseXml, type XmlElement } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { LOCK_AFTER } from "../src/auth/sign-in-throttle.ts";
import { buildServer } from "../src/index.ts";
import { formId, ids, seedSubmissionFixtures } from "./support.ts";

const basic = (user: string, secret: string) =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
const observerAuth = { authorization: basic("observer", "pw") };

const elements = (el: XmlElement) => el.children.filter((c): c is XmlElement => typeof c !== "string");
const textOf = (el: XmlElement | undefined) =>
  el?.children.map((c) => (typeof c === "string" ? c : "")).join("") ?? "";

/**
 * The structure the OpenRosa Form List API prescribes (https://docs.getodk.org/openrosa-form-list/):
 * root `xforms` in the xformsList namespace; each `xform` has formID, name, hash (`md5:` + 32 hex)
 * and downloadUrl (absolute), optionally version, descriptionText, descriptionUrl, manifestUrl,
 * and nothing else.
 */
function formListProblems(xml: string): string[] {
  const problems: string[] = [];
  const root = parseXml(xml);
  if (root.name !== "xforms") problems.push(`root is ${root.name}`);
  if (root.attrs["xmlns"] !== "http://openrosa.org/xforms/xformsList") problems.push("wrong namespace");
  const allowed = new Set([
    "formID",
    "name",
    "version",
    "hash",
    "descriptionText",
    "descriptionUrl",
    "downloadUrl",
    "manifestUrl",
  ]);
  for (const form of elements(root)) {
    if (form.name !== "xform") problems.push(`unexpected ${form.name}`);
    const children = elements(form);
    const names = children.map((c) => c.name);
    for (const required of ["formID", "name", "hash", "downloadUrl"])
      if (names.filter((n) => n === required).length !== 1) problems.push(`${required} must appear once`);
    for (const name of names) if (!allowed.has(name)) problems.push(`unexpected ${name}`);
    const get = (name: string) => textOf(children.find((c) => c.name === name));
    if (!/^md5:[0-9a-f]{32}$/.test(get("hash"))) problems.push(`bad hash ${get("hash")}`);
    for (const url of ["downloadUrl", "manifestUrl"])
      if (names.includes(url) && !/^https?:\/\/[^/]+\//.test(get(url)))
        problems.push(`${url} is not absolute`);
  }
  return problems;
}

/** OpenRosa Manifest (https://docs.getodk.org/openrosa-form-list/#manifest-document). */
function manifestProblems(xml: string): string[] {
  const root = parseXml(xml);
  const problems: string[] = [];
  if (root.name !== "manifest") problems.push(`root is ${root.name}`);
  if (root.attrs["xmlns"] !== "http://openrosa.org/xforms/xformsManifest") problems.push("wrong namespace");
  for (const file of elements(root)) {
    if (file.name !== "mediaFile") problems.push(`unexpected ${file.name}`);
    const names = elements(file)
      .map((c) => c.name)
      .sort();
    if (names.join() !== "downloadUrl,filename,hash") problems.push(`mediaFile has ${names.join()}`);
  }
  return problems;
}

/** A body as ODK Collect sends it: multipart/form-data, the instance first, then each file. */
function odkMultipart(instance: string, files: { name: string; type: string; bytes: Buffer }[] = []) {
  const boundary = "----odkCollectBoundary7MA4YWxkTrZu0gW";
  const parts: Buffer[] = [];
  const part = (name: string, filename: string, type: string, bytes: Buffer) => {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      bytes,
      Buffer.from("\r\n"),
    );
  };
  part("xml_submission_file", "submission.xml", "text/xml", Buffer.from(instance));
  for (const file of files) part(file.name, file.name, file.type, file.bytes);
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function instanceXml(instanceId: string, answers: string, version = 1): string {
  return `<?xml version='1.0' ?><data id="${formId}" version="${version}" xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms"><scrutiny_stop>${ids.visit}</scrutiny_stop>${answers}<meta><instanceID>uuid:${instanceId}</instanceID><timeEnd>2019-11-17T10:41:07.120+03:00</timeEnd></meta></data>`;
}

const VALID =
  "<ballot_box_sealed>no</ballot_box_sealed><seal_problem>Seal broken</seal_problem><voters_counted>312</voters_counted><registered>900</registered><comments/><overall_assessment>bad</overall_assessment>";

describeOnEachBackend("API: ODK Collect (OpenRosa)", (getStore) => {
  let app: FastifyInstance;
  let store: Store;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
  });
  afterAll(async () => {
    await app.close();
  });

  const submit = (instance: string, files: { name: string; type: string; bytes: Buffer }[] = []) => {
    const { payload, contentType } = odkMultipart(instance, files);
    return app.inject({
      method: "POST",
      url: "/odk/submission",
      headers: { ...observerAuth, "content-type": contentType, "x-openrosa-version": "1.0" },
      payload,
    });
  };

  it("asks for Basic credentials, with the OpenRosa version header, and refuses wrong ones", async () => {
    const anonymous = await app.inject({ method: "GET", url: "/odk/formList" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toMatch(/^Basic realm="Scrutiny"/);
    expect(anonymous.headers["x-openrosa-version"]).toBe("1.0");
    const wrong = await app.inject({
      method: "GET",
      url: "/odk/formList",
      headers: { authorization: basic("observer", "nope") },
    });
    expect(wrong.statusCode).toBe(401);
    const coordinator = await app.inject({
      method: "GET",
      url: "/odk/formList",
      headers: { authorization: basic("coordinator", "pw") },
    });
    expect(coordinator.statusCode).toBe(403);
  });

  it("locks an account after repeated wrong access codes over Basic, as the sign-in form does", async () => {
    const from = { remoteAddress: "10.9.0.1" };
    const attempt = (secret: string) =>
      app.inject({
        method: "GET",
        url: "/odk/formList",
        headers: { authorization: basic("coordinator", secret) },
        ...from,
      });
    for (let i = 0; i < LOCK_AFTER; i++) expect((await attempt(`wrong-${i}`)).statusCode).toBe(401);
    // Locked: even the right password waits, over ODK and on the sign-in form alike.
    const locked = await attempt("pw");
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(locked.body).toMatch(/too many wrong passwords for this account/);
    const form = await app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username: "coordinator", password: "pw" },
      ...from,
    });
    expect(form.statusCode).toBe(429);
    expect(form.json().error.code).toBe("account_locked");
    // The lock ends by itself; a success then resets the count.
    await store.users.clearFailedSignIns((await store.users.findByUsername("coordinator"))?.user.id ?? "");
    expect((await attempt("pw")).statusCode).toBe(403);
  });

  it("lists the observer's forms in the OpenRosa Form List format, each downloadable with the listed hash", async () => {
    const response = await app.inject({ method: "GET", url: "/odk/formList", headers: observerAuth });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/xml/);
    expect(response.headers["x-openrosa-version"]).toBe("1.0");
    expect(formListProblems(response.body)).toEqual([]);
    const forms = elements(parseXml(response.body));
    expect(forms).toHaveLength(1);
    const field = (name: string) => textOf(elements(forms[0] as XmlElement).find((c) => c.name === name));
    expect(field("formID")).toBe(formId);
    expect(field("version")).toBe("1");

    const download = await app.inject({
      method: "GET",
      url: new URL(field("downloadUrl")).pathname,
      headers: observerAuth,
    });
    expect(download.statusCode).toBe(200);
    const { createHash } = await import("node:crypto");
    expect(`md5:${createHash("md5").update(download.body).digest("hex")}`).toBe(field("hash"));
    expect(download.body).toContain(`<data id="${formId}" version="1">`);
    // The observer's stop is the first question, with their route's visit as a choice.
    expect(download.body).toContain(`<value>${ids.visit}</value>`);

    const manifest = await app.inject({
      method: "GET",
      url: new URL(field("manifestUrl")).pathname,
      headers: observerAuth,
    });
    expect(manifest.statusCode).toBe(200);
    expect(manifestProblems(manifest.body)).toEqual([]);
  });

  it("answers the HEAD pre-flight with the accepted size", async () => {
    const response = await app.inject({ method: "HEAD", url: "/odk/submission", headers: observerAuth });
    expect(response.statusCode).toBe(204);
    expect(response.headers["x-openrosa-accept-content-length"]).toBe(String(10 * 1024 * 1024));
    expect(response.headers["x-openrosa-version"]).toBe("1.0");
  });

  it("stores a multipart submission as ODK Collect sends it, once, however often it is delivered", async () => {
    const id = "6f2d1c8e-3b7a-4e1f-9c2d-5a8b7e6f4d31";
    const photo = {
      name: "1700000000123.jpg",
      type: "image/jpeg",
      bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
    };
    const first = await submit(instanceXml(id, VALID), [photo]);
    expect(first.statusCode).toBe(201);
    expect(first.headers["x-openrosa-version"]).toBe("1.0");
    const body = parseXml(first.body);
    expect(body.name).toBe("OpenRosaResponse");
    expect(body.attrs["xmlns"]).toBe("http://openrosa.org/http/response");

    const stored = await store.submissions.get(id);
    expect(stored).toMatchObject({
      channel: "odk",
      formId,
      stationId: ids.station1,
      visitId: ids.visit,
      teamId: ids.team,
      phaseCode: "election-day",
      answers: {
        ballot_box_sealed: "no",
        seal_problem: "Seal broken",
        voters_counted: 312,
        registered: 900,
        overall_assessment: "bad",
      },
    });

    const again = await submit(instanceXml(id, VALID), [photo]);
    expect(again.statusCode).toBe(202);
    const { total } = await store.submissions.list({ missionId: ids.mission, limit: 50, offset: 0 });
    expect(total).toBe(1);
  });

  it("stores a submission with a photo together with the photo, and serves the form's photo question as an upload", async () => {
    const photoFormId = "00000000-0000-4000-8000-0000000000f7";
    await store.forms.create({
      id: photoFormId,
      electionId: ids.election,
      missionId: null,
      code: "incident-photo",
      kind: "incident",
      definition: {
        id: photoFormId,
        version: 1,
        kind: "incident",
        title: { en: "Incident with photo" },
        languages: ["en"],
        defaultLanguage: "en",
        choiceLists: {},
        items: [
          { type: "text", name: "what", label: { en: "What happened?" }, required: true },
          { type: "image", name: "evidence", label: { en: "Photo" }, required: true },
        ],
        checks: [],
      },
      contentHash: "photo",
    });
    const xform = await app.inject({
      method: "GET",
      url: `/odk/forms/${photoFormId}/1/form.xml`,
      headers: observerAuth,
    });
    expect(xform.body).toContain('<upload ref="/data/evidence" mediatype="image/*">');
    expect(xform.body).toContain('<bind nodeset="/data/evidence" type="binary" required="true()"/>');

    const id = "3c1a9e5f-7d2b-4a6c-8e0f-1b2c3d4e5f60";
    const photo = {
      name: "1700000000999.jpg",
      type: "image/jpeg",
      bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6, 5]),
    };
    const instance = `<data id="${photoFormId}" version="1"><scrutiny_stop>${ids.visit}</scrutiny_stop><what>Ballots in a bag</what><evidence>${photo.name}</evidence><meta><instanceID>uuid:${id}</instanceID><timeEnd>2019-11-17T11:00:00.000+03:00</timeEnd></meta></data>`;
    const missing = await submit(instance.replace(id, "9a9a9a9a-1b1b-4c4c-8d8d-2e2e2e2e2e2e"));
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toMatch(/evidence: the file 1700000000999\.jpg was not sent/);

    const response = await submit(instance, [photo]);
    expect(response.statusCode).toBe(201);
    const { createHash } = await import("node:crypto");
    const sha256 = createHash("sha256").update(photo.bytes).digest("hex");
    expect((await store.submissions.get(id))?.answers).toEqual({
      what: "Ballots in a bag",
      evidence: sha256,
    });
    expect(await store.attachments.info(sha256)).toMatchObject({
      contentType: "image/jpeg",
      size: photo.bytes.length,
    });
  });

  it("rejects what validation rejects for every channel, saying which question, and stores nothing", async () => {
    const id = "0b9e7c55-1f2a-4c3d-8e9f-7a6b5c4d3e21";
    const skipped = VALID.replace(
      "<ballot_box_sealed>no</ballot_box_sealed>",
      "<ballot_box_sealed>yes</ballot_box_sealed>",
    );
    const response = await submit(
      instanceXml(id, skipped.replace("<voters_counted>312", "<voters_counted>9000")),
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/seal_problem/);
    expect(response.body).toMatch(/voters_counted/);
    expect(await store.submissions.get(id)).toBeUndefined();

    const unknownVersion = await submit(instanceXml(id, VALID, 7));
    expect(unknownVersion.statusCode).toBe(404);
    const broken = await submit("<data id=");
    expect(broken.statusCode).toBe(400);
  });
});
