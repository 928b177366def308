// Registers routes from their contracts (packages/contract): the only way a route enters the
// server. The policy runs first (401/403/404 before anything about the input is revealed), then
// the input guard (NUL, surrogates, nesting), then zod on params, query and body; the handler gets
// typed, parsed input. The OpenAPI document is built from the same contract, with its security.

import { Readable } from "node:stream";
import {
  type BodyOf,
  describePolicy,
  type Issue,
  isRawBody,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  type RouteContract,
} from "@scrutiny/contract";
import type { User } from "@scrutiny/domain";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import { z } from "zod";
import { tokenMayCall } from "../auth/token-scope.ts";
import { forbidden, HttpError } from "./errors.ts";
import { findBadInput } from "./input-guard.ts";
import { type AccessFacts, enforcePolicy } from "./policy.ts";

/** Marks routes registered through `registerRoute`; anything else under /api or /health is refused. */
const DECLARED = "declaredFromContract";

declare module "fastify" {
  interface FastifyInstance {
    accessFacts: AccessFacts;
    /**
     * Check every JSON answer against the route's declared response schema before it is sent
     * (tests and development; off in production, where answers are only serialized).
     */
    checkResponses: boolean;
  }
}

/** An answer that does not match its route's declared schema (a 500 in checked mode). */
export class UndeclaredResponse extends Error {
  override readonly name = "UndeclaredResponse";
}

/**
 * The JSON serializer of a route: `JSON.stringify`, and in checked mode a zod check of the
 * answer against the schema declared for its status first (answers of undeclared success
 * statuses are refused too; error answers have the one error shape).
 */
function serializerOf(app: FastifyInstance, contract: RouteContract, status: string) {
  if (!app.checkResponses) return (data: unknown) => JSON.stringify(data);
  const code = Number(status);
  const declared = (contract.responses as Record<number, unknown>)[code];
  // A status the route declares is checked against its own schema (health's 503 has its own body);
  // any other error answer against the one error shape.
  const schema =
    declared instanceof z.ZodType ? declared : code >= 400 || Number.isNaN(code) ? ErrorShape : undefined;
  return (data: unknown) => {
    // A value that has a toJSON (a Date) is checked as what the client receives.
    const sent = JSON.parse(JSON.stringify(data)) as unknown;
    if (schema === undefined)
      throw new UndeclaredResponse(
        `${contract.method} ${contract.path} answered ${status}, which it does not declare`,
      );
    const parsed = schema.safeParse(sent);
    if (!parsed.success)
      throw new UndeclaredResponse(
        `${contract.method} ${contract.path} ${status} does not match its declared schema: ${parsed.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
          .join("; ")}`,
      );
    return JSON.stringify(data);
  };
}

export interface HandlerInput<C extends RouteContract> {
  readonly params: ParamsOf<C>;
  readonly query: QueryOf<C>;
  readonly body: BodyOf<C>;
  /** The caller; null only on public routes. */
  readonly user: C["policy"] extends { access: "public" } ? User | null : User;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** Handlers may answer with read-only data (store rows are readonly). */
type Answer<T> = T extends readonly (infer U)[]
  ? readonly Answer<U>[]
  : T extends Date | Uint8Array
    ? T
    : T extends object
      ? { readonly [K in keyof T]: Answer<T[K]> }
      : T;

export type Handler<C extends RouteContract> = (
  input: HandlerInput<C>,
) => Promise<Answer<ResponseOf<C>> | FastifyReply> | Answer<ResponseOf<C>> | FastifyReply;

export interface RouteOptionsExtra {
  /** Fastify route config (e.g. `rateLimit`). */
  readonly config?: Record<string, unknown>;
  /** Validate the body inside the handler instead (it reports issues its own way). */
  readonly validateBodyInHandler?: boolean;
  /**
   * The body's schema refuses unstorable text itself, item by item (submission batches: one bad
   * report gets its own result, the others are stored); the guard then checks nesting only.
   */
  readonly bodyTextCheckedBySchema?: boolean;
}

/**
 * Schemas that a route's schema refers to (recursive ones, such as a form's items): hoisted out of
 * each route into the OpenAPI document's `components.schemas`, where `$ref`s can reach them.
 */
export const sharedSchemas: Record<string, unknown> = {};
let conversions = 0;

function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  delete json["$schema"];
  const defs = json["$defs"] as Record<string, unknown> | undefined;
  if (defs === undefined) return json;
  delete json["$defs"];
  // zod names anonymous definitions __schema0, __schema1, ... per conversion: make them unique.
  const prefix = `s${conversions++}_`;
  const rename = (name: string) => (name.startsWith("__schema") ? `${prefix}${name.slice(2)}` : name);
  const rewrite = (value: unknown) =>
    JSON.parse(
      JSON.stringify(value).replace(
        /"#\/\$defs\/([^"]+)"/g,
        (_, name: string) => `"#/components/schemas/${rename(name)}"`,
      ),
    ) as Record<string, unknown>;
  for (const [name, definition] of Object.entries(defs)) sharedSchemas[rename(name)] = rewrite(definition);
  return rewrite(json);
}

