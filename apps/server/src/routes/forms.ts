import { randomUUID } from "node:crypto";
import { forms } from "@scrutiny/contract";
import {
  contentHash,
  exportXlsForm,
  type FormDefinition,
  nextVersion,
  safeParseFormDefinition,
  type XlsFormIssue,
} from "@scrutiny/domain";
import type { FormFile, Store } from "@scrutiny/store";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { formFilesOf, readWorkbookUpload, requireStoredFiles } from "../forms/upload.ts";
import { importFormWorkbook } from "../forms/workbook.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { requireWrite } from "../http/policy.ts";
import { registerRoute } from "../http/route.ts";

export function formRoutes(app: FastifyInstance, store: Store): void {
  registerRoute(app, forms.listForms, async ({ params }) => ({
    forms: await store.forms.listForElection(params.electionId),
  }));

  registerRoute(app, forms.formVersion, async ({ params }) => {
    const found = await store.forms.getVersion(params.formId, params.version);
    if (found === undefined) throw notFound("form_version");
    const versions = await store.forms.versions(params.formId);
    return {
      form: found,
      versions: versions.map((entry) => ({ ...entry, publishedAt: entry.publishedAt.toISOString() })),
    };
  });

  registerRoute(app, forms.createForm, async ({ user, params, query, body, request, reply }) => {
    const { electionId } = params;
    if ((await store.elections.summary(electionId)) === undefined) throw notFound("election");
    // A shared form is the election's: created only by those who may change the election's forms.
    const missionId = query.shared === "true" ? null : user.missionId;
    if (missionId === null) await requireWrite(user, "form", { electionId, missionId }, app.accessFacts);
    const id = randomUUID();
    const parsed = await parseDefinition(store, body, request, query.acknowledgeDroppedLogic === "true");
    const definition = { ...parsed.form, id, version: 1 };
    await store.forms.create(
      {
        id,
        electionId,
        missionId,
        code: `${definition.kind}-${id.slice(0, 8)}`,
        kind: definition.kind,
        definition,
        contentHash: contentHash(definition),
      },
      parsed.files,
    );
    return reply
      .status(201)
      .send({ form: { formId: id, version: 1, missionId, definition }, warnings: parsed.warnings });
  });

  registerRoute(app, forms.publishForm, async ({ params, query, body, request, reply }) => {
    const { formId } = params;
    const current = await store.forms.current(formId);
    if (current === undefined) throw notFound("form");
    const previous = safeParseFormDefinition(current.definition);
    if (!previous.ok) throw new Error(`stored form ${formId} is invalid`);
    const {
      form: changed,
      warnings,
      files,
    } = await parseDefinition(store, body, request, query.acknowledgeDroppedLogic === "true");
    if (changed.kind !== previous.value.kind) {
      throw new HttpError(
        422,
        "kind_changed",
        `a ${previous.value.kind} form cannot become a ${changed.kind} form`,
        undefined,
        { from: previous.value.kind, to: changed.kind },
      );
    }
    const next = nextVersion(previous.value, changed);
    if (next.changed) {
      await store.forms.publishVersion(formId, next.form.version, next.form, contentHash(next.form), files);
    }
    return reply
      .status(next.changed ? 201 : 200)
      .send({ formId, version: next.form.version, changed: next.changed, warnings });
  });

  registerRoute(app, forms.formFile, async ({ params, reply }) => {
    const found = await store.forms.getVersion(params.formId, params.version);
    const media = found?.definition.mediaFiles?.[params.name];
    const file = media === undefined ? undefined : await store.forms.file(media.sha256);
    if (file === undefined) throw notFound("form_file");
    return reply
      .header("content-type", file.contentType)
      .header("content-disposition", `attachment; filename="${params.name.replace(/[^A-Za-z0-9_.-]/g, "_")}"`)
      .send(Buffer.from(file.bytes));
  });

  registerRoute(app, forms.exportXlsForm, async ({ params, reply }) => {
    const { formId, version } = params;
    const found = await store.forms.getVersion(formId, version);
    if (found === undefined) throw notFound("form_version");
    const parsed = safeParseFormDefinition(found.definition);
    if (!parsed.ok) throw new Error(`stored form ${formId} is invalid`);
    return reply
      .header("content-type", forms.XLSX_TYPE)
      .header("content-disposition", `attachment; filename="${found.code}-v${version}.xlsx"`)
      .send(Buffer.from(exportXlsForm(parsed.value)));
  });
}

/**
 * A JSON definition, XLSForm bytes, or the workbook with its files (multipart), validated; every
 * problem located (path, or sheet/file, row and column). A file the workbook uses must be uploaded
 * with it. The import's warnings come back with the form; those that drop logic must be
 * acknowledged. `files`: the uploaded files the form uses, to store with the version.
 */
async function parseDefinition(
  store: Store,
  body: unknown,
  request: FastifyRequest,
  acknowledged: boolean,
): Promise<{ form: FormDefinition; warnings: readonly XlsFormIssue[]; files: readonly FormFile[] }> {
  if (Buffer.isBuffer(body)) {
    const upload = await readWorkbookUpload(body, request);
    const imported = importFormWorkbook(upload.workbook, { files: upload.files, requireFiles: true });
    if (!imported.ok) {
      const first = imported.error.find((i) => i.severity === "error") ?? imported.error[0];
      throw new HttpError(
        422,
        "invalid_xlsform",
        `the XLSForm has ${imported.error.length} problem(s)${first === undefined ? "" : `, the first: ${first.message}`}`,
        { issues: imported.error },
        { count: imported.error.length },
      );
    }
    const dropping = imported.value.warnings.filter((w) => w.dropsLogic === true);
    if (dropping.length > 0 && !acknowledged)
      throw new HttpError(
        409,
        "logic_dropped",
        `${dropping.length} warning(s) say the stored form would check less than the workbook; publish again with acknowledgeDroppedLogic=true to accept`,
        { issues: imported.value.warnings },
        { count: dropping.length },
      );
    return { ...imported.value, files: formFilesOf(imported.value.form, upload.files) };
  }
  const withPlaceholders =
    typeof body === "object" && body !== null ? { id: "new", version: 1, ...(body as object) } : body;
  const parsed = safeParseFormDefinition(withPlaceholders);
  if (!parsed.ok) {
    throw new HttpError(
      422,
      "invalid_form",
      `the form definition has ${parsed.error.length} problem(s)`,
      { issues: parsed.error },
      { count: parsed.error.length },
    );
  }
  await requireStoredFiles(store, parsed.value);
  return { form: parsed.value, warnings: [], files: [] };
}
