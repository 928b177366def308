import type { ErrorCode, ErrorParams, FORBIDDEN_WHAT, Issue, NotFoundWhat } from "@scrutiny/contract";
import { isDatabaseUnavailable } from "@scrutiny/store";
import type { FastifyError, FastifyInstance } from "fastify";

/** Every error leaves the server in one shape: `{ error: { code, message, params?, details? } }`. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly params?: Readonly<Record<string, unknown>>;
    readonly details?: unknown;
  };
}

/**
 * An expected failure with its HTTP status; thrown inside handlers and rendered by the error
 * handler. Its code is one the contract declares (ERROR_PARAMS), with the params declared for it,
 * so that every client can say it in its reader's language; the message is the English sentence.
 */
export class HttpError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: C,
    message: string,
    readonly details?: unknown,
    readonly params?: ErrorParams<C>,
  ) {
    super(message);
  }
}

/** A refusal as a service returns it, before it becomes an answer: code, its params, the sentence. */
export type Refusal = {
  [C in ErrorCode]: {
    readonly code: C;
    readonly message: string;
    readonly params?: ErrorParams<C>;
    readonly details?: unknown;
  };
}[ErrorCode];

export const refused = (status: number, refusal: Refusal): HttpError =>
  new HttpError(status, refusal.code, refusal.message, refusal.details, refusal.params);

/** Each thing a 404 names, as the English sentence says it. */
const NOT_FOUND_ENGLISH: Readonly<Record<NotFoundWhat, string>> = {
  account: "account",
  api_token: "API token",
  attachment: "attachment",
  contest: "contest",
  election: "election",
  file: "file",
  form: "form",
  form_file: "form file",
  form_version: "form version",
  grant: "grant",
  import_job: "import job",
  incident: "incident",
  indicator: "indicator",
  indicator_match: "indicator match",
  mission: "mission",
  observer: "observer",
  observer_sign_in: "sign-in of this observer",
  official_results: "official results",
  phase: "phase of this election",
  plan_version: "plan version",
  publication: "publication",
  results_set: "results set",
  route: "route",
  saved_mapping: "saved mapping",
  station: "station",
  submission: "submission",
  team: "team",
  tile: "tile",
  upload: "upload (send the file again)",
  user: "user",
  visit: "visit",
};

/** A 404 that says what was not found (and its name or number, when it has one). */
export const notFound = (what: NotFoundWhat, name?: string | number, message?: string) =>
  new HttpError(
    404,
    "not_found",
    message ?? `${NOT_FOUND_ENGLISH[what]}${name === undefined ? "" : ` "${name}"`} not found`,
    undefined,
    name === undefined ? { what } : { what, name: String(name) },
  );
export const forbidden = (message = "you may not do this", what?: (typeof FORBIDDEN_WHAT)[number]) =>
  new HttpError(403, "forbidden", message, undefined, what === undefined ? undefined : { what });
export const unauthorized = () => new HttpError(401, "unauthorized", "sign in first");

/**
 * Issues from every source (zod, the form validator, file parsers) in one shape: `path` an array
 * (a dotted string is split; a file problem without one points at the body), `code`, `message`.
 */
export function normaliseIssue(issue: unknown): Issue {
  const raw = (typeof issue === "object" && issue !== null ? issue : { message: String(issue) }) as Record<
    string,
    unknown
  >;
  const path = raw["path"];
  const normalisedPath = Array.isArray(path)
    ? path.map((p) => (typeof p === "number" ? p : String(p)))
    : typeof path === "string" && path !== ""
      ? path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p))
      : [];
  return {
    ...raw,
    path: normalisedPath,
    code: typeof raw["code"] === "string" ? raw["code"] : "invalid",
    message: typeof raw["message"] === "string" ? raw["message"] : "invalid",
  };
}

function normaliseDetails(details: unknown): unknown {
  if (typeof details !== "object" || details === null || Array.isArray(details)) return details;
  const issues = (details as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return details;
  return { ...details, issues: issues.map(normaliseIssue) };
}

export function errorBody(
  code: ErrorCode,
  message: string,
  details?: unknown,
  params?: Readonly<Record<string, unknown>>,
): ErrorBody {
  const withParams = params === undefined || Object.keys(params).length === 0 ? {} : { params };
  return {
    error:
      details === undefined
        ? { code, message, ...withParams }
        : { code, message, ...withParams, details: normaliseDetails(details) },
  };
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The answer while the database cannot be reached: retryable, never a 500. */
export const databaseUnavailableBody = () =>
  errorBody("database_unavailable", "the database cannot be reached right now; try again shortly");

/**
 * Maps Fastify's own errors (bad JSON, body too large, validation) to the one shape; an
 * unreachable database to 503 with Retry-After; 500 only for bugs. Every 5xx is logged with its
 * cause (and the request id).
 */
export function installErrorHandling(app: FastifyInstance, options: { serveAppShell: boolean }): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, "database unavailable");
      return reply
        .status(503)
        .header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS))
        .send(databaseUnavailableBody());
    }
    if (error instanceof HttpError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
      return reply
        .status(error.statusCode)
        .send(errorBody(error.code, error.message, error.details, error.params));
    }
    const status = error.statusCode ?? 500;
    if (status === 413)
      return reply.status(413).send(errorBody("payload_too_large", "the request body is too large"));
    if (status === 415) return reply.status(415).send(errorBody("unsupported_media_type", error.message));
    if (status === 429) return reply.status(429).send(errorBody("rate_limited", error.message));
    if (status >= 400 && status < 500) {
      const code =
        error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY"
          ? "malformed_json"
          : "bad_request";
      return reply.status(status).send(errorBody(code, error.message));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send(errorBody("internal_error", "something went wrong on our side"));
  });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web app fall back to its shell; API paths stay JSON 404s.
    const isAppRoute =
      request.method === "GET" && !request.url.startsWith("/api/") && request.url !== "/health";
    if (options.serveAppShell && isAppRoute) return reply.sendFile("index.html");
    return reply.status(404).send(
      errorBody("not_found", `no route ${request.method} ${request.url.split("?")[0]}`, undefined, {
        what: "route",
      }),
    );
  });
}