/**
 * A contract's OpenAPI description, converted once per process: the contracts are constants, and
 * converting every route's zod schemas again on each server build cost most of a build's CPU (tests
 * build hundreds of servers) and added a fresh copy of every shared definition each time. Fastify
 * gets a copy of its own to normalise.
 */
const openApiSchemas = new WeakMap<RouteContract, Record<string, unknown>>();

function openApiSchema(contract: RouteContract): Record<string, unknown> {
  let schema = openApiSchemas.get(contract);
  if (schema === undefined) {
    schema = convertedOpenApiSchema(contract);
    openApiSchemas.set(contract, schema);
  }
  return structuredClone(schema);
}

function convertedOpenApiSchema(contract: RouteContract): Record<string, unknown> {
  const schema: Record<string, unknown> = {
    summary: contract.summary,
    tags: [...contract.tags],
    description: `Who may call: ${describePolicy(contract.policy)}.`,
    "x-policy": contract.policy,
    security: contract.policy.access === "public" ? [] : [{ session: [] }, { bearer: [] }],
  };
  if (contract.params) schema["params"] = jsonSchemaOf(contract.params, "input");
  if (contract.query) schema["querystring"] = jsonSchemaOf(contract.query, "input");
  if (contract.body !== undefined) {
    if (isRawBody(contract.body)) {
      schema["consumes"] = [...contract.body.raw];
      schema["body"] = { type: "string", format: "binary" };
    } else schema["body"] = jsonSchemaOf(contract.body, "input");
  }
  const response: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(contract.responses)) {
    response[status] =
      answer instanceof z.ZodType
        ? { description: "Success", ...jsonSchemaOf(answer, "output") }
        : { description: `Success (${answer.contentType})`, type: "string" };
  }
  response["4XX"] = { description: "The one error shape", ...jsonSchemaOf(ErrorShape, "output") };
  schema["response"] = response;
  return schema;
}

// Declared here and in the contract package alike would be a copy: import it.
import { ErrorBody as ErrorShape } from "@scrutiny/contract";
import { issueParams } from "@scrutiny/domain";

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  if (schema === undefined) return value;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalidRequest(
    parsed.error.issues.map((issue) => ({
      path: [part, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))],
      code: issue.code,
      message: issue.message,
      params: issueParams(issue),
    })),
  );
}

export function invalidRequest(issues: Issue[]): HttpError {
  const summary = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
    .join("; ");
  return new HttpError(400, "invalid_request", summary, { issues });
}

