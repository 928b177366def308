import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, AttachmentReceipt, Sha256Hex } from "@scrutiny/domain";
import { z } from "zod";
import { resource, roles, signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";

export const AttachmentParams = z.object({ submissionId: z.uuid(), sha256: Sha256Hex });

export const uploadAttachment = defineRoute({
  method: "POST",
  path: "/api/v1/attachments",
  summary: "Upload an attachment (photo, recording, file) before the report that refers to it by SHA-256",
  tags: ["submissions"],
  body: { raw: ATTACHMENT_TYPES, limit: ATTACHMENT_MAX_BYTES, stream: true },
  responses: {
    200: z.object({ attachment: AttachmentReceipt }),
    201: z.object({ attachment: AttachmentReceipt }),
  },
  policy: roles(["observer", "coordinator"], undefined, { tokenScopes: ["submit"] }),
});

export const getAttachment = defineRoute({
  method: "GET",
  path: "/api/v1/submissions/:submissionId/attachments/:sha256",
  summary: "An attachment of a submission, streamed; only those the submission refers to",
  tags: ["submissions"],
  params: AttachmentParams,
  responses: { 200: { contentType: "application/octet-stream" } },
  policy: signedIn(resource("submission", "submissionId", "read")),
});
