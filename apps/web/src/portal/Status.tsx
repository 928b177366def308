import type { ReactNode } from "react";
import { usePortalText } from "./i18n.ts";
import type { Loaded } from "./useLoad.ts";

export function Status<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ReactNode }) {
  const { t } = usePortalText();
  if (loaded.state === "loading")
    return (
      <p className="muted" aria-busy="true">
        {t("loading")}
      </p>
    );
  if (loaded.state === "error")
    return (
      <p className="portal-error" role="alert">
        {t("error.load", { message: loaded.message })}
      </p>
    );
  return <>{children(loaded.value)}</>;
}
