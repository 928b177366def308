// What policies need to know about callers and resources, read from the store.
import type { ResourceKind } from "@scrutiny/contract";
import type { User } from "@scrutiny/domain";
import type { Ownership, Store } from "@scrutiny/store";
import { administersElection } from "../auth/roles.ts";
import type { AccessFacts, ResourceOwner } from "./policy.ts";

/** Forms, results sets, matches and mappings are shown to the election's other missions, read-only. */
const visible = (ownership: Ownership | undefined): ResourceOwner | undefined =>
  ownership === undefined ? undefined : { ...ownership, electionVisible: true };

export function accessFacts(store: Store): AccessFacts {
  return {
    missionElection: (missionId) => store.deployment.missionElection(missionId),
    administersElection: (user: User, electionId: string) =>
      administersElection(user, () => store.ownership.isElectionAdministrator(user.id, electionId)),
    owner: async (kind: ResourceKind, id: string, params): Promise<ResourceOwner | undefined> => {
      const electionId = String(params["electionId"] ?? "");
      switch (kind) {
        case "form":
          return visible(await store.ownership.form(id));
        case "resultsSet": {
          const owner = await store.ownership.resultsSet(id);
          // The set must be of the election the path names.
          return owner?.electionId === electionId ? visible(owner) : undefined;
        }
        case "indicatorMatch":
          return visible(await store.ownership.indicatorMatch(electionId, id));
        case "stationMapping":
          // Listed to every administrator of the election (to reuse), changed by its owner.
          return visible(await store.ownership.stationMapping(electionId, id));
        case "importJob":
          return store.ownership.importJob(id);
        case "apiToken": {
          // A token belongs to an account, not to an election or a mission.
          const token = await store.users.findApiToken(id);
          return token && { electionId: "", missionId: null, userId: token.userId };
        }
        default:
          throw new Error(`no owner lookup for ${kind} ${id} yet`);
      }
    },
  };
}
