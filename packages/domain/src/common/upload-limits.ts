// How much an uploaded file may hold once decompressed, and how many rows: a 2 MB zip can expand
// to gigabytes (a "zip bomb") and a table of millions of rows to gigabytes of objects, so every
// reader of uploads checks both before it allocates.
import type { InputIssue } from "./result.ts";

export interface UploadLimits {
  /** Total uncompressed size of the parts read from a zip or xlsx archive, in bytes. */
  readonly maxExpandedBytes: number;
  /** Data rows of a table (CSV lines or sheet rows, header excluded). */
  readonly maxRows: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxExpandedBytes: 512 * 1024 * 1024,
  maxRows: 1_000_000,
};

export function expandedTooLarge(limits: Pick<UploadLimits, "maxExpandedBytes">): InputIssue {
  return {
    code: "too_large",
    message: `the file expands to more than ${(limits.maxExpandedBytes / 1024 / 1024).toLocaleString("en")} MiB when decompressed (the upload limit)`,
    params: { mebibytes: limits.maxExpandedBytes / 1024 / 1024 },
  };
}

export function tooManyRows(limits: UploadLimits, rows: number): InputIssue {
  return {
    code: "too_many_rows",
    message: `the file has ${rows.toLocaleString("en")} rows, more than the limit of ${limits.maxRows.toLocaleString("en")}`,
    params: { rows, maximum: limits.maxRows },
  };
}

/** Rows of CSV text beyond its header: line breaks, counted without splitting the text. */
export function csvDataRows(text: string): number {
  let breaks = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) breaks++;
  const trailing = text.endsWith("\n") ? 0 : 1;
  return Math.max(0, breaks + trailing - 1);
}
