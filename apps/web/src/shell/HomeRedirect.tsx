import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { useElections } from "../api/queries.ts";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";

/** `/` opens the first election, or says that there is none yet. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const elections = useElections();
  if (elections.isPending) return <LoadingPanel />;
  if (elections.isError)
    return <ErrorPanel error={elections.error} onRetry={() => void elections.refetch()} />;
  const first = elections.data[0];
  if (first === undefined) {
    return (
      <EmptyState title={t("home.noElectionsTitle")}>
        <p>{t("home.noElectionsText")}</p>
      </EmptyState>
    );
  }
  return <Navigate to={`/elections/${first.id}`} replace />;
}
