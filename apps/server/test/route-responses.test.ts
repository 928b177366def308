/**
 * Every route's answers are declared: each JSON response schema of every contract is described
 * field by field (a value of any shape must say why, in its description), and a server built with
 * `checkResponses` refuses to send an answer that does not match its route's declared schema.
 * (The authorization walk runs in that mode, so every 2xx answer it sees is checked too.)
 */
import * as contracts from "@scrutiny/contract";
import { defineRoute, publicAccess, type RouteContract } from "@scrutiny/contract";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { openScratchStore } from "../../../test-support/backends.ts";
import { registerRoute } from "../src/http/route.ts";
import { buildServer } from "../src/index.ts";

function allContracts(): RouteContract[] {
  const found: RouteContract[] = [];
  for (const group of Object.values(contracts))
    if (typeof group === "object" && group !== null)
      for (const value of Object.values(group))
        if (
          typeof value === "object" &&
          value !== null &&
          "method" in value &&
          "path" in value &&
          "policy" in value
        )
          found.push(value as RouteContract);
  return found;
}

/** JSON-schema locations that accept anything without saying why. */
function undescribed(node: unknown, at: string, out: string[]): void {
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  const shapeKeys = ["type", "anyOf", "oneOf", "allOf", "$ref", "const", "enum", "not"];
  if (!shapeKeys.some((key) => key in record) && typeof record["description"] !== "string")
    out.push(at || "(root)");
  for (const [key, value] of Object.entries(record)) {
    if (key === "properties" || key === "$defs" || key === "patternProperties")
      for (const [name, child] of Object.entries(value as Record<string, unknown>))
        undescribed(child, `${at}.${name}`, out);
    else if (Array.isArray(value))
      for (const [i, child] of value.entries()) undescribed(child, `${at}.${key}[${i}]`, out);
    else if (key === "items" || key === "additionalProperties" || key === "propertyNames")
      undescribed(value, `${at}[${key}]`, out);
  }
}

describe("declared responses", () => {
  it("describes every JSON answer of every route field by field", () => {
    const routes = allContracts();
    expect(routes.length).toBeGreaterThan(90);
    const problems: string[] = [];
    for (const route of routes)
      for (const [status, answer] of Object.entries(route.responses)) {
        if (!(answer instanceof z.ZodType)) {
          expect(typeof answer.contentType, `${route.method} ${route.path} ${status}`).toBe("string");
          continue;
        }
        const schema = z.toJSONSchema(answer, { io: "output", unrepresentable: "any" });
        const out: string[] = [];
        undescribed(schema, "", out);
        for (const where of out) problems.push(`${route.method} ${route.path} ${status}: ${where}`);
      }
    expect(problems).toEqual([]);
  });

  it("finds an undescribed answer", () => {
    const out: string[] = [];
    undescribed(z.toJSONSchema(z.object({ fine: z.string(), loose: z.unknown() })), "", out);
    expect(out).toEqual([".loose"]);
  });

  it("refuses, in checked mode, an answer that does not match its declared schema", async () => {
    const probe = defineRoute({
      method: "GET",
      path: "/api/v1/probe/:shape",
      summary: "probe",
      tags: ["test"],
      params: z.object({ shape: z.enum(["right", "wrong", "undeclared"]) }),
      responses: { 200: z.object({ count: z.number().int() }) },
      policy: publicAccess,
    });
    for (const checked of [true, false]) {
      const app = Fastify();
      app.decorateRequest("user", null);
      app.decorate("checkResponses", checked);
      app.decorate("accessFacts", {
        missionElection: async () => undefined,
        owner: async () => undefined,
        administersElection: async () => false,
      });
      registerRoute(app, probe, ({ params, reply }) => {
        if (params.shape === "undeclared") return reply.status(201).send({ count: 1 });
        return (params.shape === "right" ? { count: 3 } : { count: "three" }) as { count: number };
      });
      expect((await app.inject({ url: "/api/v1/probe/right" })).json()).toEqual({ count: 3 });
      const wrong = await app.inject({ url: "/api/v1/probe/wrong" });
      const undeclared = await app.inject({ url: "/api/v1/probe/undeclared" });
      if (checked) {
        expect(wrong.statusCode).toBe(500);
        expect(undeclared.statusCode).toBe(500);
      } else {
        // Production: answers are only serialized.
        expect(wrong.json()).toEqual({ count: "three" });
        expect(undeclared.statusCode).toBe(201);
      }
      await app.close();
    }
  });

  it("generates an OpenAPI document whose every reference resolves (shared definitions in components)", async () => {
    const { store, dispose } = await openScratchStore("pglite");
    const app = await buildServer({ store });
    try {
      const doc = (await app.inject({ url: "/api/docs/json" })).json() as {
        paths: Record<string, unknown>;
        components: { schemas?: Record<string, unknown> };
      };
      const text = JSON.stringify(doc);
      const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] ?? "");
      expect(refs.length).toBeGreaterThan(0);
      const unresolved = refs.filter((ref) => {
        const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
        return name === undefined || doc.components.schemas?.[name] === undefined;
      });
      expect([...new Set(unresolved)]).toEqual([]);
      // The ODK routes are in the document, from their declarations.
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/odk/formList", "/odk/submission"]));
    } finally {
      await app.close();
      await dispose();
    }
  });
});
