// Protocol lines by the names the reader knows ("Ballots issued early"), not the keys mappings
// and presets use internally (`issuedEarly`): in upload problems and in control relations.
import {
  type ControlRelation,
  EXCLUSION_REASONS,
  type ExcludedRow,
  type ExclusionDetail,
  type ExclusionReason,
} from "@scrutiny/domain";
import type { Translate } from "../i18n/format.ts";
import { fileIssueText, type ShownIssue } from "../ui/issueText.ts";

const KNOWN = new Set([
  "registered",
  "received",
  "issued",
  "issuedEarly",
  "issuedInStation",
  "issuedOutside",
  "cancelled",
  "mobileBoxes",
  "stationaryBoxes",
  "valid",
  "invalid",
  "lost",
  "unaccounted",
  "contestants",
  "uik",
]);

/** A line key's name in the page's language; a line of the file's own is shown by its header. */
export function lineName(key: string, t: Translate): string {
  return KNOWN.has(key) ? t(`forensics.lines.${key}` as "forensics.lines.registered") : key;
}

/** `received = issuedEarly + ... - unaccounted` as "Ballots received = Ballots issued early + ...". */
export function relationText(
  relation: { left: readonly string[]; relation: string; right: readonly string[] },
  t: Translate,
): string {
  const side = (keys: readonly string[]) =>
    keys
      .map((raw, i) => {
        const minus = raw.startsWith("-");
        const name = lineName(raw.replace(/^[-+]/, ""), t);
        return i === 0 ? (minus ? `− ${name}` : name) : `${minus ? "−" : "+"} ${name}`;
      })
      .join(" ");
  const symbol = relation.relation === ">=" ? "≥" : relation.relation === "<=" ? "≤" : "=";
  return `${side(relation.left)} ${symbol} ${side(relation.right)}`;
}

/** Why a row was left out (the parser's codes, EXCLUSION_REASONS), in the page's language. */
export function exclusionReason(reason: string, t: Translate): string {
  return (EXCLUSION_REASONS as readonly string[]).includes(reason)
    ? t(`forensics.exclusions.reasons.${reason as ExclusionReason}`)
    : reason;
}

/** What is wrong with a row left out: the parser's code and values; its English sentence for a row kept without them. */
export function exclusionDetail(
  row: Pick<ExcludedRow, "detail" | "why">,
  relations: readonly ControlRelation[],
  t: Translate,
): string {
  if (row.why === undefined) return row.detail;
  const values: Record<string, string | number> = { ...row.why.params };
  const relation = row.why.params["relation"];
  if (typeof relation === "string") {
    const found = relations.find((r) => r.id === relation);
    values["relation"] = found === undefined ? relation : relationText(found, t);
  }
  const loose = t as unknown as (key: string, options: Record<string, unknown>) => string;
  return loose(`forensics.exclusions.details.${row.why.code}`, { ...values, defaultValue: row.detail });
}

/**
 * A problem of an uploaded results file in the reader's terms, from its code and params: a missing
 * or doubtful protocol line by its name (not "no column for issuedEarly"), a mapping's column with
 * the line it was meant for, a row refused in strict mode with why; then as any file problem
 * (errors.file), then the server's sentence.
 */
export function uploadIssueText(
  issue: ShownIssue & { column?: string | number | undefined },
  t: Translate,
): string {
  const params = issue.params ?? {};
  const reason = params["reason"];
  if (typeof reason === "string" && (EXCLUSION_REASONS as readonly string[]).includes(reason)) {
    const detail = params["detail"];
    const { station: _station, reason: _reason, detail: _detail, ...why } = params;
    return t("forensics.upload.excludedRow", {
      station: String(params["station"] ?? "") || "?",
      reason: exclusionReason(reason, t),
      detail:
        typeof detail === "string"
          ? exclusionDetail(
              {
                detail: issue.message,
                why: {
                  code: detail as ExclusionDetail,
                  params: Object.fromEntries(
                    Object.entries(why).map(([k, v]) => [k, typeof v === "number" ? v : String(v)]),
                  ),
                },
              },
              [],
              t,
            )
          : issue.message,
    });
  }
  const what = typeof params["what"] === "string" ? params["what"] : undefined;
  const values: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params))
    values[key] = Array.isArray(value) ? value.join(", ") : typeof value === "number" ? value : String(value);
  if (typeof params["role"] === "string") values["role"] = lineName(params["role"], t);
  if (issue.column !== undefined) {
    values["column"] = typeof issue.column === "string" ? issue.column : String(issue.column);
    values["line"] = issueColumn(issue.column, t);
  }
  const keys = [`forensics.upload.issues.${issue.code}`];
  if (what !== undefined) keys.unshift(`forensics.upload.issues.${issue.code}_${what}`);
  const loose = t as unknown as (keys: string[], options: Record<string, unknown>) => string;
  const MISSING = "\u0000";
  const own = loose(keys, { ...values, defaultValue: MISSING });
  return own === MISSING ? fileIssueText(issue, t) : own;
}

/** The column a problem names: a protocol line by its name, a header of the file as it is. */
export function issueColumn(column: string | number | undefined, t: Translate): string {
  if (column === undefined) return "";
  return typeof column === "string" ? lineName(column, t) : String(column);
}
