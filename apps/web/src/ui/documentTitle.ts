import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets the tab title to "<page> · Scrutiny". */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    if (title !== undefined && title !== "") document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
}
