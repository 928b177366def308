// Every user's own account: change the password (the current one required; the server ends the
// user's other sessions), their API tokens, and sign out everywhere.

import { PASSWORD_MIN_LENGTH } from "@scrutiny/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import "./accounts.css";
import { isApiError } from "../api/client.ts";
import { useSignedInUser } from "../session/session.tsx";
import { apiErrorText } from "../ui/apiError.ts";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { useChangeOwnPassword, useSignOutEverywhere } from "./api.ts";
import { emptyNewPassword, mismatched, NewPasswordFields } from "./NewPasswordFields.tsx";
import { TokensSection } from "./TokensSection.tsx";

export function MyAccountPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  useDocumentTitle(t("account.title"));
  return (
    <div className="page accounts-stack">
      <header className="page-header">
        <p className="eyebrow">{t(`role.${user.role}`)}</p>
        <h1>{t("account.title")}</h1>
        <p className="muted">{t("account.signedInAs", { username: user.username })}</p>
      </header>
      <ChangePassword />
      <TokensSection />
      <SignOutEverywhere />
    </div>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const change = useChangeOwnPassword();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState(emptyNewPassword);
  const mismatch = mismatched(next);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch || next.password.length < PASSWORD_MIN_LENGTH) return;
    change.mutate(
      { currentPassword: current, newPassword: next.password },
      {
        onSuccess: () => {
          setCurrent("");
          setNext(emptyNewPassword);
        },
      },
    );
  };

  const error = change.error;
  const message =
    error === null
      ? undefined
      : isApiError(error, 403)
        ? t("account.wrongCurrent")
        : isApiError(error, 429)
          ? t("signIn.tooMany")
          : apiErrorText(error, t);

  return (
    <section className="card" aria-labelledby="change-password-title">
      <h2 id="change-password-title">{t("account.changePassword")}</h2>
      <p className="muted">{t("account.changePasswordHint", { min: PASSWORD_MIN_LENGTH })}</p>
      <div aria-live="polite">
        {change.isSuccess && (
          <p className="callout callout--info" role="status">
            {t("account.passwordChanged", { count: change.data.endedSessions })}
          </p>
        )}
        {message !== undefined && (
          <p className="callout callout--danger" role="alert">
            {message}
          </p>
        )}
      </div>
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="current-password">{t("account.currentPassword")}</label>
          <input
            id="current-password"
            type="password"
            className="input"
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </div>
        <NewPasswordFields label={t("account.newPassword")} value={next} onChange={setNext} />
        <button type="submit" className="button button--primary" disabled={change.isPending || mismatch}>
          {change.isPending ? t("account.saving") : t("account.changePassword")}
        </button>
      </form>
    </section>
  );
}

function SignOutEverywhere() {
  const { t } = useTranslation();
  const signOut = useSignOutEverywhere();
  return (
    <section className="card" aria-labelledby="sign-out-everywhere-title">
      <h2 id="sign-out-everywhere-title">{t("account.everywhereTitle")}</h2>
      <p className="muted">{t("account.everywhereHint")}</p>
      {signOut.isError && (
        <p className="callout callout--danger" role="alert">
          {apiErrorText(signOut.error, t)}
        </p>
      )}
      <button
        type="button"
        className="button button--secondary"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        {t("account.everywhere")}
      </button>
    </section>
  );
}
