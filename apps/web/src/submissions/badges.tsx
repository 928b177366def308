import { useTranslation } from "react-i18next";
import type { SubmissionStatus } from "../api/client.ts";

export function StatusBadge({ status }: { status: SubmissionStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--status-${status}`}>{t(`submissionStatus.${status}`)}</span>;
}

/** The number of data-quality flags; nothing when there are none. */
export function FlagsBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <span className="badge badge--flags" title={t("submissions.flagsTitle", { count })}>
      <span aria-hidden="true">⚑</span>
      {t("submissions.flagsCount", { count })}
    </span>
  );
}
