// Coverage of a mission's deployment: which planned stations have reports in each phase, the
// response rate by top-level area, and who to call about the missing ones. Area shapes for maps.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../database.ts";
import { areaGeometries, areas, elections, missions } from "../schema/index.ts";
import { stationMatches } from "./station-search.ts";

export interface PhaseCoverage {
  readonly code: string;
  readonly planned: number;
  readonly reported: number;
}

export interface AreaCoverage {
  readonly areaId: string;
  readonly code: string;
  readonly name: Record<string, string>;
  readonly planned: number;
  readonly reported: number;
}

export interface MissingReport {
  readonly stationId: string;
  readonly code: string;
  readonly name: string;
  readonly areaCode: string;
  readonly teams: { code: string; observers: { name: string; phone: string | null }[] }[];
}

export interface CoverageReport {
  readonly phaseCode: string;
  readonly phases: readonly PhaseCoverage[];
  readonly byArea: readonly AreaCoverage[];
  readonly missing: readonly MissingReport[];
  readonly missingTotal: number;
  /** Position of `missing[0]` among all the missing reports. */
  readonly missingOffset: number;
}

/** A page of the missing reports: `limit` null is all of them. */
export interface MissingPage {
  readonly limit: number | null;
  readonly offset: number;
  /** Only stations whose code or name contains this. */
  readonly station?: string | undefined;
}

export interface AreaShape {
  readonly id: string;
  readonly code: string;
  readonly level: string;
  readonly name: Record<string, string>;
  readonly geometry: Record<string, unknown> | null;
  /** Bounding box of the area's stations' coordinates [minLon, minLat, maxLon, maxLat]. */
  readonly stationBounds: [number, number, number, number] | null;
}

type Rows<T> = { rows: T[] };

export class CoverageRepository {
  constructor(private readonly db: Database) {}

