// The one place that says what a role may do beyond its routes' policies. Administrators
// (role `admin`) run the server: every mission, every election. The election-wide reference data
// (stations, areas and their shapes, shared forms, station-file mappings, the election's own
// indicator matches) has no mission owner; it is administered by administrators and by the
// coordinators granted the election (election_administrators), and read by the staff of every
// mission observing the election. What a mission creates (its forms, results sets it uploads,
// matches its analysts make) is its own: others of the election read it, only it changes it.
import type { Role, User } from "@scrutiny/domain";

export const isAdmin = (user: User): boolean => user.role === "admin";

/** Staff roles: they work on a mission's data, not only their own observer record. */
export const STAFF_ROLES: readonly Role[] = ["coordinator", "analyst"];

/** Who may be granted the administration of an election: coordinators of one of its missions. */
export const mayAdministerElections = (user: Pick<User, "role">): boolean => user.role === "coordinator";

/** Whether the caller administers the election's shared data; `granted` reads the grant. */
export async function administersElection(user: User, granted: () => Promise<boolean>): Promise<boolean> {
  if (isAdmin(user)) return true;
  return mayAdministerElections(user) && (await granted());
}

export function holdsRole(user: User, allowed: readonly Role[] | undefined): boolean {
  return allowed === undefined || isAdmin(user) || allowed.includes(user.role);
}
