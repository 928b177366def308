// Attachments (photos of protocols and incidents, recordings, documents): what
// is accepted. Pure rules; storage is in the store, transport in the server.
import { z } from "zod";

/** Largest attachment accepted, in bytes (a phone photo is 2-6 MB). */
export const ATTACHMENT_MAX_BYTES = 16 * 1024 * 1024;

/** Media types accepted, by the first bytes that each must start with (when the format has a signature). */
const SIGNATURES: Readonly<Record<string, readonly (readonly number[])[]>> = {
  "image/jpeg": [[0xff, 0xd8, 0xff]],
  "image/png": [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  "image/webp": [[0x52, 0x49, 0x46, 0x46]],
  "image/heic": [],
  "image/heif": [],
  "audio/mpeg": [
    [0x49, 0x44, 0x33],
    [0xff, 0xfb],
    [0xff, 0xf3],
    [0xff, 0xf2],
  ],
  "audio/mp4": [],
  "audio/aac": [],
  "audio/ogg": [[0x4f, 0x67, 0x67, 0x53]],
  "audio/webm": [[0x1a, 0x45, 0xdf, 0xa3]],
  "audio/wav": [[0x52, 0x49, 0x46, 0x46]],
  "audio/amr": [[0x23, 0x21, 0x41, 0x4d, 0x52]],
  "video/mp4": [],
  "video/3gpp": [],
  "video/webm": [[0x1a, 0x45, 0xdf, 0xa3]],
  "application/pdf": [[0x25, 0x50, 0x44, 0x46]],
  "text/csv": [],
  "text/plain": [],
};

export const ATTACHMENT_TYPES: readonly string[] = Object.keys(SIGNATURES);

/** The media type without parameters, lower case: "image/JPEG; x=y" -> "image/jpeg". */
export function normalizeMediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

export function isAcceptedAttachmentType(mediaType: string): boolean {
  return Object.hasOwn(SIGNATURES, mediaType);
}

/**
 * Whether the first bytes agree with the declared type (formats without a fixed
 * signature always agree). Stops a script labelled image/png from being stored as one.
 */
export function startsLike(mediaType: string, head: Uint8Array): boolean {
  const signatures = SIGNATURES[mediaType];
  if (signatures === undefined) return false;
  if (signatures.length === 0) return true;
  return signatures.some((sig) => sig.length <= head.length && sig.every((b, i) => head[i] === b));
}

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 in lowercase hex");

/** What the server says about a stored attachment. */
export const AttachmentReceipt = z.strictObject({
  sha256: Sha256Hex,
  size: z.number().int().nonnegative(),
  contentType: z.string(),
});
export type AttachmentReceipt = z.infer<typeof AttachmentReceipt>;
