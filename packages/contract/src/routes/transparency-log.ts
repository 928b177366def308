import { z } from "zod";
import { publicAccess } from "../policy.ts";
import { defineRoute } from "../route.ts";

// The transparency log, public and read-only, as a C2SP tlog-tiles log under /log.

export const checkpoint = defineRoute({
  method: "GET",
  path: "/log/checkpoint",
  summary: "The latest signed checkpoint (C2SP signed note), with witnesses' cosignatures",
  tags: ["log"],
  responses: { 200: { contentType: "text/plain" } },
  policy: publicAccess,
});

export const key = defineRoute({
  method: "GET",
  path: "/log/key",
  summary: "The log's public key (note verifier key)",
  tags: ["log"],
  responses: { 200: { contentType: "text/plain" } },
  policy: publicAccess,
});

export const tile = defineRoute({
  method: "GET",
  path: "/log/tile/*",
  summary: "A hash tile (tile/<L>/<N>[.p/<W>]) or an entry bundle (tile/entries/<N>[.p/<W>])",
  tags: ["log"],
  params: z.object({ "*": z.string().max(200) }),
  responses: { 200: { contentType: "application/octet-stream" } },
  policy: publicAccess,
});

export const Cosignature = z.object({
  witnessKey: z.string(),
  witnessName: z.string(),
  size: z.number().int(),
  rootHash: z.string(),
  signedAt: z.string(),
  signatureLine: z.string(),
});

export const witnesses = defineRoute({
  method: "GET",
  path: "/log/witnesses",
  summary: "Witnesses' latest cosignatures of this log",
  tags: ["log"],
  responses: { 200: z.object({ origin: z.string(), witnesses: z.array(Cosignature) }) },
  policy: publicAccess,
});

export const cosign = defineRoute({
  method: "POST",
  path: "/log/cosignatures",
  summary: "A witness sends its cosignature (C2SP tlog-cosignature v1) of a checkpoint of this log",
  tags: ["log"],
  body: z.strictObject({
    /** The witness's verifier key, `<name>+<id>+<base64(0x04 || Ed25519 public key)>`. */
    witnessKey: z.string().min(1).max(512),
    /** The checkpoint note with the witness's cosignature line added. */
    note: z.string().min(1).max(16_384),
  }),
  responses: { 201: z.object({ accepted: z.literal(true), size: z.number().int() }) },
  policy: publicAccess,
});
