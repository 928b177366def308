// Protocol lines by the names the reader knows ("Ballots issued early"), not the keys mappings
// and presets use internally (`issuedEarly`): in upload problems and in control relations.
import type { Translate } from "../i18n/format.ts";

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

/** Problems that have no details to name, by code. */
const PLAIN = new Set(["empty_file", "no_rows", "unterminated_quote", "no_mapping"]);

/**
 * A problem of an uploaded results file in the reader's terms: a missing or doubtful protocol
 * line by its name (not "no column for issuedEarly"); the server's sentence for anything else.
 */
export function uploadIssueText(
  issue: { code: string; message: string; column?: string | number | undefined },
  t: Translate,
): string {
  const key = typeof issue.column === "string" ? issue.column : "";
  if (KNOWN.has(key) && issue.code === "missing_column")
    return t("forensics.upload.missingColumn", { line: lineName(key, t) });
  if (KNOWN.has(key) && issue.code === "ambiguous_column")
    return t("forensics.upload.ambiguousColumn", {
      line: lineName(key, t),
      headers: issue.message.slice(issue.message.indexOf(": ") + 2),
    });
  if (issue.code === "missing_column" && issue.column === undefined && /contestant/.test(issue.message))
    return t("forensics.upload.noContestants");
  if (PLAIN.has(issue.code))
    return t(`forensics.upload.issues.${issue.code}` as "forensics.upload.issues.no_rows");
  return issue.message;
}

/** The column a problem names: a protocol line by its name, a header of the file as it is. */
export function issueColumn(column: string | number | undefined, t: Translate): string {
  if (column === undefined) return "";
  return typeof column === "string" ? lineName(column, t) : String(column);
}
