import { formTemplates } from "@scrutiny/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { buildServer } from "../src/index.ts";
import { formId, ids, seedSubmissionFixtures, signIn, votingForm } from "./support.ts";

describeOnEachBackend("API: forms, versions and XLSForm", (getStore) => {
  let app: FastifyInstance;
  let coordinator: Record<string, string>;

  beforeAll(async () => {
    await seedSubmissionFixtures(getStore());
    app = await buildServer({ store: getStore() });
    coordinator = await signIn(app, "coordinator");
  });
  afterAll(async () => {
    await app.close();
  });

  it("publishes a change as a new version and keeps the old one for its submissions", async () => {
    const edited = {
      ...votingForm,
      title: { en: "Voting (revised)", ru: "Голосование (исправлено)" },
    };
    const published = await app.inject({
      method: "PUT",
      url: `/api/v1/forms/${formId}`,
      cookies: coordinator,
      payload: edited,
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toEqual({ formId, version: 2, changed: true, warnings: [] });
    const again = await app.inject({
      method: "PUT",
      url: `/api/v1/forms/${formId}`,
      cookies: coordinator,
      payload: edited,
    });
    expect(again.json()).toEqual({ formId, version: 2, changed: false, warnings: [] });
    const v1 = await app.inject({
      method: "GET",
      url: `/api/v1/forms/${formId}/versions/1`,
      cookies: coordinator,
    });
    expect(v1.json().form.definition.title.en).toBe("Voting");
    expect(v1.json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const observer = await signIn(app, "observer");
    const submitted = await app.inject({
      method: "POST",
      url: "/api/v1/submissions",
      cookies: observer,
      payload: {
        id: "00000000-0000-4000-8000-00000000c001",
        formId,
        formVersion: 1,
        stationId: ids.station1,
        phaseCode: "election-day",
        submittedAt: "2019-11-17T10:00:00Z",
        answers: { ballot_box_sealed: "yes", voters_counted: 5, overall_assessment: "good" },
      },
    });
    expect(submitted.statusCode).toBe(201);
  });

  it("rejects an invalid definition with the path of every problem", async () => {
    const response = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/forms`,
      cookies: coordinator,
      payload: {
        ...votingForm,
        items: [{ type: "integer", name: "n", label: { en: "N" }, relevant: "${missing} = 1" }],
      },
    });
    expect(response.statusCode).toBe(422);
    const issues = response.json().error.details.issues as { path: (string | number)[] }[];
    expect(issues.some((issue) => issue.path.join(".") === "items.0.relevant")).toBe(true);
  });

  it("round-trips a template through XLSForm export and import", async () => {
    const template = formTemplates.find((form) => form.kind === "counting");
    const created = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/forms`,
      cookies: coordinator,
      payload: template,
    });
    expect(created.statusCode).toBe(201);
    const newId: string = created.json().form.formId;
    const exported = await app.inject({
      method: "GET",
      url: `/api/v1/forms/${newId}/versions/1/xlsform`,
      cookies: coordinator,
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("spreadsheetml");
    const imported = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/forms`,
      cookies: coordinator,
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
      payload: exported.rawPayload,
    });
    expect(imported.statusCode).toBe(201);
    const { id: _a, version: _b, ...original } = created.json().form.definition;
    const { id: _c, version: _d, ...roundTripped } = imported.json().form.definition;
    expect(roundTripped).toEqual(original);
  });

  it("reports a broken XLSForm as 422, not 500", async () => {
    const response = await app.inject({
      method: "POST",
      url: `/api/v1/elections/${ids.election}/forms`,
      cookies: coordinator,
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from("this is not a spreadsheet"),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe("invalid_xlsform");
  });
});
