import { transparencyLog } from "@scrutiny/contract";
import { parseTilePath } from "@scrutiny/tlog";
import type { FastifyInstance, FastifyReply } from "fastify";
import { HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";
import type { TransparencyLogService } from "../transparency/log-service.ts";

/**
 * The transparency log, read-only and public, as a C2SP tlog-tiles log under /log: any tiles
 * client can read it and the tiles can be mirrored as static files. Witnesses post cosignatures.
 */
export function transparencyLogRoutes(app: FastifyInstance, log: TransparencyLogService): void {
  registerRoute(app, transparencyLog.checkpoint, async ({ reply }) => {
    const checkpoint = await log.checkpoint();
    return text(reply, checkpoint.note).header("cache-control", "no-cache");
  });

  registerRoute(app, transparencyLog.key, async ({ reply }) =>
    text(reply, `${log.verifierKey}\n`).header("cache-control", "public, max-age=300"),
  );

  registerRoute(app, transparencyLog.tile, async ({ params, reply }) => {
    const path = params["*"];
    const tile = parseTilePath(path);
    if (tile === undefined) throw notFound("tile", `tile/${path}`, `"tile/${path}" is not a tile path`);
    const bytes = await log.tile(tile);
    if (bytes === undefined) throw notFound("tile", `tile/${path}`, `tile/${path} does not exist yet`);
    // A tile's content never changes once it exists (a partial tile is a prefix of the full one).
    return reply
      .header("content-type", "application/octet-stream")
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  registerRoute(app, transparencyLog.witnesses, async () => ({
    origin: log.origin,
    witnesses: await log.witnesses(),
  }));

  registerRoute(
    app,
    transparencyLog.cosign,
    async ({ body, reply }) => {
      const accepted = await log.acceptCosignature(body.witnessKey, body.note);
      if (!accepted.ok) throw new HttpError(422, accepted.error.code, accepted.error.message);
      return reply.status(201).send({ accepted: true, size: accepted.value.size });
    },
    { config: { rateLimit: { max: 60, timeWindow: "1 minute" } } },
  );
}

function text(reply: FastifyReply, body: string): FastifyReply {
  return reply.header("content-type", "text/plain; charset=utf-8").send(body);
}
