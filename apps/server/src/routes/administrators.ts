import { electionAdministrators as routes } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { mayAdministerElections } from "../auth/roles.ts";
import { requireElection } from "../deployment/access.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

/** Grants of an election's administration (its stations, areas, shared forms, station mappings). */
export function administratorRoutes(app: FastifyInstance, store: Store): void {
  const list = async (electionId: string) => ({
    administrators: (await store.ownership.electionAdministrators(electionId)).map((a) => ({
      ...a,
      grantedAt: a.grantedAt.toISOString(),
    })),
  });

  registerRoute(app, routes.listElectionAdministrators, async ({ params }) => {
    await requireElection(store, params.electionId);
    return list(params.electionId);
  });

  registerRoute(app, routes.grantElectionAdministrator, async ({ user, params }) => {
    const { electionId, userId } = params;
    await requireElection(store, electionId);
    const grantee = await store.users.findById(userId);
    if (grantee === undefined) throw notFound("user");
    const granteeElection =
      grantee.missionId === null ? undefined : await store.deployment.missionElection(grantee.missionId);
    if (!mayAdministerElections(grantee) || granteeElection !== electionId)
      throw new HttpError(
        422,
        "not_grantable",
        "only a coordinator of one of the election's missions can be granted its administration",
        {
          issues: [
            {
              path: ["params", "userId"],
              code: "not_grantable",
              message: "not a coordinator of this election",
            },
          ],
        },
      );
    await store.ownership.grantElectionAdministrator(electionId, userId, user.id);
    return list(electionId);
  });

  registerRoute(app, routes.revokeElectionAdministrator, async ({ params }) => {
    const { electionId, userId } = params;
    if (!(await store.ownership.revokeElectionAdministrator(electionId, userId))) throw notFound("grant");
    return list(electionId);
  });
}
