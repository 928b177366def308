import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { isApiError } from "../api/client.ts";
import { useSession, useSignIn } from "../api/queries.ts";
import { safeNextPath } from "../session/session.tsx";
import { LanguageSwitcher } from "../shell/LanguageSwitcher.tsx";
import { Logo } from "../shell/Logo.tsx";
import { apiErrorText } from "../ui/apiError.ts";

function stateField(state: unknown, field: string): unknown {
  return typeof state === "object" && state !== null && field in state
    ? (state as Record<string, unknown>)[field]
    : undefined;
}

export function SignInPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const signIn = useSignIn();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const next = safeNextPath(stateField(location.state, "next"));
  const signedOut = new URLSearchParams(location.search).has("signed-out");

  useEffect(() => {
    document.title = `${t("signIn.title")} · ${t("app.name")}`;
  }, [t]);

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signIn.isPending) return;
    signIn.mutate(
      { username: username.trim(), password },
      {
        onSuccess: () => navigate(next, { replace: true }),
        onError: () => {
          setPassword("");
          passwordRef.current?.focus();
        },
      },
    );
  };

  const error = signIn.error;
  const errorMessage =
    error === null
      ? undefined
      : isApiError(error, 401)
        ? t("signIn.invalid")
        : isApiError(error, 429)
          ? error.code === "account_locked"
            ? t("signIn.locked")
            : t("signIn.tooMany")
          : isApiError(error, 0)
            ? t("signIn.network")
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
          <h1 className="auth__title">{t("signIn.title")}</h1>
          <p className="muted">{t("signIn.intro")}</p>
          {signedOut && errorMessage === undefined && (
            <p className="callout callout--info" role="status">
              {t("signIn.signedOut")}
            </p>
          )}
          <div aria-live="assertive">
            {errorMessage !== undefined && (
              <p id={errorId} className="callout callout--danger" role="alert">
                {errorMessage}
              </p>
            )}
          </div>
          <form className="form" onSubmit={onSubmit}>
            <div className="field">
              <label htmlFor="sign-in-username">{t("signIn.username")}</label>
              <input
                id="sign-in-username"
                name="username"
                className="input"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={username}
                aria-invalid={isApiError(error, 401) || undefined}
                aria-describedby={errorMessage !== undefined ? errorId : undefined}
                onChange={(event) => setUsername(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="sign-in-password">{t("signIn.password")}</label>
              <input
                id="sign-in-password"
                ref={passwordRef}
                name="password"
                type="password"
                className="input"
                autoComplete="current-password"
                required
                value={password}
                aria-invalid={isApiError(error, 401) || undefined}
                aria-describedby={errorMessage !== undefined ? errorId : undefined}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
            <button
              type="submit"
              className="button button--primary button--block"
              disabled={signIn.isPending}
              aria-busy={signIn.isPending || undefined}
            >
              {signIn.isPending ? t("signIn.pending") : t("signIn.submit")}
            </button>
          </form>
        </div>
        <p className="auth__tagline">{t("app.tagline")}</p>
        <p className="auth__tagline">
          <a href="/portal/">{t("signIn.portal")}</a>
        </p>
      </main>
    </div>
  );
}
