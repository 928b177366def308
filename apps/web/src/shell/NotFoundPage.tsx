import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../ui/status.tsx";

export function NotFoundPage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t("errors.notFoundTitle")} · ${t("app.name")}`;
  }, [t]);
  return (
    <EmptyState title={t("errors.notFoundTitle")}>
      <p>{t("errors.notFoundText")}</p>
      <Link to="/" className="button button--secondary">
        {t("errors.toStart")}
      </Link>
    </EmptyState>
  );
}
