// The page of the one-time setup link `serve` prints while the server has no administrator:
// `/setup#<token>`. The token stays in the address's fragment, which the browser never sends.

import { PASSWORD_MIN_LENGTH } from "@scrutiny/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../api/client.ts";
import { LanguageSwitcher } from "../shell/LanguageSwitcher.tsx";
import { Logo } from "../shell/Logo.tsx";
import { apiErrorText } from "../ui/apiError.ts";
import { useDocumentTitle } from "../ui/documentTitle.ts";
import { useCreateFirstAdmin } from "./api.ts";
import { emptyNewPassword, mismatched, NewPasswordFields } from "./NewPasswordFields.tsx";

export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("setup.title"));
  const token = window.location.hash.slice(1);
  const create = useCreateFirstAdmin();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState(emptyNewPassword);
  const mismatch = mismatched(password);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch || create.isPending) return;
    create.mutate({ token, username: username.trim(), password: password.password });
  };

  const error = create.error;
  const message =
    error === null
      ? undefined
      : isApiError(error, 403)
        ? t("setup.invalidLink")
        : isApiError(error, 409)
          ? t("setup.done")
          : apiErrorText(error, t);

  return (
    <div className="auth">
      <header className="auth__top">
        <span className="brand">
          <Logo />
          <span className="brand__name">{t("app.name")}</span>
        </span>
        <LanguageSwitcher />
      </header>
      <main id="main" className="auth__main">
        <div className="card auth__card">
          <h1 className="auth__title">{t("setup.title")}</h1>
          {create.isSuccess ? (
            <>
              <p className="callout callout--info" role="status">
                {t("setup.created", { username: create.data.account.username })}
              </p>
              <Link to="/sign-in" className="button button--primary button--block">
                {t("signIn.submit")}
              </Link>
            </>
          ) : token === "" ? (
            <p className="callout callout--danger" role="alert">
              {t("setup.invalidLink")}
            </p>
          ) : (
            <>
              <p className="muted">{t("setup.intro", { min: PASSWORD_MIN_LENGTH })}</p>
              {message !== undefined && (
                <p className="callout callout--danger" role="alert">
                  {message}
                </p>
              )}
              <form className="form" onSubmit={onSubmit}>
                <div className="field">
                  <label htmlFor="setup-username">{t("signIn.username")}</label>
                  <input
                    id="setup-username"
                    className="input"
                    autoComplete="username"
                    autoCapitalize="none"
                    spellCheck={false}
                    required
                    value={username}
                    onChange={(event) => setUsername(event.target.value)}
                  />
                </div>
                <NewPasswordFields label={t("signIn.password")} value={password} onChange={setPassword} />
                <button
                  type="submit"
                  className="button button--primary button--block"
                  disabled={create.isPending || mismatch}
                >
                  {t("setup.submit")}
                </button>
              </form>
            </>
          )}
        </div>
      </main>
    </div>
  );
}
