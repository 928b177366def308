// Areas and polling stations from a table (CSV or XLSX) through a column mapping. Parsing is
// all-or-nothing: any problem (a missing column, a duplicate station code, text where a number
// belongs, an area under two parents) is reported with its line and column, and nothing is kept.
import { z } from "zod";
import type { InputIssue, Result } from "../common/result.ts";
import { err, ok } from "../common/result.ts";
import { type StationKind, StationKind as StationKindSchema } from "../election/election.ts";
import { ColumnRef, normalizeHeader, resolveColumn } from "../results/mapping.ts";
import { delimiterHint, type Table } from "./table.ts";

const AreaLevelMapping = z.object({
  /** The level's name, e.g. "region" or "constituency". */
  level: z.string().trim().min(1).max(40),
  code: ColumnRef,
  /** Column with the area's name; default: the code. */
  name: ColumnRef.optional(),
});

/** Which column holds what; saved per election so that the next file of the same shape just works. */
export const StationMapping = z.object({
  code: ColumnRef,
  name: ColumnRef.optional(),
  registeredVoters: ColumnRef,
  address: ColumnRef.optional(),
  latitude: ColumnRef.optional(),
  longitude: ColumnRef.optional(),
  kind: ColumnRef.optional(),
  /** Area levels from broadest to narrowest; a station belongs to the narrowest one given. */
  areas: z.array(AreaLevelMapping).min(1).max(6),
  /** Station attributes for stratification (settlement, size class), keyed by attribute name. */
  attributes: z
    .array(z.object({ key: z.string().trim().min(1).max(40), column: ColumnRef }))
    .max(20)
    .default([]),
});
export type StationMapping = z.infer<typeof StationMapping>;
export type StationMappingInput = z.input<typeof StationMapping>;

export interface ParsedArea {
  readonly code: string;
  readonly level: string;
  readonly name: string;
  /** False when the file maps no name column for the area's level (the name is then its code). */
  readonly named: boolean;
  readonly parentCode: string | null;
}

export interface ParsedStation {
  readonly line: number;
  readonly code: string;
  readonly name: string;
  readonly address: string | null;
  readonly registeredVoters: number;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly kind: StationKind;
  readonly attributes: Record<string, string>;
  readonly areaCode: string;
}

export interface ParsedStations {
  /** Areas in parent-before-child order. */
  readonly areas: readonly ParsedArea[];
  readonly stations: readonly ParsedStation[];
  /**
   * Which optional fields the file has: a re-import leaves fields it does not map as they are
   * (areas' names too when no name column is mapped).
   */
  readonly mapped: MappedFields;
}

export interface MappedFields {
  readonly name: boolean;
  readonly address: boolean;
  readonly coordinates: boolean;
  readonly kind: boolean;
  /** Attribute keys the file sets; other attributes of known stations stay. */
  readonly attributes: readonly string[];
  /** Area levels whose names the file gives. */
  readonly areaNames: readonly string[];
}

export interface ParseStationsOptions {
  /** Issues kept before stopping (the total is still counted). */
  readonly maxIssues?: number;
}

const SYNONYMS: Record<string, readonly string[]> = {
  code: [
    "code",
    "station",
    "station code",
    "station_code",
    "station number",
    "polling station",
    "ps",
    "ps code",
    "number",
    "код",
    "код участка",
    "номер",
    "номер участка",
    "номер уик",
    "уик",
    "участок",
    "избирательный участок",
  ],
  name: ["name", "station name", "station_name", "название", "наименование", "название участка"],
  registeredVoters: [
    "registered",
    "registered voters",
    "registered_voters",
    "voters",
    "electors",
    "избирателей",
    "число избирателей",
    "количество избирателей",
    "зарегистрировано избирателей",
    "избиратели",
  ],
  address: ["address", "адрес", "местонахождение"],
  latitude: ["latitude", "lat", "широта"],
  longitude: ["longitude", "lon", "lng", "долгота"],
  kind: ["kind", "type", "station type", "тип", "тип участка"],
  region: ["region", "region code", "region_code", "регион", "код региона", "область"],
  regionName: ["region name", "region_name", "название региона", "название области"],
  constituency: [
    "constituency",
    "constituency code",
    "constituency_code",
    "district",
    "округ",
    "код округа",
    "номер округа",
    "тик",
  ],
  constituencyName: ["constituency name", "constituency_name", "district name", "название округа"],
  settlement: ["settlement", "urban/rural", "urban_rural", "местность", "тип поселения", "тип местности"],
};

