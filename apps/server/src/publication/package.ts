// A snapshot as a Frictionless Data Package (https://specs.frictionlessdata.io/data-package/):
// datapackage.json, one CSV per table with its Table Schema and SHA-256 (`hash: "sha256:..."`),
// the indicators' definitions as JSON and the methods as text. `readPackage` is the inverse: it
// reads the files back into the snapshot's data and the published figures, checking every hash.
import { createHash } from "node:crypto";
import { canonicalJson, DESCRIPTOR_FILE, err, ok, type Result } from "@scrutiny/domain";
import { markNonFinite } from "../forensics/json-numbers.ts";
import { numberText, readCsv, readNumber, writeCsv } from "./csv.ts";
import { ESTIMATE_COLUMNS, type FigureTables, INCIDENT_COLUMNS } from "./figures.ts";
import { forensicsFiles, type PublishedReport, readForensics, type SnapshotForensics } from "./forensics.ts";
import { methodsText } from "./methods.ts";
import type { SnapshotData, SnapshotMeta, SnapshotReport } from "./snapshot.ts";

export interface PackageFile {
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

type FieldType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "any";

interface Field {
  readonly name: string;
  readonly type: FieldType;
  readonly description?: string;
}

const ANSWER_PREFIX = "answer.";
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

const f = (name: string, type: FieldType, description?: string): Field =>
  description === undefined ? { name, type } : { name, type, description };

const TABLES = {
  phases: [
    f("code", "string"),
    f("kind", "string"),
    f("date", "string"),
    f("name", "object", "names by language"),
  ],
  areas: [
    f("area_id", "string"),
    f("parent_id", "string"),
    f("level", "string"),
    f("code", "string"),
    f("name", "object", "names by language"),
  ],
  stations: [
    f("station_id", "string"),
    f("code", "string"),
    f("area_id", "string"),
    f("kind", "string"),
    f("registered_voters", "integer"),
  ],
  plan: [
    f("station_id", "string"),
    f("stratum", "string"),
    f("inclusion_probability", "number"),
    f("reserve", "boolean"),
  ],
  strata: [
    f("stratum", "string"),
    f("population_size", "integer", "stations in the stratum (N_h)"),
    f("sample_size", "integer", "stations the plan drew (n_h)"),
  ],
} as const satisfies Record<string, readonly Field[]>;

const REPORT_FIELDS: readonly Field[] = [
  f("report_id", "string", "the report's random id, as in the transparency log"),
  f("station_id", "string"),
  f("team_id", "string", "the team's random id (pseudonymous)"),
  f("phase", "string"),
  f("form_kind", "string"),
  f("form_version", "integer"),
  f("status", "string", "accepted, verified or quarantined (quarantined reports are excluded)"),
];

const FIGURE_TYPES: Record<string, FieldType> = {
  indicator_version: "integer",
  value: "number",
  ci_lower: "number",
  ci_upper: "number",
  ci_level: "number",
  numerator: "number",
  denominator: "integer",
  stations: "integer",
  standard_error: "number",
  generalises: "boolean",
  small_cell: "boolean",
  design_effect: "number",
  effective_sample_size: "number",
  exclusions: "object",
  excluded_quarantined: "integer",
  excluded_outside_plan: "integer",
  warnings: "array",
  reports: "integer",
  stations_with_incident: "integer",
  stations_observed: "integer",
  reports_at_unvisited_stations: "integer",
  share: "number",
  share_lower: "number",
  share_upper: "number",
  share_denominator: "integer",
  total: "number",
  total_standard_error: "number",
  total_lower: "number",
  total_upper: "number",
};

const figureFields = (columns: readonly string[]): Field[] =>
  columns.map((c) => f(c, FIGURE_TYPES[c] ?? "string"));

/** An answer column's type: the one JSON type all its answers share, else JSON text ("any"). */
function answerType(values: readonly unknown[]): FieldType {
  let type: FieldType | undefined;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const t: FieldType =
      typeof v === "number"
        ? "number"
        : typeof v === "boolean"
          ? "boolean"
          : typeof v === "string" && v !== ""
            ? "string"
            : Array.isArray(v)
              ? "array"
              : "any";
    if (type === undefined) type = t;
    else if (type !== t) return "any";
  }
  return type ?? "string";
}

