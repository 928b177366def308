// Administrators' page of staff accounts: the list, a new account (role in a mission), a password
// reset (a generated password shown once) and disabling or enabling. Observers' accounts come
// with their mission's access codes (deployment page), not from here.
import { useQueries } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import "./accounts.css";
import { api } from "../api/client.ts";
import { queryKeys, useElections } from "../api/queries.ts";
import { useFormat } from "../i18n/format.ts";
import { useSignedInUser } from "../session/session.tsx";
import { apiErrorText } from "../ui/apiError.ts";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { EmptyState, ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import {
  type Account,
  type NewAccount,
  useAccounts,
  useChangeAccount,
  useCreateAccount,
  useResetPassword,
} from "./api.ts";

const STAFF_ROLES = ["coordinator", "analyst", "admin"] as const;

interface MissionChoice {
  readonly id: string;
  readonly label: string;
}

/** Every mission of every election, labelled "election — mission", for the role's mission. */
function useMissionChoices(): MissionChoice[] {
  const format = useFormat();
  const elections = useElections();
  const overviews = useQueries({
    queries: (elections.data ?? []).map((election) => ({
      queryKey: queryKeys.overview(election.id),
      queryFn: () => api.overview(election.id),
    })),
  });
  return overviews.flatMap((overview) =>
    (overview.data?.missions ?? []).map((mission) => ({
      id: mission.id,
      label: `${format.localized(overview.data?.election.name ?? {}).text} — ${format.localized(mission.name).text}`,
    })),
  );
}

export function AccountsPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  useDocumentTitle(t("accounts.title"));
  if (user.role !== "admin")
    return (
      <EmptyState title={t("accounts.adminsOnlyTitle")}>
        <p>{t("accounts.adminsOnly")}</p>
      </EmptyState>
    );
  return <Accounts />;
}

function Accounts() {
  const { t } = useTranslation();
  const accounts = useAccounts();
  const missions = useMissionChoices();
  const [shownPassword, setShownPassword] = useState<{ username: string; password: string } | null>(null);

  return (
    <div className="page accounts-stack">
      <header className="page-header">
        <p className="eyebrow">{t("accounts.eyebrow")}</p>
        <h1>{t("accounts.title")}</h1>
        <p className="muted">{t("accounts.intro")}</p>
      </header>
      {shownPassword !== null && (
        <section
          className="callout callout--warning"
          aria-live="polite"
          aria-label={t("accounts.passwordOnce")}
        >
          <p>{t("accounts.passwordFor", { username: shownPassword.username })}</p>
          <p>
            <code className="secret">{shownPassword.password}</code>
          </p>
          <p>{t("accounts.passwordOnce")}</p>
          <button type="button" className="button button--secondary" onClick={() => setShownPassword(null)}>
            {t("accounts.passwordNoted")}
          </button>
        </section>
      )}
      <CreateAccount missions={missions} onPassword={setShownPassword} />
      {accounts.isPending ? (
        <LoadingPanel />
      ) : accounts.isError ? (
        <ErrorPanel error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <AccountTable accounts={accounts.data} missions={missions} onPassword={setShownPassword} />
      )}
    </div>
  );
}

