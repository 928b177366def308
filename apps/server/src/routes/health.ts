import { system } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { registerRoute } from "../http/route.ts";

export function healthRoutes(app: FastifyInstance, store: Store): void {
  registerRoute(app, system.health, async ({ reply }) => {
    try {
      await store.ping();
      return { status: "ok" as const, database: store.kind };
    } catch {
      return reply.status(503).send({ status: "unavailable", database: store.kind });
    }
  });
}
