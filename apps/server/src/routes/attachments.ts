import { Readable } from "node:stream";
import { attachments } from "@scrutiny/contract";
import { ATTACHMENT_MAX_BYTES, attachmentHashes } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { storeAttachment } from "../attachments/store-attachment.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";
import type { SubmissionIngestion } from "../ingestion/ingest.ts";
import { loadSubmission } from "./submissions.ts";

/**
 * Attachments: uploaded first (raw body, its media type as Content-Type), answered by hash in the
 * report, served only through a submission that refers to them.
 */
export function attachmentRoutes(app: FastifyInstance, store: Store, ingestion: SubmissionIngestion): void {
  registerRoute(app, attachments.uploadAttachment, async ({ user, body, request, reply }) => {
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > ATTACHMENT_MAX_BYTES)
      throw new HttpError(
        413,
        "payload_too_large",
        `an attachment may have at most ${ATTACHMENT_MAX_BYTES} bytes`,
        undefined,
        { limit: ATTACHMENT_MAX_BYTES },
      );
    const { created, attachment } = await storeAttachment(
      store,
      body,
      request.headers["content-type"],
      user.id,
    );
    return reply.status(created ? 201 : 200).send({ attachment });
  });

  registerRoute(app, attachments.getAttachment, async ({ params, reply }) => {
    const { submissionId, sha256 } = params;
    const submission = await loadSubmission(store, submissionId);
    const form = await ingestion.references.formVersion(submission.formId, submission.formVersion);
    if (form === undefined) throw new Error(`form of submission ${submission.id} is missing`);
    if (!attachmentHashes(form.definition, submission.answers).includes(sha256)) throw notFound("attachment");
    const info = await store.attachments.info(sha256);
    if (info === undefined) throw notFound("attachment");
    return reply
      .header("content-type", info.contentType)
      .header("content-length", String(info.size))
      .header("cache-control", "private, max-age=31536000, immutable")
      .header("etag", `"${sha256}"`)
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", "sandbox; default-src 'none'")
      .header("content-disposition", `inline; filename="${sha256.slice(0, 16)}"`)
      .send(Readable.from(store.attachments.read(sha256)));
  });
}
