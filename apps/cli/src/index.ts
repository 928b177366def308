// The demo election is loaded from the command line (and by the demo's own tests): the server
// itself knows nothing of it.
export { demoAccounts } from "./demo/accounts.ts";
export { DEMO_SEED, type DemoLoadResult, loadDemo, loadDemoIfEmpty } from "./demo/load-demo.ts";
