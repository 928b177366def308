// Areas and polling stations of an election replaced from an import file, in one transaction.
// Stations are bulk-loaded into a temporary table (COPY on PostgreSQL, jsonb_to_recordset batches
// on PGlite) and merged by station code: added, changed (with the fields that changed) and
// removed are counted before anything is written, so a refused import leaves no trace.
import { randomUUID } from "node:crypto";
import type { MappedFields, ParsedArea, ParsedStation } from "@scrutiny/domain";
import { and, eq, sql } from "drizzle-orm";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../database.ts";
import * as schema from "../schema/index.ts";
import { areas } from "../schema/index.ts";

export interface StationImportProgress {
  readonly stage: "areas" | "loading" | "merging";
  readonly processed: number;
  readonly total: number;
}

export interface StationChange {
  readonly code: string;
  readonly fields: readonly string[];
}

export interface StationImportSummary {
  readonly stations: {
    readonly added: number;
    readonly changed: number;
    readonly removed: number;
    readonly unchanged: number;
    /** Stations of the election the file does not list that stay (removal not asked for). */
    readonly kept: number;
  };
  readonly areas: { readonly added: number; readonly changed: number };
  /** Up to `sampleSize` codes of each kind of change, for people to check. */
  readonly addedCodes: readonly string[];
  readonly changedStations: readonly StationChange[];
  readonly removedCodes: readonly string[];
}

/** A station missing from the file that cannot go: reports or visits refer to it. */
export interface StationRemovalConflict {
  readonly code: string;
  readonly submissions: number;
  readonly visits: number;
}

export type StationImportOutcome =
  | { readonly ok: true; readonly value: StationImportSummary }
  | {
      readonly ok: false;
      readonly error:
        | { readonly code: "station_in_use"; readonly conflicts: readonly StationRemovalConflict[] }
        /** Removal asked for without confirming how many stations would go: nothing is written. */
        | {
            readonly code: "removal_unconfirmed";
            readonly removals: number;
            readonly removedCodes: readonly string[];
          };
    };

export interface StationImportOptions {
  /** Remove stations of the election that the file does not list (default false: keep them). */
  readonly removeMissing?: boolean;
  /**
   * With `removeMissing`, the number of stations the caller agreed to remove (shown by a dry
   * run); a real run that would remove another number is refused, so nobody removes thousands
   * of stations by mistake. A dry run needs no confirmation.
   */
  readonly confirmRemovals?: number;
  /** Check and count only; write nothing. */
  readonly dryRun?: boolean;
  readonly onProgress?: (progress: StationImportProgress) => void;
  readonly sampleSize?: number;
}

type CopyRows = (rows: AsyncIterable<string> | Iterable<string>) => Promise<void>;

const COLUMNS =
  "line, code, name, address, registered_voters, latitude, longitude, kind, attributes, area_id";
const CHUNK = 5_000;

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is null. */
function copyField(value: string | number | null): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

function copyLine(s: ParsedStation, areaIds: ReadonlyMap<string, string>): string {
  return `${[
    s.line,
    copyField(s.code),
    copyField(s.name),
    copyField(s.address),
    s.registeredVoters,
    copyField(s.latitude),
    copyField(s.longitude),
    copyField(s.kind),
    copyField(JSON.stringify(s.attributes)),
    copyField(areaIds.get(s.areaCode) ?? null),
  ].join("\t")}\n`;
}

/** SQL for each optional column's new value of a known station `s` from the file's row `t`. */
type Incoming = Record<"name" | "address" | "latitude" | "longitude" | "kind" | "attributes", string>;

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

function incomingValues(mapped: MappedFields | undefined): Incoming {
  const all = mapped === undefined;
  const attributeKeys = mapped?.attributes ?? [];
  return {
    name: all || mapped.name ? "t.name" : "s.name",
    address: all || mapped.address ? "t.address" : "s.address",
    latitude: all || mapped.coordinates ? "t.latitude" : "s.latitude",
    longitude: all || mapped.coordinates ? "t.longitude" : "s.longitude",
    kind: all || mapped.kind ? "t.kind" : "s.kind",
    // Attributes the file sets replace the stored ones of the same keys; the others stay.
    attributes: all
      ? "t.attributes"
      : attributeKeys.length === 0
        ? "s.attributes"
        : `(s.attributes - array[${attributeKeys.map(quote).join(", ")}]::text[]) || t.attributes`,
  };
}

