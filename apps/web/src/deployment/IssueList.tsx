import { useTranslation } from "react-i18next";
import { fileIssueText } from "../ui/issueText.ts";
import type { Issue } from "./api.ts";

/** Problems of an import, each with its line and column, the first 50 of them. */
export function IssueList({ issues }: { issues: readonly Issue[] }) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <ul className="deployment-issues">
      {issues.slice(0, 50).map((issue, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity
        <li key={index}>
          {issue.line !== undefined && (
            <span className="deployment-issues__where">
              {t("deployment.issue.line", { line: issue.line })}
              {issue.column !== undefined &&
                issue.column !== "" &&
                `, ${t("deployment.issue.column", { column: issue.column })}`}
              {": "}
            </span>
          )}
          {fileIssueText(issue, t)}
        </li>
      ))}
      {issues.length > 50 && <li>{t("deployment.issue.more", { count: issues.length - 50 })}</li>}
    </ul>
  );
}
