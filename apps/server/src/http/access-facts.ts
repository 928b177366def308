// What policies need to know about callers and resources, read from the store. Policies run
// before the input is validated, so an id that is not a UUID, or a name the database cannot hold
// as text (NUL, a lone surrogate), is looked up as nothing: the database would refuse it.
import type { ResourceKind } from "@scrutiny/contract";
import { type User, unstorableText } from "@scrutiny/domain";
import type { Ownership, Store } from "@scrutiny/store";
import { administersElection } from "../auth/roles.ts";
import type { AccessFacts, ResourceOwner } from "./policy.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);
const isStorable = (value: string): boolean => unstorableText(value, []).length === 0;

/** Forms, results sets, matches and mappings are shown to the election's other missions, read-only. */
const visible = (ownership: Ownership | undefined): ResourceOwner | undefined =>
  ownership === undefined ? undefined : { ...ownership, electionVisible: true };

export function accessFacts(store: Store): AccessFacts {
  const lookup = async (
    kind: ResourceKind,
    id: string,
    params: Readonly<Record<string, unknown>>,
  ): Promise<ResourceOwner | undefined> => {
    const electionId = params["electionId"];
    switch (kind) {
      case "form":
        return isUuid(id) ? visible(await store.ownership.form(id)) : undefined;
      case "resultsSet": {
        const owner = isUuid(id) ? await store.ownership.resultsSet(id) : undefined;
        // The set must be of the election the path names.
        return owner?.electionId === electionId ? visible(owner) : undefined;
      }
      case "indicatorMatch":
        return isUuid(electionId) && isStorable(id)
          ? visible(await store.ownership.indicatorMatch(electionId, id))
          : undefined;
      case "stationMapping":
        // Listed to every administrator of the election (to reuse), changed by its owner.
        return isUuid(electionId) && isStorable(id)
          ? visible(await store.ownership.stationMapping(electionId, id))
          : undefined;
      case "importJob":
        return isUuid(id) ? store.ownership.importJob(id) : undefined;
      case "submission":
        return isUuid(id) ? store.ownership.submission(id) : undefined;
      case "visit":
        return isUuid(id) ? store.ownership.visit(id) : undefined;
      case "team": {
        const owner = isUuid(id) ? await store.ownership.team(id) : undefined;
        // The team must be of the mission the path names.
        return owner?.missionId === params["missionId"] ? owner : undefined;
      }
      case "apiToken": {
        // A token belongs to an account, not to an election or a mission.
        const token = isUuid(id) ? await store.users.findApiToken(id) : undefined;
        return token && { electionId: "", missionId: null, userId: token.userId };
      }
      default:
        throw new Error(`no owner lookup for ${kind} ${id} yet`);
    }
  };
  return {
    missionElection: (missionId) => store.deployment.missionElection(missionId),
    administersElection: (user: User, electionId: string) =>
      administersElection(
        user,
        async () =>
          isUuid(electionId) && (await store.ownership.isElectionAdministrator(user.id, electionId)),
      ),
    owner: lookup,
  };
}