function encodeAnswer(value: unknown, type: FieldType): string {
  if (value === null || value === undefined) return "";
  if (type === "number") return numberText(value as number);
  if (type === "boolean") return value ? "true" : "false";
  if (type === "string") return value as string;
  return JSON.stringify(value);
}

function decodeAnswer(text: string, type: FieldType): unknown {
  if (text === "") return null;
  if (type === "number") return readNumber(text);
  if (type === "boolean") return text === "true";
  if (type === "string") return text;
  return JSON.parse(text);
}

const text = (s: string | null): string => s ?? "";
const orNull = (s: string | undefined): string | null => (s === undefined || s === "" ? null : s);

/** The package's files: datapackage.json first, then its resources. */
export function packageFiles(
  data: SnapshotData,
  figures: FigureTables,
  reports: ReadonlyMap<string, PublishedReport> = new Map(),
  observerEffects: readonly unknown[] = [],
): PackageFile[] {
  const answerTypes = data.questions.map((_, i) => answerType(data.reports.map((r) => r.answers[i])));
  const tables: { name: string; title: string; fields: readonly Field[]; rows: string[][] }[] = [
    {
      name: "estimates",
      title: "Every published figure: indicators overall, by phase and by area",
      fields: figureFields(ESTIMATE_COLUMNS),
      rows: figures.estimates,
    },
    {
      name: "incidents",
      title: "Incident indicators by category",
      fields: figureFields(INCIDENT_COLUMNS),
      rows: figures.incidents,
    },
    {
      name: "reports",
      title: "Every report of the mission, with the answers the indicators read",
      fields: [
        ...REPORT_FIELDS,
        ...data.questions.map((q, i) =>
          f(`${ANSWER_PREFIX}${q}`, answerTypes[i] ?? "string", `answer to ${q}`),
        ),
      ],
      rows: data.reports.map((r) => [
        r.id,
        r.stationId,
        text(r.teamId),
        r.phaseCode,
        r.formKind,
        String(r.formVersion),
        r.status,
        ...r.answers.map((a, i) => encodeAnswer(a, answerTypes[i] ?? "string")),
      ]),
    },
    {
      name: "stations",
      title: "Polling stations of the election",
      fields: TABLES.stations,
      rows: data.stations.map((s) => [s.id, s.code, s.areaId, s.kind, String(s.registeredVoters)]),
    },
    {
      name: "areas",
      title: "Areas of the election",
      fields: TABLES.areas,
      rows: data.areas.map((a) => [a.id, text(a.parentId), a.level, a.code, canonicalJson(a.name)]),
    },
    {
      name: "plan",
      title: "Stations of the deployment plan, with strata and inclusion probabilities",
      fields: TABLES.plan,
      rows: data.planned.map((p) => [
        p.stationId,
        text(p.stratum),
        numberText(p.inclusionProbability),
        p.reserve ? "true" : "false",
      ]),
    },
    {
      name: "strata",
      title: "Strata of the plan",
      fields: TABLES.strata,
      rows: data.strata.map((s) => [s.stratum, String(s.populationSize), String(s.sampleSize)]),
    },
    {
      name: "phases",
      title: "Phases of the election, in order",
      fields: TABLES.phases,
      rows: data.phases.map((p) => [p.code, p.kind, p.date, canonicalJson(p.name)]),
    },
  ];
  const files: PackageFile[] = tables.map((t) => ({
    name: `${t.name}.csv`,
    mediaType: "text/csv",
    bytes: encoder.encode(
      writeCsv(
        t.fields.map((x) => x.name),
        t.rows,
      ),
    ),
  }));
  files.push({
    name: "indicators.json",
    mediaType: "application/json",
    bytes: encoder.encode(`${JSON.stringify(data.indicators, null, 2)}\n`),
  });
  files.push({ name: "methods.md", mediaType: "text/markdown", bytes: encoder.encode(methodsText(data)) });
  if (observerEffects.length > 0)
    files.push({
      name: OBSERVER_EFFECTS_FILE,
      mediaType: "application/json",
      bytes: encoder.encode(`${JSON.stringify(publishedJson(observerEffects), null, 1)}\n`),
    });
  const forensics = data.forensics.flatMap((s) => forensicsFiles(s, reports.get(s.name) ?? null));
  for (const file of forensics)
    files.push({ name: file.name, mediaType: file.mediaType, bytes: encoder.encode(file.text) });
  const byName = new Map(files.map((file) => [file.name, file]));
  const resource = (name: string, extra: Record<string, unknown>) => {
    const file = byName.get(name);
    if (file === undefined) throw new Error(`no file ${name}`);
    return {
      name: name.replace(/\.[a-z]+$/, ""),
      path: name,
      ...extra,
      mediatype: file.mediaType,
      encoding: "utf-8",
      bytes: file.bytes.length,
      hash: `sha256:${sha256Hex(file.bytes)}`,
    };
  };
  const descriptor = {
    profile: "data-package",
    name: packageName(data.meta),
    id: data.meta.publication.id,
    title: data.meta.publication.title,
    description: `Published snapshot of ${data.meta.mission.code} on ${data.meta.election.code}: every figure, the data behind it and the methods. Recompute with \`scrutiny recompute\`.`,
    created: data.meta.publication.publishedAt,
    licenses: [licence(data.meta.licence)],
    contributors: [{ title: nameOf(data.meta.mission.name), role: "publisher" }],
    keywords: ["election observation", data.meta.election.code, data.meta.mission.code],
    scrutiny: data.meta,
    resources: [
      ...tables.map((t) =>
        resource(`${t.name}.csv`, {
          profile: "tabular-data-resource",
          title: t.title,
          format: "csv",
          schema: { fields: t.fields },
        }),
      ),
      resource("indicators.json", {
        profile: "data-resource",
        title: "Indicator definitions (versions as published)",
        format: "json",
      }),
      resource("methods.md", { profile: "data-resource", title: "Methods", format: "md" }),
      ...(observerEffects.length > 0
        ? [
            resource(OBSERVER_EFFECTS_FILE, {
              profile: "data-resource",
              title:
                "Observer effects of assessment indicators: team severity (teams by pseudonymous id), agreement, the indicator raw and adjusted",
              format: "json",
            }),
          ]
        : []),
      ...forensics.map((file) => resource(file.name, file.resource)),
    ],
  };
  return [
    {
      name: DESCRIPTOR_FILE,
      mediaType: "application/json",
      bytes: encoder.encode(`${JSON.stringify(descriptor, null, 2)}\n`),
    },
    ...files,
  ];
}

