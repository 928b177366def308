// What went wrong with a request, in the reader's language: the answer's code through the
// catalogue (`errors.codes`); the server's English sentence only for a code the catalogue does not
// know, so that nothing is hidden. The problems of a refused request are listed by issueText.
import { ApiError, isApiError } from "../api/client.ts";
import type { Translate } from "../i18n/format.ts";

const KNOWN = [
  "invalid_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "in_use",
  "database_unavailable",
  "payload_too_large",
] as const;

const isKnown = (code: string): code is (typeof KNOWN)[number] => (KNOWN as readonly string[]).includes(code);

export function apiErrorText(error: unknown, t: Translate): string {
  if (isApiError(error, 0)) return t("errors.network");
  if (error instanceof ApiError && isKnown(error.code)) {
    const details = error.details as { issues?: unknown } | undefined;
    const count = Array.isArray(details?.issues) ? details.issues.length : 0;
    return t(`errors.codes.${error.code}`, { count });
  }
  return t("errors.server", { message: error instanceof Error ? error.message : String(error) });
}
