import type { auth, ResponseOf } from "@scrutiny/contract";
import type { DeploymentDesign, FormDefinition, FormKind, MissionKind, PhaseKind } from "@scrutiny/domain";

/** Text keyed by language code, as the API sends names of elections, phases and missions. */
export type LocalizedText = Readonly<Record<string, string>>;

/** The signed-in user as `/api/v1/me` and sign-in return it (the contract's schema). */
export type SessionUser = ResponseOf<typeof auth.me>["user"];

export interface ElectionListItem {
  readonly id: string;
  readonly code: string;
  readonly name: LocalizedText;
  readonly electionDate: string;
}

export interface ElectionPhase {
  readonly code: string;
  readonly kind: PhaseKind;
  readonly date: string;
  readonly name: LocalizedText;
}

export interface ElectionOverview {
  readonly election: {
    readonly id: string;
    readonly code: string;
    readonly name: LocalizedText;
    readonly country: string;
    readonly electionDate: string;
    /** IANA zone every time of the election is shown in. */
    readonly timeZone: string;
    readonly languages: readonly string[];
    readonly phases: readonly ElectionPhase[];
    readonly stations: number;
    readonly registeredVoters: number;
    readonly areasByLevel: Readonly<Record<string, number>>;
  };
  readonly missions: readonly MissionOverview[];
  readonly totals: { readonly observers: number; readonly teams: number; readonly submissions: number };
}

export interface MissionOverview {
  readonly id: string;
  readonly code: string;
  readonly name: LocalizedText;
  readonly kind: MissionKind;
  readonly design: DeploymentDesign;
  readonly observers: number;
  readonly teams: number;
  readonly plannedStations: number;
  readonly submissions: number;
}

export type SubmissionStatus = "accepted" | "verified" | "quarantined";
export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = ["accepted", "verified", "quarantined"];
export type ReviewDecision = "verify" | "quarantine" | "release";

/** An answer as stored: choice names, numbers, text, lists of choice names. */
export type StoredAnswer = string | number | readonly string[] | null;

export interface SubmissionFlag {
  readonly checkId: string;
  readonly message: string;
}

export interface Submission {
  readonly id: string;
  readonly missionId: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly observerId: string | null;
  readonly teamId: string | null;
  readonly stationId: string;
  readonly visitId: string | null;
  readonly phaseCode: string;
  readonly answers: Readonly<Record<string, StoredAnswer>>;
  readonly submittedAt: string;
  readonly receivedAt: string;
  readonly contentHash: string;
  readonly revision: number;
  readonly status: SubmissionStatus;
  readonly flags: readonly SubmissionFlag[];
  readonly channel: string;
}

export interface SubmissionPage {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly submissions: readonly Submission[];
}

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

export interface SubmissionRevision {
  readonly submissionId: string;
  readonly revision: number;
  readonly answers: Readonly<Record<string, StoredAnswer>>;
  readonly contentHash: string;
  readonly authorUserId: string | null;
  readonly reason: string;
  readonly createdAt: string;
}

export interface SubmissionReviewEntry {
  readonly id: string;
  readonly decision: ReviewDecision;
  readonly reviewerUserId: string;
  readonly reason: string;
  readonly createdAt: string;
}

export interface SubmissionDetail {
  readonly submission: Submission;
  readonly revisions: readonly SubmissionRevision[];
  readonly reviews: readonly SubmissionReviewEntry[];
}

/** A form's current version as the election's form list returns it. */
export interface FormSummary {
  readonly formId: string;
  readonly code: string;
  readonly kind: FormKind;
  readonly electionId: string;
  readonly missionId: string | null;
  readonly version: number;
  readonly definition: FormDefinition;
  readonly contentHash: string;
}

export interface FormVersionDetail {
  readonly form: FormSummary;
  readonly versions: readonly { version: number; contentHash: string; publishedAt: string }[];
}

export interface DirectoryStation {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly areaId: string;
}

export interface Directory {
  readonly stations: readonly DirectoryStation[];
  readonly observers: readonly { id: string; code: string; name: string }[];
  readonly users: readonly { id: string; displayName: string }[];
}

export interface DirectoryQuery {
  readonly stationIds?: readonly string[];
  readonly observerIds?: readonly string[];
  readonly userIds?: readonly string[];
  readonly stationCode?: string;
}

/** `?a=1&b=2` from the defined values, or "" when there are none. */
function queryString(values: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

const list = (ids: readonly string[] | undefined) =>
  ids === undefined || ids.length === 0 ? undefined : [...ids].sort().join(",");

/**
 * Every failed request becomes one of these: the server's `{error:{code,message}}` when it sent
 * one, `network` when the server could not be reached (status 0).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

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
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, "network", cause instanceof Error ? cause.message : "network error");
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = errorOf(parsed);
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? (response.statusText || `HTTP ${response.status}`),
      error?.details,
    );
  }
  return parsed as T;
}

function isRawBody(body: unknown): body is RawBody {
  return typeof body === "object" && body !== null && "blob" in body && body.blob instanceof Blob;
}

function errorOf(body: unknown): { code: string; message: string; details?: unknown } | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error: unknown = body.error;
  if (typeof error !== "object" || error === null) return undefined;
  const code = "code" in error && typeof error.code === "string" ? error.code : "http_error";
  const message = "message" in error && typeof error.message === "string" ? error.message : code;
  return { code, message, details: "details" in error ? error.details : undefined };
}

/** The typed API of the server, one function per endpoint the web app uses. */
export const api = {
  signIn: (username: string, password: string) =>
    request<{ user: SessionUser }>("POST", "/api/v1/auth/sign-in", { username, password }),
  signOut: () => request<{ signedOut: true }>("POST", "/api/v1/auth/sign-out"),
  me: () => request<{ user: SessionUser }>("GET", "/api/v1/me"),
  elections: () => request<{ elections: ElectionListItem[] }>("GET", "/api/v1/elections"),
  overview: (electionId: string) =>
    request<ElectionOverview>("GET", `/api/v1/elections/${encodeURIComponent(electionId)}/overview`),
  submissions: (missionId: string, filter: SubmissionFilter) =>
    request<SubmissionPage>(
      "GET",
      `/api/v1/missions/${encodeURIComponent(missionId)}/submissions${queryString({
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
    request<SubmissionDetail>("GET", `/api/v1/submissions/${encodeURIComponent(submissionId)}`),
  review: (submissionId: string, decision: ReviewDecision, reason: string) =>
    request<{ id: string; status: SubmissionStatus }>(
      "POST",
      `/api/v1/submissions/${encodeURIComponent(submissionId)}/reviews`,
      { decision, reason },
    ),
  forms: (electionId: string) =>
    request<{ forms: FormSummary[] }>("GET", `/api/v1/elections/${encodeURIComponent(electionId)}/forms`),
  formVersion: (formId: string, version: number) =>
    request<FormVersionDetail>("GET", formVersionPath(formId, version)),
  directory: (missionId: string, query: DirectoryQuery) =>
    request<Directory>(
      "GET",
      `/api/v1/missions/${encodeURIComponent(missionId)}/directory${queryString({
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
