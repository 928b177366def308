// Files a workbook uses, uploaded beside it, read as ODK reads them: the choices of a
// select_*_from_file (CSV with name/label columns, XML `<root><item>...`, GeoJSON features with
// id/title; pyxform's `parameters` value=/label= name other columns) and pulldata()'s CSVs.
// Every problem names the file's row and column (the importer prefixes the file's name), so a
// mission can fix the file it has rather than guess.
import type { IssueParams } from "../common/issue-params.ts";
import { err, ok, type Result } from "../common/result.ts";
import type { MediaFile } from "../forms/definition.ts";
import { sha256Hex } from "../forms/hash.ts";
import { parseCsv, stripBom } from "../results/csv.ts";
import type { XlsFormImportCode } from "./codes.ts";
import { DEFAULT_LANGUAGE_KEY, parseLanguage } from "./languages.ts";
import { columnLetter } from "./xlsx.ts";
import { childElements, parseXml, textContent, XmlError } from "./xml.ts";

type FileIssueCode = Extract<XlsFormImportCode, `file_${string}` | "unsupported_choices_file">;

/** A problem in an uploaded file, at its row (1 = the header) and column letter where known. */
export interface FileIssue {
  /** One of codes.ts's (`file_*`, `unsupported_choices_file`). */
  readonly code: FileIssueCode;
  readonly message: string;
  /** What the problem names (codes.ts), to say it in another language. */
  readonly params?: IssueParams;
  readonly line?: number;
  readonly column?: string;
}

export interface FileChoice {
  readonly name: string;
  readonly label?: Readonly<Record<string, string>>;
  readonly properties?: Readonly<Record<string, string>>;
}

/** pyxform's `parameters` of a select_*_from_file: the columns holding each choice's name and label. */
export interface FileColumns {
  readonly value?: string;
  readonly label?: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  csv: "text/csv",
  xml: "application/xml",
  geojson: "application/geo+json",
};
/** Types of the files media labels show, by extension (ODK Collect's usual formats). */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  ogg: "audio/ogg",
  wav: "audio/wav",
  amr: "audio/amr",
  mp4: "video/mp4",
  "3gp": "video/3gpp",
  webm: "video/webm",
};

/** The extension of a file name, lower case ("" when none). */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** Whether choices can be read from a file of this name (.csv, .xml, .geojson). */
export function isChoicesFileName(name: string): boolean {
  return CONTENT_TYPES[fileExtension(name)] !== undefined;
}

/** The file as the form version keeps it: content-addressed, with its type. */
export function mediaFileOf(name: string, bytes: Uint8Array): MediaFile {
  return {
    sha256: sha256Hex(bytes),
    size: bytes.length,
    contentType:
      CONTENT_TYPES[fileExtension(name)] ?? MEDIA_TYPES[fileExtension(name)] ?? "application/octet-stream",
  };
}

/** The value and label column a file's choices are read from by default, as ODK does. */
export function defaultFileColumns(name: string): Required<FileColumns> {
  return fileExtension(name) === "geojson"
    ? { value: "id", label: "title" }
    : { value: "name", label: "label" };
}

function decode(bytes: Uint8Array): Result<string, FileIssue[]> {
  try {
    return ok(stripBom(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
  } catch {
    return err([{ code: "file_not_utf8", message: "is not UTF-8 text (save it as CSV UTF-8)" }]);
  }
}

interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[];
  /** Rows wider than the header, columns named twice: reported with the file's other problems. */
  readonly issues: readonly FileIssue[];
}

/** A CSV as its header and rows, cells trimmed. */
function readCsv(text: string): Result<CsvTable, FileIssue[]> {
  const [first, ...rest] = parseCsv(text);
  if (first === undefined || first.fields.every((f) => f.trim() === ""))
    return err([{ code: "file_empty", message: "is empty: its first row must name the columns", line: 1 }]);
  const header = first.fields.map((f) => f.trim());
  const issues: FileIssue[] = [];
  header.forEach((h, i) => {
    if (h !== "" && header.indexOf(h) !== i)
      issues.push({
        code: "file_duplicate_column",
        params: { column: h },
        message: `the column '${h}' appears twice`,
        line: first.line,
        column: columnLetter(i),
      });
  });
  const rows: { line: number; cells: string[] }[] = [];
  for (const r of rest) {
    const cells = r.fields.map((f) => f.trim());
    if (cells.every((c) => c === "")) continue;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c !== ""))
      issues.push({
        code: "file_row_too_wide",
        params: { cells: cells.length, columns: header.length },
        message: `has ${cells.length} cells but the header row names ${header.length} columns (a value with a comma needs quotes)`,
        line: r.line,
        column: columnLetter(header.length),
      });
    rows.push({ line: r.line, cells });
  }
  return ok({ header, rows, issues });
}

