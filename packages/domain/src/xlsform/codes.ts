// Every problem and warning of an XLSForm import, by code: the values it names (`params`) and,
// for a code said in several ways, the ways (`what`). The importer keeps an English sentence with
// each issue for API clients; a reader's page says it from the code and params in the reader's
// language (apps/web: errors.xlsform.<code>_<what>, then errors.xlsform.<code>). The workbook's
// place (sheet or file, row, column) is the issue's own `sheet`, `line` and `column`.
import type { IssueParams, IssueParamValue } from "../common/issue-params.ts";
import { FORM_CHECKS } from "../forms/cross-check.ts";

interface Declared {
  /** The values the problem names. */
  readonly params: readonly string[];
  /** The ways the problem is said, as `params.what`. */
  readonly what?: readonly string[];
}

/** The importer's own codes: the workbook, its sheets and cells, and the files beside it. */
export const XLSFORM_IMPORT_ISSUES = {
  // The workbook itself (xlsx.ts).
  too_large: { params: ["mib"] },
  not_xlsx: { params: [], what: ["zip", "workbook"] },
  invalid_xlsx: { params: [] },
  // Sheets and columns.
  missing_survey: { params: [] },
  empty_survey: { params: [] },
  survey_sheet_renamed: { params: ["name"] },
  unsupported_sheet: { params: ["name"] },
  extra_sheet: { params: ["name"] },
  missing_column: { params: [], what: ["choices", "type"] },
  duplicate_column: { params: ["header", "first", "firstHeader"] },
  invalid_language: { params: ["text"] },
  not_enforced_default: { params: ["header", "rows"] },
  not_enforced_read_only: { params: ["header", "rows"] },
  not_enforced_trigger: { params: ["header", "rows"] },
  // Rows and cells.
  incomplete_choice: { params: [], what: ["list_name", "name"] },
  row_without_type: { params: [] },
  unsupported_type: { params: ["type", "rest"], what: ["type", "after_list", "external"] },
  metadata_ignored: { params: ["type"] },
  unbalanced_group: { params: ["type", "name"], what: ["end", "open"] },
  unknown_list: { params: ["list"] },
  missing_name: { params: [] },
  ignored_cell: { params: ["header", "type"] },
  smart_quotes_replaced: { params: ["header"] },
  invalid_number: { params: ["value", "parameter"], what: ["cell", "range"] },
  invalid_boolean: { params: ["value"] },
  // Settings.
  form_id_changed: { params: ["value", "id"] },
  missing_form_id: { params: ["id"] },
  invalid_form_kind: { params: ["value", "kinds"] },
  missing_form_kind: { params: ["formKind"] },
  version_not_integer: { params: ["value", "version"] },
  // Files the form uses, uploaded beside it (files.ts for what is inside them).
  unsupported_choices_file: { params: ["file"] },
  missing_choices_file: { params: ["file"], what: ["upload", "later"] },
  missing_pulldata_file: { params: ["file"], what: ["upload", "later"] },
  missing_media_file: { params: ["file"] },
  unused_file: { params: ["file"] },
  file_language_unused: { params: ["language"] },
  file_not_utf8: { params: [] },
  file_empty: { params: [] },
  file_duplicate_column: { params: ["column"] },
  file_row_too_wide: { params: ["cells", "columns"] },
  file_missing_column: { params: ["column", "columns"], what: ["value", "label", "pulldata"] },
  file_not_xml: { params: [] },
  file_not_json: { params: [] },
  file_not_choices: { params: [], what: ["xml", "geojson"] },
  file_choice_without_name: { params: ["column"] },
  file_duplicate_choice: { params: ["name", "earlier"], what: ["row", "item", "feature"] },
  // Apollo workbooks (apollo.ts).
  apollo_form_type: { params: ["type"] },
  apollo_checklist_kind: { params: ["type"] },
  apollo_check_unsupported: { params: ["name", "expression"] },
  apollo_analysis_kept: { params: [] },
} as const satisfies Record<string, Declared>;

/**
 * Every code an XLSForm import may give: the importer's, and the checks of the form it read
 * (cross-check.ts). A zod check of the definition (a name's format, an expression's length) keeps
 * zod's code and is said as any field's problem.
 */
export const XLSFORM_ISSUES: Readonly<Record<string, Declared>> = {
  ...FORM_CHECKS,
  ...XLSFORM_IMPORT_ISSUES,
};

export type XlsFormImportCode = keyof typeof XLSFORM_IMPORT_ISSUES;

type Entry<C extends XlsFormImportCode> = (typeof XLSFORM_IMPORT_ISSUES)[C];
/** The params an importer issue of this code carries: its values, and its way when it has several. */
export type XlsFormImportParams<C extends XlsFormImportCode> = {
  readonly [K in Entry<C>["params"][number]]?: IssueParamValue;
} & (Entry<C> extends { readonly what: readonly (infer W)[] } ? { readonly what: W } : unknown);

/** An issue's params as it carries them: the values given, none left undefined. */
export function issueParamsOf(params: object): IssueParams {
  const out: IssueParams = {};
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) out[key] = value as IssueParamValue;
  return out;
}
