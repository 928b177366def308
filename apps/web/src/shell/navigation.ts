import type { Role } from "@scrutiny/domain";
import type { ParseKeys } from "i18next";

/** One page of an election in the side navigation. */
export interface ElectionPage {
  /** Path below `/elections/:electionId` ("" for the election's overview). */
  readonly path: string;
  readonly labelKey: ParseKeys;
  /** Limits the page to these roles (admins see every page); absent means every role. */
  readonly roles?: readonly Role[];
}

/**
 * Pages of an election, in navigation order. A new feature adds its page here and its route in
 * App.tsx; nothing else in the shell changes.
 */
export const electionPages: readonly ElectionPage[] = [
  { path: "", labelKey: "nav.overview" },
  { path: "/submissions", labelKey: "nav.submissions", roles: ["coordinator", "analyst"] },
  { path: "/forms", labelKey: "nav.forms" },
  { path: "/deployment", labelKey: "deployment.nav", roles: ["coordinator"] },
  { path: "/people", labelKey: "people.nav", roles: ["coordinator"] },
  { path: "/paper", labelKey: "paper.nav", roles: ["coordinator"] },
  { path: "/coverage", labelKey: "deployment.coverageNav", roles: ["coordinator"] },
  { path: "/live", labelKey: "live.nav", roles: ["coordinator"] },
  { path: "/incidents", labelKey: "incidents.nav", roles: ["coordinator", "analyst"] },
  { path: "/analysis", labelKey: "analysis.nav", roles: ["coordinator", "analyst"] },
  { path: "/forensics", labelKey: "forensics.nav" },
  { path: "/publish", labelKey: "publish.nav", roles: ["coordinator"] },
  // Administrators only (roles: none besides admin).
  { path: "/setup", labelKey: "electionSetup.nav", roles: [] },
];

/**
 * Pages of the server rather than of an election (paths from the root): one's own account, and
 * for administrators (`roles: []`: nobody else) the staff accounts.
 */
export const accountPages: readonly ElectionPage[] = [
  { path: "/account", labelKey: "account.nav" },
  { path: "/accounts", labelKey: "accounts.nav", roles: [] },
];

/** The pages (of an election, by default) a user of this role sees in the navigation. */
export function pagesFor(
  role: Role,
  pages: readonly ElectionPage[] = electionPages,
): readonly ElectionPage[] {
  return pages.filter((page) => page.roles === undefined || role === "admin" || page.roles.includes(role));
}