/** Registers one route from its contract. A contract without a policy is refused. */
export function registerRoute<const C extends RouteContract>(
  app: FastifyInstance,
  contract: C,
  handler: Handler<C>,
  extra: RouteOptionsExtra = {},
): void {
  const policy = contract.policy as RouteContract["policy"] | undefined;
  if (policy === undefined || (policy.access !== "public" && policy.access !== "signedIn"))
    throw new Error(`route ${contract.method} ${contract.path} declares no policy`);
  const raw = isRawBody(contract.body) ? contract.body : undefined;
  const bodySchema = contract.body !== undefined && !isRawBody(contract.body) ? contract.body : undefined;
  const options: RouteOptions = {
    method: contract.method,
    url: contract.path,
    schema: openApiSchema(contract),
    config: { ...extra.config, [DECLARED]: true } as RouteOptions["config"],
    // Validation happens below, in order, with zod; Fastify's own is off for declared routes.
    validatorCompiler: () => () => true,
    // Responses are typed by the contract at compile time; the declared schemas document them.
    // (checked against them only when the server is built with `checkResponses`).
    serializerCompiler: ({ httpStatus }) => serializerOf(app, contract, httpStatus ?? "200"),
    ...(raw ? { bodyLimit: raw.limit } : contract.alsoRaw ? { bodyLimit: contract.alsoRaw.limit } : {}),
    ...(contract.bodyLimit ? { bodyLimit: contract.bodyLimit } : {}),
    handler: async (request, reply) => {
      const user = request.user;
      const rawParams = (request.params ?? {}) as Record<string, unknown>;
      await enforcePolicy(policy, user, rawParams, request.server.accessFacts);
      const scope = request.credential?.scope ?? "all";
      if (!tokenMayCall(scope, policy, contract.method))
        throw forbidden(`an API token of scope "${scope}" may not call ${contract.method} ${contract.path}`);
      for (const [part, value] of [
        ["params", request.params],
        ["query", request.query],
        ["body", request.body],
      ] as const) {
        // A streamed body is bytes (a Readable), not JSON: nothing in it to guard here.
        if (part === "body" && raw?.stream === true) continue;
        const bad = findBadInput(value, part, {
          text: !(part === "body" && extra.bodyTextCheckedBySchema),
        });
        if (bad) throw invalidRequest([bad]);
      }
      const params = parsePart(contract.params, request.params, "params");
      const query = parsePart(contract.query, request.query, "query");
      let body: unknown = request.body;
      if (raw?.stream === true) {
        if (!(body instanceof Readable))
          throw new HttpError(
            415,
            "unsupported_media_type",
            `send the file as the raw request body (${raw.raw.join(", ")})`,
          );
      } else if (raw) {
        if (!Buffer.isBuffer(body))
          throw new HttpError(
            415,
            "unsupported_media_type",
            `send the file as the raw request body (${raw.raw.join(", ")})`,
          );
        body = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
      } else if (!extra.validateBodyInHandler) body = parsePart(bodySchema, body, "body");
      const input = { params, query, body, user, request, reply } as unknown as HandlerInput<C>;
      return handler(input);
    },
  };
  if (app.checkResponses) {
    // Checked mode: a success status the contract does not declare is refused too.
    const declared = new Set(Object.keys(contract.responses).map(Number));
    options.onSend = async (_request, reply, payload) => {
      const status = reply.statusCode;
      if (status >= 200 && status < 300 && !declared.has(status))
        throw new UndeclaredResponse(
          `${contract.method} ${contract.path} answered ${status}, which it does not declare`,
        );
      return payload;
    };
  }
  if (raw?.stream === true) {
    // Streamed bodies reach the handler as the request stream (it enforces the limit while
    // reading); the parsers live in a scope of their own so other routes keep theirs.
    const types = raw.raw;
    void app.register(async (scope) => {
      for (const type of types) {
        if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
        scope.addContentTypeParser(type, (_r, payload, done) => done(null, payload));
      }
      scope.route(options);
    });
    return;
  }
  const addRawParsers = (target: FastifyInstance) => {
    for (const accepted of [raw, contract.alsoRaw]) {
      if (accepted === undefined) continue;
      // Raw bodies arrive as bytes; parsers are added per route so that limits stay per route.
      for (const type of accepted.raw) {
        if (!target.hasContentTypeParser(type))
          target.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: accepted.limit }, (_r, b, done) =>
            done(null, b),
          );
      }
    }
  };
  const multipart = [raw, contract.alsoRaw].some((a) => a?.raw.some((t) => t.startsWith("multipart/")));
  if (multipart) {
    // A multipart body read whole as bytes (the handler parses it) lives in a scope of its own:
    // ODK Collect's routes parse multipart their own way, as a stream.
    void app.register(async (scope) => {
      addRawParsers(scope);
      scope.route(options);
    });
    return;
  }
  addRawParsers(app);
  app.route(options);
}

/**
 * The declared part of a route whose handler authenticates and answers in its own protocol (ODK
 * Collect: HTTP Basic, XML answers): method, path, OpenAPI schema with the policy, and the mark
 * that lets it be registered. The handler must enforce `contract.policy` itself (enforcePolicy).
 */
export function declaredRouteOptions(
  contract: RouteContract,
): Pick<RouteOptions, "method" | "url" | "schema" | "config" | "validatorCompiler"> {
  const policy = contract.policy as RouteContract["policy"] | undefined;
  if (policy === undefined || (policy.access !== "public" && policy.access !== "signedIn"))
    throw new Error(`route ${contract.method} ${contract.path} declares no policy`);
  return {
    method: contract.method,
    url: contract.path,
    schema: openApiSchema(contract),
    config: { [DECLARED]: true } as RouteOptions["config"],
    // The schema documents the route; the handler reads and checks its own input (XML, multipart).
    validatorCompiler: () => () => true,
  };
}

/** Refuses any API route not registered from a contract: a route without a policy cannot exist. */
export function requireDeclaredRoutes(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    const isApi =
      route.url.startsWith("/api/v1") ||
      route.url === "/health" ||
      route.url.startsWith("/odk/") ||
      route.url.startsWith("/log/");
    const config = route.config as Record<string, unknown> | undefined;
    if (isApi && config?.[DECLARED] !== true)
      throw new Error(`route ${String(route.method)} ${route.url} was not registered from a contract`);
  });
}
