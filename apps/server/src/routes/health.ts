import { system } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { DATABASE_RETRY_AFTER_SECONDS } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

export function healthRoutes(app: FastifyInstance, store: Store): void {
  registerRoute(app, system.health, async ({ request, reply }) => {
    try {
      await store.ping();
      return { status: "ok" as const, database: store.kind };
    } catch (error) {
      request.log.error({ err: error }, "health check: database unavailable");
      return reply
        .status(503)
        .header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS))
        .send({ status: "unavailable", database: store.kind });
    }
  });
}
