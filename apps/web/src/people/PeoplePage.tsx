import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useOverview } from "../api/queries.ts";
import { WithOwnMission } from "../session/missionAccess.tsx";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { AccreditationList } from "./AccreditationList.tsx";
import { Assignments } from "./Assignments.tsx";
import type { IssuedAccess } from "./api.ts";
import { ObserverList } from "./ObserverList.tsx";
import { RosterImport } from "./RosterImport.tsx";
import { Teams } from "./Teams.tsx";
import "./people.css";

/**
 * `/elections/:electionId/people`: the mission's roster (import and list), teams, their routes by
 * phase, access codes and the printable accreditation list. For coordinators.
 */
export function PeoplePage() {
  const { electionId = "" } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t("people.title"));
  const overview = useOverview(electionId);
  // Access codes issued during this visit, by observer id: shown once, printed on the list.
  const [issued, setIssued] = useState<ReadonlyMap<string, IssuedAccess>>(new Map());
  const addIssued = (codes: ReadonlyMap<string, IssuedAccess>) => setIssued(new Map([...issued, ...codes]));
  return (
    <WithOwnMission electionId={electionId} coordinatorsOnly>
      {(mission) => (
        <div className="page people-page">
          <header className="page-header">
            <p className="eyebrow">{t("people.eyebrow")}</p>
            <h1>{t("people.title")}</h1>
            <p className="muted">{t("people.intro")}</p>
          </header>
          <RosterImport missionId={mission.id} />
          <ObserverList missionId={mission.id} issued={issued} onIssued={addIssued} />
          <Teams missionId={mission.id} />
          <Assignments electionId={electionId} missionId={mission.id} />
          <AccreditationList
            missionId={mission.id}
            missionName={mission.name}
            electionName={overview.data?.election.name ?? {}}
            issued={issued}
          />
        </div>
      )}
    </WithOwnMission>
  );
}
