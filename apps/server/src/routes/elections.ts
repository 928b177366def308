import { elections } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { isAdmin } from "../auth/roles.ts";
import { notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

export function electionRoutes(app: FastifyInstance, store: Store): void {
  registerRoute(app, elections.listElections, async ({ user }) => {
    const all = await store.elections.list();
    if (isAdmin(user)) return { elections: all };
    // Everyone else is offered the election their mission observes: the one whose pages open.
    const own = user.missionId === null ? undefined : await store.deployment.missionElection(user.missionId);
    return { elections: all.filter((election) => election.id === own) };
  });

  registerRoute(app, elections.electionOverview, async ({ params }) => {
    const election = await store.elections.summary(params.electionId);
    if (election === undefined) throw notFound("election");
    const missions = await store.missions.summaries(params.electionId);
    return {
      election,
      missions,
      totals: {
        observers: missions.reduce((sum, mission) => sum + mission.observers, 0),
        teams: missions.reduce((sum, mission) => sum + mission.teams, 0),
        submissions: missions.reduce((sum, mission) => sum + mission.submissions, 0),
      },
    };
  });
}
