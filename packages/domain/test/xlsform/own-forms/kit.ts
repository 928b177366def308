import type { XlsFormImportOptions, XlsxCell, XlsxSheetInput } from "../../../src/xlsform/index.ts";

/** What the fixture set as a whole must exercise: the features #13 lists for XLSForm import. */
export const FEATURES = [
  "repeat",
  "repeat_count",
  "nested_repeat",
  "calculate",
  "choice_filter",
  "or_other",
  "select_from_file",
  "geopoint",
  "station_distance",
  "image",
  "audio",
  "file",
  "date",
  "time",
  "datetime",
  "day_arithmetic",
  "range",
  "note",
  "acknowledge",
  "barcode",
  "type_alias",
  "non_latin_language",
  "media_label",
  "names_per_scope",
  "kept_columns",
  "odk_functions",
  "warnings",
  "located_rejection",
  "form_kind",
  "pulldata",
  "required_expression",
] as const;
export type Feature = (typeof FEATURES)[number];

/** One workbook of our own: its sheets, files uploaded beside it, and what it exercises. */
export interface OwnForm {
  readonly file: string;
  readonly features: readonly Feature[];
  readonly sheets: readonly XlsxSheetInput[];
  /** CSV files uploaded beside the workbook (select_*_from_file, pulldata), by name. */
  readonly files?: Readonly<Record<string, string>>;
  readonly options?: XlsFormImportOptions;
}

type Rows = readonly (readonly XlsxCell[])[];
export const survey = (...rows: Rows): XlsxSheetInput => ({ name: "survey", rows });
export const choices = (...rows: Rows): XlsxSheetInput => ({ name: "choices", rows });
export const settings = (...rows: Rows): XlsxSheetInput => ({ name: "settings", rows });
export const yesNo = (header: readonly string[] = ["list_name", "name", "label"]): XlsxSheetInput =>
  choices(header, ["yn", "yes", "Yes"], ["yn", "no", "No"]);
