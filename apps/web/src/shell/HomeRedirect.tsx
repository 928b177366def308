import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";
import { useElections } from "../api/queries.ts";
import { useSignedInUser } from "../session/session.tsx";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";

/** `/` opens the first election, or says that there is none yet. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const elections = useElections();
  const user = useSignedInUser();
  if (elections.isPending) return <LoadingPanel />;
  if (elections.isError)
    return <ErrorPanel error={elections.error} onRetry={() => void elections.refetch()} />;
  const first = elections.data[0];
  if (first === undefined) {
    return (
      <EmptyState title={t("home.noElectionsTitle")}>
        <p>{t("home.noElectionsText")}</p>
        {user.role === "admin" && (
          <Link to="/setup/new-election" className="button button--primary">
            {t("home.create")}
          </Link>
        )}
      </EmptyState>
    );
  }
  return <Navigate to={`/elections/${first.id}`} replace />;
}
