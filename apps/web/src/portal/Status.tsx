import type { ReactNode } from "react";
import { errorTranslator } from "../i18n/errorTexts.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { usePortalText } from "./i18n.ts";
import type { Loaded } from "./useLoad.ts";

export function Status<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ReactNode }) {
  const { t, language } = usePortalText();
  if (loaded.state === "loading")
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (loaded.state === "error")
    return (
      <p className="portal-error" role="alert">
        {t("error.load", { message: apiErrorText(loaded.error, errorTranslator(language)) })}
      </p>
    );
  return <>{children(loaded.value)}</>;
}
