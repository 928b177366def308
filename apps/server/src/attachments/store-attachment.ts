import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentReceipt,
  isAcceptedAttachmentType,
  normalizeMediaType,
  startsLike,
} from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import { HttpError } from "../http/errors.ts";

/**
 * Stores one attachment streamed from a client (the upload route, ODK Collect's multipart parts,
 * the observer app's outbox): the type must be one of the accepted media types and the first
 * bytes must agree with it; more than ATTACHMENT_MAX_BYTES is refused and nothing is kept.
 */
export async function storeAttachment(
  store: Store,
  stream: AsyncIterable<Uint8Array>,
  declaredType: string | undefined,
  uploadedBy: string | null,
): Promise<{ readonly created: boolean; readonly attachment: AttachmentReceipt }> {
  const contentType = normalizeMediaType(declaredType);
  if (!isAcceptedAttachmentType(contentType))
    throw new HttpError(
      415,
      "unsupported_media_type",
      `attachments of type '${contentType || "(none)"}' are not accepted (photos, audio, video, PDF, CSV, text)`,
      undefined,
      { contentType },
    );
  const outcome = await store.attachments.put(stream, {
    contentType,
    maxBytes: ATTACHMENT_MAX_BYTES,
    uploadedBy,
    checkHead: (head) =>
      startsLike(contentType, head) ? undefined : `the file does not start like a ${contentType} file`,
  });
  switch (outcome.kind) {
    case "too_large":
      throw new HttpError(
        413,
        "payload_too_large",
        `an attachment may have at most ${outcome.limit} bytes`,
        undefined,
        { limit: outcome.limit },
      );
    case "rejected":
      throw new HttpError(422, "invalid_attachment", outcome.reason);
    case "stored":
    case "existing":
      return { created: outcome.kind === "stored", attachment: outcome.attachment };
  }
}
