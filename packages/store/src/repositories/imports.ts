import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "../database.ts";
import { importJobs, importMappings } from "../schema/index.ts";

export type ImportKind = "stations" | "observers";
export type ImportJobStatus = "queued" | "running" | "succeeded" | "failed";

export interface SavedMapping {
  readonly id: string;
  readonly name: string;
  readonly kind: ImportKind;
  readonly mapping: Record<string, unknown>;
  /** The mission that saved it, the only one that may overwrite it (null: the election's). */
  readonly missionId: string | null;
  readonly updatedAt: string;
}

export interface ImportJob {
  readonly id: string;
  readonly electionId: string;
  readonly missionId: string | null;
  readonly kind: string;
  readonly status: ImportJobStatus;
  readonly stage: string;
  readonly fileName: string | null;
  readonly total: number;
  readonly processed: number;
  readonly summary: Record<string, unknown> | null;
  readonly issues: Record<string, unknown>[] | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

/** Saved column mappings and the progress and outcome of import jobs. */
export class ImportRepository {
  constructor(private readonly db: Database) {}

  /** Saves (or replaces) a named mapping of an election (stations) or a mission (observers). */
  async saveMapping(input: {
    id: string;
    electionId: string;
    missionId: string | null;
    kind: ImportKind;
    name: string;
    mapping: Record<string, unknown>;
  }): Promise<void> {
    const scopeId =
      input.kind === "observers" && input.missionId !== null ? input.missionId : input.electionId;
    await this.db
      .insert(importMappings)
      .values({ ...input, scopeId })
      .onConflictDoUpdate({
        target: [importMappings.scopeId, importMappings.kind, importMappings.name],
        set: { mapping: input.mapping, updatedAt: new Date().toISOString() },
      });
  }

  /** Mappings of a scope: an election's station mappings or a mission's roster mappings. */
  async mappings(scopeId: string, kind: ImportKind): Promise<SavedMapping[]> {
    const rows = await this.db
      .select({
        id: importMappings.id,
        name: importMappings.name,
        kind: importMappings.kind,
        mapping: importMappings.mapping,
        missionId: importMappings.missionId,
        updatedAt: importMappings.updatedAt,
      })
      .from(importMappings)
      .where(and(eq(importMappings.scopeId, scopeId), eq(importMappings.kind, kind)))
      .orderBy(asc(importMappings.name));
    return rows as SavedMapping[];
  }

  async mapping(scopeId: string, kind: ImportKind, name: string): Promise<SavedMapping | undefined> {
    const rows = await this.mappings(scopeId, kind);
    return rows.find((row) => row.name === name);
  }

  async createJob(job: {
    id: string;
    electionId: string;
    missionId: string | null;
    kind: ImportKind;
    fileName: string | null;
    total: number;
    createdBy: string | null;
  }): Promise<void> {
    await this.db.insert(importJobs).values({ ...job, status: "queued", stage: "queued" });
  }

  async progress(id: string, update: { stage: string; processed: number; total: number }): Promise<void> {
    await this.db
      .update(importJobs)
      .set({ ...update, status: "running" })
      .where(eq(importJobs.id, id));
  }

  async finish(
    id: string,
    outcome:
      | { status: "succeeded"; summary: Record<string, unknown> }
      | { status: "failed"; issues: Record<string, unknown>[]; summary?: Record<string, unknown> },
  ): Promise<void> {
    await this.db
      .update(importJobs)
      .set({
        status: outcome.status,
        stage: outcome.status,
        summary: outcome.summary ?? null,
        issues: outcome.status === "failed" ? outcome.issues : null,
        finishedAt: new Date().toISOString(),
      })
      .where(eq(importJobs.id, id));
  }

  async job(id: string): Promise<ImportJob | undefined> {
    const [row] = await this.db.select().from(importJobs).where(eq(importJobs.id, id));
    if (row === undefined) return undefined;
    const { createdBy: _createdBy, ...job } = row;
    return job as ImportJob;
  }

  async recentJobs(electionId: string, missionId: string | null, limit = 10): Promise<ImportJob[]> {
    const rows = await this.db
      .select()
      .from(importJobs)
      .where(
        missionId === null
          ? eq(importJobs.electionId, electionId)
          : and(eq(importJobs.electionId, electionId), eq(importJobs.missionId, missionId)),
      )
      .orderBy(desc(importJobs.createdAt))
      .limit(limit);
    return rows.map(({ createdBy: _createdBy, ...job }) => job as ImportJob);
  }
}
