// The one place that says what a role may do beyond its routes' policies. Administrators
// (role `admin`) run the server: every mission, every election. The election-wide reference data
// (stations, areas and their shapes, shared forms, official results) has no mission owner; it is
// administered by administrators, and read by the staff of every mission observing the election.
import type { Role, User } from "@scrutiny/domain";

export const isAdmin = (user: User): boolean => user.role === "admin";

/** Staff roles: they work on a mission's data, not only their own observer record. */
export const STAFF_ROLES: readonly Role[] = ["coordinator", "analyst"];

/** Whether the caller administers the election's shared reference data. */
export function administersElection(user: User, _electionId: string): boolean {
  return isAdmin(user);
}

export function holdsRole(user: User, allowed: readonly Role[] | undefined): boolean {
  return allowed === undefined || isAdmin(user) || allowed.includes(user.role);
}
