// Whether an error means "the database cannot be reached right now" (stopped, restarting, network
// gone, out of connections) rather than a bug or a bad query: the server answers the first with
// 503 and Retry-After, and the pool reconnects by itself on a later request.

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

// PostgreSQL SQLSTATEs: connection exceptions, shutting down or starting up, out of connections.
const SQLSTATE_UNAVAILABLE = /^(08...|57P01|57P02|57P03|53300)$/;

const DRIVER_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
  "Connection is not queryable",
];

export function isDatabaseUnavailable(error: unknown): boolean {
  // Drizzle wraps driver errors (`cause`); walk a few levels, never a cycle.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (NETWORK_CODES.has(code) || SQLSTATE_UNAVAILABLE.test(code))) return true;
    if (typeof message === "string" && DRIVER_MESSAGES.some((text) => message.includes(text))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
