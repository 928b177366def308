export { buildServer, type ServerOptions } from "./app.ts";
export { hashPassword, verifyPassword } from "./auth/passwords.ts";
export { demoAccounts } from "./demo/accounts.ts";
export { DEMO_SEED, loadDemo, loadDemoIfEmpty } from "./demo/load-demo.ts";
export { HttpError } from "./http/errors.ts";
export { type LogKeySource, loadLogSigner } from "./transparency/signer.ts";
