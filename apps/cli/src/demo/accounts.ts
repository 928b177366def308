import { DEMO_USERNAMES } from "@scrutiny/fixtures";

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
