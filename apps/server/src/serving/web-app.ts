import { relative, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** Vite names every emitted asset after a hash of its content, so its URL never changes meaning. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** The app shell and unhashed files must be revalidated, so a new release is picked up at once. */
const REVALIDATE = "no-cache";

/**
 * Serves the built web app: the `.br`/`.gz` files written at build time (apps/web/build-tools/
 * precompress.ts) to clients that accept them, hashed assets cached for a year, everything else
 * revalidated on every load.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, path) => {
      const inRoot = relative(root, path).split(sep);
      // The body depends on Accept-Encoding (a .br or .gz file may be sent): caches must know.
      response.setHeader("vary", "accept-encoding");
      response.setHeader(
        "cache-control",
        inRoot[0] === "assets" && inRoot.length > 1 ? IMMUTABLE : REVALIDATE,
      );
    },
  });
}
