import type { Store } from "@scrutiny/store";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  compileIndicator,
  IndicatorCode,
  IndicatorDefinition,
  IndicatorMatch,
} from "../analysis/definitions.ts";
import { AnalysisService } from "../analysis/service.ts";
import { requireRole } from "../auth/authenticate.ts";
import { forbidden, HttpError, notFound } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";

const MissionParams = z.object({ missionId: z.uuid() });
const IndicatorParams = z.object({ missionId: z.uuid(), code: IndicatorCode });
const ElectionParams = z.object({ electionId: z.uuid() });
const MatchParams = z.object({ electionId: z.uuid(), code: IndicatorCode });
const EstimatesQuery = z.object({
  areaLevel: z.string().min(1).max(64).optional(),
  minCell: z.coerce.number().int().min(1).max(10_000).optional(),
});

/**
 * Analysis: indicators (versioned, per mission), their estimates with design-based intervals,
 * breakdowns, observer effects, PVT and turnout check, and missions side by side.
 */
export function analysisRoutes(
  app: FastifyInstance,
  store: Store,
  service = new AnalysisService(store),
): void {
  /** Coordinators and analysts see their own mission's analysis; administrators every mission's. */
  const missionAccess = (request: FastifyRequest, missionId: string) => {
    const user = requireRole(request, "coordinator", "analyst");
    if (user.role !== "admin" && user.missionId !== missionId)
      throw forbidden("this is another mission's analysis");
    return user;
  };
  /** Election-wide figures (missions side by side) are open to the staff of any of its missions. */
  const electionAccess = async (request: FastifyRequest, electionId: string) => {
    const user = requireRole(request, "coordinator", "analyst");
    if (user.role === "admin") return user;
    const mission = user.missionId ? await store.missions.get(user.missionId) : undefined;
    if (mission?.electionId !== electionId) throw forbidden("this is another election");
    return user;
  };
  const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw notFound(r.error.message.replace(/ not found.*$/, ""));
    return r.value;
  };

  app.get(
    "/api/v1/missions/:missionId/analysis/indicators",
    {
      schema: routeSchema({
        params: MissionParams,
        summary: "A mission's indicators (current versions)",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      missionAccess(request, missionId);
      const frame = await store.analysis.missionFrame(missionId);
      if (frame === undefined) throw notFound("mission");
      const ctx = unwrap(await service.context(missionId));
      return {
        indicators: ctx.indicators.map((i) => ({
          code: i.code,
          version: i.version,
          definition: i.definition,
        })),
        invalid: ctx.invalid,
      };
    },
  );

  app.get(
    "/api/v1/missions/:missionId/analysis/indicators/:code/versions",
    {
      schema: routeSchema({
        params: IndicatorParams,
        summary: "Every version of one indicator",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { missionId, code } = request.params as z.infer<typeof IndicatorParams>;
      missionAccess(request, missionId);
      const versions = await store.analysis.indicatorHistory(missionId, code);
      if (versions.length === 0) throw notFound("indicator");
      return { versions };
    },
  );

  app.put(
    "/api/v1/missions/:missionId/analysis/indicators/:code",
    {
      schema: routeSchema({
        params: IndicatorParams,
        body: IndicatorDefinition,
        summary: "Create an indicator or publish a new version of it",
        tags: ["analysis"],
      }),
    },
    async (request, reply) => {
      const { missionId, code } = request.params as z.infer<typeof IndicatorParams>;
      const user = missionAccess(request, missionId);
      const definition = request.body as z.infer<typeof IndicatorDefinition>;
      const compiled = compileIndicator({ code, version: 0, definition });
      if (!compiled.ok)
        throw new HttpError(422, "invalid_indicator", compiled.error.message, [
          { path: `body.${compiled.error.path}`, message: compiled.error.message },
        ]);
      if ((await store.analysis.missionFrame(missionId)) === undefined) throw notFound("mission");
      const saved = await store.analysis.saveIndicator({
        missionId,
        code,
        definition: definition as unknown as Record<string, unknown>,
        createdBy: user.id,
      });
      return reply.code(saved.version === 1 ? 201 : 200).send({ indicator: saved });
    },
  );

  app.delete(
    "/api/v1/missions/:missionId/analysis/indicators/:code",
    {
      schema: routeSchema({
        params: IndicatorParams,
        summary: "Retire an indicator (a new version marked retired; history is kept)",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { missionId, code } = request.params as z.infer<typeof IndicatorParams>;
      const user = missionAccess(request, missionId);
      const history = await store.analysis.indicatorHistory(missionId, code);
      const last = history[history.length - 1];
      if (last === undefined || last.retired) throw notFound("indicator");
      const saved = await store.analysis.saveIndicator({
        missionId,
        code,
        definition: last.definition,
        retired: true,
        createdBy: user.id,
      });
      return { indicator: saved };
    },
  );

  app.get(
    "/api/v1/missions/:missionId/analysis/estimates",
    {
      schema: routeSchema({
        params: MissionParams,
        querystring: EstimatesQuery,
        summary: "Every indicator estimated overall, by phase and by area, with 95% intervals and exclusions",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      missionAccess(request, missionId);
      const query = request.query as z.infer<typeof EstimatesQuery>;
      return unwrap(
        await service.estimates(missionId, { areaLevel: query.areaLevel, minCellUnits: query.minCell }),
      );
    },
  );

  app.get(
    "/api/v1/missions/:missionId/analysis/observer-effects",
    {
      schema: routeSchema({
        params: MissionParams,
        summary: "Team severity with uncertainty and flags, agreement, raw vs adjusted assessment indicators",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      missionAccess(request, missionId);
      return unwrap(await service.observerEffects(missionId));
    },
  );

  app.get(
    "/api/v1/missions/:missionId/analysis/pvt",
    {
      schema: routeSchema({
        params: MissionParams,
        summary: "Parallel vote tabulation against official results, and the turnout check",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      missionAccess(request, missionId);
      return unwrap(await service.pvt(missionId));
    },
  );

  app.get(
    "/api/v1/elections/:electionId/analysis/comparison",
    {
      schema: routeSchema({
        params: ElectionParams,
        summary: "Missions side by side: matched indicators with intervals and tests of difference",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      await electionAccess(request, electionId);
      return unwrap(await service.comparison(electionId));
    },
  );

  app.get(
    "/api/v1/elections/:electionId/analysis/matches",
    {
      schema: routeSchema({
        params: ElectionParams,
        summary: "The analyst's mapping of indicators across missions",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      await electionAccess(request, electionId);
      return { matches: await store.analysis.matches(electionId) };
    },
  );

  app.put(
    "/api/v1/elections/:electionId/analysis/matches/:code",
    {
      schema: routeSchema({
        params: MatchParams,
        body: IndicatorMatch,
        summary: "Create or replace one cross-mission match",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { electionId, code } = request.params as z.infer<typeof MatchParams>;
      await electionAccess(request, electionId);
      const body = request.body as z.infer<typeof IndicatorMatch>;
      const missions = new Set((await store.analysis.missionsOfElection(electionId)).map((m) => m.id));
      const strangers = Object.keys(body.members).filter((id) => !missions.has(id));
      if (strangers.length > 0)
        throw new HttpError(422, "invalid_match", "members must be missions of this election", {
          missions: strangers,
        });
      await store.analysis.saveMatch({ electionId, code, name: body.name, members: body.members });
      return { matches: await store.analysis.matches(electionId) };
    },
  );

  app.delete(
    "/api/v1/elections/:electionId/analysis/matches/:code",
    {
      schema: routeSchema({
        params: MatchParams,
        summary: "Delete one cross-mission match",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { electionId, code } = request.params as z.infer<typeof MatchParams>;
      await electionAccess(request, electionId);
      if (!(await store.analysis.deleteMatch(electionId, code))) throw notFound("match");
      return { matches: await store.analysis.matches(electionId) };
    },
  );

  app.get(
    "/api/v1/elections/:electionId/analysis/regions",
    {
      schema: routeSchema({
        params: ElectionParams,
        summary: "Region outlines as GeoJSON (for the breakdown map)",
        tags: ["analysis"],
      }),
    },
    async (request) => {
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      await electionAccess(request, electionId);
      return service.regions(electionId);
    },
  );
}
