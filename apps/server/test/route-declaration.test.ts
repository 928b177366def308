import { defineRoute, type Policy, publicAccess } from "@scrutiny/contract";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { registerRoute, requireDeclaredRoutes } from "../src/http/route.ts";

const contract = {
  method: "GET",
  path: "/api/v1/probe",
  summary: "probe",
  tags: ["test"],
  query: z.object({ q: z.string() }),
  responses: { 200: z.object({ q: z.string() }) },
} as const;

describe("route declarations", () => {
  it("refuses to register a route whose contract has no policy", () => {
    const app = Fastify();
    requireDeclaredRoutes(app);
    const withoutPolicy = { ...contract } as unknown as typeof contract & { policy: Policy };
    expect(() => registerRoute(app, withoutPolicy, ({ query }) => query)).toThrow(/declares no policy/);
    const badPolicy = { ...contract, policy: { access: "everyone" } } as unknown as typeof withoutPolicy;
    expect(() => registerRoute(app, badPolicy, ({ query }) => query)).toThrow(/declares no policy/);
  });

  it("refuses an API route registered without a contract", async () => {
    const app = Fastify();
    requireDeclaredRoutes(app);
    expect(() => app.get("/api/v1/open", async () => ({ open: true }))).toThrow(
      /not registered from a contract/,
    );
  });

  it("registers a declared route and validates its input with paths as arrays", async () => {
    const app = Fastify();
    requireDeclaredRoutes(app);
    app.decorateRequest("user", null);
    app.decorate("accessFacts", {
      missionElection: async () => undefined,
      owner: async () => undefined,
      administersElection: async () => false,
    });
    registerRoute(app, defineRoute({ ...contract, policy: publicAccess }), ({ query }) => query);
    app.setErrorHandler((error: Error & { statusCode?: number; details?: unknown }, _request, reply) =>
      reply.status(error.statusCode ?? 500).send({ message: error.message, details: error.details }),
    );
    expect((await app.inject({ url: "/api/v1/probe?q=ok" })).json()).toEqual({ q: "ok" });
    const missing = await app.inject({ url: "/api/v1/probe" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues[0].path).toEqual(["query", "q"]);
    const nul = await app.inject({ url: "/api/v1/probe?q=a%00b" });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().details.issues[0]).toMatchObject({ path: ["query", "q"], code: "unstorable_text" });
    await app.close();
  });
});
