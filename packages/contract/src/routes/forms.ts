import { FormDefinitionSchema, FormKindSchema } from "@scrutiny/domain";
import { z } from "zod";
import { ownElection, resource, roles, signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";
import { ElectionParams, Instant } from "./common.ts";

/** A form's version as stored: its definition and where it belongs. */
export const FormSummary = z.object({
  formId: z.uuid(),
  code: z.string(),
  kind: FormKindSchema,
  electionId: z.uuid(),
  /** null: the election's shared form, filled by every mission. */
  missionId: z.uuid().nullable(),
  version: z.number().int(),
  definition: FormDefinitionSchema,
  contentHash: z.string(),
});
export type FormSummary = z.infer<typeof FormSummary>;

export const FormVersionEntry = z.object({
  version: z.number().int(),
  contentHash: z.string(),
  publishedAt: Instant,
});

/** A problem found in an XLSForm or a definition, located by path or sheet, row and column. */
export const FormIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])).optional(),
  line: z.number().optional(),
  column: z.union([z.number(), z.string()]).optional(),
  sheet: z.string().optional(),
  code: z.string(),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
  /** Logic of the workbook that the stored form will not enforce. */
  dropsLogic: z.boolean().optional(),
});

export const FormParams = z.object({ formId: z.uuid() });
export const FormVersionParams = z.object({
  formId: z.uuid(),
  version: z.coerce.number().int().positive(),
});
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The legacy binary workbook (.xls), as NDI's Apollo and older tools export forms. */
export const XLS_TYPE = "application/vnd.ms-excel";
/**
 * A form definition as JSON; XLSForm bytes; or multipart/form-data with the workbook as the part
 * `workbook` and each file it uses (select_*_from_file choices, pulldata CSVs) as a part `files`.
 */
export const FORM_UPLOAD = {
  raw: [XLSX_TYPE, XLS_TYPE, "application/octet-stream", "multipart/form-data"],
  limit: 20 * 1024 * 1024,
} as const;
/** The multipart parts of a form upload. */
export const FORM_UPLOAD_PARTS = { workbook: "workbook", files: "files" } as const;

export const listForms = defineRoute({
  method: "GET",
  path: "/api/v1/elections/:electionId/forms",
  summary: "Forms of an election, current versions",
  tags: ["forms"],
  params: ElectionParams,
  responses: { 200: z.object({ forms: z.array(FormSummary) }) },
  policy: signedIn(ownElection()),
});

export const formVersion = defineRoute({
  method: "GET",
  path: "/api/v1/forms/:formId/versions/:version",
  summary: "One published version of a form",
  tags: ["forms"],
  params: FormVersionParams,
  responses: { 200: z.object({ form: FormSummary, versions: z.array(FormVersionEntry) }) },
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
  summary:
    "Create a form from a definition (JSON), an XLSForm (.xlsx or .xls body), or multipart: the workbook and the files it uses",
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
        definition: FormDefinitionSchema,
      }),
      warnings: z.array(FormIssue),
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
      warnings: z.array(FormIssue),
    }),
    201: z.object({
      formId: z.uuid(),
      version: z.number(),
      changed: z.boolean(),
      warnings: z.array(FormIssue),
    }),
  },
  // The owning mission's coordinators; a shared form, the election's administrators.
  policy: roles(["coordinator"], resource("form", "formId", "write")),
});

export const FormFileParams = FormVersionParams.extend({ name: z.string().min(1).max(200) });

export const formFile = defineRoute({
  method: "GET",
  path: "/api/v1/forms/:formId/versions/:version/files/:name",
  summary: "A file uploaded beside the version's XLSForm (choices file, pulldata CSV), as uploaded",
  tags: ["forms"],
  params: FormFileParams,
  responses: { 200: { contentType: "application/octet-stream" } },
  policy: signedIn(resource("form", "formId", "read")),
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