  async report(
    missionId: string,
    phaseCode: string,
    page: MissingPage = { limit: 200, offset: 0 },
  ): Promise<CoverageReport | undefined> {
    const [mission] = await this.db
      .select({ electionId: missions.electionId, phases: elections.phases })
      .from(missions)
      .innerJoin(elections, eq(elections.id, missions.electionId))
      .where(eq(missions.id, missionId));
    if (mission === undefined) return undefined;
    const electionId = mission.electionId;
    const phases = (
      (await this.db.execute(sql`
        select p.code, count(ps.station_id)::int as planned,
          count(ps.station_id) filter (where exists (select 1 from submissions x where x.mission_id = ${missionId}
            and x.station_id = ps.station_id and x.phase_code = p.code))::int as reported
        from jsonb_to_recordset(${JSON.stringify(mission.phases.map((p) => ({ code: p.code })))}::jsonb) as p(code text)
        left join planned_stations ps on ps.mission_id = ${missionId} and not ps.reserve
        group by p.code`)) as unknown as Rows<PhaseCoverage>
    ).rows;
    const order = new Map(mission.phases.map((p, i) => [p.code, i]));
    phases.sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));

    const byArea = (
      (await this.db.execute(sql`
        with recursive roots as (
          select id, id as root from areas where election_id = ${electionId} and parent_id is null
          union all
          select a.id, r.root from areas a join roots r on a.parent_id = r.id
        ),
        planned as (
          select ps.station_id, r.root,
            exists (select 1 from submissions x where x.mission_id = ${missionId} and x.station_id = ps.station_id
              and x.phase_code = ${phaseCode}) as reported
          from planned_stations ps
          join polling_stations s on s.id = ps.station_id
          join roots r on r.id = s.area_id
          where ps.mission_id = ${missionId} and not ps.reserve
        )
        select a.id as "areaId", a.code, a.name, count(p.station_id)::int as planned,
          count(p.station_id) filter (where p.reported)::int as reported
        from areas a left join planned p on p.root = a.id
        where a.election_id = ${electionId} and a.parent_id is null
        group by a.id, a.code, a.name
        order by a.code`)) as unknown as Rows<AreaCoverage>
    ).rows;

    const missing = await this.missing(missionId, phaseCode, page);
    return {
      phaseCode,
      phases,
      byArea,
      missing: missing.rows,
      missingTotal: missing.total,
      missingOffset: page.offset,
    };
  }

  /**
   * Planned (not reserve) stations without a report of the mission in the phase, in code order,
   * with the teams visiting them and their observers' phones (optionally only those whose code or
   * name contains `page.station`); `total` counts them all.
   */
  async missing(
    missionId: string,
    phaseCode: string,
    page: MissingPage,
  ): Promise<{ rows: MissingReport[]; total: number }> {
    const missing = sql`
        with missing as (
          select s.id, s.code, s.name, ar.code as area_code
          from planned_stations ps
          join polling_stations s on s.id = ps.station_id
          join areas ar on ar.id = s.area_id
          where ps.mission_id = ${missionId} and not ps.reserve
            and not exists (select 1 from submissions x where x.mission_id = ${missionId}
              and x.station_id = ps.station_id and x.phase_code = ${phaseCode})
            ${page.station === undefined ? sql`` : sql`and ${stationMatches(sql`s.code`, sql`s.name`, page.station)}`}
        )`;
    const [counted] = (
      (await this.db.execute(sql`${missing} select count(*)::int as total from missing`)) as unknown as Rows<{
        total: number;
      }>
    ).rows;
    const rows = (
      (await this.db.execute(sql`${missing}
        select m.id as "stationId", m.code, m.name, m.area_code as "areaCode",
          coalesce((select jsonb_agg(jsonb_build_object('code', t.code, 'observers', (
              select coalesce(jsonb_agg(jsonb_build_object('name', o.name, 'phone', o.phone) order by o.code), '[]'::jsonb)
              from team_members tm join observers o on o.id = tm.observer_id where tm.team_id = t.id)) order by t.code)
            from teams t where t.mission_id = ${missionId} and exists (select 1 from visits v where v.team_id = t.id
              and v.station_id = m.id and v.phase_code = ${phaseCode})), '[]'::jsonb) as teams
        from missing m
        order by length(m.code), m.code, m.id
        ${page.limit === null ? sql`` : sql`limit ${page.limit}`} offset ${page.offset}`)) as unknown as Rows<MissingReport>
    ).rows;
    return { rows, total: counted?.total ?? 0 };
  }

  /** Areas of one level (default: the top level) with stored shapes and their stations' extent. */
  async areaShapes(electionId: string, level?: string): Promise<AreaShape[]> {
    const rows = (
      (await this.db.execute(sql`
        with recursive levels as (
          select id, id as target from areas where election_id = ${electionId}
            and (${level ?? null}::text is null and parent_id is null or level = ${level ?? null}::text)
          union all
          select a.id, l.target from areas a join levels l on a.parent_id = l.id
        )
        select t.id, t.code, t.level, t.name, g.geometry,
          min(s.longitude) as min_lon, min(s.latitude) as min_lat, max(s.longitude) as max_lon, max(s.latitude) as max_lat
        from areas t
        left join ${areaGeometries} g on g.area_id = t.id
        left join levels l on l.target = t.id
        left join polling_stations s on s.area_id = l.id and s.latitude is not null and s.longitude is not null
          and s.kind <> 'abroad'
        where t.id in (select target from levels)
        group by t.id, t.code, t.level, t.name, g.geometry
        order by t.code`)) as unknown as Rows<{
        id: string;
        code: string;
        level: string;
        name: Record<string, string>;
        geometry: Record<string, unknown> | null;
        min_lon: number | null;
        min_lat: number | null;
        max_lon: number | null;
        max_lat: number | null;
      }>
    ).rows;
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      level: r.level,
      name: r.name,
      geometry: r.geometry,
      stationBounds:
        r.min_lon === null || r.min_lat === null || r.max_lon === null || r.max_lat === null
          ? null
          : [Number(r.min_lon), Number(r.min_lat), Number(r.max_lon), Number(r.max_lat)],
    }));
  }

  /** Stores GeoJSON geometries of areas, matched by area code; returns codes it did not know. */
  async saveGeometries(
    electionId: string,
    shapes: readonly { code: string; geometry: Record<string, unknown> }[],
  ) {
    const known = await this.db
      .select({ id: areas.id, code: areas.code })
      .from(areas)
      .where(eq(areas.electionId, electionId));
    const ids = new Map(known.map((a) => [a.code, a.id]));
    const unknown = shapes.filter((s) => !ids.has(s.code)).map((s) => s.code);
    if (unknown.length > 0) return { saved: 0, unknown };
    await this.db.transaction(async (tx) => {
      for (const shape of shapes) {
        const areaId = ids.get(shape.code) ?? "";
        await tx
          .insert(areaGeometries)
          .values({ areaId, geometry: shape.geometry })
          .onConflictDoUpdate({ target: areaGeometries.areaId, set: { geometry: shape.geometry } });
      }
    });
    return { saved: shapes.length, unknown };
  }
}
