import { DEMO_USERNAMES } from "@scrutiny/fixtures";
import type { Store } from "@scrutiny/store";

/** The demo's documented sign-ins (also listed in README). Demo data only: never in production. */
export const demoAccounts = [
  {
    username: DEMO_USERNAMES.coordinator,
    password: "coordinator-demo",
    role: "coordinator (international mission)",
  },
  { username: DEMO_USERNAMES.analyst, password: "analyst-demo", role: "analyst (international mission)" },
  { username: DEMO_USERNAMES.observer, password: "observer-demo", role: "observer (international mission)" },
  {
    username: DEMO_USERNAMES.domesticCoordinator,
    password: "domestic-demo",
    role: "coordinator (domestic mission)",
  },
  { username: DEMO_USERNAMES.admin, password: "admin-demo", role: "administrator" },
] as const;

/** Whether this database holds the demo's accounts (loaded now or on an earlier start). */
export async function demoAccountsPresent(store: Store): Promise<boolean> {
  for (const account of demoAccounts) {
    if ((await store.users.findByUsername(account.username)) !== undefined) return true;
  }
  return false;
}
