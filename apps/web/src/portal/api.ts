// The portal reads public routes only (no cookies are sent). Types come from the contract, as
// type-only imports: the portal's bundle carries no schema library.
import type { publications, ResponseOf, transparencyLog } from "@scrutiny/contract";
import { failureOf, networkFailure } from "../api/failure.ts";

export type ElectionsResponse = ResponseOf<typeof publications.publicElections>;
export type ElectionResponse = ResponseOf<typeof publications.publicElection>;
export type SnapshotResponse = ResponseOf<typeof publications.publication>;
export type WitnessesResponse = ResponseOf<typeof transparencyLog.witnesses>;
export type EstimateRow = publications.EstimateRow;
export type IncidentRow = publications.IncidentRow;
export type PublishedForensics = publications.PublishedForensics;
export type PublishedObserverEffects = publications.PublishedObserverEffects;

/** Every failure is the staff app's ApiError (api/failure.ts), said by apiErrorText in the portal's language. */
async function get(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "omit", headers: { accept: "application/json" } });
  } catch (cause) {
    throw networkFailure(cause);
  }
  if (!response.ok) throw failureOf(response, await response.json().catch(() => undefined));
  return response;
}

export const getJson = async <T>(url: string): Promise<T> => (await get(url)).json() as Promise<T>;
export const getText = async (url: string): Promise<string> => (await get(url)).text();

export const urls = {
  elections: "/api/v1/public/elections",
  election: (id: string) => `/api/v1/public/elections/${encodeURIComponent(id)}`,
  publication: (id: string) => `/api/v1/public/publications/${encodeURIComponent(id)}`,
  file: (id: string, name: string) =>
    `/api/v1/public/publications/${encodeURIComponent(id)}/files/${encodeURIComponent(name)}`,
  zip: (id: string) => `/api/v1/public/publications/${encodeURIComponent(id)}/datapackage.zip`,
  checkpoint: "/log/checkpoint",
  key: "/log/key",
  witnesses: "/log/witnesses",
};
