// What went wrong with a request, in the reader's language: the one rule for the staff app, the
// observer app and the portal. The answer's code and params through the catalogue
// (`errors.codes.<code>`, one entry for every code the contract declares, ERROR_PARAMS); a refusal
// that says what it is about (`params.what`: the kind of thing not found, the field at fault, what
// clashed) reads the more specific `errors.codes.<code>_<what>` when the catalogue has one (an
// i18next context). No answer at all is `errors.network`; the server's English sentence is shown
// only for a code the catalogue does not know, so that nothing is hidden. The problems of a
// refused request (and of a file) are listed by issueText. Imports nothing heavy: the phone app
// and the portal use it with their own lookup of the same texts (i18n/errorTexts.ts).
import type { Translate } from "../i18n/format.ts";
import type { LooseTranslate } from "../i18n/lookup.ts";

/** A failed request as the rule reads it (ApiError of api/failure.ts, or one kept on the phone). */
export interface RequestFailure {
  /** 0: no answer (offline, timeout, connection dropped). */
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, unknown>> | undefined;
  readonly details?: unknown;
}

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

function labelled(
  params: Readonly<Record<string, unknown>> | undefined,
  labelOf: ((code: string) => string) | undefined,
): Readonly<Record<string, unknown>> | undefined {
  const codes = params?.["codes"];
  if (labelOf === undefined || !Array.isArray(codes)) return params;
  return { ...params, codes: codes.map((code) => labelOf(String(code))) };
}

function isFailure(error: unknown): error is RequestFailure {
  if (typeof error !== "object" || error === null) return false;
  const { status, code, message } = error as Record<string, unknown>;
  return typeof status === "number" && typeof code === "string" && typeof message === "string";
}

// Returned by the lookup for a key the catalogue lacks (it cannot be a text of the catalogue).
const MISSING = "\u0000missing";

export function apiErrorText(
  error: unknown,
  t: Translate | LooseTranslate,
  /**
   * What a page knows that the answer gives only as codes (an election's phases and contests by
   * name): each code of `params.codes` is shown as this returns.
   */
  labelOf?: (code: string) => string,
): string {
  const translate = t as unknown as LooseTranslate;
  if (!isFailure(error))
    return translate("errors.server", { message: error instanceof Error ? error.message : String(error) });
  if (error.status === 0) return translate("errors.network");
  const details = error.details as { issues?: unknown } | undefined;
  const count = Array.isArray(details?.issues) ? details.issues.length : 0;
  const what = error.params?.["what"];
  const text = /^[a-z][a-z0-9_]*$/.test(error.code)
    ? translate(`errors.codes.${error.code}`, {
        count,
        ...paramValues(labelled(error.params, labelOf)),
        ...(typeof what === "string" ? { context: what } : {}),
        defaultValue: MISSING,
      })
    : MISSING;
  return text === MISSING ? translate("errors.server", { message: error.message }) : text;
}
