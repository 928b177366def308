// The set-up page's small parts: names in each language, a labelled input of a row, and an
// answer's located problems.
import { useTranslation } from "react-i18next";
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

/** Located problems (of the form as typed, a file, the server's answer), in the reader's language. */
export function IssueLines({ issues }: { issues: readonly (ShownIssue & { readonly line?: number })[] }) {
  const { t } = useTranslation();
  return (
    <ul className="setup-issues">
      {issues.slice(0, 50).map((issue, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity
        <li key={index}>
          {issue.line !== undefined && <strong>{t("electionSetup.line", { line: issue.line })} </strong>}
          {issue.path !== undefined && issue.path.length > 0 && <code>{issue.path.join(".")}</code>}{" "}
          {issueText(issue, t)}
        </li>
      ))}
    </ul>
  );
}