/** Guesses a mapping from header wording (English or Russian); the person confirms or edits it. */
export function suggestStationMapping(header: readonly string[]): StationMappingInput {
  const taken = new Set<number>();
  const find = (key: string): string | undefined => {
    const wanted = new Set((SYNONYMS[key] ?? []).map(normalizeHeader));
    const index = header.findIndex((h, i) => !taken.has(i) && wanted.has(normalizeHeader(h)));
    if (index < 0) return undefined;
    taken.add(index);
    return header[index];
  };
  const regionName = find("regionName");
  const constituencyName = find("constituencyName");
  const region = find("region");
  const constituency = find("constituency");
  const areas: StationMappingInput["areas"] = [];
  if (region !== undefined)
    areas.push({ level: "region", code: region, ...(regionName ? { name: regionName } : {}) });
  if (constituency !== undefined)
    areas.push({
      level: "constituency",
      code: constituency,
      ...(constituencyName ? { name: constituencyName } : {}),
    });
  const code = find("code") ?? header[0] ?? "code";
  const mapping: StationMappingInput = {
    code,
    registeredVoters: find("registeredVoters") ?? "registered_voters",
    areas: areas.length > 0 ? areas : [{ level: "region", code: "region" }],
  };
  const optional = ["name", "address", "latitude", "longitude", "kind"] as const;
  for (const key of optional) {
    const column = find(key);
    if (column !== undefined) mapping[key] = column;
  }
  const settlement = find("settlement");
  if (settlement !== undefined) mapping.attributes = [{ key: "settlement", column: settlement }];
  return mapping;
}

const KIND_WORDS: Record<string, StationKind> = {
  regular: "regular",
  abroad: "abroad",
  special: "special",
  обычный: "regular",
  "за рубежом": "abroad",
  зарубежный: "abroad",
  специальный: "special",
};

/** A whole non-negative number, allowing spaces as thousands separators ("12 345"). */
export function parseWholeNumber(field: string): number | undefined {
  const compact = field.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d{1,9}$/.test(compact)) return undefined;
  return Number(compact);
}

function parseCoordinate(field: string): number | undefined {
  const value = Number(field.trim().replace(",", "."));
  return field.trim() !== "" && Number.isFinite(value) ? value : undefined;
}

interface Column {
  readonly index: number;
  readonly header: string;
}

