import { Readable } from "node:stream";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, attachmentHashes, Sha256Hex } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { storeAttachment } from "../attachments/store-attachment.ts";
import { requireRole, requireUser } from "../auth/authenticate.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";
import type { SubmissionIngestion } from "../ingestion/ingest.ts";
import { loadVisible } from "./submissions.ts";

const AttachmentParams = z.object({ submissionId: z.uuid(), sha256: Sha256Hex });

/**
 * Attachments: uploaded first (raw body, its media type as Content-Type), answered by hash in the
 * report, served only through a submission that refers to them.
 */
export function attachmentRoutes(app: FastifyInstance, store: Store, ingestion: SubmissionIngestion): void {
  void app.register(async (scope) => {
    // The body stays a stream: it is hashed and written to the database chunk by chunk.
    for (const type of ATTACHMENT_TYPES) {
      if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
      scope.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
    }
    scope.post(
      "/api/v1/attachments",
      {
        bodyLimit: ATTACHMENT_MAX_BYTES,
        schema: routeSchema({
          summary:
            "Upload an attachment (photo, recording, file) before the report that refers to it by SHA-256",
          tags: ["submissions"],
        }),
      },
      async (request, reply) => {
        const user = requireRole(request, "observer", "coordinator");
        const declared = Number(request.headers["content-length"]);
        if (Number.isFinite(declared) && declared > ATTACHMENT_MAX_BYTES)
          throw new HttpError(
            413,
            "payload_too_large",
            `an attachment may have at most ${ATTACHMENT_MAX_BYTES} bytes`,
          );
        const body = request.body;
        if (!(body instanceof Readable))
          throw new HttpError(415, "unsupported_media_type", "send the file's bytes with its media type");
        const { created, attachment } = await storeAttachment(
          store,
          body,
          request.headers["content-type"],
          user.id,
        );
        return reply.status(created ? 201 : 200).send({ attachment });
      },
    );
  });

  app.get(
    "/api/v1/submissions/:submissionId/attachments/:sha256",
    {
      schema: routeSchema({
        params: AttachmentParams,
        summary: "An attachment of a submission (streamed)",
        tags: ["submissions"],
      }),
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { submissionId, sha256 } = request.params as z.infer<typeof AttachmentParams>;
      const submission = await loadVisible(store, user, submissionId);
      const form = await ingestion.references.formVersion(submission.formId, submission.formVersion);
      if (form === undefined) throw new Error(`form of submission ${submission.id} is missing`);
      if (!attachmentHashes(form.definition, submission.answers).includes(sha256))
        throw notFound("attachment");
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
    },
  );
}
