export { seedDefaultAnalysis } from "./analysis/seed.ts";
export { buildServer, DEFAULT_TIMEOUTS, type ServerOptions } from "./app.ts";
export {
  type AccountProblem,
  changeAccount,
  createAccount,
  generatePassword,
  type NewAccount,
  normaliseUsername,
  resetPassword,
} from "./auth/accounts.ts";
export { FirstAdminSetup } from "./auth/first-admin-setup.ts";
export { hashPassword, verifyPassword } from "./auth/passwords.ts";
export { drawPlan, importPlan, type PlanOutcome } from "./deployment/plans.ts";
export { HttpError } from "./http/errors.ts";
export { hashContent } from "./ingestion/ingest.ts";
export { type PackageFile, packageFiles, readPackage } from "./publication/package.ts";
export { type PublishRequest, publicationService } from "./publication/publish.ts";
export { type FigureMismatch, type RecomputeReport, recomputePackage } from "./publication/recompute.ts";
export { type LogKeySource, loadLogSigner } from "./transparency/signer.ts";