function nameOf(name: Record<string, string>): string {
  return name["en"] ?? Object.values(name)[0] ?? "";
}

function packageName(meta: SnapshotMeta): string {
  const slug = `${meta.election.code}-${meta.mission.code}`.toLowerCase().replace(/[^a-z0-9._-]+/g, "-");
  return `${slug}-${meta.publication.id.slice(0, 8)}`;
}

const LICENCES: Record<string, { title: string; path: string }> = {
  "CC-BY-4.0": {
    title: "Creative Commons Attribution 4.0",
    path: "https://creativecommons.org/licenses/by/4.0/",
  },
  "CC0-1.0": { title: "CC0 1.0", path: "https://creativecommons.org/publicdomain/zero/1.0/" },
  "ODC-BY-1.0": {
    title: "Open Data Commons Attribution License 1.0",
    path: "https://opendatacommons.org/licenses/by/1-0/",
  },
  "ODbL-1.0": {
    title: "Open Data Commons Open Database License 1.0",
    path: "https://opendatacommons.org/licenses/odbl/1-0/",
  },
};
export const LICENCE_NAMES = Object.keys(LICENCES) as [string, ...string[]];

function licence(name: string) {
  const known = LICENCES[name];
  return known === undefined ? { name } : { name, ...known };
}

export const OBSERVER_EFFECTS_FILE = "observer-effects.json";

/** JSON as published: NaN and infinities as marker strings, undefined fields dropped. */
export const publishedJson = (value: unknown): unknown => JSON.parse(JSON.stringify(markNonFinite(value)));

