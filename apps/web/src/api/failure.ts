// A failed request, as every part of the web (the staff app, the observer app, the portal) keeps
// it: the server's `{error:{code,message,params,details}}` when it sent one, `network` with status
// 0 when no answer came (offline, timeout, connection dropped). Said to a reader by apiErrorText
// (ui/apiError.ts). Nothing here loads a schema library: the phone app and the portal import it.

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly params?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** No answer at all: the fetch itself failed. */
export const networkFailure = (cause: unknown): ApiError =>
  new ApiError(0, "network", cause instanceof Error ? cause.message : "network error");

/** The error an answer's body describes (anything but the error shape gives undefined). */
export function errorOf(
  body: unknown,
): { code: string; message: string; details?: unknown; params?: Record<string, unknown> } | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error: unknown = body.error;
  if (typeof error !== "object" || error === null) return undefined;
  const code = "code" in error && typeof error.code === "string" ? error.code : "http_error";
  const message = "message" in error && typeof error.message === "string" ? error.message : code;
  const params =
    "params" in error && typeof error.params === "object" && error.params !== null
      ? (error.params as Record<string, unknown>)
      : undefined;
  return {
    code,
    message,
    details: "details" in error ? error.details : undefined,
    ...(params ? { params } : {}),
  };
}

/** The failure of an answer that is not ok, from its parsed body (if any). */
export function failureOf(response: { status: number; statusText: string }, body: unknown): ApiError {
  const error = errorOf(body);
  return new ApiError(
    response.status,
    error?.code ?? "http_error",
    error?.message ?? (response.statusText || `HTTP ${response.status}`),
    error?.details,
    error?.params,
  );
}
