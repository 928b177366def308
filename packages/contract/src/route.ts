// A route's contract: method, path, request schemas, response schemas and policy, in one
// declaration shared by the server (which registers routes only from these) and the web client
// (which is typed from them).
import type { z } from "zod";
import type { Policy } from "./policy.ts";

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A raw (non-JSON) request body: accepted content types and the largest size in bytes. */
export interface RawBody {
  readonly raw: readonly string[];
  readonly limit: number;
  /** The handler reads the body as a stream of chunks (large uploads), not as one buffer. */
  readonly stream?: boolean;
}

export interface RouteContract {
  readonly method: Method;
  /** Fastify syntax: `/api/v1/missions/:missionId/plan`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** A JSON body schema, or the content types of a raw upload. */
  readonly body?: z.ZodType | RawBody;
  /** Raw content types accepted besides a JSON body (the handler receives the bytes). */
  readonly alsoRaw?: RawBody;
  /** Largest JSON body in bytes (default: the server's limit). */
  readonly bodyLimit?: number;
  /** Success responses by status; a schema, or a content type for non-JSON answers. */
  readonly responses: Readonly<Record<number, z.ZodType | { readonly contentType: string }>>;
  readonly policy: Policy;
}

/** Declares a route; the literal type is kept so that handlers and clients are typed from it. */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

export type ParamsOf<C extends RouteContract> = Out<C["params"]>;
export type QueryOf<C extends RouteContract> = Out<C["query"]>;
export type BodyOf<C extends RouteContract> = C["body"] extends RawBody & { readonly stream: true }
  ? AsyncIterable<Uint8Array>
  : C["body"] extends RawBody
    ? Uint8Array
    : Out<C["body"]>;
export type ParamsInput<C extends RouteContract> = In<C["params"]>;
export type QueryInput<C extends RouteContract> = In<C["query"]>;
export type BodyInput<C extends RouteContract> = C["body"] extends RawBody
  ? Blob | Uint8Array
  : In<C["body"]>;

type SuccessStatus<C extends RouteContract> = Extract<keyof C["responses"], number>;
/** The JSON a successful call answers with (the union over the declared statuses). */
export type ResponseOf<C extends RouteContract> = {
  [S in SuccessStatus<C>]: C["responses"][S] extends z.ZodType ? z.output<C["responses"][S]> : Blob;
}[SuccessStatus<C>];

export function isRawBody(body: RouteContract["body"]): body is RawBody {
  return typeof body === "object" && body !== null && "raw" in body;
}

/** Fills `:name` segments of a path. */
export function pathOf(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} of ${path}`);
    return encodeURIComponent(String(value));
  });
}
