import { parseTilePath } from "@scrutiny/tlog";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { HttpError } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";
import type { TransparencyLogService } from "../transparency/log-service.ts";

const CosignatureBody = z.object({
  /** The witness's verifier key, `<name>+<id>+<base64(0x04 || Ed25519 public key)>`. */
  witnessKey: z.string().min(1).max(512),
  /** The checkpoint note with the witness's cosignature line added. */
  note: z.string().min(1).max(16_384),
});

const TileParams = z.object({ "*": z.string().max(200) });

/**
 * The transparency log, read-only and public, as a C2SP tlog-tiles log under /log: any tiles
 * client can read it and the tiles can be mirrored as static files. Witnesses post cosignatures.
 */
export function transparencyLogRoutes(app: FastifyInstance, log: TransparencyLogService): void {
  app.get(
    "/log/checkpoint",
    {
      schema: {
        summary: "The latest signed checkpoint (C2SP signed note), with witnesses' cosignatures",
        tags: ["log"],
      },
    },
    async (_, reply) => {
      const checkpoint = await log.checkpoint();
      return text(reply, checkpoint.note).header("cache-control", "no-cache");
    },
  );

  app.get(
    "/log/key",
    { schema: { summary: "The log's public key (note verifier key)", tags: ["log"] } },
    async (_, reply) => text(reply, `${log.verifierKey}\n`).header("cache-control", "public, max-age=300"),
  );

  app.get(
    "/log/tile/*",
    {
      schema: routeSchema({
        params: TileParams,
        summary: "A hash tile (tile/<L>/<N>[.p/<W>]) or entry bundle (tile/entries/<N>[.p/<W>])",
        tags: ["log"],
      }),
    },
    async (request, reply) => {
      const path = (request.params as z.infer<typeof TileParams>)["*"];
      const tile = parseTilePath(path);
      if (tile === undefined) throw new HttpError(404, "not_found", `"tile/${path}" is not a tile path`);
      const bytes = await log.tile(tile);
      if (bytes === undefined) throw new HttpError(404, "not_found", `tile/${path} does not exist yet`);
      // A tile's content never changes once it exists (a partial tile is a prefix of the full one).
      return reply
        .header("content-type", "application/octet-stream")
        .header("cache-control", "public, max-age=31536000, immutable")
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );

  app.get(
    "/log/witnesses",
    { schema: { summary: "Witnesses' latest cosignatures of this log", tags: ["log"] } },
    async () => ({ origin: log.origin, witnesses: await log.witnesses() }),
  );

  app.post(
    "/log/cosignatures",
    {
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: routeSchema({
        body: CosignatureBody,
        summary: "A witness sends its cosignature (C2SP tlog-cosignature v1) of a checkpoint of this log",
        tags: ["log"],
      }),
    },
    async (request, reply) => {
      const body = request.body as z.infer<typeof CosignatureBody>;
      const accepted = await log.acceptCosignature(body.witnessKey, body.note);
      if (!accepted.ok) throw new HttpError(422, accepted.error.code, accepted.error.message);
      return reply.status(201).send({ accepted: true, size: accepted.value.size });
    },
  );
}

function text(reply: FastifyReply, body: string): FastifyReply {
  return reply.header("content-type", "text/plain; charset=utf-8").send(body);
}
