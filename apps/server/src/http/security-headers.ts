import type { FastifyInstance } from "fastify";
import helmet from "helmet";

/**
 * Helmet's security headers (CSP and the rest) on every answer. The middleware is built once:
 * @fastify/helmet rebuilt it (parsing every CSP directive) on each request, a few percent of an
 * ingested report's CPU.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        // Helmet's default would make browsers fetch every script over https when the app is
        // served over plain http from an address (a laptop on a local network): a blank page.
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook("onRequest", (request, reply, done) => {
    headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
