import type { FastifyInstance, FastifySchema } from "fastify";
import { z } from "zod";

// Routes declare zod schemas; the OpenAPI document gets their JSON Schema, and requests are
// validated by zod itself (one validator, the same one the browser and pure packages use).
const zodByJsonSchema = new WeakMap<object, z.ZodType>();

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete json["$schema"];
  zodByJsonSchema.set(json, schema);
  return json;
}

/** Builds a Fastify route schema from zod parts, for validation and for the OpenAPI document. */
export function routeSchema(parts: {
  body?: z.ZodType;
  params?: z.ZodType;
  querystring?: z.ZodType;
  summary?: string;
  tags?: string[];
}): FastifySchema {
  const schema: FastifySchema & Record<string, unknown> = {};
  if (parts.body) schema.body = jsonSchemaOf(parts.body);
  if (parts.params) schema.params = jsonSchemaOf(parts.params);
  if (parts.querystring) schema.querystring = jsonSchemaOf(parts.querystring);
  if (parts.summary) schema.summary = parts.summary;
  if (parts.tags) schema.tags = parts.tags;
  return schema;
}

export function installZodValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const zodSchema = zodByJsonSchema.get(schema);
    if (zodSchema === undefined) return () => true;
    return (data: unknown) => {
      const parsed = zodSchema.safeParse(data);
      if (parsed.success) return { value: parsed.data };
      const issues = parsed.error.issues.map((issue) => ({
        path: [httpPart ?? "body", ...issue.path.map(String)].join("."),
        code: issue.code,
        message: issue.message,
      }));
      const summary = issues
        .slice(0, 3)
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join("; ");
      const error = new Error(summary) as Error & { validation: unknown };
      error.validation = issues;
      return { error };
    };
  });
}
