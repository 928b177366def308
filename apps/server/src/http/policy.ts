// Enforces a route's declared policy before its input is validated: an anonymous or unauthorised
// caller learns nothing about the request's shape. Role rules live in auth/roles.ts; who owns
// what is looked up through AccessFacts (access-facts.ts, from the store).
import type { NotFoundWhat, Policy, ResourceKind, Scope } from "@scrutiny/contract";
import type { User } from "@scrutiny/domain";
import { holdsRole, isAdmin } from "../auth/roles.ts";
import { forbidden, notFound, unauthorized } from "./errors.ts";

/** A resource the caller cannot reach is answered as not found, named as the 404 names it. */
const RESOURCE_WHAT: Readonly<Record<ResourceKind, NotFoundWhat>> = {
  form: "form",
  submission: "submission",
  visit: "visit",
  team: "team",
  importJob: "import_job",
  resultsSet: "results_set",
  indicatorMatch: "indicator_match",
  stationMapping: "saved_mapping",
  apiToken: "api_token",
};

/** Who owns a resource: its election, the mission (null: the election itself) and its observers. */
export interface ResourceOwner {
  readonly electionId: string;
  readonly missionId: string | null;
  /**
   * Observers whose own record this is (a report's author, a team's members); when given,
   * other observers cannot reach the resource at all.
   */
  readonly observerIds?: readonly string[];
  /** Resources other missions of the election may read (shared forms, results sets, matches). */
  readonly electionVisible?: boolean;
  /** The account a resource (an API token) belongs to. */
  readonly userId?: string;
}

export interface AccessFacts {
  missionElection(missionId: string): Promise<string | undefined>;
  /** The owner of the resource `id` (other path parameters complete composite keys). */
  owner(
    kind: ResourceKind,
    id: string,
    params: Readonly<Record<string, unknown>>,
  ): Promise<ResourceOwner | undefined>;
  /** Whether the caller administers the election's shared data (see auth/roles.ts). */
  administersElection(user: User, electionId: string): Promise<boolean>;
}

export async function enforcePolicy(
  policy: Policy,
  user: User | null,
  params: Readonly<Record<string, unknown>>,
  facts: AccessFacts,
): Promise<void> {
  if (policy.access === "public") return;
  if (user === null) throw unauthorized();
  if (!holdsRole(user, policy.roles)) {
    const allowed = policy.roles ?? [];
    throw forbidden(
      `this needs the role ${allowed.join(" or ")}`,
      allowed.length === 1 && allowed[0] === "observer" ? "not_observer" : "role",
    );
  }
  const scopes: readonly Scope[] =
    policy.scope === undefined ? [] : Array.isArray(policy.scope) ? policy.scope : [policy.scope as Scope];
  for (const scope of scopes) await enforceScope(scope, user, params, facts);
}

async function enforceScope(
  scope: Scope,
  user: User,
  params: Readonly<Record<string, unknown>>,
  facts: AccessFacts,
): Promise<void> {
  if (scope.kind === "observerRecord") {
    if (user.observerId === null || user.missionId === null)
      throw forbidden("this is for observers' accounts (an observer record of their own)", "not_observer");
    return;
  }
  const target = String(params[scope.param] ?? "");
  switch (scope.kind) {
    case "mission":
      if (!isAdmin(user) && user.missionId !== target)
        throw forbidden("this is another mission's data", "other_mission");
      return;
    case "election":
      if (!isAdmin(user) && (await callerElection(user, facts)) !== target)
        throw forbidden("your mission does not observe this election", "other_election");
      return;
    case "electionAdmin":
      if (!(await facts.administersElection(user, target)))
        throw forbidden("only the election's administrators change its shared data", "election_data");
      return;
    case "resource": {
      const owner = await facts.owner(scope.resource, target, params);
      if (owner === undefined) {
        if (scope.absent === "create") return;
        if (scope.absent !== undefined) return enforceScope(scope.absent, user, params, facts);
        throw notFound(RESOURCE_WHAT[scope.resource]);
      }
      if (scope.access === "write") return requireWrite(user, scope.resource, owner, facts);
      return requireRead(user, scope.resource, owner, facts);
    }
  }
}

const callerElection = async (user: User, facts: AccessFacts) =>
  user.missionId === null ? undefined : await facts.missionElection(user.missionId);

/** Observers reach only their own records; others' look like they do not exist. */
function requireOwnRecord(user: User, kind: ResourceKind, owner: ResourceOwner): void {
  if (user.role !== "observer" || owner.observerIds === undefined) return;
  if (!owner.observerIds.includes(user.observerId ?? "")) throw notFound(RESOURCE_WHAT[kind]);
}

/**
 * The caller may change the resource: its mission owns it, or the resource is the election's
 * and the caller administers the election. Handlers that overwrite a resource named in the body
 * (not the path) call this too.
 */
export async function requireWrite(
  user: User,
  kind: ResourceKind,
  owner: ResourceOwner,
  facts: AccessFacts,
): Promise<void> {
  if (isAdmin(user) || (owner.userId !== undefined && owner.userId === user.id)) return;
  requireOwnRecord(user, kind, owner);
  if (owner.missionId !== null && owner.missionId === user.missionId) return;
  // Outside the caller's election, or another mission's and not shown to others: as if absent.
  if ((await callerElection(user, facts)) !== owner.electionId) throw notFound(RESOURCE_WHAT[kind]);
  if (owner.missionId !== null && owner.electionVisible !== true) throw notFound(RESOURCE_WHAT[kind]);
  if (owner.missionId === null && (await facts.administersElection(user, owner.electionId))) return;
  throw forbidden(
    owner.missionId === null
      ? `this ${kind} belongs to the election; only its administrators change it`
      : `this ${kind} belongs to another mission`,
    owner.missionId === null ? "election_data" : "other_mission",
  );
}

async function requireRead(
  user: User,
  kind: ResourceKind,
  owner: ResourceOwner,
  facts: AccessFacts,
): Promise<void> {
  if (isAdmin(user) || (owner.userId !== undefined && owner.userId === user.id)) return;
  requireOwnRecord(user, kind, owner);
  if (owner.missionId !== null && owner.missionId === user.missionId) return;
  if (
    (owner.electionVisible === true || owner.missionId === null) &&
    (await callerElection(user, facts)) === owner.electionId
  )
    return;
  throw notFound(RESOURCE_WHAT[kind]);
}
