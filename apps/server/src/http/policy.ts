// Enforces a route's declared policy before its input is validated: an anonymous or unauthorised
// caller learns nothing about the request's shape. Role rules live in auth/roles.ts.
import type { Policy, ResourceKind } from "@scrutiny/contract";
import type { User } from "@scrutiny/domain";
import { administersElection, holdsRole, isAdmin } from "../auth/roles.ts";
import { forbidden, notFound, unauthorized } from "./errors.ts";

/** Who owns a resource: its election, the mission (null: the election itself) and its observers. */
export interface ResourceOwner {
  readonly electionId: string;
  readonly missionId: string | null;
  /** Observers whose own record this is (a report's author, a team's members). */
  readonly observerIds?: readonly string[];
  /** Resources other missions of the election may read (shared forms, results sets, matches). */
  readonly electionVisible?: boolean;
  /** The account a resource (an API token) belongs to. */
  readonly userId?: string;
}

export interface AccessFacts {
  missionElection(missionId: string): Promise<string | undefined>;
  owner(kind: ResourceKind, id: string): Promise<ResourceOwner | undefined>;
}

export async function enforcePolicy(
  policy: Policy,
  user: User | null,
  params: Record<string, unknown>,
  facts: AccessFacts,
): Promise<void> {
  if (policy.access === "public") return;
  if (user === null) throw unauthorized();
  if (!holdsRole(user, policy.roles)) {
    const allowed = policy.roles ?? [];
    throw forbidden(`this needs the role ${allowed.join(" or ")}`);
  }
  const scope = policy.scope;
  if (scope === undefined) return;
  const target = String(params[scope.param] ?? "");
  const callerElection = async () =>
    user.missionId === null ? undefined : await facts.missionElection(user.missionId);
  switch (scope.kind) {
    case "mission":
      if (!isAdmin(user) && user.missionId !== target) throw forbidden("this is another mission's data");
      return;
    case "election":
      if (!isAdmin(user) && (await callerElection()) !== target)
        throw forbidden("your mission does not observe this election");
      return;
    case "electionAdmin":
      if (!administersElection(user, target))
        throw forbidden("only the election's administrators change its shared data");
      return;
    case "resource": {
      const owner = await facts.owner(scope.resource, target);
      if (owner === undefined) throw notFound(scope.resource);
      if (isAdmin(user)) return;
      if (owner.userId !== undefined && owner.userId === user.id) return;
      // Observers reach only their own records; others' look like they do not exist.
      if (user.role === "observer" && !(owner.observerIds ?? []).includes(user.observerId ?? ""))
        throw notFound(scope.resource);
      const sameMission = owner.missionId !== null && owner.missionId === user.missionId;
      if (scope.access === "write") {
        if (sameMission) return;
        if (owner.missionId === null && administersElection(user, owner.electionId)) return;
        throw forbidden(
          owner.missionId === null
            ? `this ${scope.resource} belongs to the election; only its administrators change it`
            : `this ${scope.resource} belongs to another mission`,
        );
      }
      if (sameMission) return;
      if (
        (owner.electionVisible || owner.missionId === null) &&
        (await callerElection()) === owner.electionId
      )
        return;
      throw notFound(scope.resource);
    }
  }
}
