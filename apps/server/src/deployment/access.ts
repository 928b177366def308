// Who may touch a mission's deployment: its own coordinators (analysts read), or an administrator.
// Every deployment, import and coverage route goes through these checks.
import type { Role, User } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import type { FastifyRequest } from "fastify";
import { requireRole } from "../auth/authenticate.ts";
import { forbidden, notFound } from "../http/errors.ts";

export interface MissionContext {
  readonly code: string;
  readonly electionId: string;
  readonly design: string;
  readonly phases: { code: string; kind: string }[];
}

/** The caller, who must hold one of `roles` in this very mission (admins pass); and the mission. */
export async function requireMission(
  store: Store,
  request: FastifyRequest,
  missionId: string,
  ...roles: Role[]
): Promise<{ user: User; mission: MissionContext }> {
  const user = requireRole(request, ...roles);
  if (user.role !== "admin" && user.missionId !== missionId)
    throw forbidden("this is another mission's data");
  const mission = await store.deployment.missionContext(missionId);
  if (mission === undefined) throw notFound("mission");
  return { user, mission };
}

/**
 * Stations and areas belong to the election, shared by its missions: a coordinator of any
 * mission observing the election may import them (admins too).
 */
export async function requireElectionCoordinator(
  store: Store,
  request: FastifyRequest,
  electionId: string,
): Promise<User> {
  const user = requireRole(request, "coordinator");
  const election = await store.elections.summary(electionId);
  if (election === undefined) throw notFound("election");
  if (user.role === "admin") return user;
  const missionElection =
    user.missionId === null ? undefined : await store.deployment.missionElection(user.missionId);
  if (missionElection !== electionId) throw forbidden("your mission does not observe this election");
  return user;
}

export function requirePhase(mission: MissionContext, phaseCode: string): void {
  if (!mission.phases.some((p) => p.code === phaseCode))
    throw notFound(`phase "${phaseCode}" of this election`);
}
