// What policies need to know about callers and resources, read from the store.
import type { ResourceKind } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";
import type { AccessFacts, ResourceOwner } from "./policy.ts";

export function accessFacts(store: Store): AccessFacts {
  return {
    missionElection: (missionId) => store.deployment.missionElection(missionId),
    owner: (kind: ResourceKind, id: string): Promise<ResourceOwner | undefined> => {
      throw new Error(`no owner lookup for ${kind} ${id} yet`);
    },
  };
}
