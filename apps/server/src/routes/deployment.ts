import { Code as CodeSchema, CountryCallingCode, normalizePhone, SamplePlanRequest } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireRole } from "../auth/authenticate.ts";
import type { CredentialCache } from "../auth/credential-cache.ts";
import { hashPassword } from "../auth/passwords.ts";
import { requireMission, requirePhase } from "../deployment/access.ts";
import { newAccessCode, observerUsername } from "../deployment/access-codes.ts";
import { drawPlan } from "../deployment/plans.ts";
import { forbidden, HttpError, notFound } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";

const MissionParams = z.object({ missionId: z.uuid() });
const ObserverParams = MissionParams.extend({ observerId: z.uuid() });
const TeamParams = MissionParams.extend({ teamId: z.uuid() });
const TeamCodeParams = MissionParams.extend({ teamCode: CodeSchema });
const RouteParams = TeamParams.extend({ phaseCode: CodeSchema });
const VisitParams = z.object({ visitId: z.uuid() });
const Page = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const ObserverPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    /** A new phone number (any common notation); null removes it. */
    phone: z.string().trim().max(40).nullable().optional(),
    defaultCountryCode: CountryCallingCode.optional(),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/))
      .max(10)
      .optional(),
    accreditation: z.string().trim().max(64).nullable().optional(),
  })
  .strict();
const AreaAssignment = z.object({ areaCodes: z.array(CodeSchema).max(500) });
const TeamRequest = z.object({
  observerIds: z.array(z.uuid()).min(2, "a team has two or more observers").max(20),
});
const RouteRequest = z
  .object({
    stationIds: z.array(z.uuid()).max(200).optional(),
    stationCodes: z.array(CodeSchema).max(200).optional(),
  })
  .refine((r) => (r.stationIds === undefined) !== (r.stationCodes === undefined), {
    message: "give stationIds or stationCodes",
  });