/** Names of the fields whose new value differs from the stored one, as a SQL text array. */
function differences(incoming: Incoming): string {
  const field = (name: string, column: string, value: string) =>
    `case when s.${column} is distinct from ${value} then '${name}' end`;
  return `array_remove(array[
      ${field("name", "name", incoming.name)},
      ${field("address", "address", incoming.address)},
      ${field("registeredVoters", "registered_voters", "t.registered_voters")},
      ${field("latitude", "latitude", incoming.latitude)},
      ${field("longitude", "longitude", incoming.longitude)},
      ${field("kind", "kind", incoming.kind)},
      ${field("attributes", "attributes", incoming.attributes)},
      case when s.area_id is distinct from t.area_id then 'area' end
    ], null)`;
}

export class StationImportRepository {
  constructor(
    private readonly db: Database,
    private readonly pool?: pg.Pool,
  ) {}

  /** Replaces the election's areas and stations by the parsed file: everything or nothing. */
  async apply(
    electionId: string,
    parsed: {
      readonly areas: readonly ParsedArea[];
      readonly stations: readonly ParsedStation[];
      /** Fields the file has; others keep their stored values (default: every field). */
      readonly mapped?: MappedFields;
    },
    options: StationImportOptions = {},
  ): Promise<StationImportOutcome> {
    return this.inTransaction(async (db, copy) => {
      const progress = options.onProgress ?? (() => {});
      const total = parsed.stations.length;
      progress({ stage: "areas", processed: 0, total });
      const { ids: areaIds, ...areaCounts } = await this.mergeAreas(db, electionId, parsed.areas);
      await db.execute(
        sql.raw(`create temp table import_stations (
        line integer, code text not null, name text not null, address text, registered_voters integer not null,
        latitude double precision, longitude double precision, kind text not null, attributes jsonb not null,
        area_id uuid not null) on commit drop`),
      );
      let loaded = 0;
      if (copy !== null) {
        const lines = function* () {
          for (let start = 0; start < total; start += CHUNK) {
            let text = "";
            for (const station of parsed.stations.slice(start, start + CHUNK))
              text += copyLine(station, areaIds);
            yield text;
            loaded = Math.min(total, start + CHUNK);
            progress({ stage: "loading", processed: loaded, total });
          }
        };
        await copy(lines());
      } else {
        for (let start = 0; start < total; start += CHUNK) {
          const batch = JSON.stringify(
            parsed.stations.slice(start, start + CHUNK).map((s) => ({
              line: s.line,
              code: s.code,
              name: s.name,
              address: s.address,
              registered_voters: s.registeredVoters,
              latitude: s.latitude,
              longitude: s.longitude,
              kind: s.kind,
              attributes: s.attributes,
              area_id: areaIds.get(s.areaCode) ?? null,
            })),
          );
          await db.execute(sql`insert into import_stations (${sql.raw(COLUMNS)})
            select ${sql.raw(COLUMNS)} from jsonb_to_recordset(${batch}::jsonb) as r(line integer, code text,
              name text, address text, registered_voters integer, latitude double precision,
              longitude double precision, kind text, attributes jsonb, area_id uuid)`);
          loaded = Math.min(total, start + CHUNK);
          progress({ stage: "loading", processed: loaded, total });
        }
      }
      progress({ stage: "merging", processed: total, total });
      await db.execute(sql.raw("create unique index on import_stations (code)"));
      await db.execute(sql.raw("analyze import_stations"));
      const incoming = incomingValues(parsed.mapped);
      const summary = await this.diff(db, electionId, incoming, options.sampleSize ?? 50);
      const removeMissing = options.removeMissing ?? false;
      const missing = summary.stations.removed;
      // What this run does, computed once: the dry run reports exactly what the real run writes.
      const result: StationImportSummary = {
        ...summary,
        areas: areaCounts,
        stations: {
          ...summary.stations,
          removed: removeMissing ? missing : 0,
          kept: removeMissing ? 0 : missing,
        },
        removedCodes: removeMissing ? summary.removedCodes : [],
      };
      const refuse = async (error: Extract<StationImportOutcome, { ok: false }>["error"]) => {
        await db.execute(sql.raw("rollback to savepoint station_import"));
        return { ok: false, error } as const;
      };
      if (removeMissing && missing > 0) {
        const conflicts = await this.removalConflicts(db, electionId);
        if (conflicts.length > 0) return refuse({ code: "station_in_use", conflicts });
        if (!options.dryRun && options.confirmRemovals !== missing) {
          return refuse({
            code: "removal_unconfirmed",
            removals: missing,
            removedCodes: summary.removedCodes,
          });
        }
      }
      if (options.dryRun) {
        await db.execute(sql.raw("rollback to savepoint station_import"));
        return { ok: true, value: result } as const;
      }
      await this.merge(db, electionId, incoming, result.stations);
      return { ok: true, value: result } as const;
    });
  }

