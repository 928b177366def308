import { randomUUID } from "node:crypto";
import {
  contentHash,
  exportXlsForm,
  type FormDefinition,
  importXlsForm,
  nextVersion,
  safeParseFormDefinition,
} from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireRole, requireUser } from "../auth/authenticate.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";

const ElectionParams = z.object({ electionId: z.uuid() });
const FormParams = z.object({ formId: z.uuid() });
const FormVersionParams = z.object({ formId: z.uuid(), version: z.coerce.number().int().positive() });
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function formRoutes(app: FastifyInstance, store: Store): void {
  // XLSForm uploads arrive as raw bytes.
  for (const type of [XLSX_TYPE, "application/octet-stream"]) {
    if (!app.hasContentTypeParser(type)) {
      app.addContentTypeParser(
        type,
        { parseAs: "buffer", bodyLimit: 5 * 1024 * 1024 },
        (_request, body, done) => done(null, body),
      );
    }
  }

  app.get(
    "/api/v1/elections/:electionId/forms",
    {
      schema: routeSchema({
        params: ElectionParams,
        summary: "Forms of an election, current versions",
        tags: ["forms"],
      }),
    },
    async (request) => {
      requireUser(request);
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      return { forms: await store.forms.listForElection(electionId) };
    },
  );

  app.get(
    "/api/v1/forms/:formId/versions/:version",
    {
      schema: routeSchema({
        params: FormVersionParams,
        summary: "One published version of a form",
        tags: ["forms"],
      }),
    },
    async (request) => {
      requireUser(request);
      const { formId, version } = request.params as z.infer<typeof FormVersionParams>;
      const found = await store.forms.getVersion(formId, version);
      if (found === undefined) throw notFound("form version");
      return { form: found, versions: await store.forms.versions(formId) };
    },
  );

  app.post(
    "/api/v1/elections/:electionId/forms",
    {
      schema: routeSchema({
        params: ElectionParams,
        summary: "Create a form from a definition (JSON) or an XLSForm (.xlsx body)",
        tags: ["forms"],
      }),
    },
    async (request, reply) => {
      requireRole(request, "coordinator");
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      if ((await store.elections.summary(electionId)) === undefined) throw notFound("election");
      const id = randomUUID();
      const definition = { ...parseDefinition(request.body), id, version: 1 };
      await store.forms.create({
        id,
        electionId,
        missionId: null,
        code: `${definition.kind}-${id.slice(0, 8)}`,
        kind: definition.kind,
        definition,
        contentHash: contentHash(definition),
      });
      return reply.status(201).send({ form: { formId: id, version: 1, definition } });
    },
  );

  app.put(
    "/api/v1/forms/:formId",
    {
      schema: routeSchema({
        params: FormParams,
        summary: "Publish a change: a new version if the content differs; submissions keep theirs",
        tags: ["forms"],
      }),
    },
    async (request, reply) => {
      requireRole(request, "coordinator");
      const { formId } = request.params as z.infer<typeof FormParams>;
      const current = await store.forms.current(formId);
      if (current === undefined) throw notFound("form");
      const previous = safeParseFormDefinition(current.definition);
      if (!previous.ok) throw new Error(`stored form ${formId} is invalid`);
      const changed = parseDefinition(request.body);
      if (changed.kind !== previous.value.kind) {
        throw new HttpError(
          422,
          "kind_changed",
          `a ${previous.value.kind} form cannot become a ${changed.kind} form`,
        );
      }
      const next = nextVersion(previous.value, changed);
      if (next.changed) {
        await store.forms.publishVersion(formId, next.form.version, next.form, contentHash(next.form));
      }
      return reply
        .status(next.changed ? 201 : 200)
        .send({ formId, version: next.form.version, changed: next.changed });
    },
  );

  app.get(
    "/api/v1/forms/:formId/versions/:version/xlsform",
    {
      schema: routeSchema({
        params: FormVersionParams,
        summary: "Export a form version as XLSForm",
        tags: ["forms"],
      }),
    },
    async (request, reply) => {
      requireUser(request);
      const { formId, version } = request.params as z.infer<typeof FormVersionParams>;
      const found = await store.forms.getVersion(formId, version);
      if (found === undefined) throw notFound("form version");
      const parsed = safeParseFormDefinition(found.definition);
      if (!parsed.ok) throw new Error(`stored form ${formId} is invalid`);
      return reply
        .header("content-type", XLSX_TYPE)
        .header("content-disposition", `attachment; filename="${found.code}-v${version}.xlsx"`)
        .send(Buffer.from(exportXlsForm(parsed.value)));
    },
  );
}

/** A JSON definition or XLSForm bytes, validated; every problem located (path, or sheet/row/column). */
function parseDefinition(body: unknown): FormDefinition {
  if (Buffer.isBuffer(body)) {
    const imported = importXlsForm(new Uint8Array(body));
    if (!imported.ok) {
      throw new HttpError(422, "invalid_xlsform", `the XLSForm has ${imported.error.length} problem(s)`, {
        issues: imported.error,
      });
    }
    return imported.value.form;
  }
  const withPlaceholders =
    typeof body === "object" && body !== null ? { id: "new", version: 1, ...(body as object) } : body;
  const parsed = safeParseFormDefinition(withPlaceholders);
  if (!parsed.ok) {
    throw new HttpError(422, "invalid_form", `the form definition has ${parsed.error.length} problem(s)`, {
      issues: parsed.error,
    });
  }
  return parsed.value;
}
