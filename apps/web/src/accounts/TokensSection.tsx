// The user's API tokens on their account page: the list (scope, expiry, status), a form to create
// one with a scope and an expiry (its secret shown once), and revoking.
import { TOKEN_SCOPES, type TokenScope } from "@scrutiny/contract";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format.ts";
import { apiErrorText } from "../ui/apiError.ts";
import { ErrorPanel, LoadingPanel } from "../ui/status.tsx";
import { useCreateToken, useOwnTokens, useRevokeToken } from "./api.ts";

const DEFAULT_DAYS = 90;
const MAX_DAYS = 365;

export function TokensSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useOwnTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<TokenScope>("submit");
  const [days, setDays] = useState(String(DEFAULT_DAYS));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), scope, expiresInDays: Number(days) },
      { onSuccess: () => setName("") },
    );
  };

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t("account.tokensTitle")}</h2>
      <p className="muted">{t("account.tokensHint")}</p>
      <div aria-live="polite">
        {create.isSuccess && (
          <div className="callout callout--info" role="status">
            <p>{t("account.tokenCreated", { name: create.data.name })}</p>
            <code className="token-secret" data-testid="token-secret">
              {create.data.token}
            </code>
          </div>
        )}
        {(create.error ?? revoke.error) && (
          <p className="callout callout--danger" role="alert">
            {apiErrorText(create.error ?? revoke.error, t)}
          </p>
        )}
      </div>
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="token-name">{t("account.tokenName")}</label>
          <input
            id="token-name"
            className="input"
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="token-scope">{t("account.tokenScope")}</label>
          <select
            id="token-scope"
            className="select"
            value={scope}
            onChange={(event) => setScope(event.target.value as TokenScope)}
          >
            {TOKEN_SCOPES.map((option) => (
              <option key={option} value={option}>
                {t(`account.scope.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="token-days">{t("account.tokenExpiresIn")}</label>
          <input
            id="token-days"
            className="input"
            type="number"
            min={1}
            max={MAX_DAYS}
            required
            value={days}
            onChange={(event) => setDays(event.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending || name.trim() === ""}
        >
          {t("account.tokenCreate")}
        </button>
      </form>
      {tokens.isPending && <LoadingPanel />}
      {tokens.isError && <ErrorPanel error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.isSuccess && tokens.data.length === 0 && <p className="muted">{t("account.tokenNone")}</p>}
      {tokens.isSuccess && tokens.data.length > 0 && (
        <table className="table" aria-labelledby="tokens-title">
          <thead>
            <tr>
              <th scope="col">{t("account.tokenName")}</th>
              <th scope="col">{t("account.tokenScope")}</th>
              <th scope="col">{t("account.tokenCreatedAt")}</th>
              <th scope="col">{t("account.tokenExpires")}</th>
              <th scope="col">{t("account.tokenStatus")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("account.tokenRevoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{t(`account.scope.${token.scope}`)}</td>
                <td>
                  <time dateTime={token.createdAt}>{format.dateTime(token.createdAt)}</time>
                </td>
                <td>
                  <time dateTime={token.expiresAt}>{format.dateTime(token.expiresAt)}</time>
                </td>
                <td>{t(`account.tokenState.${token.status}`)}</td>
                <td>
                  {token.status === "active" && (
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t("account.tokenRevokeName", { name: token.name })}
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(token.id)}
                    >
                      {t("account.tokenRevoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
