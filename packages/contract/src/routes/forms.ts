import { z } from "zod";
import { ownElection, resource, roles, signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { ElectionParams, Undescribed } from "./common.ts";

export const FormParams = z.object({ formId: z.uuid() });
export const FormVersionParams = z.object({
  formId: z.uuid(),
  version: z.coerce.number().int().positive(),
});
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** A form definition as JSON, or XLSForm bytes. */
/** The legacy binary workbook (.xls), as NDI's Apollo and older tools export forms. */
export const XLS_TYPE = "application/vnd.ms-excel";
export const FORM_UPLOAD = {
  raw: [XLSX_TYPE, XLS_TYPE, "application/octet-stream"],
  limit: 5 * 1024 * 1024,
} as const;

export const listForms = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/forms",
  summary: "Forms of an election, current versions",
  tags: ["forms"],
  params: ElectionParams,
  responses: { 200: z.object({ forms: z.array(Undescribed) }) },
  policy: signedIn(ownElection()),
});

export const formVersion = defineRoute({
  method: "GET",
  path: "/api/v1/forms/:formId/versions/:version",
  summary: "One published version of a form",
  tags: ["forms"],
  params: FormVersionParams,
  responses: { 200: z.object({ form: Undescribed, versions: z.array(Undescribed) }) },
  policy: signedIn(resource("form", "formId", "read")),
});

/**
 * An XLSForm whose warnings say that logic of the workbook will not be enforced (`dropsLogic`)
 * is stored only when the caller acknowledges it with `?acknowledgeDroppedLogic=true`.
 */
export const FormUploadQuery = z.object({ acknowledgeDroppedLogic: z.enum(["true", "false"]).optional() });

/**
 * A new form is the creating mission's own (its observers fill it; other missions read it);
 * `shared=true` makes it the election's, filled by every mission, which only the election's
 * administrators may do (an administrator's form, having no mission, is always shared).
 */
export const CreateFormQuery = FormUploadQuery.extend({ shared: z.enum(["true", "false"]).optional() });

export const createForm = defineRoute({
  method: "POST",
  path: "/api/v1/elections/:electionId/forms",
  summary: "Create a form from a definition (JSON) or an XLSForm (.xlsx body)",
  tags: ["forms"],
  params: ElectionParams,
  query: CreateFormQuery,
  body: z.unknown(),
  alsoRaw: FORM_UPLOAD,
  responses: {
    201: z.object({
      form: z.object({
        formId: z.uuid(),
        version: z.number(),
        missionId: z.uuid().nullable(),
        definition: Undescribed,
      }),
      warnings: z.array(Undescribed),
    }),
  },
  policy: roles(["coordinator"], ownElection()),
});

export const publishForm = defineRoute({
  method: "PUT",
  path: "/api/v1/forms/:formId",
  summary: "Publish a change: a new version if the content differs; submissions keep theirs",
  tags: ["forms"],
  params: FormParams,
  query: FormUploadQuery,
  body: z.unknown(),
  alsoRaw: FORM_UPLOAD,
  responses: {
    200: z.object({
      formId: z.uuid(),
      version: z.number(),
      changed: z.boolean(),
      warnings: z.array(Undescribed),
    }),
    201: z.object({
      formId: z.uuid(),
      version: z.number(),
      changed: z.boolean(),
      warnings: z.array(Undescribed),
    }),
  },
  // The owning mission's coordinators; a shared form, the election's administrators.
  policy: roles(["coordinator"], resource("form", "formId", "write")),
});

export const exportXlsForm = defineRoute({
  method: "GET",
  path: "/api/v1/forms/:formId/versions/:version/xlsform",
  summary: "Export a form version as XLSForm",
  tags: ["forms"],
  params: FormVersionParams,
  responses: { 200: { contentType: XLSX_TYPE } },
  policy: signedIn(resource("form", "formId", "read")),
});
