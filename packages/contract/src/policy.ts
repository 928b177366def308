// Who may call a route: declared as data beside the route's schemas, so the server enforces it,
// the OpenAPI document states it and the web app can read it. Enforcement: apps/server/src/http/policy.ts.
import type { Role } from "@scrutiny/domain";

/** Resources whose owner (election, mission, observers) the server looks up from a path parameter. */
export type ResourceKind =
  | "form"
  | "submission"
  | "visit"
  | "team"
  | "importJob"
  | "resultsSet"
  | "indicatorMatch"
  | "stationMapping"
  | "apiToken";

/**
 * What the caller must belong to, besides holding the role:
 * - `mission`: the mission named by the path parameter is the caller's own;
 * - `election`: the caller's mission observes the election named by the path parameter;
 * - `electionAdmin`: the caller administers the election (its shared reference data: stations,
 *   areas and their shapes, shared forms, station-file mappings): a server administrator, or an
 *   account granted the election;
 * - `resource`: the resource named by the path parameter is visible to the caller (`read`), or
 *   owned by the caller's mission (`write`; resources owned by the election, not a mission, are
 *   written only by its administrators). Observers may reach a resource that names its observers
 *   only when it is theirs (their own report, their team). `absent`: the route creates the
 *   resource when it does not exist yet (a PUT), and the caller must then pass this scope instead.
 * - `observerRecord`: the caller is an observer of a mission with a record of their own (the
 *   ODK routes, whose answers are built from the observer's route); administrators have none.
 */
export type Scope =
  | { readonly kind: "mission"; readonly param: string }
  | { readonly kind: "election"; readonly param: string }
  | { readonly kind: "electionAdmin"; readonly param: string }
  | { readonly kind: "observerRecord" }
  | {
      readonly kind: "resource";
      readonly resource: ResourceKind;
      readonly param: string;
      readonly access: "read" | "write";
      /** A scope to pass instead when the resource does not exist yet; "create": none besides the policy's others. */
      readonly absent?: Scope | "create";
    };

/** What an API token may be limited to. `all`: whatever its owner may do. */
export const TOKEN_SCOPES = ["all", "submit", "read"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type Policy =
  | { readonly access: "public" }
  | {
      readonly access: "signedIn";
      /** Roles allowed; administrators always are. Absent: every role. */
      readonly roles?: readonly Role[];
      /** The caller must pass this scope (or every one of these). */
      readonly scope?: Scope | readonly Scope[];
      /** Token scopes that may call the route besides `all` (`read` is implied for GET). */
      readonly tokenScopes?: readonly TokenScope[];
    };

export const publicAccess: Policy = { access: "public" };

/** Any signed-in caller (observers included), optionally on a scope. */
export function signedIn(
  scope?: Scope | readonly Scope[],
  options: { tokenScopes?: readonly TokenScope[] } = {},
): Policy {
  return { access: "signedIn", ...(scope ? { scope } : {}), ...options };
}

/** Callers with one of `roles` (administrators always pass), optionally on a scope. */
export function roles(
  allowed: readonly Role[],
  scope?: Scope | readonly Scope[],
  options: { tokenScopes?: readonly TokenScope[] } = {},
): Policy {
  return { access: "signedIn", roles: allowed, ...(scope ? { scope } : {}), ...options };
}

export const ownMission = (param = "missionId"): Scope => ({ kind: "mission", param });
export const ownElection = (param = "electionId"): Scope => ({ kind: "election", param });
export const electionAdmin = (param = "electionId"): Scope => ({ kind: "electionAdmin", param });
export const ownObserverRecord: Scope = { kind: "observerRecord" };
export const resource = (
  kind: ResourceKind,
  param: string,
  access: "read" | "write",
  options: { absent?: Scope | "create" } = {},
): Scope => ({
  kind: "resource",
  resource: kind,
  param,
  access,
  ...options,
});

/** One line a person can read: used in the OpenAPI document and in docs/ARCHITECTURE.md. */
export function describePolicy(policy: Policy): string {
  if (policy.access === "public") return "anyone";
  const who = policy.roles === undefined ? "any signed-in user" : `${[...policy.roles, "admin"].join(", ")}`;
  if (policy.scope === undefined) return who;
  const scopes: readonly Scope[] = Array.isArray(policy.scope) ? policy.scope : [policy.scope as Scope];
  return scopes.map((scope) => describeScope(who, scope)).join(", and ");
}

function describeScope(who: string, scope: Scope): string {
  switch (scope.kind) {
    case "mission":
      return `${who} of the mission :${scope.param}`;
    case "election":
      return `${who} of a mission observing the election :${scope.param}`;
    case "electionAdmin":
      return `${who} administering the election :${scope.param}`;
    case "observerRecord":
      return `${who} with an observer record of their own (observers' accounts only)`;
    case "resource": {
      const existing =
        scope.access === "read"
          ? `${who} who can see the ${scope.resource} :${scope.param}`
          : `${who} of the mission owning the ${scope.resource} :${scope.param} (if the election's, administering it)`;
      if (scope.absent === undefined) return existing;
      return scope.absent === "create"
        ? `${existing} (a new one: created)`
        : `${existing}; to create it, ${describeScope(who, scope.absent)}`;
    }
  }
}
