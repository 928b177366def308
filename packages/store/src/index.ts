export type { Database, StoreKind } from "./database.ts";
export {
  dumpMigratedPglite,
  migrationsFolder,
  type OpenStoreOptions,
  openStore,
  type StoreOpenError,
} from "./open-store.ts";
export type {
  AttachmentSweep,
  PutAttachmentOptions,
  PutAttachmentOutcome,
  StoredAttachment,
} from "./repositories/attachments.ts";
export { ATTACHMENT_CHUNK_BYTES } from "./repositories/attachments.ts";
export {
  BACKUP_TABLE_NAMES,
  type BackupSummary,
  NOT_BACKED_UP,
  type RestoreRefusal,
} from "./repositories/backup.ts";
export type { NewPlan, StoredPlan } from "./repositories/deployment.ts";
export type { SetupConflict } from "./repositories/election-setup.ts";
export type { ElectionBundle, ElectionSummary } from "./repositories/elections.ts";
export type { FormFile, NewForm, StoredFormVersion } from "./repositories/forms.ts";
export type { IncidentFollowUpRow, IncidentReport } from "./repositories/incidents.ts";
export type { HourlyReports, LiveReport } from "./repositories/live.ts";
export type { LogSnapshot } from "./repositories/log-audit.ts";
export type { MissionBundle, MissionSummary } from "./repositories/missions.ts";
export type { ElectionAdministrator, Ownership } from "./repositories/ownership.ts";
export type {
  NewPublication,
  PublicationSummary,
  PublishableReport,
} from "./repositories/publications.ts";
export type {
  StationFacts,
  StationProtocol,
  StationReport,
  StationVisit,
} from "./repositories/station-page.ts";
export type {
  AppendOutcome,
  StoredReceipt,
  SubmissionFilter,
  SubmissionRow,
  SubmissionSelection,
} from "./repositories/submissions.ts";
export type { LogHead, StoredCosignature, StoredLogEntry } from "./repositories/transparency-log.ts";
export type {
  Account,
  AccountChange,
  ApiTokenRecord,
  SignInAccount,
  TokenCredential,
  UserWithSecret,
} from "./repositories/users.ts";
export * as schema from "./schema/index.ts";
export { Repositories, Store } from "./store.ts";
export { isDatabaseUnavailable } from "./unavailable.ts";
