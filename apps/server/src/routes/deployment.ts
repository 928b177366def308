import { type Issue, deployment as routes } from "@scrutiny/contract";
import {
  type InputIssue,
  normalizePhone,
  parseImportedSample,
  readCsvTable,
  type Table,
} from "@scrutiny/domain";
import type { Store, StoredPlan } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import type { CredentialCache } from "../auth/credential-cache.ts";
import { hashPassword } from "../auth/passwords.ts";
import { requireMission, requirePhase } from "../deployment/access.ts";
import { newAccessCode, observerUsername } from "../deployment/access-codes.ts";
import { drawPlan, importPlan } from "../deployment/plans.ts";
import { HttpError, notFound, refused } from "../http/errors.ts";
import { invalidRequest, registerRoute } from "../http/route.ts";

/**
 * A mission's deployment: its sampling plan, observers (contact details, areas, phone-app
 * sign-ins), teams and their routes, and visits as they happen. Only the mission's own
 * coordinators (and administrators) see or change any of it; analysts may read the plan.
 */
export function deploymentRoutes(app: FastifyInstance, store: Store, credentials: CredentialCache): void {
  /** A file's problem as a request issue: the body field it is in, with its line and column. */
  const located = (field: string, issue: InputIssue): Issue => ({
    path: ["body", field],
    code: issue.code,
    message: issue.message,
    ...(issue.line === undefined ? {} : { line: issue.line }),
    ...(issue.column === undefined ? {} : { column: issue.column }),
    ...(issue.params === undefined ? {} : { params: issue.params }),
  });

  /** A new plan version beside the current one, and where to confirm it. */
  const proposal = async (missionId: string, version: number) => {
    const [plan, current] = await Promise.all([
      store.deployment.plan(missionId, version),
      store.deployment.currentPlan(missionId),
    ]);
    return {
      plan,
      current: current ?? null,
      confirm: `/api/v1/missions/${missionId}/plan/versions/${version}/confirm`,
    };
  };

  registerRoute(app, routes.getPlan, async ({ params }) => {
    const { missionId } = params;
    const mission = await requireMission(store, missionId);
    const [current, proposed] = await Promise.all([
      store.deployment.currentPlan(missionId),
      store.deployment.proposedPlan(missionId),
    ]);
    return {
      design: mission.design as StoredPlan["design"],
      plan: current ?? null,
      proposed: proposed ?? null,
    };
  });

  registerRoute(app, routes.planVersions, async ({ params }) => {
    await requireMission(store, params.missionId);
    return { versions: await store.deployment.planVersions(params.missionId) };
  });

  registerRoute(app, routes.planVersion, async ({ params }) => {
    await requireMission(store, params.missionId);
    const plan = await store.deployment.plan(params.missionId, params.version);
    if (plan === undefined) throw notFound("plan_version", params.version);
    return { plan };
  });

  registerRoute(app, routes.confirmPlan, async ({ user, params }) => {
    await requireMission(store, params.missionId);
    const plan = await store.deployment.confirmPlan(params.missionId, params.version, user.id);
    if (plan === undefined)
      throw notFound("plan_version", params.version, `proposed plan version ${params.version} not found`);
    return { plan };
  });

  registerRoute(app, routes.discardPlan, async ({ params }) => {
    await requireMission(store, params.missionId);
    if (!(await store.deployment.discardPlan(params.missionId, params.version)))
      throw notFound("plan_version", params.version, `proposed plan version ${params.version} not found`);
    return { discarded: params.version };
  });

  registerRoute(app, routes.drawPlan, async ({ reply, user, params, body }) => {
    const { missionId } = params;
    const mission = await requireMission(store, missionId);
    const outcome = await drawPlan(store, {
      missionId,
      electionId: mission.electionId,
      request: body,
      createdBy: user.id,
    });
    if (!outcome.ok) throw refused(422, outcome);
    return reply.status(201).send(await proposal(missionId, outcome.version));
  });

  registerRoute(app, routes.importPlan, async ({ reply, user, params, body }) => {
    const { missionId } = params;
    const mission = await requireMission(store, missionId);
    const files: [string, string | undefined][] = [
      ["stations", body.stations],
      ["strata", body.strata],
    ];
    const tables: Partial<Record<string, Table>> = {};
    const issues: Issue[] = [];
    for (const [field, text] of files) {
      if (text === undefined) continue;
      const table = readCsvTable(text);
      if (table.ok) tables[field] = table.value;
      else issues.push(...table.error.map((i) => located(field, i)));
    }
    const stations = tables["stations"];
    if (issues.length > 0 || stations === undefined) throw invalidRequest(issues);
    const sample = parseImportedSample(stations, tables["strata"]);
    if (!sample.ok)
      throw invalidRequest(sample.error.map((i) => located(String(i.path?.[0] ?? "stations"), i)));
    const outcome = await importPlan(store, {
      missionId,
      electionId: mission.electionId,
      sample: sample.value,
      createdBy: user.id,
    });
    if (!outcome.ok) throw invalidRequest((outcome.issues ?? []).map((i) => located("stations", i)));
    return reply.status(201).send(await proposal(missionId, outcome.version));
  });

  registerRoute(app, routes.plannedStations, async ({ params, query }) => {
    const { missionId } = params;
    await requireMission(store, missionId);
    return store.deployment.plannedStations(missionId, query);
  });

  registerRoute(app, routes.samplingFrame, async ({ params }) => {
    const { missionId } = params;
    const mission = await requireMission(store, missionId);
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
  });

  registerRoute(app, routes.listObservers, async ({ params }) => {
    const { missionId } = params;
    await requireMission(store, missionId);
    return { observers: await store.roster.list(missionId) };
  });

  registerRoute(app, routes.patchObserver, async ({ params, body }) => {
    const { missionId, observerId } = params;
    await requireMission(store, missionId);
    if ((await store.roster.observerInMission(missionId, observerId)) === undefined)
      throw notFound("observer");
    const { phone, defaultCountryCode, ...rest } = body;
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
            { issues: [{ path: ["body", "phone"], code: "invalid_phone", message: "not a phone number" }] },
            { phone },
          );
        patch.phone = normalised;
      }
    }
    await store.roster.updateObserver(observerId, patch);
    const observer = (await store.roster.list(missionId)).find((o) => o.id === observerId);
    if (observer === undefined) throw notFound("observer");
    return { observer };
  });

  registerRoute(app, routes.assignObserverAreas, async ({ params, body }) => {
    const { missionId, observerId } = params;
    const mission = await requireMission(store, missionId);
    if ((await store.roster.observerInMission(missionId, observerId)) === undefined)
      throw notFound("observer");
    const { areaCodes } = body;
    const missing = await store.roster.setObserverAreas(mission.electionId, observerId, areaCodes);
    if (missing.length > 0)
      throw new HttpError(
        422,
        "unknown_area",
        `no area ${missing.join(", ")} in this election`,
        { missing },
        { codes: missing.slice(0, 10) },
      );
    return { areaCodes };
  });

  registerRoute(
    app,
    routes.issueAccess,
    async ({ reply, user, params }) => {
      const { missionId, observerId } = params;
      const mission = await requireMission(store, missionId);
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
    { config: { rateLimit: { max: 600, timeWindow: "1 minute" } } },
  );

  registerRoute(app, routes.revokeAccess, async ({ reply, params }) => {
    const { missionId, observerId } = params;
    await requireMission(store, missionId);
    if ((await store.roster.observerInMission(missionId, observerId)) === undefined)
      throw notFound("observer");
    const revoked = await store.roster.revokeAccess(observerId);
    for (const key of revoked.endedSessions) credentials.evict(key);
    if (!revoked.revoked) throw notFound("observer_sign_in");
    return reply.status(204).send();
  });

  registerRoute(app, routes.listTeams, async ({ params }) => {
    const { missionId } = params;
    await requireMission(store, missionId);
    return { teams: await store.deployment.teams(missionId) };
  });

  registerRoute(app, routes.putTeam, async ({ params, body }) => {
    const { missionId, teamCode } = params;
    await requireMission(store, missionId);
    const { observerIds } = body;
    const unique = [...new Set(observerIds)];
    if (unique.length < 2) throw new HttpError(422, "team_too_small", "a team has two or more observers");
    for (const id of unique)
      if ((await store.roster.observerInMission(missionId, id)) === undefined)
        throw new HttpError(422, "unknown_observer", `observer ${id} is not in this mission`);
    const teamId = await store.roster.upsertTeam(missionId, teamCode, unique);
    const team = (await store.deployment.teams(missionId)).find((t) => t.id === teamId);
    if (team === undefined) throw notFound("team");
    return { team };
  });

  registerRoute(app, routes.teamRoute, async ({ params }) => ({
    stops: await store.deployment.route(params.teamId),
  }));

  registerRoute(app, routes.setTeamRoute, async ({ params, body }) => {
    const { missionId, teamId, phaseCode } = params;
    const mission = await requireMission(store, missionId);
    requirePhase(mission, phaseCode);
    if (!(await store.deployment.teamInMission(missionId, teamId))) throw notFound("team");
    const stationIds = await resolveStations(mission.electionId, body.stationIds, body.stationCodes);
    return { stops: await store.deployment.setRoute(missionId, teamId, phaseCode, stationIds) };
  });

  registerRoute(app, routes.relocateTeam, async ({ reply, params, body }) => {
    const { missionId, teamId } = params;
    const mission = await requireMission(store, missionId);
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
  });

  for (const [contract, field] of [
    [routes.recordArrival, "arrivedAt"],
    [routes.recordDeparture, "departedAt"],
  ] as const) {
    registerRoute(app, contract, async ({ params, body }) => {
      await store.deployment.recordVisitTime(params.visitId, field, body.at ?? new Date().toISOString());
      const visit = await store.deployment.visit(params.visitId);
      if (visit === undefined) throw notFound("visit");
      return { visit };
    });
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
          undefined,
          { codes: unknown.slice(0, 10) },
        );
      return stationCodes.map((code) => byCode.get(code) ?? "");
    }
    const ids = stationIds ?? [];
    for (const id of ids)
      if (!(await store.elections.stationExists(electionId, id)))
        throw new HttpError(422, "unknown_station", `station ${id} is not in this election`, undefined, {
          codes: [id],
        });
    return [...ids];
  }
}
