// Assignments: which stations each team visits in each phase, in route order. The table shows
// every team's route per phase; the form sets one team's stations for one phase by code.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useOverview } from "../api/queries.ts";
import { useFormat } from "../i18n/format.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { TableRegion } from "../ui/TableRegion.tsx";
import { type Team, useSetRoute, useTeamRoute, useTeams } from "./api.ts";

/** Station codes typed one a line, or separated by commas, semicolons or spaces. */
export function stationCodesOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter((code) => code !== "");
}

export function Assignments({ electionId, missionId }: { electionId: string; missionId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const overview = useOverview(electionId);
  const teams = useTeams(missionId);
  if (overview.isPending || teams.isPending) return <LoadingPanel />;
  if (overview.isError) return <ErrorPanel error={overview.error} onRetry={() => void overview.refetch()} />;
  if (teams.isError) return <ErrorPanel error={teams.error} onRetry={() => void teams.refetch()} />;
  const phases = overview.data.election.phases;

  return (
    <section className="card" aria-labelledby="assignments">
      <h2 id="assignments" className="card__title">
        {t("people.routes.title")}
      </h2>
      <p className="card__hint">{t("people.routes.hint")}</p>
      {teams.data.length === 0 ? (
        <p className="muted">{t("people.routes.noTeams")}</p>
      ) : (
        <>
          <TableRegion>
            <table className="table people-table">
              <caption className="visually-hidden">{t("people.routes.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("people.column.team")}</th>
                  {phases.map((phase) => (
                    <th key={phase.code} scope="col">
                      {format.localized(phase.name).text}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {teams.data.map((team) => (
                  <RouteRow
                    key={team.id}
                    missionId={missionId}
                    team={team}
                    phaseCodes={phases.map((p) => p.code)}
                  />
                ))}
              </tbody>
            </table>
          </TableRegion>
          <RouteForm
            missionId={missionId}
            teams={teams.data}
            phases={phases.map((p) => ({ code: p.code, name: format.localized(p.name).text }))}
          />
        </>
      )}
    </section>
  );
}

function RouteRow({ missionId, team, phaseCodes }: { missionId: string; team: Team; phaseCodes: string[] }) {
  const route = useTeamRoute(missionId, team.id);
  return (
    <tr>
      <th scope="row">{team.code}</th>
      {phaseCodes.map((code) => (
        <td key={code}>
          {route.data === undefined
            ? "…"
            : route.data
                .filter((stop) => stop.phaseCode === code)
                .map((stop) => stop.stationCode)
                .join(" → ") || "—"}
        </td>
      ))}
    </tr>
  );
}

function RouteForm({
  missionId,
  teams,
  phases,
}: {
  missionId: string;
  teams: readonly Team[];
  phases: readonly { code: string; name: string }[];
}) {
  const { t } = useTranslation();
  const setRoute = useSetRoute(missionId);
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const [phaseCode, setPhaseCode] = useState(phases[0]?.code ?? "");
  const [codes, setCodes] = useState("");
  const route = useTeamRoute(missionId, teamId === "" ? null : teamId);
  const teamField = useId();
  const phaseField = useId();
  const codesField = useId();
  const current = (route.data ?? []).filter((stop) => stop.phaseCode === phaseCode).map((s) => s.stationCode);

  return (
    <form
      className="people-form"
      onSubmit={(event) => {
        event.preventDefault();
        setRoute.mutate(
          { teamId, phaseCode, stationCodes: stationCodesOf(codes) },
          { onSuccess: () => setCodes("") },
        );
      }}
    >
      <h3>{t("people.routes.formTitle")}</h3>
      <div className="people-grid">
        <div className="field">
          <label htmlFor={teamField}>{t("people.column.team")}</label>
          <select
            id={teamField}
            className="select"
            value={teamId}
            onChange={(event) => setTeamId(event.currentTarget.value)}
          >
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={phaseField}>{t("people.routes.phase")}</label>
          <select
            id={phaseField}
            className="select"
            value={phaseCode}
            onChange={(event) => setPhaseCode(event.currentTarget.value)}
          >
            {phases.map((phase) => (
              <option key={phase.code} value={phase.code}>
                {phase.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted">
        {current.length === 0
          ? t("people.routes.currentNone")
          : t("people.routes.current", { stations: current.join(" → ") })}
      </p>
      <div className="field">
        <label htmlFor={codesField}>{t("people.routes.stations")}</label>
        <textarea
          id={codesField}
          className="input textarea"
          rows={3}
          value={codes}
          onChange={(event) => setCodes(event.currentTarget.value)}
        />
      </div>
      {setRoute.isError && (
        <p className="callout callout--danger" role="alert">
          {apiErrorText(setRoute.error, t)}
        </p>
      )}
      {setRoute.isSuccess && (
        <p className="callout callout--info" role="status">
          {t("people.routes.saved", {
            count: setRoute.data.stops.filter((s) => s.phaseCode === phaseCode).length,
          })}
        </p>
      )}
      <div className="people-buttons">
        <button
          type="submit"
          className="button button--primary"
          disabled={teamId === "" || phaseCode === "" || setRoute.isPending}
        >
          {t("people.routes.save")}
        </button>
      </div>
    </form>
  );
}
