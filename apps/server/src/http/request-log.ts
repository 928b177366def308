import { type FastifyReply, type FastifyRequest, LogController } from "fastify";
import pino from "pino";

/**
 * One JSON line per request, written when it is answered: method, URL, status, response time and
 * request id (Fastify's default writes a second line on arrival). Errors keep their own lines.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request completed");
  }
}

/**
 * The server's logger options. Lines go to stdout asynchronously: each synchronous write was a
 * system call per line on the ingestion hot path; asynchronous ones coalesce the lines that arrive
 * while a write is in progress into one, and pino flushes what is pending when the process exits.
 */
export function jsonLogger(level: string) {
  return {
    logger: { level, stream: pino.destination({ dest: 1, sync: false }) },
    logController: new OneLinePerRequest(),
  };
}
