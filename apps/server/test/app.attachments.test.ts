// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the XLSForm reference syntax, not a template
import { createHash, randomUUID } from "node:crypto";
import { type FormDefinition, writeXlsx } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { ids, seedSubmissionFixtures, signIn } from "./support.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests
type Json = any;

/** A small JPEG-signed body (the server checks the signature, not the picture). */
function photo(seed: number, size = 40_000): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 17) % 251;
  bytes[0] = 0xff;
  bytes[1] = 0xd8;
  bytes[2] = 0xff;
  return bytes;
}

/** An incident form with a cascading select, a calculation, a repeat and a photo in it. */
const incidentForm = {
  kind: "incident",
  title: { en: "Incidents" },
  languages: ["en"],
  defaultLanguage: "en",
  choiceLists: {
    region: [
      { name: "north", label: { en: "North" } },
      { name: "south", label: { en: "South" } },
    ],
    district: [
      { name: "n1", label: { en: "N1" }, properties: { region: "north" } },
      { name: "s1", label: { en: "S1" }, properties: { region: "south" } },
    ],
    category: [
      { name: "violence", label: { en: "Violence" } },
      { name: "intimidation", label: { en: "Intimidation" } },
    ],
  },
  items: [
    { type: "select_one", name: "region", listName: "region", label: { en: "Region" }, required: true },
    {
      type: "select_one",
      name: "district",
      listName: "district",
      label: { en: "District" },
      choiceFilter: "region = ${region}",
    },
    { type: "calculate", name: "incident_count", calculation: "count(${incident})" },
    {
      type: "repeat",
      name: "incident",
      label: { en: "Incident" },
      items: [
        {
          type: "select_one",
          name: "category",
          listName: "category",
          label: { en: "Category" },
          required: true,
        },
        { type: "image", name: "photo", label: { en: "Photo" } },
      ],
    },
  ],
  checks: [],
} as unknown as FormDefinition;