/** Columns of a CSV header that hold the choice's label: `label`, `label::English (en)`, ... */
function labelColumns(
  header: readonly string[],
  base: string,
  plainLanguage: string,
): { index: number; lang: string }[] {
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:\\s*::?\\s*(.+))?$`, "i");
  return header.flatMap((h, index) => {
    const m = pattern.exec(h);
    if (m === null) return [];
    const lang = m[1] === undefined ? plainLanguage : parseLanguage(m[1])?.code;
    return lang === undefined ? [] : [{ index, lang }];
  });
}

type ChoicesReader = (
  text: string,
  columns: Required<FileColumns>,
  plainLanguage: string,
) => Result<RowChoices, FileIssue[]>;

const choicesFromCsv: ChoicesReader = (text, columns, plainLanguage) => {
  const table = readCsv(text);
  if (!table.ok) return table;
  const { header, rows, issues } = table.value;
  const valueAt = header.findIndex((h) => h.toLowerCase() === columns.value.toLowerCase());
  const labels = labelColumns(header, columns.label, plainLanguage);
  const missing: FileIssue[] = [];
  const named = header.filter((h) => h !== "").join(", ");
  if (valueAt < 0)
    missing.push({
      code: "file_missing_column",
      params: { what: "value", column: columns.value, columns: header.filter((h) => h !== "") },
      message: `has no '${columns.value}' column for the choices' names (its columns: ${named})`,
      line: 1,
    });
  if (labels.length === 0)
    missing.push({
      code: "file_missing_column",
      params: { what: "label", column: columns.label, columns: header.filter((h) => h !== "") },
      message: `has no '${columns.label}' column for the choices' labels (its columns: ${named})`,
      line: 1,
    });
  if (missing.length > 0) return err([...issues, ...missing]);
  return ok({
    issues,
    choices: rows.map((row) => {
      const label: Record<string, string> = {};
      for (const { index, lang } of labels)
        if ((row.cells[index] ?? "") !== "") label[lang] = row.cells[index] ?? "";
      const properties: Record<string, string> = {};
      header.forEach((h, i) => {
        const v = row.cells[i] ?? "";
        if (i !== valueAt && !labels.some((l) => l.index === i) && h !== "" && v !== "") properties[h] = v;
      });
      return {
        line: row.line,
        column: columnLetter(valueAt),
        name: row.cells[valueAt] ?? "",
        label,
        properties,
      };
    }),
  });
};

const choicesFromXml: ChoicesReader = (text, columns, plainLanguage) => {
  let root: ReturnType<typeof parseXml>;
  try {
    root = parseXml(text);
  } catch (error) {
    const why = error instanceof XmlError ? error.message : "unreadable";
    return err([{ code: "file_not_xml", message: `is not well-formed XML (${why})` }]);
  }
  const items = childElements(root, "item");
  if (root.name !== "root" || items.length === 0)
    return err([
      {
        code: "file_not_choices",
        params: { what: "xml" },
        message: "must be <root> with one <item> per choice, as ODK reads external XML choices",
      },
    ]);
  const choices: RowChoice[] = [];
  items.forEach((item, i) => {
    const fields = new Map(childElements(item).map((c) => [c.name, textContent(c).trim()]));
    const properties: Record<string, string> = {};
    for (const [k, v] of fields)
      if (k !== columns.value && k !== columns.label && v !== "") properties[k] = v;
    const label = fields.get(columns.label) ?? "";
    choices.push({
      line: i + 1,
      column: columns.value,
      name: fields.get(columns.value) ?? "",
      label: label === "" ? {} : { [plainLanguage]: label },
      properties,
    });
  });
  return ok({ choices, issues: [] });
};

const choicesFromGeoJson: ChoicesReader = (text, columns, plainLanguage) => {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return err([{ code: "file_not_json", message: `is not JSON (${String(error).slice(0, 100)})` }]);
  }
  const features = (doc as { type?: unknown; features?: unknown } | null)?.features;
  if ((doc as { type?: unknown } | null)?.type !== "FeatureCollection" || !Array.isArray(features))
    return err([
      {
        code: "file_not_choices",
        params: { what: "geojson" },
        message: "must be a GeoJSON FeatureCollection",
      },
    ]);
  const choices: RowChoice[] = [];
  features.forEach((feature: unknown, i) => {
    const f = (feature ?? {}) as { id?: unknown; properties?: unknown; geometry?: unknown };
    const props = (typeof f.properties === "object" && f.properties !== null ? f.properties : {}) as Record<
      string,
      unknown
    >;
    const text = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
    const properties: Record<string, string> = {};
    for (const [k, v] of Object.entries(props))
      if (k !== columns.value && k !== columns.label && text(v) !== "") properties[k] = text(v);
    // ODK gives each feature its geometry as a property, in its own geopoint notation.
    const geometry = odkGeometry(f.geometry);
    if (geometry !== undefined) properties["geometry"] = geometry;
    const name = text(props[columns.value]) || (columns.value === "id" ? text(f.id) : "");
    const label = text(props[columns.label]);
    choices.push({
      line: i + 1,
      column: columns.value,
      name,
      label: label === "" ? {} : { [plainLanguage]: label },
      properties,
    });
  });
  return ok({ choices, issues: [] });
};

