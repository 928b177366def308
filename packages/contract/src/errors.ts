import { z } from "zod";

/**
 * One problem with a request: where (`path`, from the request part down: `["body", "items", 0,
 * "name"]`), what (`code`, with `params`) and an English sentence. File problems also give their
 * line and column.
 */
export const Issue = z.looseObject({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
  /**
   * What the problem names (the bound, the format, the allowed values, a refinement's own code as
   * `code`), so that a client can say it in its reader's language (`issueParams` of the domain).
   */
  params: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .optional(),
  line: z.number().optional(),
  column: z.union([z.number(), z.string()]).optional(),
});
export type Issue = z.infer<typeof Issue>;

/**
 * What a `not_found` answer says was not found (`params.what`, with `name` when it has one): the
 * catalogue has a sentence for each (`errors.codes.not_found_<what>`).
 */
export const NOT_FOUND_WHAT = [
  "account",
  "api_token",
  "attachment",
  "contest",
  "election",
  "file",
  "form",
  "form_file",
  "form_version",
  "grant",
  "import_job",
  "incident",
  "indicator",
  "indicator_match",
  "mission",
  "observer",
  "observer_sign_in",
  "official_results",
  "phase",
  "plan_version",
  "publication",
  "results_set",
  "route",
  "saved_mapping",
  "station",
  "submission",
  "team",
  "tile",
  "upload",
  "user",
  "visit",
] as const;
export type NotFoundWhat = (typeof NOT_FOUND_WHAT)[number];

/** What clashed with what is stored (`conflict`'s `params.what`, with the `code` already taken). */
export const CONFLICT_WHAT = ["election_code", "mission_code", "submission"] as const;
/** What is wrong with an account as given (`invalid_account`'s `params.what`). */
export const INVALID_ACCOUNT_WHAT = [
  "username",
  "password",
  "observer_role",
  "admin_mission",
  "mission_needed",
] as const;
/** Why a request is refused (`forbidden`'s `params.what`), when the refusal says more than "no". */
export const FORBIDDEN_WHAT = [
  "not_observer",
  "observer_gone",
  "own_reports_only",
  "other_election",
  "other_mission",
  "election_data",
  "role",
] as const;

const text = z.string();
const count = z.number().int();
const list = z.array(z.string());
const none = z.object({});

/**
 * Every code an error answer may carry, with the values its `params` name: what a client needs to
 * say the refusal in its reader's language (the web app's catalogue has an entry for each,
 * `errors.codes.<code>`). The English `message` stays for API clients that show it as it is.
 */
export const ERROR_PARAMS = {
  // Any route.
  invalid_request: none,
  bad_request: none,
  malformed_json: none,
  unauthorized: none,
  forbidden: z.object({ what: z.enum(FORBIDDEN_WHAT).optional() }),
  not_found: z.object({ what: z.enum(NOT_FOUND_WHAT).optional(), name: text.optional() }),
  conflict: z.object({ what: z.enum(CONFLICT_WHAT).optional(), code: text.optional() }),
  in_use: z.object({ what: z.enum(["phases", "contests"]).optional(), codes: list.optional() }),
  rate_limited: none,
  payload_too_large: z.object({ limit: count.optional() }),
  unsupported_media_type: z.object({ contentType: text.optional() }),
  database_unavailable: none,
  internal_error: none,
  // Signing in, accounts and tokens.
  invalid_credentials: none,
  account_locked: none,
  wrong_password: none,
  setup_done: none,
  invalid_account: z.object({
    what: z.enum(INVALID_ACCOUNT_WHAT).optional(),
    minimum: count.optional(),
    maximum: count.optional(),
  }),
  unknown_mission: none,
  username_taken: z.object({ username: text }),
  last_admin: none,
  not_grantable: none,
  // Imports of stations, rosters and sample plans.
  empty_file: none,
  unreadable_file: none,
  invalid_file: z.object({ count: count.optional() }),
  invalid_mapping: none,
  no_mapping: none,
  preset_and_mapping: none,
  invalid_results: z.object({ count }),
  contest_not_applicable: none,
  invalid_sample: z.object({ count }),
  empty_frame: none,
  sample_too_large: z.object({
    what: z.enum(["explicit_sizes", "free_strata"]).optional(),
    size: count,
    stations: count.optional(),
  }),
  stratum_too_small: z.object({ stratum: text, stations: count, size: count }),
  unknown_stratum: z.object({ stratum: text }),
  unknown_variable: z.object({ variable: text, known: list }),
  // Deployment: observers, teams, routes, areas.
  invalid_phone: z.object({ phone: text }),
  unknown_area: z.object({ codes: list }),
  unknown_station: z.object({ codes: list }),
  unknown_observer: none,
  team_too_small: none,
  invalid_input: none,
  // Forms and reports.
  invalid_multipart: none,
  invalid_upload: none,
  missing_form_file: z.object({ names: list }),
  invalid_xlsform: z.object({ count }),
  logic_dropped: z.object({ count }),
  invalid_form: z.object({ count }),
  kind_changed: z.object({ from: text, to: text }),
  invalid_answers: z.object({ count }),
  // A report the server refused (the phone keeps the answer and shows it).
  invalid_submission: z.object({ count }),
  unknown_form: z.object({ form: text, version: count }),
  unknown_phase: z.object({ phase: text }),
  unknown_team: none,
  unknown_visit: none,
  observer_required: none,
  refused_by_database: none,
  invalid_attachment: none,
  // Analysis and publication.
  invalid_indicator: none,
  unknown_question: z.object({ names: list }),
  invalid_match: none,
  unknown_table: z.object({ table: text }),
  nothing_to_publish: none,
  personal_data: z.object({ indicator: text, question: text, form: text }),
  invalid_forensics: none,
  // The transparency log's witnesses.
  invalid_witness_key: none,
  invalid_cosignature: none,
  unknown_checkpoint: none,
  too_many_witnesses: none,
} as const satisfies Record<string, z.ZodObject>;

export type ErrorCode = keyof typeof ERROR_PARAMS;
export const ERROR_CODES = Object.keys(ERROR_PARAMS) as ErrorCode[];
/** The params an error with this code carries. */
export type ErrorParams<C extends ErrorCode> = z.input<(typeof ERROR_PARAMS)[C]>;

/** Every error leaves the server in this shape. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** What the refusal names (`ERROR_PARAMS` of its code). */
    params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
    details: z.looseObject({ issues: z.array(Issue).optional() }).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
