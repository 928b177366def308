import type { LogEntry } from "@scrutiny/domain";
import { sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import { appendToLog, rowsOf } from "./transparency-log.ts";

export interface NewPublication {
  readonly id: string;
  readonly missionId: string;
  readonly electionId: string;
  readonly title: string;
  readonly planVersion: number | null;
  /** SHA-256 (hex) of the datapackage.json file. */
  readonly contentHash: string;
  readonly publishedBy: string | null;
  /** ISO 8601; the same instant datapackage.json states as `created`. */
  readonly publishedAt: string;
  readonly files: readonly {
    readonly name: string;
    readonly mediaType: string;
    readonly sha256: string;
    readonly bytes: Uint8Array;
  }[];
}

export interface PublicationSummary {
  readonly id: string;
  readonly missionId: string;
  readonly electionId: string;
  readonly title: string;
  readonly planVersion: number | null;
  readonly contentHash: string;
  readonly publishedAt: string;
  /** Position of its entry in the transparency log. */
  readonly logIndex: number | null;
  readonly files: { name: string; mediaType: string; sha256: string; bytes: number }[];
}

/** One report as a publication carries it: ids, where and when, and the requested answers only. */
export interface PublishableReport {
  readonly id: string;
  readonly stationId: string;
  readonly teamId: string | null;
  readonly phaseCode: string;
  readonly formKind: string;
  readonly formVersion: number;
  readonly status: string;
  readonly answers: readonly unknown[];
}

const QUESTION_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Published snapshots: written once with their log entry, then only read. */
export class PublicationRepository {
  constructor(private readonly db: Database) {}

  /** Stores the publication, its files and its log entry in one transaction. */
  async create(publication: NewPublication, entry: LogEntry): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`insert into publications
        (id, mission_id, election_id, title, plan_version, content_hash, published_by, published_at)
        values (${publication.id}, ${publication.missionId}, ${publication.electionId}, ${publication.title},
          ${publication.planVersion}, ${publication.contentHash}, ${publication.publishedBy}, ${publication.publishedAt})`);
      for (const file of publication.files) {
        await tx.execute(sql`insert into publication_files (publication_id, name, media_type, sha256, bytes)
          values (${publication.id}, ${file.name}, ${file.mediaType}, ${file.sha256},
            decode(${Buffer.from(file.bytes).toString("base64")}, 'base64'))`);
      }
      await appendToLog(tx as unknown as Database, [entry]);
    });
  }

  /** Publications, newest first, of one mission or one election (or all). */
  async list(filter: { missionId?: string; electionId?: string } = {}): Promise<PublicationSummary[]> {
    const where =
      filter.missionId !== undefined
        ? sql`where p.mission_id = ${filter.missionId}::uuid`
        : filter.electionId !== undefined
          ? sql`where p.election_id = ${filter.electionId}::uuid`
          : sql``;
    const rows = rowsOf<{
      id: string;
      missionId: string;
      electionId: string;
      title: string;
      planVersion: number | null;
      contentHash: string;
      publishedAt: string | Date;
      logIndex: string | number | null;
      files: { name: string; mediaType: string; sha256: string; bytes: number }[] | string;
    }>(
      await this.db.execute(sql`select p.id, p.mission_id as "missionId", p.election_id as "electionId",
        p.title, p.plan_version as "planVersion", p.content_hash as "contentHash",
        p.published_at as "publishedAt",
        (select min(e.index) from log_entries e where e.kind = 'publication' and e.subject = p.id::text) as "logIndex",
        coalesce((select jsonb_agg(jsonb_build_object('name', f.name, 'mediaType', f.media_type,
          'sha256', f.sha256, 'bytes', octet_length(f.bytes)) order by f.name)
          from publication_files f where f.publication_id = p.id), '[]'::jsonb) as files
        from publications p ${where}
        order by p.published_at desc, p.id`),
    );
    return rows.map((row) => ({
      ...row,
      publishedAt: new Date(row.publishedAt).toISOString(),
      logIndex: row.logIndex === null ? null : Number(row.logIndex),
      files: typeof row.files === "string" ? JSON.parse(row.files) : row.files,
    }));
  }

  async get(id: string): Promise<PublicationSummary | undefined> {
    const rows = rowsOf<{ missionId: string }>(
      await this.db.execute(sql`select mission_id as "missionId" from publications where id = ${id}::uuid`),
    );
    const missionId = rows[0]?.missionId;
    if (missionId === undefined) return undefined;
    return (await this.list({ missionId })).find((p) => p.id === id);
  }

  async file(id: string, name: string): Promise<{ mediaType: string; bytes: Uint8Array } | undefined> {
    const [row] = rowsOf<{ mediaType: string; bytes: string }>(
      await this.db.execute(sql`select media_type as "mediaType", encode(bytes, 'base64') as bytes
        from publication_files where publication_id = ${id}::uuid and name = ${name}`),
    );
    if (row === undefined) return undefined;
    return { mediaType: row.mediaType, bytes: new Uint8Array(Buffer.from(row.bytes, "base64")) };
  }

  /** Every file of a publication (for the zip download). */
  async files(id: string): Promise<{ name: string; bytes: Uint8Array }[]> {
    const rows = rowsOf<{ name: string; bytes: string }>(
      await this.db.execute(sql`select name, encode(bytes, 'base64') as bytes
        from publication_files where publication_id = ${id}::uuid order by name`),
    );
    return rows.map((row) => ({ name: row.name, bytes: new Uint8Array(Buffer.from(row.bytes, "base64")) }));
  }

  /**
   * A mission's reports, one row each (ordered by id), with only the answers to `questions`:
   * never the observer, free text outside `questions`, times or flags.
   */
  async reports(missionId: string, questions: readonly string[]): Promise<PublishableReport[]> {
    for (const q of questions) if (!QUESTION_NAME.test(q)) throw new Error(`bad question name ${q}`);
    const extracted = questions.map((q, i) => sql`s.answers -> ${q}::text as ${sql.raw(`a${i}`)}`);
    const rows = rowsOf<Record<string, unknown>>(
      await this.db.execute(sql`
        select s.id, s.station_id as "stationId", s.team_id as "teamId", s.phase_code as "phaseCode",
          f.kind as "formKind", s.form_version as "formVersion", s.status
          ${questions.length > 0 ? sql`, ${sql.join(extracted, sql`, `)}` : sql``}
        from submissions s join forms f on f.id = s.form_id
        where s.mission_id = ${missionId}::uuid
        order by s.id`),
    );
    return rows.map((r) => ({
      id: String(r["id"]),
      stationId: String(r["stationId"]),
      teamId: r["teamId"] == null ? null : String(r["teamId"]),
      phaseCode: String(r["phaseCode"]),
      formKind: String(r["formKind"]),
      formVersion: Number(r["formVersion"]),
      status: String(r["status"]),
      answers: questions.map((_, i) => r[`a${i}`] ?? null),
    }));
  }

  /** What `scrutiny verify` compares with the log: each file's hash recomputed from its bytes. */
  async auditRows(): Promise<
    {
      id: string;
      missionId: string;
      contentHash: string;
      files: { name: string; sha256: string; text: string | null }[];
    }[]
  > {
    const publications = rowsOf<{ id: string; missionId: string; contentHash: string }>(
      await this.db.execute(
        sql`select id, mission_id as "missionId", content_hash as "contentHash" from publications`,
      ),
    );
    const files = rowsOf<{ publicationId: string; name: string; sha256: string; text: string | null }>(
      await this.db.execute(sql`select publication_id as "publicationId", name,
        encode(sha256(bytes), 'hex') as sha256,
        case when name = 'datapackage.json' then convert_from(bytes, 'UTF8') end as text
        from publication_files`),
    );
    return publications.map((p) => ({
      ...p,
      files: files.filter((f) => f.publicationId === p.id).map(({ publicationId: _, ...f }) => f),
    }));
  }
}
