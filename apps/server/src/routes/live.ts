import { live as routes } from "@scrutiny/contract";
import { type Phase, safeParseFormDefinition } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { coveragePhase, requireMission } from "../deployment/access.ts";
import { notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";
import type { SubmissionIngestion } from "../ingestion/ingest.ts";
import { criticalAnswers, hasCriticalQuestions, type LiveEvent, LiveFeed } from "../live/feed.ts";

/** Newest reports of forms with critical questions judged per summary. */
const CRITICAL_SCAN = 2000;
const HEARTBEAT_MS = 15_000;

/**
 * The coordinators' election-day view: a summary (reports per hour by phase, critical incidents
 * newest first with who to call, coverage by area and the stations not reported with the teams'
 * phone numbers) and a stream of server-sent events that says when new reports arrive, so the
 * view updates without a reload and rings for critical incidents.
 */
export function liveRoutes(app: FastifyInstance, store: Store, ingestion: SubmissionIngestion): void {
  const feed = new LiveFeed(ingestion.references);
  ingestion.onCreated((rows) => {
    feed.publish(rows).catch((error: unknown) => app.log.error({ err: error }, "live feed failed"));
  });
  const streams = new Set<() => void>();
  app.addHook("onClose", async () => {
    for (const end of streams) end();
  });

  registerRoute(app, routes.liveSummary, async ({ params, query }) => {
    const { missionId } = params;
    const mission = await requireMission(store, missionId);
    const phaseCode = coveragePhase(mission, query.phaseCode);
    const forms = await store.forms.listForElection(mission.electionId);
    const criticalForms = forms.filter((form) => {
      const parsed = safeParseFormDefinition(form.definition);
      return parsed.ok && hasCriticalQuestions(parsed.value);
    });
    const [perHour, recent, coverage] = await Promise.all([
      store.live.reportsPerHour(missionId),
      store.live.recentReports(
        missionId,
        phaseCode,
        criticalForms.map((form) => form.formId),
        CRITICAL_SCAN,
      ),
      store.coverage.report(missionId, phaseCode, { limit: query.missingLimit, offset: 0 }),
    ]);
    if (coverage === undefined) throw notFound("mission");
    const critical = [];
    for (const report of recent) {
      const questions = await criticalAnswers(
        ingestion.references,
        report.formId,
        report.formVersion,
        report.answers,
      );
      if (questions.length === 0) continue;
      const { answers: _answers, ...rest } = report;
      critical.push({ ...rest, questions });
    }
    return {
      phaseCode,
      phases: mission.phases as { code: string; kind: Phase["kind"] }[],
      perHour,
      critical,
      coverage,
      generatedAt: new Date().toISOString(),
    };
  });

  registerRoute(app, routes.liveEvents, async ({ params, request, reply }) => {
    const { missionId } = params;
    await requireMission(store, missionId);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      // The headers hooks gave the reply (request id, security headers): Fastify sends none now.
      ...(reply.getHeaders() as Record<string, string>),
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Reverse proxies must pass events through as they come.
      "x-accel-buffering": "no",
    });
    raw.write("retry: 5000\n: connected\n\n");
    const send = (event: LiveEvent) => raw.write(`event: reports\ndata: ${JSON.stringify(event)}\n\n`);
    const unsubscribe = feed.subscribe(missionId, send);
    const heartbeat = setInterval(() => raw.write(": ping\n\n"), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      if (!raw.writableEnded) raw.end();
    };
    streams.add(end);
    request.raw.on("close", end);
    return reply;
  });
}
