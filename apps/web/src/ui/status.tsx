import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { apiErrorText } from "./apiError.ts";

export function LoadingPanel({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={fullPage ? "status status--page" : "status"} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{t("app.loading")}</span>
    </div>
  );
}

/** An error the user can understand, with a retry when retrying may help. */
export function ErrorPanel({
  error,
  onRetry,
  fullPage = false,
}: {
  error: unknown;
  onRetry?: () => void;
  fullPage?: boolean;
}) {
  const { t } = useTranslation();
  const message = apiErrorText(error, t);
  return (
    <div className={fullPage ? "status status--page" : "status"}>
      <div className="callout callout--danger" role="alert">
        <h2 className="callout__title">{t("errors.title")}</h2>
        <p>{message}</p>
        {onRetry && (
          <button type="button" className="button button--secondary" onClick={onRetry}>
            {t("errors.retry")}
          </button>
        )}
      </div>
    </div>
  );
}

/** A page-level message with a heading, for empty and not-found states. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="empty-state">
      <h1>{title}</h1>
      {children}
    </section>
  );
}