  /**
   * Runs `work` in one transaction on one connection, with COPY available on PostgreSQL. A
   * savepoint lets `work` undo everything and still return a value (refusals are not errors).
   */
  private async inTransaction<T>(work: (db: Database, copy: CopyRows | null) => Promise<T>): Promise<T> {
    if (this.pool === undefined) {
      return this.db.transaction(async (tx) => {
        const db = tx as unknown as Database;
        await db.execute(sql.raw("savepoint station_import"));
        return work(db, null);
      });
    }
    const client = await this.pool.connect();
    try {
      await client.query("begin");
      await client.query("savepoint station_import");
      const db = drizzleNodePostgres({ client, schema }) as unknown as Database;
      const copy: CopyRows = async (rows) => {
        const stream = client.query(copyFrom(`copy import_stations (${COLUMNS}) from stdin`));
        const done = new Promise<void>((resolve, reject) => {
          stream.on("finish", resolve);
          stream.on("error", reject);
        });
        for await (const chunk of rows) {
          if (!stream.write(chunk)) await new Promise((resolve) => stream.once("drain", resolve));
        }
        stream.end();
        await done;
      };
      const result = await work(db, copy);
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Inserts new areas and updates names, levels and parents of known ones (by code). */
  private async mergeAreas(
    db: Database,
    electionId: string,
    incoming: readonly ParsedArea[],
  ): Promise<{ added: number; changed: number; ids: Map<string, string> }> {
    const existing = await db
      .select({
        id: areas.id,
        code: areas.code,
        level: areas.level,
        name: areas.name,
        parentId: areas.parentId,
      })
      .from(areas)
      .where(eq(areas.electionId, electionId));
    const byCode = new Map(existing.map((a) => [a.code, a]));
    const ids = new Map(existing.map((a) => [a.code, a.id]));
    let added = 0;
    let changed = 0;
    // `incoming` is parents-first, so a parent's id is known before its children need it.
    const inserts: (typeof areas.$inferInsert)[] = [];
    for (const area of incoming) {
      const parentId = area.parentCode === null ? null : (ids.get(area.parentCode) ?? null);
      const known = byCode.get(area.code);
      if (known === undefined) {
        const id = randomUUID();
        ids.set(area.code, id);
        inserts.push({
          id,
          electionId,
          parentId,
          level: area.level,
          code: area.code,
          name: { en: area.name },
        });
        added++;
        continue;
      }
      const name = area.named ? { ...known.name, en: area.name } : known.name;
      const nameChanged = area.named && known.name["en"] !== area.name;
      if (known.level !== area.level || known.parentId !== parentId || nameChanged) {
        // Flush pending inserts first: this area's new parent may be among them.
        if (inserts.length > 0) await db.insert(areas).values(inserts.splice(0));
        await db
          .update(areas)
          .set({ level: area.level, parentId, name })
          .where(and(eq(areas.id, known.id), eq(areas.electionId, electionId)));
        changed++;
      }
    }
    for (let start = 0; start < inserts.length; start += 2_000)
      await db.insert(areas).values(inserts.slice(start, start + 2_000));
    return { added, changed, ids };
  }

  /**
   * Compares the file with the stored stations once, into a temporary table (station id and the
   * fields that differ per code); counts and samples come from it, and so does the merge.
   */
  private async diff(db: Database, electionId: string, incoming: Incoming, sampleSize: number) {
    const differs = sql.raw(differences(incoming));
    await db.execute(sql`
      create temp table import_compared on commit drop as
      select t.code, s.id as station_id, case when s.id is null then null else ${differs} end as fields
      from import_stations t
      left join polling_stations s on s.election_id = ${electionId} and s.code = t.code`);
    const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
    const [counts] = rows<{ added: number; changed: number; unchanged: number; stored: number }>(
      await db.execute(sql`
        select
          count(*) filter (where station_id is null)::int as added,
          count(*) filter (where station_id is not null and cardinality(fields) > 0)::int as changed,
          count(*) filter (where station_id is not null and cardinality(fields) = 0)::int as unchanged,
          (select count(*)::int from polling_stations where election_id = ${electionId}) as stored
        from import_compared`),
    );
    if (counts === undefined) throw new Error("diff returned no row");
    const removed = counts.stored - counts.changed - counts.unchanged;
    const addedCodes = rows<{ code: string }>(
      await db.execute(
        sql`select code from import_compared where station_id is null order by code limit ${sampleSize}`,
      ),
    ).map((r) => r.code);
    const changedStations = rows<StationChange>(
      await db.execute(sql`select code, fields from import_compared
        where station_id is not null and cardinality(fields) > 0 order by code limit ${sampleSize}`),
    );
    const removedCodes =
      removed === 0
        ? []
        : rows<{ code: string }>(
            await db.execute(sql`select s.code from polling_stations s where s.election_id = ${electionId}
              and not exists (select 1 from import_stations t where t.code = s.code) order by s.code limit ${sampleSize}`),
          ).map((r) => r.code);
    return {
      stations: { added: counts.added, changed: counts.changed, removed, unchanged: counts.unchanged },
      addedCodes,
      changedStations,
      removedCodes,
    };
  }

  private async removalConflicts(db: Database, electionId: string): Promise<StationRemovalConflict[]> {
    const result = await db.execute(sql`
      select s.code,
        (select count(*)::int from submissions x where x.station_id = s.id) as submissions,
        (select count(*)::int from visits v where v.station_id = s.id) as visits
      from polling_stations s
      where s.election_id = ${electionId}
        and not exists (select 1 from import_stations t where t.code = s.code)
        and (exists (select 1 from submissions x where x.station_id = s.id)
          or exists (select 1 from visits v where v.station_id = s.id))
      order by s.code limit 100`);
    return (result as unknown as { rows: StationRemovalConflict[] }).rows;
  }

  private async merge(
    db: Database,
    electionId: string,
    incoming: Incoming,
    counts: { added: number; changed: number; removed: number },
  ): Promise<void> {
    const set = sql.raw(
      Object.entries(incoming)
        .map(([column, value]) => `${column} = ${value}`)
        .join(", "),
    );
    if (counts.changed > 0)
      await db.execute(sql`
        update polling_stations s set ${set}, registered_voters = t.registered_voters, area_id = t.area_id
        from import_compared c join import_stations t on t.code = c.code
        where s.id = c.station_id and cardinality(c.fields) > 0`);
    if (counts.added > 0)
      await db.execute(sql`
        insert into polling_stations (id, election_id, area_id, code, name, address, registered_voters, latitude,
          longitude, kind, attributes)
        select gen_random_uuid(), ${electionId}, t.area_id, t.code, t.name, t.address, t.registered_voters,
          t.latitude, t.longitude, t.kind, t.attributes
        from import_stations t join import_compared c on c.code = t.code
        where c.station_id is null
        order by t.code`);
    if (counts.removed > 0)
      await db.execute(sql`
        delete from polling_stations s where s.election_id = ${electionId}
          and not exists (select 1 from import_stations t where t.code = s.code)`);
  }
}
