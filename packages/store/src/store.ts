import { err, ok, type Result } from "@scrutiny/domain";
import { sql } from "drizzle-orm";
import type { Database, StoreKind } from "./database.ts";
import type { StoreOpenError } from "./open-store.ts";
import { AnalysisRepository } from "./repositories/analysis.ts";
import { DirectoryRepository } from "./repositories/directory.ts";
import { ElectionRepository } from "./repositories/elections.ts";
import { FormRepository } from "./repositories/forms.ts";
import { MissionRepository } from "./repositories/missions.ts";
import { ResultsSetRepository } from "./repositories/results-sets.ts";
import { SubmissionRepository } from "./repositories/submissions.ts";
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
  readonly missions: MissionRepository;
  readonly users: UserRepository;
  readonly forms: FormRepository;
  readonly submissions: SubmissionRepository;
  readonly directory: DirectoryRepository;
  readonly analysis: AnalysisRepository;
  readonly resultsSets: ResultsSetRepository;

  constructor(db: Database) {
    this.elections = new ElectionRepository(db);
    this.missions = new MissionRepository(db);
    this.users = new UserRepository(db);
    this.forms = new FormRepository(db);
    this.submissions = new SubmissionRepository(db);
    this.directory = new DirectoryRepository(db);
    this.analysis = new AnalysisRepository(db);
    this.resultsSets = new ResultsSetRepository(db);
  }
}

/** The only owner of SQL: repositories over one database, PGlite or PostgreSQL. */
export class Store extends Repositories {
  private closed = false;

  constructor(
    readonly db: Database,
    readonly kind: StoreKind,
    private readonly lifecycle: Lifecycle,
  ) {
    super(db);
  }

  /** Runs `work` in one transaction: everything it writes is kept, or none of it. */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new Repositories(tx as unknown as Database)));
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
