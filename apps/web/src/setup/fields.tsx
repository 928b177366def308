// The set-up page's small parts: names in each language, a labelled input of a row, and an
// answer's located problems.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Translate } from "../i18n/format.ts";
import { issueText, type ShownIssue } from "../ui/issueText.ts";
import type { Names } from "./draft.ts";

/**
 * A name in each of the election's languages: one field a language ("Name (es)", "Name (en)"),
 * or one "Name" while the election has a single language.
 */
export function NameFields({
  languages,
  names,
  onChange,
  label,
}: {
  languages: readonly string[];
  names: Names;
  onChange: (names: Names) => void;
  label: (language: string | null) => string;
}) {
  const shown = languages.length === 0 ? ["en"] : languages;
  return (
    <>
      {shown.map((language) => (
        <TextField
          key={language}
          label={label(shown.length === 1 ? null : language)}
          value={names[language] ?? ""}
          onChange={(value) => onChange({ ...names, [language]: value })}
        />
      ))}
    </>
  );
}

/** A labelled text (or date, time) input of a set-up row. */
export function TextField({
  label,
  value,
  onChange,
  type = "text",
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "date" | "time";
}) {
  return (
    <label>
      {label}
      <input className="input" type={type} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** A field's own label for the steps of a set-up path the page has labels for. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  code: "electionSetup.code",
  name: "electionSetup.rowName",
  country: "electionSetup.country",
  electionDate: "electionSetup.date",
  timeZone: "electionSetup.timeZone",
  languages: "electionSetup.rowLanguages",
  kind: "electionSetup.kind",
  date: "electionSetup.rowDate",
  opensAt: "electionSetup.opensAt",
  closesAt: "electionSetup.closesAt",
  ballot: "electionSetup.ballot",
  entries: "electionSetup.entries",
};

/**
 * Where a problem is, by the page's labels: `["body", "phases", 1, "date"]` is "Phase 2 · Date";
 * a step the page has no label for is shown as it is (in code).
 */
export function fieldPlace(path: readonly (string | number)[], t: Translate): ReactNode {
  const steps = path[0] === "body" ? path.slice(1) : path;
  const parts: ReactNode[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const next = steps[i + 1];
    if ((step === "phases" || step === "contests") && typeof next === "number") {
      parts.push(t(step === "phases" ? "electionSetup.phase" : "electionSetup.contest", { n: next + 1 }));
      i++;
    } else if (typeof step === "number")
      parts.push(t("electionSetup.line", { line: step + 1 }).replace(/:$/, ""));
    else {
      const key = FIELD_LABELS[String(step)];
      parts.push(key === undefined ? <code key={i}>{String(step)}</code> : t(key as "electionSetup.code"));
    }
  }
  return parts.map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the steps of one path, in order
    <span key={i}>
      {i > 0 ? " · " : ""}
      {part}
    </span>
  ));
}

/** Located problems (of the form as typed, a file, the server's answer), in the reader's language. */
export function IssueLines({ issues }: { issues: readonly (ShownIssue & { readonly line?: number })[] }) {
  const { t } = useTranslation();
  return (
    <ul className="setup-issues">
      {issues.slice(0, 50).map((issue, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity
        <li key={index}>
          {issue.line !== undefined && <strong>{t("electionSetup.line", { line: issue.line })} </strong>}
          {issue.path !== undefined && issue.path.length > 0 && <span>{fieldPlace(issue.path, t)}: </span>}
          {issueText(issue, t)}
        </li>
      ))}
    </ul>
  );
}
