// A validation problem in the reader's language, whoever found it: the web app's live check of a
// form against its zod schema, a file read in the browser, or the server's answer (400/422 issues
// carry the same code and params, packages/contract errors.ts). The English `message` is the
// API's sentence for its own clients; it is shown only when the catalogue has nothing for the
// problem's code, so that no problem is ever hidden.
import type { IssueParams } from "@scrutiny/domain";
import { isApiError } from "../api/failure.ts";
import type { Translate } from "../i18n/format.ts";

export interface ShownIssue {
  readonly path?: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
  readonly params?: Readonly<IssueParams>;
}

/** The field a problem is about: the last named step of its path (`phases.2.date` -> `date`). */
function fieldOf(path: readonly (string | number)[] | undefined): string | undefined {
  for (let i = (path?.length ?? 0) - 1; i >= 0; i--) {
    const step = path?.[i];
    if (typeof step === "string") return step;
  }
  return undefined;
}

/**
 * Catalogue keys for a problem, most specific first: the field's own message for the code (a
 * country's format, a contest's entries), then the code by what it bounds (a string, a list, a
 * number) or by format, then the code alone. A refinement's own code (`params.code`) stands for
 * zod's `custom`; a text that must not be empty is "required".
 */
export function issueKeys(issue: ShownIssue): string[] {
  const params = issue.params ?? {};
  const own = typeof params["code"] === "string" ? params["code"] : undefined;
  const required =
    (issue.code === "too_small" && params["origin"] === "string" && params["minimum"] === 1) ||
    own === "missing_text";
  const code = required ? "required" : issue.code === "custom" && own !== undefined ? own : issue.code;
  const field = fieldOf(issue.path);
  const keys: string[] = [];
  if (field !== undefined) keys.push(`fieldIssues.fields.${field}.${code}`);
  const by = code === "invalid_format" ? params["format"] : params["origin"];
  if (typeof by === "string") keys.push(`fieldIssues.${code}_${by}`);
  keys.push(`fieldIssues.${code}`);
  return keys;
}

/** The values a catalogue message may name, lists joined and phase kinds translated. */
function values(issue: ShownIssue, t: Translate): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(issue.params ?? {}))
    out[key] = Array.isArray(value) ? value.join(", ") : typeof value === "boolean" ? String(value) : value;
  const kind = issue.params?.["kind"];
  if (typeof kind === "string") out["kind"] = t(`phaseKind.${kind}` as "phaseKind.count", kind);
  return out;
}

/**
 * A problem of an imported file (stations, roster, sample), in the reader's language: its own text
 * (`errors.file.<code>_<what>`, then `errors.file.<code>`), then as any other issue. The line and
 * column are shown beside it by the list.
 */
export function fileIssueText(issue: ShownIssue, t: Translate): string {
  return ownIssueText("file", issue, t);
}

/**
 * A problem of a section's own (`errors.<section>.<code>_<what>`, then `errors.<section>.<code>`),
 * then as any other issue, then the English message.
 */
function ownIssueText(section: "file" | "xlsform", issue: ShownIssue, t: Translate): string {
  const what = issue.params?.["what"];
  const own = [`errors.${section}.${issue.code}`];
  if (typeof what === "string") own.unshift(`errors.${section}.${issue.code}_${what}`);
  const loose = t as unknown as (keys: string[], options: Record<string, unknown>) => string;
  return loose([...own, ...issueKeys(issue)], { ...values(issue, t), defaultValue: issue.message });
}

/**
 * An XLSForm import's problem or warning (domain xlsform/codes.ts): the form's kind by its label;
 * the kinds a workbook may give as the codes it writes, each with its label where that differs.
 */
export function xlsFormIssueText(issue: ShownIssue, t: Translate): string {
  const label = (kind: string) => t(`formKind.${kind}` as "formKind.voting", kind);
  const formKind = issue.params?.["formKind"];
  const kinds = issue.params?.["kinds"];
  const params = {
    ...issue.params,
    ...(typeof formKind === "string" ? { formKind: label(formKind) } : {}),
    ...(Array.isArray(kinds)
      ? {
          kinds: kinds.map((k) =>
            label(k).toLowerCase() === k.toLowerCase() ? k : `${k} (${label(k).toLowerCase()})`,
          ),
        }
      : {}),
  };
  return ownIssueText("xlsform", { ...issue, params }, t);
}

/** Where in the workbook (or the file beside it) a problem is: sheet, row, column as far as known. */
export function xlsFormPlace(
  issue: { readonly sheet?: string; readonly line?: number; readonly column?: number | string },
  t: Translate,
): string | undefined {
  if (issue.sheet === undefined) return undefined;
  const key = issue.line === undefined ? "at_sheet" : issue.column === undefined ? "at_row" : "at_cell";
  return t(`errors.xlsform.${key}`, { sheet: issue.sheet, line: issue.line, column: issue.column });
}

export function issueText(issue: ShownIssue, t: Translate): string {
  const loose = t as unknown as (keys: string[], options: Record<string, unknown>) => string;
  return loose(issueKeys(issue), { ...values(issue, t), defaultValue: issue.message });
}

/**
 * The XLSForm problems a refused publication's answer lists (`invalid_xlsform`, `logic_dropped`:
 * `details.issues`, each with its code, params and place), to say them as the page says its own.
 */
export function refusedXlsFormIssues(error: unknown): ShownXlsFormIssue[] {
  if (!isApiError(error) || !["invalid_xlsform", "logic_dropped"].includes(error.code)) return [];
  const listed = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(listed)) return [];
  return listed.filter(
    (i): i is ShownXlsFormIssue =>
      typeof i === "object" &&
      i !== null &&
      typeof (i as { code?: unknown }).code === "string" &&
      typeof (i as { message?: unknown }).message === "string",
  );
}

export interface ShownXlsFormIssue extends ShownIssue {
  readonly sheet?: string;
  readonly line?: number;
  readonly column?: number | string;
  readonly dropsLogic?: boolean;
}
