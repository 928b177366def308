import { Code as CodeSchema, safeParseFormDefinition } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireMission, requirePhase } from "../deployment/access.ts";
import { routeSchema } from "../http/zod-validation.ts";
import type { SubmissionIngestion } from "../ingestion/ingest.ts";
import { criticalAnswers, hasCriticalQuestions, type LiveEvent, LiveFeed } from "../live/feed.ts";

const MissionParams = z.object({ missionId: z.uuid() });
const SummaryQuery = z.object({
  phaseCode: CodeSchema.optional(),
  missingLimit: z.coerce.number().int().min(0).max(5000).default(1000),
});
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

  app.get(
    "/api/v1/missions/:missionId/live",
    {
      schema: routeSchema({
        params: MissionParams,
        querystring: SummaryQuery,
        summary:
          "Election-day summary: reports per hour by phase, critical incidents first, coverage by area, stations not reported with phone numbers",
        tags: ["live"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      const { mission } = await requireMission(store, request, missionId, "coordinator");
      const query = request.query as z.infer<typeof SummaryQuery>;
      const phaseCode =
        query.phaseCode ??
        mission.phases.find((p) => p.kind === "election_day")?.code ??
        mission.phases[0]?.code ??
        "";
      requirePhase(mission, phaseCode);
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
        store.coverage.report(missionId, phaseCode, query.missingLimit),
      ]);
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
        phases: mission.phases,
        perHour,
        critical,
        coverage,
        generatedAt: new Date().toISOString(),
      };
    },
  );

  app.get(
    "/api/v1/missions/:missionId/live/events",
    {
      schema: routeSchema({
        params: MissionParams,
        summary: "Server-sent events: `reports` whenever new reports of the mission are stored",
        tags: ["live"],
      }),
    },
    async (request, reply) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      await requireMission(store, request, missionId, "coordinator");
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
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
    },
  );
}
