import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";

export function healthRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    "/health",
    { schema: { summary: "Liveness and database reachability", tags: ["system"] } },
    async (_, reply) => {
      try {
        await store.ping();
        return { status: "ok", database: store.kind };
      } catch {
        return reply.status(503).send({ status: "unavailable", database: store.kind });
      }
    },
  );
}
