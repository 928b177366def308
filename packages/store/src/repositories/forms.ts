import type { FormDefinition, FormKind } from "@scrutiny/domain";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../database.ts";
import { formFiles, forms, formVersions } from "../schema/index.ts";
import { appendToLog } from "./transparency-log.ts";

export interface StoredFormVersion {
  readonly formId: string;
  readonly code: string;
  readonly kind: FormKind;
  readonly electionId: string;
  readonly missionId: string | null;
  readonly version: number;
  /** Validated before it was stored (the routes parse every definition they are given). */
  readonly definition: FormDefinition;
  readonly contentHash: string;
}

export interface NewForm {
  readonly id: string;
  readonly electionId: string;
  readonly missionId: string | null;
  readonly code: string;
  readonly kind: string;
  readonly definition: unknown;
  readonly contentHash: string;
}

/** A file uploaded beside an XLSForm, stored once by its SHA-256 for every version that names it. */
export interface FormFile {
  readonly sha256: string;
  readonly md5: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export class FormRepository {
  constructor(private readonly db: Database) {}

  /** Creates a form with its first published version and the files it names. */
  async create(form: NewForm, files: readonly FormFile[] = []): Promise<void> {
    await this.db.transaction(async (tx) => {
      await insertFiles(tx as unknown as Database, files);
      await tx.insert(forms).values({
        id: form.id,
        electionId: form.electionId,
        missionId: form.missionId,
        code: form.code,
        kind: form.kind,
        currentVersion: 1,
      });
      await tx
        .insert(formVersions)
        .values({ formId: form.id, version: 1, definition: form.definition, contentHash: form.contentHash });
      await appendToLog(tx as unknown as Database, [
        {
          kind: "form_version",
          form: form.id,
          election: form.electionId,
          mission: form.missionId,
          version: 1,
          contentHash: form.contentHash,
        },
      ]);
    });
  }

  /** Publishes a new version; earlier versions stay, so old submissions keep their form. */
  async publishVersion(
    formId: string,
    version: number,
    definition: unknown,
    contentHash: string,
    files: readonly FormFile[] = [],
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await insertFiles(tx as unknown as Database, files);
      await tx.insert(formVersions).values({ formId, version, definition, contentHash });
      const [form] = await tx
        .update(forms)
        .set({ currentVersion: version })
        .where(eq(forms.id, formId))
        .returning({ electionId: forms.electionId, missionId: forms.missionId });
      if (form === undefined) throw new Error(`form ${formId} does not exist`);
      await appendToLog(tx as unknown as Database, [
        {
          kind: "form_version",
          form: formId,
          election: form.electionId,
          mission: form.missionId,
          version,
          contentHash,
        },
      ]);
    });
  }

  async current(formId: string): Promise<StoredFormVersion | undefined> {
    const [row] = await this.db
      .select({ version: forms.currentVersion })
      .from(forms)
      .where(eq(forms.id, formId));
    return row === undefined ? undefined : this.getVersion(formId, row.version);
  }

  async versions(formId: string): Promise<{ version: number; contentHash: string; publishedAt: Date }[]> {
    return this.db
      .select({
        version: formVersions.version,
        contentHash: formVersions.contentHash,
        publishedAt: formVersions.publishedAt,
      })
      .from(formVersions)
      .where(eq(formVersions.formId, formId))
      .orderBy(asc(formVersions.version));
  }

  async listForElection(electionId: string): Promise<StoredFormVersion[]> {
    const rows = await this.db
      .select({
        formId: forms.id,
        code: forms.code,
        kind: forms.kind,
        electionId: forms.electionId,
        missionId: forms.missionId,
        version: formVersions.version,
        definition: formVersions.definition,
        contentHash: formVersions.contentHash,
      })
      .from(forms)
      .innerJoin(
        formVersions,
        and(eq(formVersions.formId, forms.id), eq(formVersions.version, forms.currentVersion)),
      )
      .where(eq(forms.electionId, electionId))
      .orderBy(asc(forms.code));
    return rows as StoredFormVersion[];
  }

  async getVersion(formId: string, version: number): Promise<StoredFormVersion | undefined> {
    const [row] = await this.db
      .select({
        formId: forms.id,
        code: forms.code,
        kind: forms.kind,
        electionId: forms.electionId,
        missionId: forms.missionId,
        version: formVersions.version,
        definition: formVersions.definition,
        contentHash: formVersions.contentHash,
      })
      .from(formVersions)
      .innerJoin(forms, eq(forms.id, formVersions.formId))
      .where(and(eq(formVersions.formId, formId), eq(formVersions.version, version)));
    return row as StoredFormVersion | undefined;
  }

  /** A stored form file's bytes and hashes, by SHA-256. */
  async file(sha256: string): Promise<FormFile | undefined> {
    const [row] = await this.db
      .select({
        sha256: formFiles.sha256,
        md5: formFiles.md5,
        contentType: formFiles.contentType,
        bytes: formFiles.data,
      })
      .from(formFiles)
      .where(eq(formFiles.sha256, sha256));
    return row;
  }

  /** The MD5 of each stored file among `sha256s` (ODK Collect's manifest), without their bytes. */
  async fileHashes(sha256s: readonly string[]): Promise<Map<string, string>> {
    if (sha256s.length === 0) return new Map();
    const rows = await this.db
      .select({ sha256: formFiles.sha256, md5: formFiles.md5 })
      .from(formFiles)
      .where(inArray(formFiles.sha256, [...sha256s]));
    return new Map(rows.map((r) => [r.sha256, r.md5]));
  }
}

/** Stores files by content; bytes already stored (another version, another form) stay as they are. */
async function insertFiles(db: Database, files: readonly FormFile[]): Promise<void> {
  for (const file of files)
    await db
      .insert(formFiles)
      .values({
        sha256: file.sha256,
        md5: file.md5,
        contentType: file.contentType,
        size: file.bytes.length,
        data: file.bytes,
      })
      .onConflictDoNothing();
}
