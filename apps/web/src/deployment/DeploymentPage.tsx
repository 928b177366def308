import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { WithOwnMission } from "../session/missionAccess.tsx";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { SamplePlan } from "./SamplePlan.tsx";
import { StationImport } from "./StationImport.tsx";
import "./deployment.css";

/** `/elections/:electionId/deployment`: import stations and draw the mission's deployment plan. */
export function DeploymentPage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t("deployment.title"));
  return (
    <WithOwnMission electionId={electionId} coordinatorsOnly>
      {(mission) => (
        <div className="page">
          <header className="page-header">
            <p className="eyebrow">{t("deployment.eyebrow")}</p>
            <h1>{t("deployment.title")}</h1>
            <p className="muted">{t("deployment.intro")}</p>
          </header>
          <StationImport electionId={electionId} />
          <SamplePlan missionId={mission.id} />
          <p>
            <Link to={`/elections/${electionId}/coverage`} className="button button--secondary">
              {t("deployment.toCoverage")}
            </Link>
          </p>
        </div>
      )}
    </WithOwnMission>
  );
}
