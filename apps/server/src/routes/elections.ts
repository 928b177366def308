import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireUser } from "../auth/authenticate.ts";
import { notFound } from "../http/errors.ts";
import { routeSchema } from "../http/zod-validation.ts";

const ElectionParams = z.object({ electionId: z.uuid() });

export function electionRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    "/api/v1/elections",
    { schema: { summary: "Elections on this server", tags: ["elections"] } },
    async (request) => {
      requireUser(request);
      return { elections: await store.elections.list() };
    },
  );

  app.get(
    "/api/v1/elections/:electionId/overview",
    {
      schema: routeSchema({
        params: ElectionParams,
        summary: "An election with its stations, missions, observers and reports received",
        tags: ["elections"],
      }),
    },
    async (request) => {
      requireUser(request);
      const { electionId } = request.params as z.infer<typeof ElectionParams>;
      const election = await store.elections.summary(electionId);
      if (election === undefined) throw notFound("election");
      const missions = await store.missions.summaries(electionId);
      return {
        election,
        missions,
        totals: {
          observers: missions.reduce((sum, mission) => sum + mission.observers, 0),
          teams: missions.reduce((sum, mission) => sum + mission.teams, 0),
          submissions: missions.reduce((sum, mission) => sum + mission.submissions, 0),
        },
      };
    },
  );
}
