import * as XLSX from "@e965/xlsx";
import { formTemplates } from "@scrutiny/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { apolloChecklist, apolloIncidents, type Table } from "../../../test-support/forms/apollo-workbook.ts";
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

  it("imports Apollo's .xls workbooks (BIFF8) with their checks and their kind", async () => {
    const xls = (book: Readonly<Record<string, Table>>) => {
      const workbook = XLSX.utils.book_new();
      for (const [name, table] of Object.entries(book))
        XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(table.map((row) => [...row])), name);
      return Buffer.from(XLSX.write(workbook, { bookType: "xls", type: "buffer" }) as Uint8Array);
    };
    const upload = (payload: Buffer, acknowledged = false) =>
      app.inject({
        method: "POST",
        url: `/api/v1/elections/${ids.election}/forms${acknowledged ? "?acknowledgeDroppedLogic=true" : ""}`,
        cookies: coordinator,
        headers: { "content-type": "application/vnd.ms-excel" },
        payload,
      });
    const checklist = xls(apolloChecklist);
    // An OLE2 compound file, as Excel 97-2003 and Apollo write it, not a ZIP.
    expect([...checklist.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    // One of its quality checks looks up the location, which Scrutiny's checks cannot: asked first.
    const asked = await upload(checklist);
    expect(asked.statusCode).toBe(409);
    expect(
      asked.json().error.details.issues.find((i: { dropsLogic?: boolean }) => i.dropsLogic),
    ).toMatchObject({
      code: "apollo_check_unsupported",
      sheet: "quality_checks",
      line: 5,
    });
    const created = await upload(checklist, true);
    expect(created.statusCode, created.body).toBe(201);
    const definition = created.json().form.definition;
    expect(definition.kind).toBe("voting");
    expect(definition.checks.map((c: { id: string }) => c.id)).toEqual([
      "accredited_gt_registered",
      "votes_odd",
      "votes_within_accredited",
      "accredited_within_registered",
    ]);
    const incidents = await upload(xls(apolloIncidents));
    expect(incidents.statusCode, incidents.body).toBe(201);
    expect(incidents.json().form.definition.kind).toBe("incident");
    // A file that only claims to be .xls is refused as any broken workbook is.
    const fake = Buffer.concat([checklist.subarray(0, 8), Buffer.alloc(600)]);
    const refused = await upload(fake);
    expect(refused.statusCode).toBe(422);
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
