// Teams of two or more observers: the list with members, and a form that creates a team or
// replaces the members of an existing one (by its code).
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { apiErrorText } from "../ui/apiError.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { useObservers, usePutTeam, useTeams } from "./api.ts";

export function Teams({ missionId }: { missionId: string }) {
  const { t } = useTranslation();
  const teams = useTeams(missionId);
  const observers = useObservers(missionId);
  const putTeam = usePutTeam(missionId);
  const [code, setCode] = useState("");
  const [members, setMembers] = useState<ReadonlySet<string>>(new Set());
  const codeId = useId();
  if (teams.isPending || observers.isPending) return <LoadingPanel />;
  if (teams.isError) return <ErrorPanel error={teams.error} onRetry={() => void teams.refetch()} />;
  if (observers.isError)
    return <ErrorPanel error={observers.error} onRetry={() => void observers.refetch()} />;

  const toggle = (id: string, on: boolean) => {
    const next = new Set(members);
    if (on) next.add(id);
    else next.delete(id);
    setMembers(next);
  };
  // Choosing an existing team's code starts from its members, so that a change is a small edit.
  const chooseCode = (value: string) => {
    setCode(value);
    const existing = teams.data.find((team) => team.code === value.trim());
    if (existing !== undefined) setMembers(new Set(existing.members.map((m) => m.id)));
  };
  const ready = code.trim() !== "" && members.size >= 2;

  return (
    <section className="card" aria-labelledby="teams">
      <h2 id="teams" className="card__title">
        {t("people.teams.title", { count: teams.data.length })}
      </h2>
      {teams.data.length === 0 ? (
        <p className="muted">{t("people.teams.none")}</p>
      ) : (
        <ul className="people-teams">
          {teams.data.map((team) => (
            <li key={team.id}>
              <strong>{team.code}</strong>: {team.members.map((m) => `${m.name} (${m.code})`).join(", ")}
            </li>
          ))}
        </ul>
      )}
      <form
        className="people-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          putTeam.mutate(
            { code: code.trim(), observerIds: [...members] },
            {
              onSuccess: () => {
                setCode("");
                setMembers(new Set());
              },
            },
          );
        }}
      >
        <h3>{t("people.teams.formTitle")}</h3>
        <div className="field">
          <label htmlFor={codeId}>{t("people.teams.code")}</label>
          <input
            id={codeId}
            className="input input--short"
            value={code}
            list={`${codeId}-codes`}
            onChange={(event) => chooseCode(event.currentTarget.value)}
          />
          <datalist id={`${codeId}-codes`}>
            {teams.data.map((team) => (
              <option key={team.id} value={team.code} />
            ))}
          </datalist>
        </div>
        <fieldset className="people-members">
          <legend>{t("people.teams.members")}</legend>
          {observers.data.map((observer) => (
            <label key={observer.id} className="checkbox">
              <input
                type="checkbox"
                checked={members.has(observer.id)}
                onChange={(event) => toggle(observer.id, event.currentTarget.checked)}
              />
              {observer.name} ({observer.code})
            </label>
          ))}
        </fieldset>
        {!ready && code.trim() !== "" && <p className="muted">{t("people.teams.twoOrMore")}</p>}
        {putTeam.isError && (
          <p className="callout callout--danger" role="alert">
            {apiErrorText(putTeam.error, t)}
          </p>
        )}
        <div className="people-buttons">
          <button type="submit" className="button button--primary" disabled={!ready || putTeam.isPending}>
            {t("people.teams.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
