import { observer as routes } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { forbidden, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";

/**
 * The observer's phone app: one request after sign-in fetches everything it needs to work
 * offline (the route of every team the observer is in, the stations, the election's phases and
 * the current forms). The phone keeps it and refreshes it whenever it is online.
 */
export function observerRoutes(app: FastifyInstance, store: Store): void {
  registerRoute(app, routes.assignment, async ({ user }) => {
    if (user.observerId === null || user.missionId === null)
      throw forbidden("this account is not linked to an observer", "not_observer");
    const [observer, mission, stops] = await Promise.all([
      store.roster.observerInMission(user.missionId, user.observerId),
      store.missions.get(user.missionId),
      store.deployment.observerRoute(user.observerId),
    ]);
    if (observer === undefined || mission === undefined) throw notFound("observer");
    const [election, forms] = await Promise.all([
      store.elections.summary(mission.electionId),
      store.forms.listForElection(mission.electionId),
    ]);
    if (election === undefined) throw notFound("election");
    return {
      observer: { id: observer.id, code: observer.code, name: observer.name },
      mission: { id: mission.id, code: mission.code, name: mission.name },
      election: { id: election.id, code: election.code, name: election.name, phases: election.phases },
      stops: stops.map((stop) => ({
        ...stop,
        arrivedAt: isoOrNull(stop.arrivedAt),
        departedAt: isoOrNull(stop.departedAt),
      })),
      forms: forms
        .filter((form) => form.missionId === null || form.missionId === mission.id)
        .map((form) => ({
          formId: form.formId,
          code: form.code,
          kind: form.kind,
          version: form.version,
          definition: form.definition,
        })),
      fetchedAt: new Date().toISOString(),
    };
  });
}

/** Both databases return timestamps as text in their own notation; the app gets ISO 8601. */
function isoOrNull(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
