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
 * The server's logger options. Lines go to stdout asynchronously and in blocks: a write per line
 * (even asynchronous) was about a tenth of an ingested report's CPU under load, so lines are
 * written once 4 KiB are waiting, else at the next quarter-second flush; pino flushes what is
 * pending when the process exits.
 */
export function jsonLogger(level: string) {
  return {
    logger: {
      level,
      stream: pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }),
    },
    logController: new OneLinePerRequest(),
  };
}
