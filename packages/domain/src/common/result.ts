// Result-style returns for expected failures (bad input, not found, conflict);
// exceptions stay for bugs. Mirrors the convention of VotingWorks' vxsuite.
import type { IssueParams } from "./issue-params.ts";
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}

/** A problem with input, located as precisely as the input allows. */
export interface InputIssue {
  /** Where: a field path (`answers.q3`), or a file position. */
  readonly path?: readonly (string | number)[];
  readonly line?: number;
  readonly column?: number | string;
  readonly sheet?: string;
  readonly code: string;
  readonly message: string;
  /** What the problem names, to say it in another language (issue-params.ts). */
  readonly params?: IssueParams;
}
