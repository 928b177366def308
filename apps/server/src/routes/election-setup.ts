// Setting up an election and its missions (administrators), and reading the set-up back.
import { elections } from "@scrutiny/contract";
import type { ElectionSetup } from "@scrutiny/domain";
import type { SetupConflict, Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { HttpError, notFound } from "../http/errors.ts";
import { invalidRequest, registerRoute } from "../http/route.ts";

/** A set-up the store refused, as the API says it: 409 for clashes, 400 naming the fields. */
export function setupRefusal(conflict: SetupConflict): HttpError {
  if (conflict.code === "invalid")
    return invalidRequest(
      conflict.issues.map((issue) => ({
        path: ["body", ...(issue.path ?? [])],
        code: issue.code,
        message: issue.message,
        ...(issue.params === undefined ? {} : { params: issue.params }),
      })),
    );
  if (conflict.code === "not_found") return notFound("election");
  if (conflict.code === "duplicate")
    return new HttpError(409, "conflict", conflict.message, undefined, {
      what: conflict.what,
      code: conflict.taken,
    });
  return new HttpError(409, "in_use", conflict.message, undefined, {
    what: conflict.what,
    codes: [...conflict.codes],
  });
}

export function electionSetupRoutes(app: FastifyInstance, store: Store): void {
  const answer = async (
    electionId: string,
  ): Promise<{ election: { id: string; code: string }; setup: ElectionSetup }> => {
    const setup = await store.setup.read(electionId);
    if (setup === undefined) throw notFound("election");
    return { election: { id: electionId, code: setup.code }, setup };
  };

  registerRoute(app, elections.createElection, async ({ body, reply }) => {
    const created = await store.setup.create(body);
    if (!created.ok) throw setupRefusal(created.error);
    return reply.status(201).send(await answer(created.value.id));
  });

  registerRoute(app, elections.electionSetup, async ({ params }) => answer(params.electionId));

  registerRoute(app, elections.updateElection, async ({ params, body }) => {
    const updated = await store.setup.update(params.electionId, body);
    if (!updated.ok) throw setupRefusal(updated.error);
    return answer(params.electionId);
  });

  registerRoute(app, elections.listMissions, async ({ params }) => {
    if ((await store.setup.read(params.electionId)) === undefined) throw notFound("election");
    return { missions: await store.setup.missions(params.electionId) };
  });

  registerRoute(app, elections.createMission, async ({ params, body, reply }) => {
    if ((await store.elections.summary(params.electionId)) === undefined) throw notFound("election");
    const created = await store.setup.createMission(params.electionId, body);
    if (!created.ok) throw setupRefusal(created.error);
    return reply.status(201).send({ mission: created.value });
  });

  registerRoute(app, elections.getMission, async ({ params }) => {
    const mission = await store.missions.get(params.missionId);
    if (mission === undefined) throw notFound("mission");
    return { mission };
  });

  registerRoute(app, elections.updateMission, async ({ params, body }) => {
    const mission = await store.setup.updateMission(params.missionId, body);
    if (mission === undefined) throw notFound("mission");
    return { mission };
  });
}