const READERS: Readonly<Record<string, ChoicesReader>> = {
  csv: choicesFromCsv,
  xml: choicesFromXml,
  geojson: choicesFromGeoJson,
};

/** A GeoJSON geometry as ODK writes it: `lat lon 0 0`, points of a line or ring joined by `; `. */
function odkGeometry(geometry: unknown): string | undefined {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
  const point = (c: unknown) =>
    Array.isArray(c) && typeof c[0] === "number" && typeof c[1] === "number"
      ? `${c[1]} ${c[0]} 0 0`
      : undefined;
  if (g?.type === "Point") return point(g.coordinates);
  const line = (cs: unknown) =>
    Array.isArray(cs)
      ? cs
          .map(point)
          .filter((p) => p !== undefined)
          .join("; ")
      : "";
  if (g?.type === "LineString") return line(g.coordinates) || undefined;
  if (g?.type === "Polygon" && Array.isArray(g.coordinates)) return line(g.coordinates[0]) || undefined;
  return undefined;
}

interface RowChoices {
  readonly choices: readonly RowChoice[];
  readonly issues: readonly FileIssue[];
}

interface RowChoice {
  readonly line: number;
  /** Where the name is: a column letter (CSV) or the element/property name (XML, GeoJSON). */
  readonly column: string;
  readonly name: string;
  readonly label: Readonly<Record<string, string>>;
  readonly properties: Readonly<Record<string, string>>;
}

/**
 * The choices of a select_*_from_file. Every row needs a name, unique unless the form allows
 * duplicate choices (`allow_choice_duplicates`), and the file needs its value and label columns.
 */
export function readChoicesFile(
  file: string,
  bytes: Uint8Array,
  options: {
    readonly columns?: FileColumns;
    readonly duplicatesAllowed?: boolean;
    /** The language of a label column without one (`label`); pyxform's default. */
    readonly plainLanguage?: string;
  } = {},
): Result<FileChoice[], FileIssue[]> {
  const columns = { ...defaultFileColumns(file), ...options.columns };
  const plain = options.plainLanguage ?? DEFAULT_LANGUAGE_KEY;
  const ext = fileExtension(file);
  const reader = READERS[ext];
  if (reader === undefined)
    return err([
      { code: "unsupported_choices_file", message: "choices are read from .csv, .xml or .geojson files" },
    ]);
  const text = decode(bytes);
  if (!text.ok) return text;
  const read = reader(text.value, columns, plain);
  if (!read.ok) return read;
  const issues: FileIssue[] = [...read.value.issues];
  const seen = new Map<string, number>();
  const where = ext === "csv" ? "row" : ext === "xml" ? "item" : "feature";
  for (const row of read.value.choices) {
    const at = ext === "csv" ? { line: row.line, column: row.column } : { line: row.line };
    if (row.name === "") {
      issues.push({
        code: "file_choice_without_name",
        params: { column: columns.value },
        message: `${ext === "csv" ? "" : `${where} ${row.line}: `}the choice has no '${columns.value}'`,
        ...at,
      });
      continue;
    }
    const earlier = seen.get(row.name);
    if (earlier !== undefined && options.duplicatesAllowed !== true)
      issues.push({
        code: "file_duplicate_choice",
        params: { what: where, name: row.name, earlier },
        message: `${ext === "csv" ? "" : `${where} ${row.line}: `}'${row.name}' is already the name of ${where} ${earlier} (allow_choice_duplicates in the settings allows it)`,
        ...at,
      });
    else if (earlier === undefined) seen.set(row.name, row.line);
  }
  if (issues.length > 0) return err(issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  return ok(
    read.value.choices.map((row) => ({
      name: row.name,
      ...(Object.keys(row.label).length > 0 ? { label: row.label } : {}),
      ...(Object.keys(row.properties).length > 0 ? { properties: row.properties } : {}),
    })),
  );
}

/**
 * A pulldata() CSV as rows of cells by column header. `needs` are the columns the form's pulldata
 * calls read (the column pulled and the key column): each must be in the header.
 */
export function readDataFile(
  bytes: Uint8Array,
  needs: readonly string[],
): Result<Record<string, string>[], FileIssue[]> {
  const text = decode(bytes);
  if (!text.ok) return text;
  const table = readCsv(text.value);
  if (!table.ok) return table;
  const { header, rows, issues } = table.value;
  const absent = [...new Set(needs)].filter((n) => !header.includes(n));
  if (absent.length > 0 || issues.length > 0)
    return err([
      ...issues,
      ...absent.map((column) => ({
        code: "file_missing_column" as const,
        params: { what: "pulldata", column, columns: header.filter((h) => h !== "") },
        message: `has no column '${column}', which the form's pulldata() reads (its columns: ${header.filter((h) => h !== "").join(", ")})`,
        line: 1,
      })),
    ]);
  return ok(
    rows.map((r) => Object.fromEntries(header.flatMap((h, i) => (h === "" ? [] : [[h, r.cells[i] ?? ""]])))),
  );
}
