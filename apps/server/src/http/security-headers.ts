import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet from "helmet";

/**
 * Helmet's security headers (CSP and the rest) on every answer. They do not depend on the request
 * (no nonces), so helmet runs once, on a stand-in response, and each answer gets the headers it
 * set as one object: running its twelve middlewares per request, each setting a header on Node's
 * response, was about 5% of an ingested report's CPU (and @fastify/helmet, before, rebuilt them).
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  const middleware = helmet({
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
  const headers = headersSetBy(middleware);
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** The headers a helmet middleware sets (it must remove none but X-Powered-By, which we never send). */
function headersSetBy(
  middleware: (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void,
): Record<string, string> {
  const set: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      set[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      if (name.toLowerCase() !== "x-powered-by") throw new Error(`helmet removes ${name}`);
    },
  };
  let failure: unknown;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error) => {
    failure = error;
  });
  if (failure !== undefined) throw failure;
  if (Object.keys(set).length === 0) throw new Error("helmet set no headers");
  return set;
}
