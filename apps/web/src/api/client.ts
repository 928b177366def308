import type {
  auth,
  BodyInput,
  directory,
  elections,
  forms,
  ResponseOf,
  RouteContract,
  submissions,
} from "@scrutiny/contract";
import { failureOf, networkFailure } from "./failure.ts";

// Every type below is the contract's (packages/contract), inferred from the zod schemas the
// server validates with and its OpenAPI document is generated from: none is written twice.

/** Text keyed by language code, as the API sends names of elections, phases and missions. */
export type LocalizedText = Readonly<Record<string, string>>;

/** The signed-in user as `/api/v1/me` and sign-in return it. */
export type SessionUser = ResponseOf<typeof auth.me>["user"];
export type ElectionListItem = ResponseOf<typeof elections.listElections>["elections"][number];
export type ElectionOverview = ResponseOf<typeof elections.electionOverview>;
export type ElectionPhase = ElectionOverview["election"]["phases"][number];
export type MissionOverview = elections.MissionSummary;

export type SubmissionStatus = submissions.SubmissionStatus;
export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = ["accepted", "verified", "quarantined"];
export type ReviewDecision = BodyInput<typeof submissions.reviewSubmission>["decision"];
export type Submission = submissions.Submission;
/** An answer as stored: choice names, numbers, text, lists of choice names. */
export type StoredAnswer = Submission["answers"][string];
export type SubmissionPage = ResponseOf<typeof submissions.listSubmissions>;
export type SubmissionDetail = ResponseOf<typeof submissions.getSubmission>;

export interface SubmissionFilter {
  readonly status?: SubmissionStatus | undefined;
  readonly formId?: string | undefined;
  readonly stationId?: string | undefined;
  readonly observerId?: string | undefined;
  readonly phaseCode?: string | undefined;
  readonly flagged?: boolean | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** A form's current version as the election's form list returns it. */
export type FormSummary = forms.FormSummary;
export type FormVersionDetail = ResponseOf<typeof forms.formVersion>;
export type DirectoryStation = directory.DirectoryStation;
export type Directory = ResponseOf<typeof directory.missionDirectory>;

export interface DirectoryQuery {
  readonly stationIds?: readonly string[];
  readonly observerIds?: readonly string[];
  readonly userIds?: readonly string[];
  readonly stationCode?: string;
}

/** `?a=1&b=2` from the defined values, or "" when there are none. */
function queryString(
  values: Readonly<Record<string, string | number | boolean | undefined>>,
): "" | `?${string}` {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

const list = (ids: readonly string[] | undefined) =>
  ids === undefined || ids.length === 0 ? undefined : [...ids].sort().join(",");

// Every failed request becomes an ApiError (api/failure.ts), said to a reader by apiErrorText.
export { ApiError, isApiError } from "./failure.ts";

/** A file sent as the raw request body (uploads), instead of JSON. */
export interface RawBody {
  readonly blob: Blob;
  readonly contentType: string;
}

/**
 * Calls the API and returns its JSON; every failure (network, HTTP error shape) becomes an
 * ApiError. The one request function of the web app: feature modules build on it.
 */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  if (isRawBody(body)) {
    headers["content-type"] = body.contentType;
    init.body = body.blob;
  } else if (body instanceof FormData) {
    // Multipart (a workbook with its files): the browser writes the content type and boundary.
    init.body = body;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw networkFailure(cause);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw failureOf(response, parsed);
  return parsed as T;
}

function isRawBody(body: unknown): body is RawBody {
  return typeof body === "object" && body !== null && "blob" in body && body.blob instanceof Blob;
}

/** `/api/v1/missions/:missionId/plan` as the paths that fill it: `/api/v1/missions/${string}/plan`. */
export type FilledPath<P extends string> = P extends `${infer Head}:${string}/${infer Rest}`
  ? `${Head}${string}/${FilledPath<Rest>}`
  : P extends `${infer Head}:${string}`
    ? `${Head}${string}`
    : P;

/**
 * Calls a declared route: the method and the path's shape must be the route's, the body is its
 * request schema's input, and the answer is typed by its declared response schema. Type-only
 * (the contract's schemas do not ship in the app): `call<typeof forms.listForms>("GET", path)`.
 */
export function call<C extends RouteContract>(
  method: C["method"],
  path: FilledPath<C["path"]> | `${FilledPath<C["path"]>}?${string}`,
  body?: BodyInput<C> | RawBody,
): Promise<ResponseOf<C>> {
  return request<ResponseOf<C>>(method, path, body);
}

/** Path segment, encoded. */
export const seg = (value: string | number) => encodeURIComponent(String(value));

/** The typed API of the server, one function per endpoint the web app uses. */
export const api = {
  signIn: (username: string, password: string) =>
    call<typeof auth.signIn>("POST", "/api/v1/auth/sign-in", { username, password }),
  signOut: () => call<typeof auth.signOut>("POST", "/api/v1/auth/sign-out"),
  me: () => call<typeof auth.me>("GET", "/api/v1/me"),
  elections: () => call<typeof elections.listElections>("GET", "/api/v1/elections"),
  overview: (electionId: string) =>
    call<typeof elections.electionOverview>("GET", `/api/v1/elections/${seg(electionId)}/overview`),
  submissions: (missionId: string, filter: SubmissionFilter) =>
    call<typeof submissions.listSubmissions>(
      "GET",
      `/api/v1/missions/${seg(missionId)}/submissions${queryString({
        status: filter.status,
        formId: filter.formId,
        stationId: filter.stationId,
        observerId: filter.observerId,
        phaseCode: filter.phaseCode,
        flagged: filter.flagged,
        limit: filter.limit,
        offset: filter.offset,
      })}`,
    ),
  submission: (submissionId: string) =>
    call<typeof submissions.getSubmission>("GET", `/api/v1/submissions/${seg(submissionId)}`),
  review: (submissionId: string, decision: ReviewDecision, reason: string) =>
    call<typeof submissions.reviewSubmission>("POST", `/api/v1/submissions/${seg(submissionId)}/reviews`, {
      decision,
      reason,
    }),
  forms: (electionId: string) =>
    call<typeof forms.listForms>("GET", `/api/v1/elections/${seg(electionId)}/forms`),
  formVersion: (formId: string, version: number) =>
    call<typeof forms.formVersion>("GET", `/api/v1/forms/${seg(formId)}/versions/${version}`),
  directory: (missionId: string, query: DirectoryQuery) =>
    call<typeof directory.missionDirectory>(
      "GET",
      `/api/v1/missions/${seg(missionId)}/directory${queryString({
        stationIds: list(query.stationIds),
        observerIds: list(query.observerIds),
        userIds: list(query.userIds),
        stationCode: query.stationCode,
      })}`,
    ),
};

export function formVersionPath(formId: string, version: number): string {
  return `/api/v1/forms/${encodeURIComponent(formId)}/versions/${version}`;
}

/** Where the browser downloads a form version as an XLSForm workbook. */
export function xlsFormUrl(formId: string, version: number): string {
  return `${formVersionPath(formId, version)}/xlsform`;
}

/** A file uploaded beside the version's workbook (a choices file, a pulldata CSV), as uploaded. */
export function formFileUrl(formId: string, version: number, name: string): string {
  return `${formVersionPath(formId, version)}/files/${encodeURIComponent(name)}`;
}
