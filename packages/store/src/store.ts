import { err, ok, type Result } from "@scrutiny/domain";
import { sql } from "drizzle-orm";
import type { Database, StoreKind } from "./database.ts";
import type { StoreOpenError } from "./open-store.ts";
import { AnalysisRepository } from "./repositories/analysis.ts";
import { AttachmentRepository } from "./repositories/attachments.ts";
import { BackupRepository } from "./repositories/backup.ts";
import { CoverageRepository } from "./repositories/coverage.ts";
import { DeploymentRepository } from "./repositories/deployment.ts";
import { DirectoryRepository } from "./repositories/directory.ts";
import { ElectionSetupRepository } from "./repositories/election-setup.ts";
import { ElectionRepository } from "./repositories/elections.ts";
import { FormRepository } from "./repositories/forms.ts";
import { ImportRepository } from "./repositories/imports.ts";
import { IncidentRepository } from "./repositories/incidents.ts";
import { LiveRepository } from "./repositories/live.ts";
import { LogAuditRepository } from "./repositories/log-audit.ts";
import { MissionRepository } from "./repositories/missions.ts";
import { OwnershipRepository } from "./repositories/ownership.ts";
import { PublicationRepository } from "./repositories/publications.ts";
import { ResultsSetRepository } from "./repositories/results-sets.ts";
import { RosterRepository } from "./repositories/roster.ts";
import { StationImportRepository } from "./repositories/station-import.ts";
import { StationPageRepository } from "./repositories/station-page.ts";
import { SubmissionRepository } from "./repositories/submissions.ts";
import { LogHeadHint, TransparencyLogRepository } from "./repositories/transparency-log.ts";
import { UserRepository } from "./repositories/users.ts";

interface Lifecycle {
  readonly runMigrations: () => Promise<void>;
  readonly close: () => Promise<void>;
  /** Where the data lives, safe to print (passwords redacted). */
  readonly location: string;
  /** The node-postgres pool, for bulk COPY paths. */
  readonly pool?: import("pg").Pool;
}

/** One repository per aggregate, over a database or over one transaction. */
export class Repositories {
  readonly elections: ElectionRepository;
  readonly setup: ElectionSetupRepository;
  readonly missions: MissionRepository;
  readonly users: UserRepository;
  readonly forms: FormRepository;
  readonly submissions: SubmissionRepository;
  readonly directory: DirectoryRepository;
  readonly analysis: AnalysisRepository;
  readonly resultsSets: ResultsSetRepository;
  readonly imports: ImportRepository;
  readonly stationImports: StationImportRepository;
  readonly roster: RosterRepository;
  readonly deployment: DeploymentRepository;
  readonly coverage: CoverageRepository;
  readonly live: LiveRepository;
  readonly incidents: IncidentRepository;
  readonly stationPage: StationPageRepository;
  readonly attachments: AttachmentRepository;
  readonly log: TransparencyLogRepository;
  readonly logAudit: LogAuditRepository;
  readonly ownership: OwnershipRepository;
  readonly publications: PublicationRepository;
  readonly backup: BackupRepository;

  /**
   * `pool` (PostgreSQL only) gives bulk paths a connection of their own for COPY; `logHead` is the
   * store's hint of the transparency log's head (shared with its transactions' repositories).
   */
  constructor(db: Database, pool?: import("pg").Pool, logHead: LogHeadHint = new LogHeadHint()) {
    this.elections = new ElectionRepository(db);
    this.setup = new ElectionSetupRepository(db);
    this.missions = new MissionRepository(db);
    this.users = new UserRepository(db);
    this.forms = new FormRepository(db);
    this.submissions = new SubmissionRepository(db, logHead);
    this.directory = new DirectoryRepository(db);
    this.analysis = new AnalysisRepository(db);
    this.resultsSets = new ResultsSetRepository(db);
    this.imports = new ImportRepository(db);
    this.stationImports = new StationImportRepository(db, pool);
    this.roster = new RosterRepository(db);
    this.deployment = new DeploymentRepository(db);
    this.coverage = new CoverageRepository(db);
    this.live = new LiveRepository(db);
    this.incidents = new IncidentRepository(db);
    this.stationPage = new StationPageRepository(db);
    this.attachments = new AttachmentRepository(db);
    this.log = new TransparencyLogRepository(db);
    this.logAudit = new LogAuditRepository(db);
    this.ownership = new OwnershipRepository(db);
    this.publications = new PublicationRepository(db);
    this.backup = new BackupRepository(db);
  }
}

/** The only owner of SQL: repositories over one database, PGlite or PostgreSQL. */
export class Store extends Repositories {
  private closed = false;
  private readonly logHead: LogHeadHint;

  constructor(
    readonly db: Database,
    readonly kind: StoreKind,
    private readonly lifecycle: Lifecycle,
  ) {
    const logHead = new LogHeadHint();
    super(db, lifecycle.pool, logHead);
    this.logHead = logHead;
  }

  /** Runs `work` in one transaction: everything it writes is kept, or none of it. */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      work(new Repositories(tx as unknown as Database, undefined, this.logHead)),
    );
  }

  get location(): string {
    return this.lifecycle.location;
  }

  async migrate(): Promise<Result<void, StoreOpenError>> {
    try {
      await this.lifecycle.runMigrations();
      return ok(undefined);
    } catch (error) {
      return err({ code: "migration_failed", message: `migration failed: ${(error as Error).message}` });
    }
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.lifecycle.close();
  }
}