function CreateAccount({
  missions,
  onPassword,
}: {
  missions: readonly MissionChoice[];
  onPassword: (shown: { username: string; password: string }) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateAccount();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<(typeof STAFF_ROLES)[number]>("coordinator");
  const [missionId, setMissionId] = useState("");

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const account: NewAccount = {
      username,
      role,
      missionId: role === "admin" ? null : missionId,
      ...(displayName.trim() === "" ? {} : { displayName }),
    };
    create.mutate(account, {
      onSuccess: (created) => {
        if (created.password !== undefined)
          onPassword({ username: created.account.username, password: created.password });
        setUsername("");
        setDisplayName("");
      },
    });
  };

  return (
    <section className="card" aria-labelledby="new-account-title">
      <h2 id="new-account-title">{t("accounts.newTitle")}</h2>
      {create.isError && (
        <p className="callout callout--danger" role="alert">
          {apiErrorText(create.error, t)}
        </p>
      )}
      <form className="form accounts-form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="account-username">{t("signIn.username")}</label>
          <input
            id="account-username"
            className="input"
            required
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="account-name">{t("accounts.displayName")}</label>
          <input
            id="account-name"
            className="input"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="account-role">{t("accounts.role")}</label>
          <select
            id="account-role"
            className="input"
            value={role}
            onChange={(event) => setRole(event.target.value as (typeof STAFF_ROLES)[number])}
          >
            {STAFF_ROLES.map((choice) => (
              <option key={choice} value={choice}>
                {t(`role.${choice}`)}
              </option>
            ))}
          </select>
        </div>
        {role !== "admin" && (
          <div className="field">
            <label htmlFor="account-mission">{t("accounts.mission")}</label>
            <select
              id="account-mission"
              className="input"
              required
              value={missionId}
              onChange={(event) => setMissionId(event.target.value)}
            >
              <option value="">{t("accounts.chooseMission")}</option>
              {missions.map((mission) => (
                <option key={mission.id} value={mission.id}>
                  {mission.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t("accounts.create")}
        </button>
      </form>
      <p className="muted">{t("accounts.generatedHint")}</p>
    </section>
  );
}

function AccountTable({
  accounts,
  missions,
  onPassword,
}: {
  accounts: readonly Account[];
  missions: readonly MissionChoice[];
  onPassword: (shown: { username: string; password: string }) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSignedInUser();
  const change = useChangeAccount();
  const reset = useResetPassword();
  const missionLabel = new Map(missions.map((mission) => [mission.id, mission.label]));
  const problem = change.error ?? reset.error;

  return (
    <section aria-labelledby="accounts-list-title">
      <h2 id="accounts-list-title">{t("accounts.listTitle")}</h2>
      {problem !== null && (
        <p className="callout callout--danger" role="alert">
          {apiErrorText(problem, t)}
        </p>
      )}
      <div className="table-wrap">
        <table className="table table--stack">
          <caption className="visually-hidden">{t("accounts.listTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("signIn.username")}</th>
              <th scope="col">{t("accounts.displayName")}</th>
              <th scope="col">{t("accounts.role")}</th>
              <th scope="col">{t("accounts.mission")}</th>
              <th scope="col">{t("accounts.status")}</th>
              <th scope="col">{t("accounts.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id}>
                <td data-label={t("signIn.username")}>{account.username}</td>
                <td data-label={t("accounts.displayName")}>{account.displayName}</td>
                <td data-label={t("accounts.role")}>{t(`role.${account.role}`)}</td>
                <td data-label={t("accounts.mission")}>
                  {account.missionId === null
                    ? "—"
                    : (missionLabel.get(account.missionId) ?? account.missionId)}
                </td>
                <td data-label={t("accounts.status")}>
                  {account.disabled
                    ? t("accounts.disabled")
                    : account.lockedUntil !== null && Date.parse(account.lockedUntil) > Date.now()
                      ? t("accounts.lockedUntil", { time: format.dateTime(account.lockedUntil) })
                      : t("accounts.active")}
                </td>
                <td data-label={t("accounts.actions")}>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={reset.isPending}
                      onClick={() =>
                        reset.mutate(account.id, {
                          onSuccess: ({ password }) => {
                            if (password !== undefined) onPassword({ username: account.username, password });
                          },
                        })
                      }
                    >
                      {t("accounts.resetPassword")}
                    </button>
                    {account.id !== me.id && (
                      <button
                        type="button"
                        className="button"
                        disabled={change.isPending}
                        onClick={() =>
                          change.mutate({ id: account.id, change: { disabled: !account.disabled } })
                        }
                      >
                        {account.disabled ? t("accounts.enable") : t("accounts.disable")}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