describeOnEachBackend("API: attachments with reports", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let observer: Record<string, string>;
  let coordinator: Record<string, string>;
  let formId: string;

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store });
    observer = await signIn(app, "observer");
    coordinator = await signIn(app, "coordinator");
    const created = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/forms`,
      cookies: coordinator,
      payload: incidentForm as Json,
    });
    expect(created.statusCode, created.body).toBe(201);
    formId = created.json().form.formId;
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (body: Buffer, type = "image/jpeg", cookies = observer) =>
    app.inject({
      method: "POST",
      url: "/api/v1/attachments",
      cookies,
      headers: { "content-type": type },
      payload: body,
    });

  const report = (answers: Json) => ({
    id: randomUUID(),
    formId,
    formVersion: 1,
    stationId: ids.station1,
    phaseCode: "election-day",
    submittedAt: "2019-11-17T09:15:00+03:00",
    answers,
  });

  it("files a report with two incidents and a photo; the receipt's hash covers the photo", async () => {
    const bytes = photo(1);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const uploaded = await upload(bytes);
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json().attachment).toEqual({ sha256, size: bytes.length, contentType: "image/jpeg" });
    expect((await upload(bytes)).statusCode).toBe(200);

    const answers = {
      region: "north",
      district: "n1",
      incident: [{ category: "violence", photo: sha256 }, { category: "intimidation" }],
    };
    const body = report(answers);
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
    const { receipt } = response.json();
    expect(receipt.attachments).toEqual([sha256]);

    // Another photo in the same report gives another content hash.
    const otherBytes = photo(2);
    const otherSha = createHash("sha256").update(otherBytes).digest("hex");
    await upload(otherBytes);
    const other = report({
      ...answers,
      incident: [{ category: "violence", photo: otherSha }, { category: "intimidation" }],
    });
    const otherReceipt = (
      await app.inject({
        method: "POST",
        url: "/api/v1/submissions",
        cookies: observer,
        payload: { ...other, id: body.id },
      })
    ).json();
    expect(otherReceipt.error.code).toBe("conflict");

    const stored = await store.submissions.get(body.id);
    expect(stored?.answers).toEqual({ ...answers, incident_count: 2 });

    const served = await app.inject({
      method: "GET",
      url: `/api/v1/submissions/${body.id}/attachments/${sha256}`,
      cookies: coordinator,
    });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/jpeg");
    expect(served.rawPayload.equals(bytes)).toBe(true);
    // Only attachments the report refers to are served through it.
    const unrelated = await app.inject({
      method: "GET",
      url: `/api/v1/submissions/${body.id}/attachments/${otherSha}`,
      cookies: coordinator,
    });
    expect(unrelated.statusCode).toBe(404);
  });

  it("uploads an XLSForm with a repeat, a cascading select, a calculation and a photo, returning its warnings", async () => {
    const workbook = (trigger: string) =>
      Buffer.from(
        writeXlsx([
          {
            name: "survey",
            rows: [
              ["type", "name", "label::Español", "choice_filter", "calculation", "appearance", "trigger"],
              ["start", "start"],
              ["select_one region", "region", "Región"],
              ["select_one district", "district", "Distrito", "region = ${region}"],
              ["begin repeat", "incident", "Incidente"],
              ["image", "photo", "Foto", "", "", "new"],
              ["end repeat"],
              ["calculate", "n", "", "", "count(${incident})", "", trigger],
            ],
          },
          {
            name: "choices",
            rows: [
              ["list_name", "name", "label::Español", "region"],
              ["region", "north", "Norte"],
              ["region", "south", "Sur"],
              ["district", "n1", "N1", "north"],
              ["district", "s1", "S1", "south"],
            ],
          },
          {
            name: "settings",
            rows: [
              ["form_id", "form_kind"],
              ["incidentes", "incident"],
            ],
          },
        ]),
      );
    const url = `/api/v1/elections/${ids.election}/forms`;
    const headers = { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
    const refused = await app.inject({
      method: "POST",
      url,
      cookies: coordinator,
      headers,
      payload: workbook("${region}"),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("logic_dropped");
    const accepted = await app.inject({
      method: "POST",
      url: `${url}?acknowledgeDroppedLogic=true`,
      cookies: coordinator,
      headers,
      payload: workbook("${region}"),
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const { form, warnings } = accepted.json();
    expect(warnings.map((w: Json) => [w.code, w.sheet, w.line, w.column, w.dropsLogic ?? false])).toEqual([
      ["metadata_ignored", "survey", 2, "A", false],
      ["not_enforced_trigger", "survey", 8, "G", true],
    ]);
    expect(form.definition.languages).toEqual(["Español"]);
    expect(form.definition.items[2]).toMatchObject({
      type: "repeat",
      items: [{ type: "image", extra: { appearance: "new" } }],
    });
    const plain = await app.inject({
      method: "POST",
      url,
      cookies: coordinator,
      headers,
      payload: workbook(""),
    });
    expect(plain.statusCode).toBe(201);
  });

  it("refuses reports whose photo was never uploaded, and uploads of the wrong type or signature", async () => {
    const missing = report({ region: "south", incident: [{ category: "violence", photo: "c".repeat(64) }] });
    const refused = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: missing,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.issues).toEqual([
      expect.objectContaining({ path: ["answers", "incident", 0, "photo"], code: "missing_attachment" }),
    ]);
    expect((await upload(Buffer.from("<script>alert(1)</script>"), "text/html")).statusCode).toBe(415);
    const fake = await upload(Buffer.from("GIF89a not a jpeg at all"), "image/jpeg");
    expect(fake.statusCode).toBe(422);
    expect(fake.json().error.code).toBe("invalid_attachment");
    const filtered = report({ region: "south", district: "n1" });
    const wrongDistrict = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: filtered,
    });
    expect(wrongDistrict.json().error.details.issues.map((i: Json) => i.code)).toEqual(["filtered_choice"]);
    expect(
      (
        await app.inject({
          method: "POST",
          url: "/api/v1/attachments",
          headers: { "content-type": "image/jpeg" },
          payload: photo(3),
        })
      ).statusCode,
    ).toBe(401);
  });
});
