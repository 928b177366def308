import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError, type MissionOverview } from "../api/client.ts";
import { useOverview } from "../api/queries.ts";
import { useSignedInUser } from "../session/session.tsx";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";

/** Roles that read a mission's reports. */
export function readsReports(role: string): boolean {
  return role === "coordinator" || role === "analyst" || role === "admin";
}

/** Roles that run a mission's deployment (stations, plans, coverage, the election-day view). */
export function coordinates(role: string): boolean {
  return role === "coordinator" || role === "admin";
}

/**
 * Renders `children` with the signed-in user's mission when it observes this election;
 * otherwise says why there is nothing to show (wrong role, no mission, another election).
 * `coordinatorsOnly`: the page is for those who run the deployment.
 */
export function WithOwnMission({
  electionId,
  coordinatorsOnly = false,
  children,
}: {
  electionId: string;
  coordinatorsOnly?: boolean;
  children: (mission: MissionOverview) => ReactNode;
}) {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const overview = useOverview(electionId);
  if (coordinatorsOnly && !coordinates(user.role)) {
    return (
      <EmptyState title={t("deployment.coordinatorsOnlyTitle")}>
        <p>{t("deployment.coordinatorsOnlyText")}</p>
      </EmptyState>
    );
  }
  if (!readsReports(user.role)) {
    return (
      <EmptyState title={t("submissions.notForRoleTitle")}>
        <p>{t("submissions.notForRoleText")}</p>
      </EmptyState>
    );
  }
  if (overview.isPending) return <LoadingPanel />;
  if (overview.isError) {
    if (isApiError(overview.error, 404) || isApiError(overview.error, 400)) {
      return (
        <EmptyState title={t("errors.electionNotFoundTitle")}>
          <p>{t("errors.electionNotFoundText")}</p>
          <Link to="/" className="button button--secondary">
            {t("errors.toStart")}
          </Link>
        </EmptyState>
      );
    }
    return <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const mission = overview.data.missions.find((candidate) => candidate.id === user.missionId);
  if (mission === undefined) {
    return (
      <EmptyState title={t("submissions.noMissionTitle")}>
        <p>{t("submissions.noMissionText")}</p>
      </EmptyState>
    );
  }
  return <>{children(mission)}</>;
}