/** Parses stations and their areas; every problem is reported with its line and column. */
export function parseStations(
  table: Table,
  mappingInput: StationMappingInput,
  options: ParseStationsOptions = {},
): Result<ParsedStations, InputIssue[]> {
  const maxIssues = options.maxIssues ?? 200;
  const parsedMapping = StationMapping.safeParse(mappingInput);
  if (!parsedMapping.success) {
    return err(
      parsedMapping.error.issues.map((issue) => ({
        path: ["mapping", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
        code: "invalid_mapping",
        message: issue.message,
      })),
    );
  }
  const mapping = parsedMapping.data;
  const issues: InputIssue[] = [];
  let dropped = 0;
  const report = (issue: InputIssue) => {
    if (issues.length < maxIssues) issues.push(issue);
    else dropped++;
  };

  // Columns first: without them no row can be read.
  const header = table.header;
  const column = (ref: ColumnRef | undefined, role: string): Column | undefined => {
    if (ref === undefined) return undefined;
    const resolved = resolveColumn(header, ref, role);
    if (!resolved.ok) {
      report({ ...resolved.error, line: table.headerLine });
      return undefined;
    }
    return { index: resolved.value, header: header[resolved.value] ?? "" };
  };
  const codeColumn = column(mapping.code, "station code");
  const nameColumn = column(mapping.name, "station name");
  const votersColumn = column(mapping.registeredVoters, "registered voters");
  const addressColumn = column(mapping.address, "address");
  const latColumn = column(mapping.latitude, "latitude");
  const lonColumn = column(mapping.longitude, "longitude");
  const kindColumn = column(mapping.kind, "station kind");
  const levels = mapping.areas.map((level) => ({
    level: level.level,
    code: column(level.code, `${level.level} code`),
    name: column(level.name, `${level.level} name`),
  }));
  const attributeColumns = mapping.attributes.map((a) => ({ key: a.key, column: column(a.column, a.key) }));
  if (issues.length > 0) {
    const hint = delimiterHint(table);
    return err(hint === undefined ? issues : [hint, ...issues]);
  }
  if (table.rows.length === 0) {
    return err([
      { line: table.headerLine + 1, code: "no_rows", message: "the file has a header but no stations" },
    ]);
  }

  const areas = new Map<string, ParsedArea & { line: number }>();
  const stations: ParsedStation[] = [];
  const firstLineOfCode = new Map<string, number>();
  const width = header.length;

  for (const row of table.rows) {
    const { line, fields } = row;
    if (table.format === "csv" && fields.length !== width) {
      report({
        line,
        code: "field_count",
        message: `the line has ${fields.length} fields, the header has ${width}`,
        params: { fields: fields.length, header: width },
      });
      continue;
    }
    const cell = (col: Column | undefined) => (col === undefined ? "" : (fields[col.index] ?? "").trim());
    const required = (col: Column | undefined, what: string, field: string): string | undefined => {
      const value = cell(col);
      if (value === "" && col !== undefined) {
        report({
          line,
          column: col.header,
          code: "required",
          message: `${what} is empty`,
          params: { what: field },
        });
        return undefined;
      }
      return value;
    };
    const code = required(codeColumn, "the station code", "station_code");
    const votersText = required(votersColumn, "the number of registered voters", "registered_voters");
    let voters: number | undefined;
    if (votersText !== undefined && votersText !== "") {
      voters = parseWholeNumber(votersText);
      if (voters === undefined) {
        report({
          line,
          column: votersColumn?.header ?? "",
          code: "not_a_number",
          message: `registered voters must be a whole number, not "${votersText}"`,
          params: { value: votersText },
        });
      }
    }
    if (code !== undefined && code.length > 64) {
      report({
        line,
        column: codeColumn?.header ?? "",
        code: "too_long",
        message: "the code is over 64 characters",
        params: { maximum: 64 },
      });
    }
    if (code !== undefined && code !== "") {
      const first = firstLineOfCode.get(code);
      if (first !== undefined) {
        report({
          line,
          column: codeColumn?.header ?? "",
          code: "duplicate_code",
          message: `station code "${code}" is already on line ${first}`,
          params: { what: "station", code, first },
        });
      } else firstLineOfCode.set(code, line);
    }
    const coordinate = (col: Column | undefined, limit: number, what: string): number | null => {
      const text = cell(col);
      if (text === "") return null;
      const value = parseCoordinate(text);
      if (value === undefined || Math.abs(value) > limit) {
        report({
          line,
          column: col?.header ?? "",
          code: "invalid_coordinate",
          message: `${what} must be a number from -${limit} to ${limit}, not "${text}"`,
          params: { what, limit, value: text },
        });
        return null;
      }
      return value;
    };
    const latitude = coordinate(latColumn, 90, "latitude");
    const longitude = coordinate(lonColumn, 180, "longitude");
    let kind: StationKind = "regular";
    const kindText = cell(kindColumn).toLowerCase();
    if (kindText !== "") {
      const known = StationKindSchema.safeParse(kindText).success
        ? (kindText as StationKind)
        : KIND_WORDS[kindText];
      if (known === undefined) {
        report({
          line,
          column: kindColumn?.header ?? "",
          code: "invalid_kind",
          message: `station kind must be regular, abroad or special, not "${kindText}"`,
          params: { value: kindText },
        });
      } else kind = known;
    }

    // Areas: each level's code under the previous level's; the narrowest given holds the station.
    let parentCode: string | null = null;
    for (const level of levels) {
      const areaCode = cell(level.code);
      if (areaCode === "") continue;
      const areaName = cell(level.name) || areaCode;
      const known = areas.get(areaCode);
      if (known === undefined) {
        areas.set(areaCode, {
          code: areaCode,
          level: level.level,
          name: areaName,
          named: level.name !== undefined,
          parentCode,
          line,
        });
      } else if (known.level !== level.level || known.parentCode !== parentCode) {
        report({
          line,
          column: level.code?.header ?? "",
          code: "area_conflict",
          message:
            known.level !== level.level
              ? `area "${areaCode}" is a ${known.level} on line ${known.line} and a ${level.level} here`
              : `area "${areaCode}" is under "${known.parentCode ?? "nothing"}" on line ${known.line} and under "${parentCode ?? "nothing"}" here`,
          params: { area: areaCode, first: known.line },
        });
      }
      parentCode = areaCode;
    }
    if (parentCode === null) {
      report({
        line,
        column: levels[0]?.code?.header ?? "",
        code: "required",
        message: "the station has no area",
        params: { what: "area" },
      });
    }
    const attributes: Record<string, string> = {};
    for (const attribute of attributeColumns) {
      const value = cell(attribute.column);
      if (value !== "") attributes[attribute.key] = value;
    }
    if (code === undefined || code === "" || voters === undefined || parentCode === null) continue;
    stations.push({
      line,
      code,
      name: cell(nameColumn) || code,
      address: cell(addressColumn) || null,
      registeredVoters: voters,
      latitude,
      longitude,
      kind,
      attributes,
      areaCode: parentCode,
    });
  }
  if (issues.length > 0) {
    if (dropped > 0)
      issues.push({
        code: "more_issues",
        message: `${dropped} more problems not listed`,
        params: { count: dropped },
      });
    const hint = delimiterHint(table);
    return err(hint === undefined ? issues : [hint, ...issues]);
  }
  // Parents come first: every area is met after its parent in file order except on conflicts,
  // which were errors; order by depth to be sure.
  const depth = new Map<string, number>();
  const depthOf = (code: string): number => {
    const cached = depth.get(code);
    if (cached !== undefined) return cached;
    const parent = areas.get(code)?.parentCode ?? null;
    const d = parent === null ? 0 : depthOf(parent) + 1;
    depth.set(code, d);
    return d;
  };
  const orderedAreas = [...areas.values()]
    .map(({ line: _line, ...area }) => area)
    .sort((a, b) => depthOf(a.code) - depthOf(b.code));
  return ok({
    areas: orderedAreas,
    stations,
    mapped: {
      name: nameColumn !== undefined,
      address: addressColumn !== undefined,
      coordinates: latColumn !== undefined && lonColumn !== undefined,
      kind: kindColumn !== undefined,
      attributes: mapping.attributes.map((a) => a.key),
      areaNames: levels.filter((l) => l.name !== undefined).map((l) => l.level),
    },
  });
}
