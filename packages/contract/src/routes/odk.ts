import { z } from "zod";
import { ownObserverRecord, roles } from "../policy.ts";
import { defineRoute } from "../route.ts";

// ODK Collect as an observer's app (OpenRosa): XML answers, a multipart submission, and HTTP
// Basic sign-in with the observer's username and access code (a session or a bearer token works
// too). Only observers' accounts may call these; anyone else gets 403, an unknown caller 401
// with a Basic challenge. Every answer is XML, errors included (an OpenRosa response document).

/** OpenRosa's answer type: Form List, XForm, Manifest and response documents. */
export const OPENROSA_XML = "text/xml; charset=utf-8";
export const MAX_ODK_SUBMISSION_BYTES = 10 * 1024 * 1024;

const observers = roles(["observer"], ownObserverRecord);
export const OdkFormParams = z.object({ formId: z.uuid(), version: z.coerce.number().int().positive() });

export const formList = defineRoute({
  method: "GET",
  path: "/odk/formList",
  summary: "OpenRosa Form List: the forms this observer fills in",
  tags: ["odk"],
  query: z.object({ formID: z.string().max(200).optional() }),
  responses: { 200: { contentType: OPENROSA_XML } },
  policy: observers,
});

export const formXml = defineRoute({
  method: "GET",
  path: "/odk/forms/:formId/:version/form.xml",
  summary: "One form as an XForm, with the observer's route as its first question",
  tags: ["odk"],
  params: OdkFormParams,
  responses: { 200: { contentType: OPENROSA_XML } },
  policy: observers,
});

export const manifest = defineRoute({
  method: "GET",
  path: "/odk/forms/:formId/:version/manifest",
  summary:
    "OpenRosa Manifest of a form's media files: the files uploaded beside its XLSForm (choices files, pulldata CSVs), with their MD5 and download URL",
  tags: ["odk"],
  params: OdkFormParams,
  responses: { 200: { contentType: OPENROSA_XML } },
  policy: observers,
});

export const OdkMediaFileParams = OdkFormParams.extend({ name: z.string().min(1).max(200) });

export const mediaFile = defineRoute({
  method: "GET",
  path: "/odk/forms/:formId/:version/files/:name",
  summary: "One media file of a form version, as the manifest lists it",
  tags: ["odk"],
  params: OdkMediaFileParams,
  responses: { 200: { contentType: "application/octet-stream" } },
  policy: observers,
});

export const submissionPreflight = defineRoute({
  method: "HEAD",
  path: "/odk/submission",
  summary: "OpenRosa pre-flight: the largest submission accepted (X-OpenRosa-Accept-Content-Length)",
  tags: ["odk"],
  responses: { 204: z.undefined().describe("no body") },
  policy: observers,
});

export const submission = defineRoute({
  method: "POST",
  path: "/odk/submission",
  summary:
    "OpenRosa Form Submission: the instance XML (part xml_submission_file) plus attachments, multipart; the same ingestion as every channel",
  tags: ["odk"],
  body: { raw: ["multipart/form-data"], limit: MAX_ODK_SUBMISSION_BYTES },
  responses: { 201: { contentType: OPENROSA_XML }, 200: { contentType: OPENROSA_XML } },
  policy: observers,
});
