import type { DeploymentDesign, MissionKind, PhaseKind, Role } from "@scrutiny/domain";

/** Text keyed by language code, as the API sends names of elections, phases and missions. */
export type LocalizedText = Readonly<Record<string, string>>;

/** The signed-in user as `/api/v1/me` and sign-in return it. */
export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly missionId: string | null;
  readonly observerId: string | null;
  readonly locale: "en" | "ru";
}

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

async function request<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  if (body !== undefined) {
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
};
