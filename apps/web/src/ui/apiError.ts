// What went wrong with a request, in the reader's language: the answer's code and params through
// the catalogue (`errors.codes`, one entry for every code the contract declares, ERROR_PARAMS); the
// server's English sentence only for a code the catalogue does not know, so that nothing is
// hidden. The problems of a refused request (and of a file) are listed by issueText.
import { ERROR_CODES, type ErrorCode } from "@scrutiny/contract";
import { ApiError, isApiError } from "../api/client.ts";
import type { Translate } from "../i18n/format.ts";

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);
const isKnown = (code: string): code is ErrorCode => KNOWN.has(code);

/** Params as the catalogue names them: lists joined, anything else as text. */
export function paramValues(
  params: Readonly<Record<string, unknown>> | undefined,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params ?? {}))
    out[key] = Array.isArray(value)
      ? value.map(String).join(", ")
      : typeof value === "number"
        ? value
        : String(value);
  return out;
}

export function apiErrorText(error: unknown, t: Translate): string {
  if (isApiError(error, 0)) return t("errors.network");
  if (error instanceof ApiError && isKnown(error.code)) {
    const details = error.details as { issues?: unknown } | undefined;
    const count = Array.isArray(details?.issues) ? details.issues.length : 0;
    return t(`errors.codes.${error.code}`, { count, ...paramValues(error.params) });
  }
  return t("errors.server", { message: error instanceof Error ? error.message : String(error) });
}
