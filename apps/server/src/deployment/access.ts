// Lookups shared by the deployment, import and coverage routes. Who may call them is each route's
// declared policy (packages/contract); these only fetch what the policy has already cleared.
import type { Store } from "@scrutiny/store";
import { notFound } from "../http/errors.ts";

export interface MissionContext {
  readonly code: string;
  readonly electionId: string;
  readonly design: string;
  readonly phases: { code: string; kind: string }[];
}

/** The mission (its code, election and phases), or 404. */
export async function requireMission(store: Store, missionId: string): Promise<MissionContext> {
  const mission = await store.deployment.missionContext(missionId);
  if (mission === undefined) throw notFound("mission");
  return mission;
}

export async function requireElection(store: Store, electionId: string): Promise<void> {
  if ((await store.elections.summary(electionId)) === undefined) throw notFound("election");
}

export function requirePhase(mission: MissionContext, phaseCode: string): void {
  if (!mission.phases.some((p) => p.code === phaseCode)) throw notFound("phase", phaseCode);
}

/** The phase coverage is about: the one asked for, else election day, else the first. */
export function coveragePhase(mission: MissionContext, asked: string | undefined): string {
  const phaseCode =
    asked ?? mission.phases.find((p) => p.kind === "election_day")?.code ?? mission.phases[0]?.code ?? "";
  requirePhase(mission, phaseCode);
  return phaseCode;
}