export interface PublishedFigures extends FigureTables {
  /** observer-effects.json (null when the package has none). */
  readonly observerEffects: readonly unknown[] | null;
  /** Each published forensic analysis's report (null in a draft that has none yet). */
  readonly forensics: readonly { readonly name: string; readonly report: PublishedReport | null }[];
}

export interface ReadPackage {
  readonly descriptor: Record<string, unknown>;
  readonly data: SnapshotData;
  readonly published: PublishedFigures;
  /** Files whose bytes differ from the hash datapackage.json declares (or are missing). */
  readonly hashProblems: readonly string[];
}

/** Reads a package's files back (a problem names the file and line). */
export function readPackage(files: ReadonlyMap<string, Uint8Array>): Result<ReadPackage, string> {
  const raw = files.get(DESCRIPTOR_FILE);
  if (raw === undefined) return err(`no ${DESCRIPTOR_FILE}`);
  let descriptor: {
    scrutiny?: SnapshotMeta;
    resources?: { path?: string; hash?: string; schema?: { fields?: Field[] } }[];
  };
  try {
    descriptor = JSON.parse(decoder.decode(raw));
  } catch (e) {
    return err(`${DESCRIPTOR_FILE}: ${(e as Error).message}`);
  }
  const meta = descriptor.scrutiny;
  if (meta === undefined)
    return err(`${DESCRIPTOR_FILE}: no "scrutiny" section (not a Scrutiny publication)`);
  const hashProblems: string[] = [];
  for (const r of descriptor.resources ?? []) {
    if (r.path === undefined) continue;
    const bytes = files.get(r.path);
    if (bytes === undefined) hashProblems.push(`${r.path}: missing`);
    else if (r.hash !== `sha256:${sha256Hex(bytes)}`)
      hashProblems.push(`${r.path}: its SHA-256 is not the one datapackage.json declares`);
  }
  try {
    const table = (name: string) => {
      const bytes = files.get(name);
      if (bytes === undefined) throw new Error(`no ${name}`);
      const csv = readCsv(decoder.decode(bytes));
      return { name, ...csv };
    };
    const column = (t: ReturnType<typeof table>, name: string) => {
      const i = t.header.indexOf(name);
      if (i < 0) throw new Error(`${t.name}: no column ${name}`);
      return (row: { fields: string[] }) => row.fields[i] ?? "";
    };
    const integer = (t: ReturnType<typeof table>, name: string) => {
      const get = column(t, name);
      return (row: { fields: string[]; line: number }) => {
        const n = Number(get(row));
        if (!Number.isSafeInteger(n))
          throw new Error(`${t.name} line ${row.line}: ${name} is not an integer`);
        return n;
      };
    };
    const json = (t: ReturnType<typeof table>, name: string) => {
      const get = column(t, name);
      return (row: { fields: string[]; line: number }) => {
        try {
          return JSON.parse(get(row)) as Record<string, string>;
        } catch {
          throw new Error(`${t.name} line ${row.line}: ${name} is not JSON`);
        }
      };
    };
    const phases = table("phases.csv");
    const areas = table("areas.csv");
    const stations = table("stations.csv");
    const plan = table("plan.csv");
    const strata = table("strata.csv");
    const reports = table("reports.csv");
    const reportFields = descriptor.resources?.find((r) => r.path === "reports.csv")?.schema?.fields ?? [];
    const answerColumns = reports.header
      .map((name, i) => ({ name, i }))
      .filter((c) => c.name.startsWith(ANSWER_PREFIX));
    const answerTypes = answerColumns.map(
      (c) => reportFields.find((x) => x.name === c.name)?.type ?? ("string" as FieldType),
    );
    const rc = (name: string) => column(reports, name);
    const [id, station, team, phase, formKind, status] = [
      rc("report_id"),
      rc("station_id"),
      rc("team_id"),
      rc("phase"),
      rc("form_kind"),
      rc("status"),
    ];
    const formVersion = integer(reports, "form_version");
    const reportRows: SnapshotReport[] = reports.rows.map((row) => ({
      id: id(row),
      stationId: station(row),
      teamId: orNull(team(row)),
      phaseCode: phase(row),
      formKind: formKind(row),
      formVersion: formVersion(row),
      status: status(row),
      answers: answerColumns.map((c, k) => {
        try {
          return decodeAnswer(row.fields[c.i] ?? "", answerTypes[k] ?? "string");
        } catch {
          throw new Error(`reports.csv line ${row.line}: ${c.name} is not ${answerTypes[k]}`);
        }
      }),
    }));
    const indicatorsBytes = files.get("indicators.json");
    if (indicatorsBytes === undefined) throw new Error("no indicators.json");
    const forensicsNames = (descriptor.resources ?? [])
      .map((r) => /^(forensics-\d+)-inputs\.json$/.exec(r.path ?? "")?.[1])
      .filter((name): name is string => name !== undefined);
    const fileText = (name: string) => {
      const bytes = files.get(name);
      return bytes === undefined ? undefined : decoder.decode(bytes);
    };
    const forensics = forensicsNames.map((name) => readForensics(name, fileText));
    const data: SnapshotData = {
      meta,
      phases: phases.rows.map((row) => ({
        code: column(phases, "code")(row),
        kind: column(phases, "kind")(row),
        date: column(phases, "date")(row),
        name: json(phases, "name")(row),
      })),
      areas: areas.rows.map((row) => ({
        id: column(areas, "area_id")(row),
        parentId: orNull(column(areas, "parent_id")(row)),
        level: column(areas, "level")(row),
        code: column(areas, "code")(row),
        name: json(areas, "name")(row),
      })),
      stations: stations.rows.map((row) => ({
        id: column(stations, "station_id")(row),
        code: column(stations, "code")(row),
        areaId: column(stations, "area_id")(row),
        kind: column(stations, "kind")(row),
        registeredVoters: integer(stations, "registered_voters")(row),
      })),
      planned: plan.rows.map((row) => ({
        stationId: column(plan, "station_id")(row),
        stratum: orNull(column(plan, "stratum")(row)),
        inclusionProbability: readNumber(column(plan, "inclusion_probability")(row)),
        reserve: column(plan, "reserve")(row) === "true",
      })),
      strata: strata.rows.map((row) => ({
        stratum: column(strata, "stratum")(row),
        populationSize: integer(strata, "population_size")(row),
        sampleSize: integer(strata, "sample_size")(row),
      })),
      indicators: JSON.parse(decoder.decode(indicatorsBytes)),
      questions: answerColumns.map((c) => c.name.slice(ANSWER_PREFIX.length)),
      reports: reportRows,
      forensics: forensics.map((x): SnapshotForensics => x.forensics),
    };
    const rowsOf = (name: string, columns: readonly string[]) => {
      const t = table(name);
      const getters = columns.map((c) => column(t, c));
      return t.rows.map((row) => getters.map((get) => get(row)));
    };
    return ok({
      descriptor: descriptor as Record<string, unknown>,
      data,
      published: {
        estimates: rowsOf("estimates.csv", ESTIMATE_COLUMNS),
        incidents: rowsOf("incidents.csv", INCIDENT_COLUMNS),
        forensics: forensics.map((x) => ({ name: x.forensics.name, report: x.report })),
        observerEffects: (() => {
          const t = fileText(OBSERVER_EFFECTS_FILE);
          return t === undefined ? null : (JSON.parse(t) as unknown[]);
        })(),
      },
      hashProblems,
    });
  } catch (e) {
    return err((e as Error).message);
  }
}

/** A row of estimates.csv or incidents.csv typed by its Table Schema (NaN and empty cells: null). */
export function typedRow(columns: readonly string[], row: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    const cell = row[i] ?? "";
    const type = FIGURE_TYPES[column] ?? "string";
    if (type === "string") out[column] = cell;
    else if (cell === "") out[column] = null;
    else if (type === "number" || type === "integer") {
      const n = readNumber(cell);
      out[column] = n === null || !Number.isFinite(n) ? null : n;
    } else if (type === "boolean") out[column] = cell === "true";
    else out[column] = JSON.parse(cell);
  });
  return out;
}