const Relocation = z
  .object({
    phaseCode: CodeSchema,
    stationId: z.uuid().optional(),
    stationCode: CodeSchema.optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((r) => (r.stationId === undefined) !== (r.stationCode === undefined), {
    message: "give stationId or stationCode",
  });
const VisitTime = z.object({ at: z.iso.datetime({ offset: true }).optional() });

/**
 * A mission's deployment: its sampling plan, observers (contact details, areas, phone-app
 * sign-ins), teams and their routes, and visits as they happen. Only the mission's own
 * coordinators (and administrators) see or change any of it; analysts may read the plan.
 */
export function deploymentRoutes(app: FastifyInstance, store: Store, credentials: CredentialCache): void {
  app.get(
    "/api/v1/missions/:missionId/plan",
    {
      schema: routeSchema({
        params: MissionParams,
        summary: "The mission's current deployment plan with stratum sizes (N_h, n_h)",
        tags: ["deployment"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      const { mission } = await requireMission(store, request, missionId, "coordinator", "analyst");
      return { design: mission.design, plan: (await store.deployment.currentPlan(missionId)) ?? null };
    },
  );

  app.post(
    "/api/v1/missions/:missionId/plan",
    {
      schema: routeSchema({
        params: MissionParams,
        body: SamplePlanRequest,
        summary:
          "Draw the deployment: simple random, stratified (proportional or fixed allocation) or a declared convenience plan; seeded",
        tags: ["deployment"],
      }),
    },
    async (request, reply) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      const { user, mission } = await requireMission(store, request, missionId, "coordinator");
      const outcome = await drawPlan(store, {
        missionId,
        electionId: mission.electionId,
        request: request.body as SamplePlanRequest,
        createdBy: user.id,
      });
      if (!outcome.ok) throw new HttpError(422, outcome.code, outcome.message, outcome.details);
      return reply.status(201).send({ plan: await store.deployment.currentPlan(missionId) });
    },
  );

  app.get(
    "/api/v1/missions/:missionId/plan/stations",
    {
      schema: routeSchema({
        params: MissionParams,
        querystring: Page,
        summary:
          "Stations of the current plan (sample, then reserves) with strata and inclusion probabilities",
        tags: ["deployment"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      await requireMission(store, request, missionId, "coordinator", "analyst");
      return store.deployment.plannedStations(missionId, request.query as z.infer<typeof Page>);
    },
  );

  app.get(
    "/api/v1/missions/:missionId/frame",
    {
      schema: routeSchema({
        params: MissionParams,
        summary:
          "What the election's stations can be stratified by: area levels and attributes with their values",
        tags: ["deployment"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      const { mission } = await requireMission(store, request, missionId, "coordinator", "analyst");
      const frame = await store.deployment.frame(mission.electionId);
      const count = (pick: (row: (typeof frame)[number]) => Record<string, string>) => {
        const values = new Map<string, Set<string>>();
        for (const row of frame)
          for (const [key, value] of Object.entries(pick(row))) {
            const set = values.get(key) ?? new Set<string>();
            set.add(value);
            values.set(key, set);
          }
        return [...values].map(([key, set]) => ({ key, values: set.size }));
      };
      return {
        stations: frame.length,
        levels: count((r) => r.areas),
        attributes: count((r) => r.attributes),
      };
    },
  );

  app.get(
    "/api/v1/missions/:missionId/observers",
    {
      schema: routeSchema({
        params: MissionParams,
        summary: "The mission's observers with teams, areas and phone-app sign-in status",
        tags: ["deployment"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      await requireMission(store, request, missionId, "coordinator");
      return { observers: await store.roster.list(missionId) };
    },
  );

  app.patch(
    "/api/v1/missions/:missionId/observers/:observerId",
    {
      schema: routeSchema({
        params: ObserverParams,
        body: ObserverPatch,
        summary: "Change an observer's name, phone (normalised to E.164), languages or accreditation",
        tags: ["deployment"],
      }),
    },
    async (request) => {
      const { missionId, observerId } = request.params as z.infer<typeof ObserverParams>;
      await requireMission(store, request, missionId, "coordinator");
      if ((await store.roster.observerInMission(missionId, observerId)) === undefined)
        throw notFound("observer");
      const { phone, defaultCountryCode, ...rest } = request.body as z.infer<typeof ObserverPatch>;
      const patch: Parameters<Store["roster"]["updateObserver"]>[1] = { ...rest };
      if (phone !== undefined) {
        if (phone === null || phone === "") patch.phone = null;
        else {
          const normalised = normalizePhone(phone, defaultCountryCode);
          if (normalised === undefined)
            throw new HttpError(
              422,
              "invalid_phone",
              `"${phone}" is not a phone number with a country code`,
              {
                issues: [{ path: "body.phone", code: "invalid_phone", message: "not a phone number" }],
              },
            );
          patch.phone = normalised;
        }
      }
      await store.roster.updateObserver(observerId, patch);
      const observer = (await store.roster.list(missionId)).find((o) => o.id === observerId);
      return { observer };
    },
  );

  app.put(
    "/api/v1/missions/:missionId/observers/:observerId/areas",
    {
      schema: routeSchema({
        params: ObserverParams,
        body: AreaAssignment,
        summary: "Assign a long-term observer to areas (by code)",
        tags: ["deployment"],
      }),
    },
    async (request) => {
      const { missionId, observerId } = request.params as z.infer<typeof ObserverParams>;
      const { mission } = await requireMission(store, request, missionId, "coordinator");
      if ((await store.roster.observerInMission(missionId, observerId)) === undefined)
        throw notFound("observer");
      const { areaCodes } = request.body as z.infer<typeof AreaAssignment>;
      const missing = await store.roster.setObserverAreas(mission.electionId, observerId, areaCodes);
      if (missing.length > 0)
        throw new HttpError(422, "unknown_area", `no area ${missing.join(", ")} in this election`, {
          missing,
        });
      return { areaCodes };
    },
  );

  app.post(
    "/api/v1/missions/:missionId/observers/:observerId/access",
    {
      schema: routeSchema({
        params: ObserverParams,
        summary:
          "Issue or reissue an observer's phone-app sign-in: a new access code (shown once; only its hash is kept)",
        tags: ["deployment"],
      }),
      config: { rateLimit: { max: 600, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const { missionId, observerId } = request.params as z.infer<typeof ObserverParams>;
      const { user, mission } = await requireMission(store, request, missionId, "coordinator");
      const observer = await store.roster.observerInMission(missionId, observerId);
      if (observer === undefined) throw notFound("observer");
      const accessCode = newAccessCode();
      let username = observerUsername(mission.code, observer.code);
      const existing = (await store.roster.list(missionId)).find((o) => o.id === observerId)?.username;
      if (existing == null && (await store.roster.usernameTaken(username)))
        username = `${username}-${observerId.slice(0, 4)}`;
      const issued = await store.roster.issueAccess({
        observerId,
        missionId,
        username,
        displayName: observer.name,
        passwordHash: await hashPassword(accessCode),
        issuedBy: user.role === "admin" ? null : user.id,
      });
      for (const key of issued.endedSessions) credentials.evict(key);
      return reply.status(201).send({
        username: issued.username,
        accessCode,
        signInPath: `/sign-in?username=${encodeURIComponent(issued.username)}`,
      });
    },
  );

  app.delete(
    "/api/v1/missions/:missionId/observers/:observerId/access",
    {
      schema: routeSchema({
        params: ObserverParams,
        summary: "Revoke an observer's phone-app sign-in; their sessions end at once",
        tags: ["deployment"],
      }),
    },
    async (request, reply) => {
      const { missionId, observerId } = request.params as z.infer<typeof ObserverParams>;
      await requireMission(store, request, missionId, "coordinator");
      if ((await store.roster.observerInMission(missionId, observerId)) === undefined)
        throw notFound("observer");
      const revoked = await store.roster.revokeAccess(observerId);
      for (const key of revoked.endedSessions) credentials.evict(key);
      if (!revoked.revoked) throw notFound("sign-in of this observer");
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/missions/:missionId/teams",
    {
      schema: routeSchema({
        params: MissionParams,
        summary: "Teams with their members",
        tags: ["deployment"],
      }),
    },
    async (request) => {
      const { missionId } = request.params as z.infer<typeof MissionParams>;
      await requireMission(store, request, missionId, "coordinator");
      return { teams: await store.deployment.teams(missionId) };
    },
  );

  app.put(
    "/api/v1/missions/:missionId/teams/:teamCode",
    {
      schema: routeSchema({
        params: TeamCodeParams,
        body: TeamRequest,
        summary: "Create a team of two or more of the mission's observers, or replace its members",
        tags: ["deployment"],
      }),
    },
    async (request) => {
      const { missionId, teamCode } = request.params as z.infer<typeof TeamCodeParams>;
      await requireMission(store, request, missionId, "coordinator");
      const { observerIds } = request.body as z.infer<typeof TeamRequest>;
      const unique = [...new Set(observerIds)];
      if (unique.length < 2) throw new HttpError(422, "team_too_small", "a team has two or more observers");
      for (const id of unique)
        if ((await store.roster.observerInMission(missionId, id)) === undefined)
          throw new HttpError(422, "unknown_observer", `observer ${id} is not in this mission`);
      const teamId = await store.roster.upsertTeam(missionId, teamCode, unique);
      return { team: (await store.deployment.teams(missionId)).find((t) => t.id === teamId) };
    },
  );

  app.get(
    "/api/v1/missions/:missionId/teams/:teamId/route",
    {
      schema: routeSchema({
        params: TeamParams,
        summary: "A team's route: its visits per phase in order, with arrival and departure",
        tags: ["deployment"],
      }),
    },
    async (request) => {
      const { missionId, teamId } = request.params as z.infer<typeof TeamParams>;
      await requireTeamAccess(request, missionId, teamId);
      return { stops: await store.deployment.route(teamId) };
    },
  );

  app.put(
    "/api/v1/missions/:missionId/teams/:teamId/route/:phaseCode",
    {
      schema: routeSchema({
        params: RouteParams,
        body: RouteRequest,
        summary:
          "Set a team's ordered stations for a phase (stops already visited stay); a station may be on several teams' routes",
        tags: ["deployment"],
      }),
    },
    async (request) => {
      const { missionId, teamId, phaseCode } = request.params as z.infer<typeof RouteParams>;
      const { mission } = await requireMission(store, request, missionId, "coordinator");
      requirePhase(mission, phaseCode);
      if (!(await store.deployment.teamInMission(missionId, teamId))) throw notFound("team");
      const body = request.body as z.infer<typeof RouteRequest>;
      const stationIds = await resolveStations(mission.electionId, body.stationIds, body.stationCodes);
      return { stops: await store.deployment.setRoute(missionId, teamId, phaseCode, stationIds) };
    },
  );

  app.post(
    "/api/v1/missions/:missionId/teams/:teamId/relocations",
    {
      schema: routeSchema({
        params: TeamParams,
        body: Relocation,
        summary:
          "A team moves to another station partway through its route: the open visit closes, a visit to the new station opens",
        tags: ["deployment"],
      }),
    },
    async (request, reply) => {
      const { missionId, teamId } = request.params as z.infer<typeof TeamParams>;
      const mission = await requireTeamAccess(request, missionId, teamId);
      const body = request.body as z.infer<typeof Relocation>;
      requirePhase(mission, body.phaseCode);
      const [stationId] = await resolveStations(
        mission.electionId,
        body.stationId === undefined ? undefined : [body.stationId],
        body.stationCode === undefined ? undefined : [body.stationCode],
      );
      if (stationId === undefined) throw notFound("station");
      const moved = await store.deployment.relocate({
        missionId,
        teamId,
        phaseCode: body.phaseCode,
        stationId,
        at: body.at ?? new Date().toISOString(),
      });
      return reply.status(201).send({ ...moved, visit: await store.deployment.visit(moved.visitId) });
    },
  );

  for (const [path, field] of [
    ["arrival", "arrivedAt"],
    ["departure", "departedAt"],
  ] as const) {
    app.post(
      `/api/v1/visits/:visitId/${path}`,
      {
        schema: routeSchema({
          params: VisitParams,
          body: VisitTime,
          summary: `Record a team's ${path} at a station (now, or the time given)`,
          tags: ["deployment"],
        }),
      },
      async (request) => {
        const { visitId } = request.params as z.infer<typeof VisitParams>;
        const visit = await store.deployment.visit(visitId);
        // Unknown and other missions' visits look the same: not found.
        const user = requireRole(request, "coordinator", "observer");
        if (visit === undefined || (user.role !== "admin" && user.missionId !== visit.missionId))
          throw notFound("visit");
        await requireTeamAccess(request, visit.missionId, visit.teamId);
        const { at } = request.body as z.infer<typeof VisitTime>;
        await store.deployment.recordVisitTime(visitId, field, at ?? new Date().toISOString());
        return { visit: await store.deployment.visit(visitId) };
      },
    );
  }

  /** Coordinators of the mission, or an observer who is a member of the team. */
  async function requireTeamAccess(
    request: Parameters<typeof requireRole>[0],
    missionId: string,
    teamId: string,
  ) {
    const user = requireRole(request, "coordinator", "observer");
    if (user.role !== "admin" && user.missionId !== missionId)
      throw forbidden("this is another mission's data");
    const mission = await store.deployment.missionContext(missionId);
    if (mission === undefined || !(await store.deployment.teamInMission(missionId, teamId)))
      throw notFound("team");
    if (
      user.role === "observer" &&
      (user.observerId === null || !(await store.deployment.isTeamMember(teamId, user.observerId)))
    )
      throw forbidden("you are not in this team");
    return mission;
  }

  async function resolveStations(
    electionId: string,
    stationIds: readonly string[] | undefined,
    stationCodes: readonly string[] | undefined,
  ): Promise<string[]> {
    if (stationCodes !== undefined) {
      const byCode = await store.deployment.stationIdsByCode(electionId, stationCodes);
      const unknown = stationCodes.filter((code) => !byCode.has(code));
      if (unknown.length > 0)
        throw new HttpError(
          422,
          "unknown_station",
          `no station ${unknown.slice(0, 10).join(", ")} in this election`,
        );
      return stationCodes.map((code) => byCode.get(code) ?? "");
    }
    const ids = stationIds ?? [];
    for (const id of ids)
      if (!(await store.elections.stationExists(electionId, id)))
        throw new HttpError(422, "unknown_station", `station ${id} is not in this election`);
    return [...ids];
  }
}
